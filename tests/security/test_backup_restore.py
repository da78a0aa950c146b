"""A pg_dump of a working desk restores into an empty database with nothing lost.

This is the procedure docs/SECURITY.md gives (pg_dump -Fc, createdb, pg_restore), run for
real: every table, row for row, and every sequence come back identical, and the app reads
the restored desk. The portable copy (the claims CSV, restored into an empty desk) is
tested in tests/factcheck/csvio/test_export_round_trip.py.

PostgreSQL only: it is the production database, and the tools are its own.
"""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from factcheck import services
from factcheck.models import Status
from tests.factories import (
    ClaimFactory,
    CompanyAliasFactory,
    PublishedClaimFactory,
    SourceFactory,
    UserFactory,
    VerdictClaimFactory,
)

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_dump/pg_restore back up the production database, PostgreSQL",
    ),
]


def conninfo(name: str) -> str:
    db = connection.settings_dict
    return f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} dbname={name}"


def admin_sql(sql: str) -> None:
    with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
        admin.execute(sql)


@pytest.fixture
def restore_db():
    name = f"{connection.settings_dict['NAME']}_restore"
    admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
    yield name
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def working_desk():
    """Claims in every state, with sources, aliases, a correction and their history."""
    publisher = UserFactory(username="pia", role="Publisher")
    checker = UserFactory(username="fay", role="Fact-checker")
    ClaimFactory(status=Status.UNVERIFIED, quote="Unverified, with ‘quotes’ and 中文")
    ClaimFactory(status=Status.IN_REVIEW)
    VerdictClaimFactory(status=Status.MISLEADING)
    corrected = PublishedClaimFactory(value=Decimal("2.477e9"), unit="CNY")
    corrected.sources.update(stance="contradicts")
    services.give_verdict(
        claim=corrected,
        reviewer=checker,
        status=Status.INACCURATE,
        corrected_value=Decimal("2.4e9"),
        reason="The filing says RMB 2.4 billion.",
    )
    services.publish_claim(claim=corrected, user=publisher)  # releases the pending change
    SourceFactory(claim=corrected, url="https://example.org/filing")
    CompanyAliasFactory(company=corrected.company, name="Alias Co")
    services.unpublish_claim(claim=PublishedClaimFactory(), user=publisher, reason="Withdrawn.")


def tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
    )
    return [row[0] for row in cursor.fetchall()]


def contents(name: str) -> dict:
    with psycopg.connect(conninfo(name)) as db, db.cursor() as cursor:
        found = {}
        for table in tables(cursor):
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608 - catalogue names
            found[table] = cursor.fetchall()
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        )
        found["sequences"] = sorted(cursor.fetchall())
        return found


def test_pg_dump_restores_into_an_empty_database_with_nothing_lost(
    working_desk, restore_db, tmp_path
):
    source = connection.settings_dict["NAME"]
    connection.close()  # the dump sees everything committed; nothing is held open
    db = connection.settings_dict
    tool = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    dump = tmp_path / "desk.dump"
    subprocess.run(["pg_dump", *tool, "-Fc", "-f", str(dump), source], check=True, timeout=120)
    subprocess.run(["createdb", *tool, restore_db], check=True, timeout=60)
    subprocess.run(
        ["pg_restore", *tool, "--no-owner", "--exit-on-error", "-d", restore_db, str(dump)],
        check=True,
        timeout=120,
    )

    original, restored = contents(source), contents(restore_db)
    assert set(restored) == set(original)
    assert sum(len(rows) for rows in original.values()) > 50  # a desk, not an empty schema
    for table in original:
        assert restored[table] == original[table], table

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{db['PORT'] or 5432}/{restore_db}",
    }
    check = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from factcheck.models import Claim; print(Claim.objects.count(), "
            "Claim.objects.public().count(), Claim.objects.get(status='inaccurate').corrections.count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert check.stdout.strip().splitlines()[-1].split() == ["5", "1", "1"]

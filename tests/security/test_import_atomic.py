"""An import that dies half-way, by an error or by SIGKILL, leaves the desk exactly as it was."""

import io
import os
import signal
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection

from factcheck import services
from factcheck.csvio import importer, writer
from factcheck.models import Claim, Correction, Source
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory, CompanyFactory, PublishedClaimFactory

ROOT = Path(__file__).resolve().parents[2]
ROWS = importer.BATCH_SIZE * 2 + 100  # three batches


def new_rows(n: int) -> list[dict]:
    return [
        {
            "company": "Lumen Robotics",
            "quote": f"Imported figure {i}",
            "metric": "revenue",
            "value": f"${i + 1} million",
            "as_of": "2024-06-30",
            "status": "unverified",
            "sources": f"https://example.org/{i}",
        }
        for i in range(n)
    ]


def state() -> dict:
    return {
        "claims": sorted(Claim.objects.values_list("pk", "quote", "status", "version")),
        "sources": Source.objects.count(),
        "claim_history": Claim.history.count(),
        "source_history": Source.history.count(),
        "corrections": Correction.objects.count(),
    }


class Killed(Exception):
    pass


def fail_on_call(target, name: str, call: int):
    """Patch `target.name` to run normally until its `call`-th call, which raises Killed."""
    original = getattr(target, name)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == call:
            raise Killed(f"{name} call {call}")
        return original(*args, **kwargs)

    return mock.patch.object(target, name, failing)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "where",
    [
        pytest.param((writer.ClaimWriter, "write", 2), id="between-batches"),
        pytest.param((writer.ClaimWriter, "_write_sources", 1), id="inside-the-first-batch"),
        # After every batch: the published claims' pending changes, made by the services.
        pytest.param((services, "revise_claim", 2), id="among-the-pending-changes"),
    ],
)
def test_an_error_part_way_through_writes_nothing(where):
    company = CompanyFactory(name="Lumen Robotics", slug="lumen")
    stored = ClaimFactory(company=company, quote="Stored before the import")
    published = PublishedClaimFactory(company=company)
    other = PublishedClaimFactory(company=company)
    before = state()
    rows = [
        row_for(stored, quote="Changed by the import"),
        row_for(published, period="FY2024"),
        *new_rows(ROWS),
        row_for(other, period="FY2025"),
    ]
    with fail_on_call(*where), pytest.raises(Killed):
        importer.import_claims(io.BytesIO(csv_bytes(*rows)))
    assert state() == before  # no claim, draft, source or history row was left behind
    assert Claim.objects.get(pk=published.pk).is_public
    assert published.pending_change() is None


def run(*args, env, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


@pytest.fixture
def database_url(tmp_path):
    """A database another process can use: the test database on PostgreSQL, a file on SQLite."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "factcheck.settings.test"}
    run("manage.py", "migrate", "--verbosity", "0", env=env, check=True)
    return url


COUNT = "from factcheck.models import Claim; print(Claim.objects.count(), Claim.history.count())"


def counts(env) -> list[str]:
    """(claims, claim history rows) in the other process's database."""
    result = run("manage.py", "shell", "--no-imports", "-c", COUNT, env=env, check=True)
    return result.stdout.strip().splitlines()[-1].split()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_killed_import_process_leaves_nothing_and_the_next_run_imports_all(
    database_url, tmp_path
):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings.test",
    }
    run(
        "manage.py",
        "shell",
        "--no-imports",
        "-c",
        "from companies.models import Company; Company.objects.create(name='Lumen Robotics', slug='lumen')",
        env=env,
        check=True,
    )
    path = tmp_path / "claims.csv"
    path.write_bytes(csv_bytes(*new_rows(ROWS)))

    importer = subprocess.Popen(
        [sys.executable, "-m", "tests.security.import_killer", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = importer.stdout.readline()
        assert line.strip() == "batch written", importer.stderr.read()
    finally:
        importer.send_signal(signal.SIGKILL)
        importer.wait(timeout=30)

    assert counts(env) == ["0", "0"]
    again = run("manage.py", "import_claims", str(path), env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert counts(env) == [str(ROWS)] * 2

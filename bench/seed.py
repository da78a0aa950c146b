"""Fill the benchmark database with N realistic claims, fast: `bench/seed.py 1000000`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench .venv/bin/python bench/seed.py N

Empties the desk's tables, then writes companies, articles, claims (with one history row
each, as django-simple-history would), their sources, some corrections and arithmetic
checks, and the pending changes of one published claim in 200 with PostgreSQL's COPY, all
in one transaction. Secondary indexes are dropped before the COPY and built again after it
(one sort per index instead of a million inserts into each; a failure rolls the drop back,
and a `finally` builds any index still missing, whatever ended the seed),
triggers are skipped for the transaction (the rows are consistent by construction, and the
public version is raised once at the end instead of by migration 0013's triggers), and the
tables are VACUUM ANALYZEd at the end so the planner and index-only scans see the real data.
Every NOT NULL column is written explicitly: a column the schema gains stops the seed with
its name (`bench/smoke.sh` seeds 500 claims in seconds, as CI does).

Refuses any database whose name does not contain "bench": it truncates tables.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench import fake  # noqa: E402
from bench.extras import corrections_and_checks, make_users  # noqa: E402
from companies.models import Company, CompanyGroup  # noqa: E402
from factcheck import check_counts, rules, source_counts  # noqa: E402
from factcheck.models import Article, CheckOperand, Claim, Correction, FigureCheck, Source  # noqa: E402
from factcheck.models.claims import ChecksState  # noqa: E402

TABLES = [
    "factcheck_checkoperand",
    "factcheck_figurecheck",
    "factcheck_correction",
    "factcheck_retraction",
    "factcheck_historicalsource",
    "factcheck_source",
    "factcheck_historicalclaim",
    "factcheck_claim",
    "factcheck_article",
    "companies_company_groups",
    "companies_companyalias",
    "companies_company",
    "companies_companygroup",
    "django_admin_log",
    "auth_user_groups",
    "auth_user",
]
CHUNK = 50_000
BIG = ["factcheck_claim", "factcheck_historicalclaim", "factcheck_source"]
# The triggers of migration 0013 are off in replica mode: the seed moves the version itself.
RAISE_PUBLIC_VERSION = (
    "INSERT INTO factcheck_publicversion (id, number) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET number = factcheck_publicversion.number + 1"
)


def say(message: str, started: float) -> None:
    print(f"[{time.monotonic() - started:7.1f}s] {message}", flush=True)


def check_database() -> None:
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        sys.exit(
            f"Refusing to seed {connection.vendor} database {name!r}: seed.py empties tables. "
            "Point DATABASE_URL at a PostgreSQL database whose name contains 'bench', e.g. "
            "createdb -h 127.0.0.1 -U postgres factdesk_bench."
        )


def secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    """(name, CREATE INDEX …) of the indexes on `table` that no constraint owns."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint)",
        [table],
    )
    return cursor.fetchall()


def unnamed_required_columns(cursor, table: str, columns: list[str]) -> list[str]:
    """The NOT NULL columns of `table` that `columns` leaves out (even those with a default)."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = %s AND is_nullable = 'NO' ORDER BY ordinal_position",
        [table],
    )
    return [name for (name,) in cursor.fetchall() if name not in columns]


def copy_rows(cursor, table: str, columns: list[str], rows) -> int:
    """COPY `rows` (tuples in `columns` order) into `table`; refuses a list missing a column."""
    missing = unnamed_required_columns(cursor, table, columns)
    if missing:
        raise SystemExit(
            f"bench/seed.py does not write {table}.{', '.join(missing)} (NOT NULL): the schema "
            "gained columns; add them to the seed's column list (bench/fake.py) with "
            "realistic values rather than leaning on database defaults."
        )
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def claims_and_sources(cursor, rng, n: int, names: list[str], n_articles: int) -> tuple[int, int]:
    """COPY the claims, their history rows and their sources, CHUNK claims at a time; then
    the pending changes of one published claim in fake.DRAFT_EVERY, ids after the rest.

    Chunks keep memory flat at a million claims; each table gets one COPY per chunk.
    """
    claims = copied = 0
    next_source = 1
    drafted: list[tuple[dict, list[tuple]]] = []
    for first in range(1, n + 1, CHUNK):
        rows, source_rows = [], []
        for pk in range(first, min(first + CHUNK, n + 1)):
            row = fake.claim(rng, pk, names, n_articles)
            made = list(fake.sources(rng, row, next_source))
            row.update(stored_fields(row["status"], made))  # as the desk keeps them
            rows.append(row)
            source_rows.extend(made)
            next_source += len(made)
            if fake.wants_draft(row):
                drafted.append((row, made))
        claims += copy_claims(cursor, rows)
        copied += copy_rows(cursor, "factcheck_source", fake.SOURCE_COLUMNS, source_rows)
    drafts, draft_sources = [], []
    for pk, (row, made) in enumerate(drafted, n + 1):
        draft = fake.draft(row, pk)
        drafts.append({**draft, **stored_fields(draft["status"], made)})
        draft_sources += fake.draft_sources(made, pk, next_source)
        next_source += len(made)
    copy_claims(cursor, drafts)
    copy_rows(cursor, "factcheck_source", fake.SOURCE_COLUMNS, draft_sources)
    return claims, copied


def stored_fields(status: str, source_rows: list[tuple]) -> dict:
    """What the write path stores on a claim from its sources (source_counts.derived), from
    the seed's source rows; checks_state is filled in once the checks exist."""
    kind, stance = (fake.SOURCE_COLUMNS.index(name) for name in ("kind", "stance"))
    return {
        "n_sources": len(source_rows),
        "secondary_only": source_counts.secondary_only(status, [row[kind] for row in source_rows]),
        "sources_at_odds": rules.at_odds(status, [row[stance] for row in source_rows]),
        "checks_state": ChecksState.NONE,
    }


def copy_claims(cursor, rows: list[dict]) -> int:
    """COPY claims (dicts) and their creation history rows."""
    columns = fake.CLAIM_COLUMNS
    count = copy_rows(cursor, "factcheck_claim", columns, ([r[c] for c in columns] for r in rows))
    histories = (fake.history_row(row, row["updated_at"]) for row in rows)
    copy_rows(cursor, "factcheck_historicalclaim", fake.HISTORY_COLUMNS, histories)
    return count


def seed(n: int, *, random_seed: int) -> None:
    """Everything in one transaction: if anything fails, the dropped indexes (and the old
    desk) come back with the rollback; nothing can leave the tables without their indexes."""
    started = time.monotonic()
    rng = random.Random(random_seed)
    call_command("migrate", verbosity=0)
    dropped: dict[str, list[tuple[str, str]]] = {}
    try:
        fill(rng, n, dropped, started)
    finally:
        restore_indexes(dropped)  # whatever happened above: no table is left without them
    connection.close()  # VACUUM cannot run inside the transaction block of a cursor
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say("vacuumed and analysed; done", started)


def restore_indexes(dropped: dict[str, list[tuple[str, str]]]) -> None:
    """Build any of the `dropped` indexes that is missing (none after a commit or rollback;
    this guards against whatever else could end the seed between the drop and the build)."""
    if connection.in_atomic_block or not dropped:
        return
    connection.close()  # a fresh connection, whatever state the failed one was left in
    with connection.cursor() as cursor:
        for indexes in dropped.values():
            for _, definition in indexes:
                cursor.execute(
                    definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1).replace(
                        "CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX IF NOT EXISTS ", 1
                    )
                )


def fill(rng, n: int, dropped: dict, started: float) -> None:
    """Empty the desk and COPY a new one in, in one transaction; `dropped` records the
    indexes dropped for the COPY (seed() builds any that is missing afterwards)."""
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own cursor, for COPY
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        make_users()
        cursor.execute("SET LOCAL session_replication_role = replica")  # no triggers per row
        dropped.update({t: secondary_indexes(cursor, t) for t in BIG})
        for indexes in dropped.values():
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        say("emptied; secondary indexes dropped", started)
        n_companies, n_articles = fake.company_count(n), n // 8 + 1
        company_rows = list(fake.companies(rng, n_companies))
        copy_rows(cursor, "companies_company", fake.COMPANY_COLUMNS, company_rows)
        copy_rows(cursor, "factcheck_article", fake.ARTICLE_COLUMNS, fake.articles(rng, n_articles))
        names = [row[1] for row in company_rows]
        claims, source_count = claims_and_sources(cursor, rng, n, names, n_articles)
        say(
            f"copied {claims:,} claims, {source_count:,} sources, {n_companies:,} companies",
            started,
        )
        corrections_and_checks(cursor, rng)
        in_checks = CheckOperand.objects.values_list("claim_id", flat=True)
        stated = FigureCheck.objects.values_list("stated_id", flat=True)
        check_counts.refresh([*in_checks, *stated])  # the claims' stored checks_state
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        for indexes in dropped.values():
            for _, definition in indexes:
                cursor.execute(definition)
        say("indexes built again", started)
        models = [
            Company,
            CompanyGroup,
            Article,
            Claim,
            Source,
            Correction,
            FigureCheck,
            CheckOperand,
        ]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('factcheck_historicalclaim', 'history_id'), "
            "(SELECT coalesce(max(history_id), 1) FROM factcheck_historicalclaim))"
        )
        cursor.execute(RAISE_PUBLIC_VERSION)  # every cached public page is stale now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="how many claims, e.g. 1000000")
    parser.add_argument("--random-seed", type=int, default=7, help="same seed, same desk")
    args = parser.parse_args()
    check_database()
    seed(args.n, random_seed=args.random_seed)


if __name__ == "__main__":
    main()

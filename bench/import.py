"""import_claims against PostgreSQL COPY of the same rows: `bench/import.py [--rows 100000]`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import.py

Makes a throwaway database (`--database`, see csv_bench), writes a claims CSV of N valid
rows (figures as written and plain, all statuses, one or two sources for verdicts), then
measures, each in its own process:

1. COPY of exactly what the import writes — the same rows, in the same columns
   (factcheck/csvio/writer.py: CLAIM_ATTNAMES, SOURCE_ATTNAMES and history_attnames, the
   historical models' columns but their keys), into the same four tables (claims, sources and both history tables) with
   their indexes and triggers, committed as the import commits. The rows are those an
   untimed import wrote first (dumped with COPY TO, then the tables emptied again), so the
   reference cannot drift from what the import does;
2. `import_claims --dry-run` (every row read and validated, nothing written);
3. `import_claims` (validated, then claims, sources and both histories written);
4. the admin's import, as an editor does it: upload and follow the preview's status page
   until it shows the preview, then "Confirm import" and follow it until the import is done,
   through Django's test client against the real admin views (the jobs run in their own
   threads, as under gunicorn), as one superuser (the two-person rule off, as the
   command's system import has none), into emptied tables.

`--rounds N` runs COPY and the import N times, alternating, and takes the best of each (the
machine is shared: noise hits both alike); `--base TREE` adds another tree's import (an
older commit's checkout) to every round, on the same database and file, for a before/after
under the same load. Prints rows/s for each, the import/COPY ratio (target: at least 0.6), the admin's preview,
confirm and both as ratios to the command's import (target: both within 2.5×), and peak
memory (target: under 300 MB for the import and for the admin's two requests). `--smoke` runs every step on 300 rows (seconds; CI runs it
so the script cannot rot). Not a test: run it by hand, figures go in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import csv_bench  # noqa: E402

SMOKE_ROWS = 300


def written_tables() -> list[tuple[str, list[str]]]:
    """(table, columns) the import writes, in its order, with the columns ClaimWriter writes."""
    from factcheck.csvio.writer import CLAIM_ATTNAMES, SOURCE_ATTNAMES, history_attnames
    from factcheck.models import Claim, Source

    tables = [
        (Claim, CLAIM_ATTNAMES),
        (Claim.history.model, history_attnames(Claim)),
        (Source, SOURCE_ATTNAMES),
        (Source.history.model, history_attnames(Source)),
    ]
    written = []
    for model, attnames in tables:
        column = {f.attname: f.column for f in model._meta.concrete_fields}
        written.append((model._meta.db_table, [column[name] for name in attnames]))
    return written


def dump_path(path: str, table: str) -> Path:
    return Path(f"{path}.{table}.copy")


def worker(kind: str, path: str) -> None:
    from django.core.management import call_command

    if kind == "capture":
        call_command("import_claims", path, stdout=io.StringIO())
        dump_written_rows(path)
    elif kind == "copy":
        copy_written_rows(path)
    elif kind == "admin":
        admin_preview_and_confirm(path)
    else:
        options = ["--dry-run"] if kind == "dry-run" else []
        with csv_bench.timed(kind):
            call_command("import_claims", path, *options, stdout=io.StringIO())


def admin_preview_and_confirm(path: str) -> None:
    """Upload the file to the admin's import and follow its preview, then confirm it and
    follow the import, reloading the status page as a browser does; each timed."""
    import re
    import time

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    user = get_user_model().objects.create_superuser("bench-admin", "", "bench-only")
    client = Client()
    client.force_login(user)

    def until_done(response):
        while response.status_code == 302 and "/import/" in response["Location"]:
            page = client.get(response["Location"])
            if b'http-equiv="refresh"' not in page.content:
                return page
            time.sleep(0.5)
        return response

    with csv_bench.timed("admin-preview"), open(path, "rb") as upload:
        page = until_done(
            client.post(
                reverse("admin:factcheck_claim_import"), {"format": "0", "import_file": upload}
            )
        )
    hidden = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.content.decode()))
    if page.status_code != 200 or "import_file_name" not in hidden:
        sys.exit(f"The preview offered no confirmation ({page.status_code}).")
    with csv_bench.timed("admin-confirm"):
        done = until_done(client.post(reverse("admin:factcheck_claim_process_import"), hidden))
    if done.status_code != 302:
        sys.exit(f"The confirmation failed ({done.status_code}).")


def dump_written_rows(path: str) -> None:
    """COPY TO a file per table the rows the import just wrote, in its columns."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table, columns in written_tables():
            query = f"COPY (SELECT {', '.join(columns)} FROM {table} ORDER BY 1) TO STDOUT"  # noqa: S608 - model metadata
            with dump_path(path, table).open("wb") as out, cursor.cursor.copy(query) as copy:
                for chunk in copy:
                    out.write(chunk)


def copy_written_rows(path: str) -> None:
    """COPY the dumped rows back into the (emptied) tables and commit, timed."""
    from django.db import connection, transaction

    with csv_bench.timed("copy"), transaction.atomic(), connection.cursor() as cursor:
        for table, columns in written_tables():
            query = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with dump_path(path, table).open("rb") as dumped, cursor.cursor.copy(query) as copy:
                while chunk := dumped.read(1 << 20):
                    copy.write(chunk)


def empty_written_tables() -> None:
    """Empty the four tables again (TRUNCATE: fresh files and indexes, no dead rows)."""
    from django.db import connection

    tables = ", ".join(table for table, _ in written_tables())
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")


def table_counts() -> dict[str, int]:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for table, _ in written_tables():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - model metadata
            counts[table] = cursor.fetchone()[0]
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_ROWS} rows: does it run?")
    parser.add_argument("--database", default=csv_bench.DB_NAME, help="the throwaway database")
    parser.add_argument("--template", help="copy this migrated empty database (no migrate)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="COPY and import this many times, alternating: best of",
    )
    parser.add_argument(
        "--base",
        type=Path,
        help="another tree (e.g. `git worktree add /tmp/base <commit>`): its import runs in "
        "the same rounds, on the same database and file",
    )
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = csv_bench.bench_database_url(args.database)
    if args.worker:
        if args.worker[0] == "admin":  # one user imports and reviews, as the system does
            os.environ["FACTDESK_TWO_PERSON_RULE"] = "false"
        csv_bench.setup_django(url)
        worker(*args.worker)
        return
    rows = SMOKE_ROWS if args.smoke else args.rows
    csv_bench.recreate_database(url, args.template)
    csv_bench.setup_django(url)
    csv_bench.make_desk()
    path = Path("/tmp") / f"{args.database}-claims-{rows}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(next(csv_bench.claim_rows(1))))
        writer.writeheader()
        writer.writerows(csv_bench.claim_rows(rows))
    print(f"{rows:,} rows, {path.stat().st_size / 1e6:.1f} MB: {path}")
    try:
        report(rows, path, url, args.database, args.rounds, args.base)
    finally:
        for dumped in path.parent.glob(f"{path.name}.*.copy"):
            dumped.unlink()
        path.unlink()
        if not args.keep:
            csv_bench.drop_database(url)


def report(
    rows: int, path: Path, url: str, database: str, rounds: int = 1, base: Path | None = None
) -> None:
    """COPY and the import `rounds` times, alternating (with `base`'s import between them),
    best of the rounds; then the dry run and the admin once."""
    script = [__file__, "--database", database]
    csv_bench.run_worker(script, ["capture", str(path)], url)  # untimed: what COPY copies
    written = table_counts()
    empty_written_tables()
    steps = [("copy", script, "copy"), ("import", script, "import")]
    if base is not None:  # the same step of another tree, on the same database and file
        steps.insert(1, ("base import", [str(base / "bench" / "import.py"), "--database", database], "import"))  # fmt: skip
    timings: dict[str, list[float]] = {label: [] for label, _, _ in steps}
    peaks: dict[str, float] = {}
    for number in range(1, rounds + 1):
        for label, command, kind in steps:
            measured, peaks[label] = csv_bench.run_worker(command, [kind, str(path)], url)
            timings[label].append(float(measured[kind]))
            round_name = f" (round {number})" if rounds > 1 else ""
            print(_line(label, timings[label][-1], rows, peaks[label]) + round_name)
            _check_and_empty(label, written)
    results = {label: min(seconds) for label, seconds in timings.items()}
    for kind in ("dry-run", "admin"):
        measured, peaks[kind] = csv_bench.run_worker(script, [kind, str(path)], url)
        if kind == "dry-run":
            results[kind] = float(measured[kind])
            print(_line(kind, results[kind], rows, peaks[kind]))
            continue
        results.update({step: float(seconds) for step, seconds in measured.items()})
        for step in ("admin-preview", "admin-confirm"):
            print(f"{step:>14}: {results[step]:7.2f} s")
        print(f"{'admin':>14}: peak {peaks[kind]:5.0f} MB")
    if table_counts() != written:
        sys.exit(f"The admin wrote {table_counts()}, the first import {written}")
    print(", ".join(f"{table} {count:,}" for table, count in written.items()))
    best = f" (best of {rounds})" if rounds > 1 else ""
    if base is not None:
        print(f"base import / COPY = {results['copy'] / results['base import']:.2f}{best}")
    print(f"import / COPY = {results['copy'] / results['import']:.2f}{best} (target ≥ 0.6)")
    command = results["import"]
    preview, confirm = results["admin-preview"], results["admin-confirm"]
    print(
        f"admin / import_claims: preview {preview / command:.2f}, confirm {confirm / command:.2f}, "
        f"preview + confirm {(preview + confirm) / command:.2f} (target ≤ 2.5)"
    )


def _line(label: str, seconds: float, rows: int, peak: float) -> str:
    return f"{label:>14}: {seconds:7.2f} s  {rows / seconds:9,.0f} rows/s  peak {peak:5.0f} MB"


def _check_and_empty(label: str, written: dict[str, int]) -> None:
    """Each writing step must write what the first import wrote; then the tables are
    emptied (and vacuumed) for the next."""
    from django.db import connection

    if table_counts() != written:
        sys.exit(f"{label} wrote {table_counts()}, the first import {written}")
    empty_written_tables()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()

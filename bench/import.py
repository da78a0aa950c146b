"""import_claims against PostgreSQL COPY on the same rows: `bench/import.py [--rows 100000]`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import.py

Makes a throwaway database (see csv_bench), writes a claims CSV of N valid rows (figures as
written and plain, all statuses, one or two sources for verdicts), then measures, each in its
own process:

1. COPY of the same claims, already resolved to column values, into factcheck_claim (the
   bytes are prepared beforehand, so this is the server's own time; rolled back after);
2. `import_claims --dry-run` (every row read and validated, nothing written);
3. `import_claims` (validated, then claims, sources and both histories written).

Prints rows/s for each, the import/COPY ratio (target: at least 0.25) and the import's peak
memory (target: under 300 MB). Not a test: run it by hand, figures go in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import csv_bench  # noqa: E402


def worker(kind: str, path: str) -> None:
    from django.core.management import call_command

    if kind == "copy":
        copy_same_rows(path)
    else:
        options = ["--dry-run"] if kind == "dry-run" else []
        with csv_bench.timed(kind):
            call_command("import_claims", path, *options, stdout=io.StringIO())


def copy_same_rows(path: str) -> None:
    """COPY the file's claims, resolved as the import resolves them, then roll back."""
    from django.db import connection, transaction
    from django.utils import timezone

    from factcheck import fx
    from factcheck.csv_reader import read_rows
    from factcheck.csv_rows import RowParser
    from factcheck.csv_writer import CONTENT_ATTNAMES

    copy_columns = [*CONTENT_ATTNAMES, "usd_value", "created_at", "updated_at", "version"]

    parser, usd, now = RowParser(), fx.UsdConverter(), timezone.now()
    rows = []
    with open(path, "rb") as binary:
        for row in map(parser.parse, read_rows(binary)):
            usd_value = usd.to_usd(row.value, row.unit, row.as_of)
            rows.append((*(getattr(row, c) for c in CONTENT_ATTNAMES), usd_value, now, now, 1))
    columns = ", ".join(copy_columns)
    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor
        raw.execute(
            f"CREATE TEMP TABLE bench_rows ON COMMIT DROP AS SELECT {columns} "
            "FROM factcheck_claim WITH NO DATA"
        )
        with raw.copy(f"COPY bench_rows ({columns}) FROM STDIN") as copy:
            for values in rows:
                copy.write_row(values)
        data = bytearray()
        with raw.copy(f"COPY bench_rows ({columns}) TO STDOUT") as copy:
            for chunk in copy:
                data += chunk
        with csv_bench.timed("copy"), raw.copy(f"COPY factcheck_claim ({columns}) FROM STDIN") as copy:  # fmt: skip
            for start in range(0, len(data), 1 << 20):
                copy.write(data[start : start + (1 << 20)])
        transaction.set_rollback(True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = csv_bench.bench_database_url()
    if args.worker:
        csv_bench.setup_django(url)
        worker(*args.worker)
        return
    csv_bench.recreate_database(url)
    csv_bench.setup_django(url)
    csv_bench.make_desk()
    path = Path("/tmp") / f"factdesk-bench-claims-{args.rows}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(next(csv_bench.claim_rows(1))))
        writer.writeheader()
        writer.writerows(csv_bench.claim_rows(args.rows))
    print(f"{args.rows:,} rows, {path.stat().st_size / 1e6:.1f} MB: {path}")
    try:
        report(args.rows, path, url)
    finally:
        path.unlink()
        if not args.keep:
            csv_bench.drop_database(url)


def report(rows: int, path: Path, url: str) -> None:
    from django.db import connection

    from factcheck.models import Claim, Source

    results = {}
    for kind in ("copy", "dry-run", "import"):
        measured, peak = csv_bench.run_worker(__file__, [kind, str(path)], url)
        seconds = float(measured[kind])
        results[kind] = rows / seconds
        print(f"{kind:>8}: {seconds:7.2f} s  {rows / seconds:9,.0f} rows/s  peak {peak:5.0f} MB")
        if kind == "copy":
            with connection.cursor() as cursor:  # the rolled-back COPY left dead rows
                cursor.execute("VACUUM ANALYZE factcheck_claim")
    assert Claim.objects.count() == rows, "the import did not write every row"
    print(f"claims {Claim.objects.count():,}, sources {Source.objects.count():,}, "
          f"history rows {Claim.history.count() + Source.history.count():,}")  # fmt: skip
    ratio = results["import"] / results["copy"]
    print(f"import / COPY = {ratio:.2f} (target ≥ 0.25)")


if __name__ == "__main__":
    main()

"""export_claims against a bare csv.writer and PostgreSQL COPY TO on the same claims.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench_1m .venv/bin/python bench/export.py

Reads a database that bench/seed.py filled (it only reads: nothing is written). Each way of
writing every claim to a CSV file runs in its own process, so its peak memory (os.wait4) is
its own:

1. `bare`: csv.writer over `values_list(<the export's columns>).iterator()`: the floor a
   Django export can hope for (no sources, no neutralising, no formatting);
2. `export_claims -o FILE`: the real command, sources and formula-safe cells included;
3. `COPY … TO STDOUT`: PostgreSQL writing the same columns itself, the limit.

Prints rows/s and peak memory for each and the command's ratio to the bare writer (targets:
at least 0.8, and under 150 MB at a million claims). Not a test: figures go in
docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import csv_bench  # noqa: E402

KINDS = ("bare", "command", "copy")


def worker(kind: str, path: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    from factcheck.csvio.columns import VALUE_FIELDS
    from factcheck.models import Claim

    with csv_bench.timed(kind):
        if kind == "command":
            call_command("export_claims", "-o", path, stderr=io.StringIO())
        elif kind == "bare":
            with open(path, "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                rows = Claim.objects.order_by("pk").values_list(*VALUE_FIELDS)
                writer.writerows(rows.iterator(chunk_size=5000))
        else:
            sql, params = (
                Claim.objects.order_by("pk").values_list(*VALUE_FIELDS).query.sql_with_params()
            )
            with connection.cursor() as cursor, open(path, "wb") as out:
                query = cursor.cursor.mogrify(sql, params)
                with cursor.cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy:
                    for data in copy:
                        out.write(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if args.worker:
        csv_bench.setup_django(url)
        worker(*args.worker)
        return
    if not url.startswith("postg") or "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Point DATABASE_URL at a PostgreSQL database that bench/seed.py filled.")
    csv_bench.setup_django(url)
    from factcheck.models import Claim

    rows = Claim.objects.count()
    print(f"{rows:,} claims in {url.rsplit('/', 1)[-1]}")
    speed = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in KINDS:
            path = Path(tmp) / f"{kind}.csv"
            measured, peak = csv_bench.run_worker(__file__, [kind, str(path)], url)
            seconds = float(measured[kind])
            speed[kind] = rows / seconds
            size = path.stat().st_size / 1e6
            print(f"{kind:>8}: {seconds:7.2f} s  {speed[kind]:9,.0f} rows/s  "
                  f"peak {peak:5.0f} MB  file {size:6.1f} MB")  # fmt: skip
            path.unlink()
    print(
        f"export_claims / bare csv.writer = {speed['command'] / speed['bare']:.2f} (target ≥ 0.8)"
    )
    print(f"export_claims / COPY TO = {speed['command'] / speed['copy']:.2f}")


if __name__ == "__main__":
    main()

"""This process's CPU time per public page: the figure a busy, shared machine disturbs least.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench_100k .venv/bin/python bench/cpu.py [WORD…]

Wall-clock medians (bench/pages.py) move with whatever else the machine runs; the CPU time
the Django process spends on a request (time.process_time: templates, Python, psycopg, but
not the wait for PostgreSQL) moves far less, so two trees measured one after the other can
be compared when the machine is shared. Each page of bench/targets.py (or those whose label
holds one of the WORDs) is requested 3 times to warm up, then `--requests` times with the
page cache off; prints the median CPU ms and the median SQL ms the client waited (Django's
own query log, millisecond resolution). `--smoke`: 2 requests per page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.targets import pages  # noqa: E402


def measure(client: Client, url: str, requests: int) -> tuple[float, float]:
    """Median CPU ms and median SQL ms of `requests` requests of `url`."""
    cpu, sql = [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as queries:
            started = time.process_time()
            response = client.get(url)
            cpu.append((time.process_time() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}; the figures would be wrong.")
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    return statistics.median(cpu), statistics.median(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("words", nargs="*", help="only the pages whose label holds one")
    parser.add_argument("--requests", type=int, default=25)
    parser.add_argument("--smoke", action="store_true", help="2 requests per page")
    args = parser.parse_args()
    targets, claims = pages()
    client = Client()
    print(f"{claims:,} claims; {connection.settings_dict['NAME']}; medians, page cache off")
    print(f"{'page':<44} {'cpu ms':>8} {'sql ms':>8}")
    with override_settings(FACTDESK_PAGE_CACHE_SECONDS=0):
        for label, url in targets:
            if args.words and not any(word in label for word in args.words):
                continue
            measure(client, url, 3)
            cpu, sql = measure(client, url, 2 if args.smoke else args.requests)
            print(f"{label:<44} {cpu:>8.1f} {sql:>8.1f}")


if __name__ == "__main__":
    main()

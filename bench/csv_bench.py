"""What bench/import.py and bench/export.py share: a throwaway database, a desk, claims CSV rows.

Each benchmark makes its own PostgreSQL database (`factdesk_csv_bench` by default, on the
server that DATABASE_URL names), migrates it, runs, and drops it, so it never touches
anyone's data; give two runs at once different names.
The measured work runs in a child process (`--worker …`), so that its peak memory (from
os.wait4) is its own and nothing of the set-up's.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "factdesk_csv_bench"


def bench_database_url(name: str = DB_NAME) -> str:
    """DATABASE_URL with the database name replaced by the benchmark's own."""
    url = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    if not url.scheme.startswith("postg"):
        sys.exit("The benchmark needs PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    return urlunsplit(url._replace(path=f"/{name}"))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("CACHE_URL", "locmemcache://csv-bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def database_name(database_url: str) -> str:
    return urlsplit(database_url).path.lstrip("/")


def recreate_database(database_url: str, template: str | None = None) -> None:
    """Drop and create the benchmark database, then migrate it (in a child process); or
    copy `template`, a migrated empty database (bench/smoke.sh migrates once for all)."""
    import psycopg

    name = database_name(database_url)
    server = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copied = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copied}')
    if template:
        return
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    env.setdefault("CACHE_URL", "locmemcache://csv-bench")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)


def drop_database(database_url: str) -> None:
    import psycopg

    name = database_name(database_url)
    server = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_worker(script: str | list[str], args: list[str], database_url: str) -> tuple[dict, float]:
    """Run `script [its options] --worker …` as a child; its printed `key=value` results and
    peak RSS (MB)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [script] if isinstance(script, str) else script
    process = subprocess.Popen(
        [sys.executable, *command, "--worker", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,  # fmt: skip
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"The worker failed:\n{output}")
    results = dict(line.split("=", 1) for line in output.splitlines() if "=" in line)
    return results, usage.ru_maxrss / 1024


def make_desk(companies: int = 60) -> None:
    """Companies with aliases, one article and a year of FX rates for the currencies used."""
    from companies.models import Company, CompanyAlias
    from factcheck.models import Article, FxRate

    made = Company.objects.bulk_create(
        Company(name=f"Bench Company {n}", slug=f"bench-company-{n}") for n in range(companies)
    )
    CompanyAlias.objects.bulk_create(
        CompanyAlias(company=company, name=f"BC{n}") for n, company in enumerate(made)
    )
    Article.objects.create(title="Bench article", slug="bench-article")
    start = dt.date(2024, 1, 1)
    FxRate.objects.bulk_create(
        FxRate(currency=code, date=start + dt.timedelta(days=day), per_eur=Decimal(rate))
        for code, rate in (("USD", "1.08"), ("CNY", "7.8"), ("HKD", "8.4"))
        for day in range(366)
    )


FIGURES = [
    ("valuation", "${n} billion", "", "USD"),
    ("funding", "RMB {n}.477 billion", "", "CNY"),
    ("share_price", "HK${n}.7", "", "HKD"),
    ("change", "{n}%", "", "%"),
    ("compute", "{n},000", "GPUs", "GPUs"),
    ("revenue", "{n}000000", "USD", "USD"),
    ("net_loss", "{n}500000.5", "CNY", "CNY"),
]
STATUSES = ["unverified", "in_review", "verified", "inaccurate", "misleading", "unverifiable"]


def claim_rows(count: int, seed: int = 7):
    """`count` valid claims CSV rows (dicts), a realistic mix of figures, statuses and sources."""
    pick = random.Random(seed)
    for n in range(count):
        metric, value, unit, _ = FIGURES[n % len(FIGURES)]
        status = STATUSES[n % len(STATUSES)]
        number = pick.randint(1, 900)
        verdict = status not in ("unverified", "in_review")
        sources = [f"https://news{k}.example.com/story/{n}" for k in range(1 + n % 2)]
        yield {
            "article": "bench-article" if n % 3 else "",
            "company": f"Bench Company {n % 60}" if n % 4 else f"BC{n % 60}",
            "quote": f"Claim {n}: the company reported {value.format(n=number)} for the period, "
            "the article says.",
            "metric": metric,
            "value": value.format(n=number),
            "unit": unit,
            "qualifier": "about" if n % 5 == 0 else "",
            "as_of": (dt.date(2024, 1, 1) + dt.timedelta(days=n % 366)).isoformat(),
            "period": "FY2024" if n % 2 else "",
            "status": status,
            "note": "Checked against the filing." if verdict else "",
            "corrected_value": str(number + 1) if status == "inaccurate" else "",
            "sources": " | ".join(sources) if verdict else "",
        }


def timed(label: str):
    """print(label=seconds) around a block, for the parent to read."""

    class Timer:
        def __enter__(self):
            self.started = time.perf_counter()
            return self

        def __exit__(self, *exc):
            self.seconds = time.perf_counter() - self.started
            print(f"{label}={self.seconds:.3f}", flush=True)

    return Timer()

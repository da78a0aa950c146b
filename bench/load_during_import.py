"""Public pages under load while 100,000 claims are imported: zero 5xx, latency recorded.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/load_during_import.py \
        [--rows 100000] [--clients 4] [--max-seconds 900] [--record docs/PERFORMANCE.md]

Makes a throwaway database (`factdesk_load_bench`) with a few thousand published claims,
serves it with gunicorn (2 workers, production's middleware, on loopback), and starts
`import_claims` on a CSV of ROWS new claims. While the import runs, CLIENTS threads request
a mix of public pages (lists, search, a claim, companies, the API, the feed, a filtered CSV)
as fast as they are answered. Loopback only; it stops when the import ends, or at
--max-seconds whatever happens, then drops the database.

Prints requests, requests/s, status counts and p50/p95/p99/max latency, overall and per
page; with --record, writes them into its own section of docs/PERFORMANCE.md. Exits 1 if
any answer was a 5xx or a connection failed, or if the import failed. `--smoke` imports 300
rows into a desk of 200 claims (seconds; CI runs it so the script cannot rot).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import csv_bench  # noqa: E402

DB_NAME = "factdesk_load_bench"
PUBLISHED = 3000
SMOKE = {"rows": 300, "published": 100, "max_seconds": 120}
PAGES = {
    "home": "/",
    "claims": "/claims/",
    "claims p7": "/claims/?page=7",
    "search": "/claims/?q=filing",
    "filtered": "/claims/?metric=valuation&sort=-usd",
    "claim": "/claims/{pk}/",
    "companies": "/companies/",
    "company": "/companies/{company}/",
    "api": "/api/claims/?page=3",
    "feed": "/feed/",
    "csv": "/claims.csv?company={company}",
}
SECTION_START = "<!-- load-during-import:start -->"
SECTION_END = "<!-- load-during-import:end -->"


def server_sql(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(
        urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True
    ) as db:
        db.execute(sql)


def child_env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "CACHE_URL": "locmemcache://load-bench",
    }


def prepare(url: str, published: int, template: str | None) -> None:
    """Create and migrate the database (or copy `template`, a migrated empty one), then
    publish `published` claims (in a child process)."""
    name = csv_bench.database_name(url)
    server_sql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server_sql(url, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    env = child_env(url)
    if not template:
        migrate = [sys.executable, "manage.py", "migrate", "-v0"]
        subprocess.run(migrate, cwd=ROOT, env=env, check=True)
    seed = [sys.executable, __file__, "--worker-seed", "--published", str(published)]
    subprocess.run(seed, cwd=ROOT, env=env, check=True)


def seed_worker(published: int) -> None:
    """The desk the readers see: companies, FX rates and `published` published verdicts."""
    csv_bench.setup_django(os.environ["DATABASE_URL"])
    import io

    from django.utils import timezone

    from factcheck.csvio import importer
    from factcheck.models import Claim, Status

    csv_bench.make_desk()
    data = io.StringIO()
    rows = [row for row in csv_bench.claim_rows(published * 2, seed=3)]
    writer = csv.DictWriter(data, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    report = importer.import_claims(io.BytesIO(data.getvalue().encode()))
    assert report.ok, report.summary()
    # Publishing through the services one by one would take minutes; the bench only reads.
    Claim.objects.filter(status__in=Status.verdicts()).update(published_at=timezone.now())


def write_import_file(path: Path, rows: int) -> None:
    generated = csv_bench.claim_rows(rows, seed=11)
    first = next(generated)
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(first))
        writer.writeheader()
        writer.writerow({**first, "quote": "Imported under load: " + first["quote"]})
        for row in generated:
            writer.writerow({**row, "quote": "Imported under load: " + row["quote"]})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "factcheck.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=child_env(url),
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    sys.exit("gunicorn did not answer /healthz within a minute")


def public_targets(url: str) -> tuple[list[int], list[str]]:
    """The ids of the public claims, and the slugs of the companies that have one."""
    import psycopg

    public = (
        "published_at IS NOT NULL AND status IN "
        "('verified', 'inaccurate', 'misleading', 'unverifiable')"
    )
    with psycopg.connect(url) as db:
        ids = db.execute(f"SELECT id FROM factcheck_claim WHERE {public}").fetchall()
        slugs = db.execute(
            "SELECT DISTINCT c.slug FROM companies_company c JOIN factcheck_claim f "
            f"ON f.company_id = c.id WHERE {public}"
        ).fetchall()
    return [row[0] for row in ids], [row[0] for row in slugs]


class Load:
    """CLIENTS threads requesting public pages until `stop` is set; every answer recorded."""

    def __init__(self, base: str, targets: tuple[list[int], list[str]], clients: int):
        self.base, self.clients = base, clients
        self.ids, self.companies = targets
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter = Counter()
        self.failures: list[str] = []

    def run_client(self, seed: int) -> None:
        pick = random.Random(seed)
        names = list(PAGES)
        while not self.stop.is_set():
            name = pick.choice(names)
            path = PAGES[name].format(pk=pick.choice(self.ids), company=pick.choice(self.companies))
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(self.base + path, timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError as error:
                with self.lock:
                    self.failures.append(f"{path}: {error}")
                continue
            elapsed = time.perf_counter() - started
            with self.lock:
                self.statuses[status] += 1
                self.latency[name].append(elapsed)
                if status >= 500:
                    self.failures.append(f"{path}: HTTP {status}")

    def start(self) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self.run_client, args=(n,), daemon=True)
            for n in range(self.clients)
        ]
        for thread in threads:
            thread.start()
        return threads


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def summary(load: Load, seconds: float, rows: int, import_seconds: float) -> str:
    everything = [v for values in load.latency.values() for v in values]
    total = len(everything)
    fives = sum(n for status, n in load.statuses.items() if status >= 500)

    def ms(values, share):
        return f"{percentile(values, share) * 1000:.0f}"

    lines = [
        f"{rows:,} claims imported in {import_seconds:.0f} s ({rows / import_seconds:,.0f} rows/s) "
        f"while {load.clients} clients read public pages for {seconds:.0f} s.",
        "",
        f"Requests: {total:,} ({total / seconds:.1f}/s); statuses: "
        + ", ".join(f"{status}: {n:,}" for status, n in sorted(load.statuses.items()))
        + f"; 5xx: {fives}; connection failures: {len(load.failures) - fives}.",
        "",
        "| page | requests | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in [*PAGES, "all"]:
        values = everything if name == "all" else load.latency.get(name, [])
        label = f"**{name}**" if name == "all" else f"{name} (`{PAGES[name]}`)"
        lines.append(
            f"| {label} | {len(values):,} | {ms(values, 0.5)} | {ms(values, 0.95)} | "
            f"{ms(values, 0.99)} | {max(values, default=0) * 1000:.0f} |"
        )
    return "\n".join(lines)


def record(path: Path, text: str) -> None:
    """Write `text` into this benchmark's own section of docs/PERFORMANCE.md, nothing else."""
    section = (
        f"{SECTION_START}\n## Load during import (security)\n\n"
        "`bench/load_during_import.py`, on loopback: gunicorn with 2 workers on the 2-core "
        f"machine, PostgreSQL, measured {time.strftime('%Y-%m-%d')}. The guarantee is zero 5xx "
        "(docs/SECURITY.md, 10); the latencies are what readers saw during the import.\n\n"
        f"{text}\n{SECTION_END}"
    )
    old = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    if SECTION_START in old and SECTION_END in old:
        before, rest = old.split(SECTION_START, 1)
        new = before + section + rest.split(SECTION_END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(new, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--published", type=int, default=PUBLISHED, help="published claims")
    parser.add_argument("--database", default=DB_NAME, help="the throwaway database")
    parser.add_argument("--template", help="copy this migrated empty database (no migrate)")
    parser.add_argument("--record", type=Path, help="write the figures into this Markdown file")
    parser.add_argument("--smoke", action="store_true", help="300 rows: does it run?")
    parser.add_argument("--worker-seed", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker_seed:
        seed_worker(options.published)
        return 0
    if options.smoke:
        options.rows, options.published = SMOKE["rows"], SMOKE["published"]
        options.max_seconds = min(options.max_seconds, SMOKE["max_seconds"])

    url = csv_bench.bench_database_url(options.database)
    print(f"Preparing {options.database} ({options.published * 2:,} claims)…", flush=True)
    prepare(url, options.published, options.template)
    port = free_port()
    server = start_server(url, port)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            csv_path = Path(tmp) / "claims.csv"
            write_import_file(csv_path, options.rows)
            load = Load(f"http://127.0.0.1:{port}", public_targets(url), options.clients)
            threads = load.start()
            started = time.monotonic()
            print(f"Importing {options.rows:,} claims under load…", flush=True)
            importer = subprocess.Popen(
                [sys.executable, "manage.py", "import_claims", str(csv_path)],
                cwd=ROOT, env=child_env(url), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                text=True,
            )  # fmt: skip
            try:
                output, _ = importer.communicate(timeout=options.max_seconds)
            except subprocess.TimeoutExpired:
                importer.kill()
                output, _ = importer.communicate()
            import_seconds = time.monotonic() - started
            load.stop.set()
            for thread in threads:
                thread.join(timeout=70)
            seconds = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_sql(url, f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')

    text = summary(load, seconds, options.rows, import_seconds)
    print(output.strip().splitlines()[-1] if output.strip() else "(import printed nothing)")
    print(text)
    if options.record:
        record(options.record, text)
    problems = []
    if importer.returncode != 0:
        problems.append(f"the import failed (exit {importer.returncode}):\n{output[-2000:]}")
    if load.failures:
        problems.append(f"{len(load.failures)} failed requests, e.g. {load.failures[:5]}")
    if not load.latency:
        problems.append("no request was answered")
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

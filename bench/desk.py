"""Server-side latency and SQL queries of the editors' desk (the admin), as ratios to the public
plain template, at whatever size bench/seed.py made:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench_1m .venv/bin/python bench/desk.py

Requests go through the whole Django stack in this process (bench/settings.py: DEBUG off, the
full middleware stack), logged in as a fact-checker (the seed's `bench-checker`, put in the
Fact-checker group here). The desk's pages are measured in turns with the plain public
template (bench/views.py, 50 rows, one query), so a busy machine slows them all alike and
the ratios of one run hold when the absolute times move. Prints each page's median and p95
in ms, its SQL query count and its median over the plain template's.

For "My queue" the fact-checker needs a queue: the first run gives `bench-checker` 40 of the
waiting claims (spread over the years; a person's queue, not a share of the desk), and says
so. Nothing else is written. Beside the wall-clock ratio, `cpu×` gives the same ratio of
this process's CPU time (Django's own work; PostgreSQL's is not in it), which a busy shared
machine moves far less.

bench/pages.py runs the same pages after the public ones, in the same run (its `--no-desk`
leaves them out); this script measures the desk alone.

`--json FILE` keeps the figures; `--compare FILE` (a run at another size) adds each page's
growth: this run's ratio over that one's. `--smoke` requests each page 3 times; `--skip WORD` leaves out the pages whose label holds
WORD (the code before this work took minutes a request for some filters at 1M).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import fake  # noqa: E402
from bench.targets import SEARCH_WORD, claim_with_everything  # noqa: E402
from factcheck.models import Claim, Status  # noqa: E402
from factcheck.roles import ensure_roles  # noqa: E402

PLAIN = "plain public template (50 rows)"
QUEUE_SIZE = 40
ADMIN = "/admin/factcheck/claim/"


def fact_checker():
    """The seed's checker, staff and in the Fact-checker group, with a queue of its own."""
    ensure_roles()
    user = get_user_model().objects.get(pk=fake.CHECKER)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name="Fact-checker"))
    waiting = Claim.objects.filter(status__in=[Status.UNVERIFIED, Status.IN_REVIEW])
    if not waiting.filter(assigned_to=user).exists():
        step = max(1, waiting.count() // QUEUE_SIZE)
        ids = list(waiting.order_by("pk").values_list("pk", flat=True)[::step][:QUEUE_SIZE])
        Claim.objects.filter(pk__in=ids).update(assigned_to=user)
        print(f"(gave {user.username} a queue of {len(ids)} waiting claims)")
    return user


def deepest_page(client: Client) -> int:
    """The last page the changelist links to (its paginator's page count)."""
    response = client.get(ADMIN)
    return response.context_data["cl"].paginator.num_pages


def targets(client: Client) -> list[tuple[str, str]]:
    biggest = (
        Claim.objects.exclude(company=None)
        .values("company")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("company", flat=True)
        .first()
    )
    claim = claim_with_everything()
    waiting = Claim.objects.filter(status=Status.IN_REVIEW).order_by("pk").first()
    deep = deepest_page(client)
    return [
        (PLAIN, "/bench/plain/"),
        ("dashboard (/admin/)", "/admin/"),
        ("changelist page 1", ADMIN),
        (f"changelist page {deep} (deepest linked)", f"{ADMIN}?p={deep}"),
        ("filter: My queue", f"{ADMIN}?queue=mine"),
        ("filter: not assigned", f"{ADMIN}?queue=unassigned"),
        ("filter: status=in_review", f"{ADMIN}?status__exact=in_review"),
        ("filter: metric=valuation", f"{ADMIN}?metric__exact=valuation"),
        ("filter: published=no", f"{ADMIN}?published=no"),
        ("filter: no source", f"{ADMIN}?has_sources=no"),
        ("filter: secondary sources only", f"{ADMIN}?secondary_only=yes"),
        ("filter: sources contradict verdict", f"{ADMIN}?stance_conflict=yes"),
        ("filter: checks failing", f"{ADMIN}?checks=failing"),
        ("filter: checks all hold", f"{ADMIN}?checks=holding"),
        ("filter: no as-of date", f"{ADMIN}?as_of__isempty=1"),
        ("filter: largest company", f"{ADMIN}?company__id__exact={biggest}"),
        ("filter: year 2020 (date hierarchy)", f"{ADMIN}?as_of__year=2020"),
        (
            "filter: verdicts not yet published",
            f"{ADMIN}?status__in=verified,inaccurate,misleading,unverifiable&published=no",
        ),
        (f"search: {SEARCH_WORD}", f"{ADMIN}?q={SEARCH_WORD}"),
        ("search: a company's name", f"{ADMIN}?q={company_word()}"),
        ("claim change page", f"{ADMIN}{claim}/change/"),
        ("verdict screen", f"{ADMIN}{waiting.pk}/verdict/"),
    ]


def company_word() -> str:
    from companies.models import Company

    return Company.objects.order_by("pk").values_list("name", flat=True).first().split()[0]


def get(client: Client, url: str) -> tuple[float, float]:
    """(wall ms, CPU ms of this process: Django's own work, without the database's)."""
    started, cpu = time.perf_counter(), time.thread_time()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    spent = (time.thread_time() - cpu) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}; the figures would be wrong.")
    if b"?e=1" in response.get("Location", "").encode():
        raise SystemExit(f"{url} was refused by the changelist (?e=1).")
    return elapsed, spent


def measure(client: Client, pages: list[tuple[str, str]], rounds: int) -> list[dict]:
    counts = {}
    for label, url in pages:
        with CaptureQueriesContext(connection) as queries:
            get(client, url)  # also the warm-up
        counts[label] = len(queries)
    times: dict[str, list[float]] = {label: [] for label, _ in pages}
    cpu: dict[str, list[float]] = {label: [] for label, _ in pages}
    for _ in range(rounds):
        for label, url in pages:
            wall, spent = get(client, url)
            times[label].append(wall)
            cpu[label].append(spent)
    plain, plain_cpu = statistics.median(times[PLAIN]), statistics.median(cpu[PLAIN])
    rows = []
    for label, url in pages:
        samples = times[label]
        median = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[-1] if len(samples) > 2 else max(samples)
        rows.append(
            {
                "page": label,
                "url": url,
                "median_ms": round(median, 2),
                "p95_ms": round(p95, 2),
                "queries": counts[label],
                "x_plain": round(median / plain, 2),
                "cpu_ms": round(statistics.median(cpu[label]), 2),
                "cpu_x_plain": round(statistics.median(cpu[label]) / plain_cpu, 2),
            }
        )
    return rows


def print_table(rows: list[dict], claims: int, earlier: dict | None) -> None:
    print(f"\n{claims:,} claims; {connection.settings_dict['NAME']}; medians of {ROUNDS} turns")
    header = f"{'page':<44} {'median':>8} {'p95':>8} {'queries':>7} {'×plain':>7} {'cpu×':>6}"
    if earlier:
        header += f" {'×plain at ' + format(earlier['claims'], ','):>18} {'growth':>7}"
    print(header)
    print("-" * len(header))
    before = {
        row["page"].split(" page ")[0] if "deepest" in row["page"] else row["page"]: row
        for row in (earlier or {}).get("pages", [])
    }
    for r in rows:
        line = (
            f"{r['page']:<44} {r['median_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['queries']:>7}"
            f" {r['x_plain']:>7.2f} {r.get('cpu_x_plain', 0):>6.2f}"
        )
        key = r["page"].split(" page ")[0] if "deepest" in r["page"] else r["page"]
        if earlier and key in before:
            then = before[key]["x_plain"]
            line += f" {then:>18.2f} {r['x_plain'] / then:>7.2f}"
        print(line)
    print(
        "\n(ms; ×plain: the page's median over the plain template's in this run; cpu×: the same "
        "for this process's CPU time, which other work on a shared machine moves less (the "
        "database's time is not in it); growth: ×plain now over ×plain in the compared run)"
    )


ROUNDS = 30


def main() -> None:
    global ROUNDS
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=ROUNDS, help="requests per page")
    parser.add_argument("--smoke", action="store_true", help="3 requests per page: does it run?")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--compare", type=Path, help="a --json file from a run at another size")
    parser.add_argument(
        "--skip", action="append", default=[], help="leave out pages whose label holds this"
    )
    args = parser.parse_args()
    ROUNDS = 3 if args.smoke else args.requests
    client = Client()
    client.force_login(fact_checker())
    with override_settings(FACTDESK_PAGE_CACHE_SECONDS=0):
        pages = [
            (label, url)
            for label, url in targets(client)
            if not any(word in label for word in args.skip)
        ]
        for label, url in pages:
            print(f"{label:<44} {url}")
        rows = measure(client, pages, ROUNDS)
    claims = Claim.objects.count()
    earlier = json.loads(args.compare.read_text()) if args.compare else None
    print_table(rows, claims, earlier)
    if args.json:
        args.json.write_text(json.dumps({"claims": claims, "pages": rows}, indent=2))


if __name__ == "__main__":
    main()

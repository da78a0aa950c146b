"""Server-side latency and SQL query count of the public pages, as ratios to two references.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factdesk_bench_1m .venv/bin/python bench/pages.py

Each page is requested through the whole Django stack in this process (middleware, URL
resolution, view, template; no network), `--requests` times. The pages are measured in
turns — one request of each page, then again — so drift on a busy machine hits them all
alike and the ratios of one run hold even when the absolute times move.

For each page it prints:

* `median` and `p95` in ms, rendered: the server-side page cache switched off, the facet
  and count cache warm (as every request but the first after a change finds it);
* `queries`: SQL statements of one such request;
* `×trivial`, `×plain`: the median as a multiple of the two references (bench/views.py);
* `cold`: one request right after the cache was emptied (what the first reader after a
  publication pays), with its query count;
* `cached`: the median with the server-side page cache on (what every other reader gets).

Then, in the same run:

* the desk (the admin, logged in as the seed's fact-checker; bench/desk.py chooses the pages
  and times them in turns with the plain template): each page's median as a multiple of the
  plain template's (`--no-desk` leaves it out);
* cold after a publication: a claim is published through the services (as a publisher
  would), then `/` is requested: the first request after the publication, which finds the
  public version moved (the page cache stale; the facet counts of the new version already
  counted by the publication), against a warm rendered request of the same page. `--publications N` times (default 5), then the same for `/claims/`.
  `publish`: what the publication itself took (the publisher's request, which recounts the
  public facet counts of the new version once it commits, so that readers need not).
  This writes to the benchmark database: N claims per page become published.
  Then the same after a draft's change: an unpublished claim's rationale edited through the
  services (what the desk does all day); the public sees nothing new, so the first reader
  should find the page cache as it was (`--publications 0` leaves both out).

`--smoke` requests each page 3 times (seconds on a small seeded desk; CI runs it so the
script cannot rot): every page must answer 200, the figures mean nothing.
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

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import desk  # noqa: E402
from bench.targets import pages  # noqa: E402
from factcheck import services  # noqa: E402
from factcheck.models import Claim, Status  # noqa: E402

REFERENCES = ("trivial view", "plain template, same 50 rows")
NO_PAGE_CACHE = {"FACTDESK_PAGE_CACHE_SECONDS": 0}


def get(client: Client, url: str) -> float:
    """Milliseconds to answer `url`; fails loudly on anything but 200."""
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}; the figures would be wrong.")
    return elapsed


def query_count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)


def cold(client: Client, url: str) -> tuple[float, int]:
    """One request with an empty cache: time and queries."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        elapsed = get(client, url)
    return elapsed, len(queries)


def in_turns(client: Client, targets: list[tuple[str, str]], rounds: int) -> dict[str, list]:
    times: dict[str, list[float]] = {label: [] for label, _ in targets}
    for _ in range(rounds):
        for label, url in targets:
            times[label].append(get(client, url))
    return times


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def measure(targets: list[tuple[str, str]], rounds: int, slow_ms: float) -> list[dict]:
    """Every page's figures; a page slower than `slow_ms` cold is measured three times only."""
    client = Client()
    colds = {label: cold(client, url) for label, url in targets}
    slow = [(label, url) for label, url in targets if colds[label][0] > slow_ms]
    fast = [target for target in targets if target not in slow]
    with override_settings(**NO_PAGE_CACHE):
        counts = {label: query_count(client, url) for label, url in targets}
        for _label, url in fast:  # warm-up: connections, template loading, cache
            get(client, url)
        rendered = in_turns(client, fast, rounds) | in_turns(client, slow, 3)
    for _label, url in targets:
        get(client, url)  # fills the page cache
    cached = in_turns(client, fast, rounds) | in_turns(client, slow, 3)
    medians = {label: statistics.median(samples) for label, samples in rendered.items()}
    trivial, plain = (medians[label] for label in REFERENCES)
    return [
        {
            "page": label,
            "url": url,
            "median_ms": round(medians[label], 2),
            "p95_ms": round(p95(rendered[label]), 2),
            "queries": counts[label],
            "x_trivial": round(medians[label] / trivial, 1),
            "x_plain": round(medians[label] / plain, 2),
            "cold_ms": round(colds[label][0], 1),
            "cold_queries": colds[label][1],
            "cached_ms": round(statistics.median(cached[label]), 2),
            "requests": len(rendered[label]),
        }
        for label, url in targets
    ]


def print_table(rows: list[dict], claims: int) -> None:
    print(f"\n{claims:,} claims; {connection.settings_dict['NAME']}; medians of the rendered pages")
    header = (
        f"{'page':<44} {'median':>8} {'p95':>8} {'queries':>7} {'×trivial':>8} {'×plain':>7}"
        f" {'cold':>8} {'(q)':>4} {'cached':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['page']:<44} {r['median_ms']:>8.2f} {r['p95_ms']:>8.2f} {r['queries']:>7}"
            f" {r['x_trivial']:>8.1f} {r['x_plain']:>7.2f} {r['cold_ms']:>8.1f}"
            f" {r['cold_queries']:>4} {r['cached_ms']:>7.2f}"
            + ("" if r["requests"] >= 50 else f"  (slow: {r['requests']} requests only)")
        )
    print("\n(times in ms; p95 over the rendered requests; cold: first request, empty cache)")


def publisher():
    """The seed's publisher, in the Publisher group (it reviewed none of the seed's claims)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from bench import fake
    from factcheck.roles import ensure_roles

    ensure_roles()
    user = get_user_model().objects.get(pk=fake.PUBLISHER)
    user.groups.add(Group.objects.get(name="Publisher"))
    return user


def publish_one(user) -> int:
    """Publish one waiting verdict through the services (its checks, two persons, version)."""
    from django.core.exceptions import ValidationError

    waiting = (
        Claim.objects.desk()
        .filter(status__in=Status.verdicts(), published_at__isnull=True, n_sources__gt=0)
        .exclude(reviewed_by=user)
        .order_by("-pk")
    )
    for claim in waiting[:20]:
        try:
            services.publish_claim(claim=claim, user=user)
        except ValidationError:
            continue
        return claim.pk
    raise SystemExit("No verdict waiting for publication that the publisher may publish.")


def edit_one_draft(user) -> int:
    """Edit the rationale of one unpublished claim through the services, as the desk does."""
    claim = Claim.objects.desk().filter(published_at__isnull=True, draft_of__isnull=True).last()
    claim.note = f"{claim.note.split(' [edited')[0]} [edited {time.time():.0f}]"
    return services.save_claim(claim=claim, user=user).pk


def cold_after(write, writes: int, rounds: int) -> list[dict]:
    """The first request of a page after each `write(user)`, against warm rendered requests."""
    client, user = Client(), publisher()
    rows = []
    for label, url in (("/ page 1", "/"), ("/claims/ page 1", "/claims/")):
        get(client, url)
        colds, publishing = [], []
        for _ in range(writes):
            start = time.perf_counter()
            write(user)  # a publication recounts the public facet counts ahead (listing.py)
            publishing.append((time.perf_counter() - start) * 1000)
            colds.append(get(client, url))
        with override_settings(**NO_PAGE_CACHE):
            warm = statistics.median(get(client, url) for _ in range(rounds))
        cached = statistics.median(get(client, url) for _ in range(rounds))
        cold = statistics.median(colds)
        rows.append(
            {
                "page": label,
                "cold_ms": round(cold, 1),
                "cold_max_ms": round(max(colds), 1),
                "warm_ms": round(warm, 2),
                "cached_ms": round(cached, 2),
                "x_warm": round(cold / warm, 2),
                "publish_ms": round(statistics.median(publishing), 1),
                "publications": writes,
            }
        )
    return rows


def print_cold(rows: list[dict], after: str = "a publication", writing: str = "publish") -> None:
    print(f"\ncold after {after} (median of the first requests; warm: rendered, facets cached)")
    header = (
        f"{'page':<20} {'cold':>8} {'max':>8} {'warm':>8} {'×warm':>7} {'cached':>8} {writing:>8}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['page']:<20} {r['cold_ms']:>8.1f} {r['cold_max_ms']:>8.1f} {r['warm_ms']:>8.2f}"
            f" {r['x_warm']:>7.2f} {r['cached_ms']:>8.2f} {r['publish_ms']:>8.1f}"
        )


def desk_pages(rounds: int) -> list[dict]:
    """The desk's pages, in turns with the plain template (bench/desk.py)."""
    desk.ROUNDS = rounds  # what its table says
    client = Client()
    client.force_login(desk.fact_checker())
    with override_settings(**NO_PAGE_CACHE):
        return desk.measure(client, desk.targets(client), rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per page (≥ 50)")
    parser.add_argument("--smoke", action="store_true", help="3 requests per page: does it run?")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-desk", action="store_true", help="leave out the desk's pages")
    parser.add_argument(
        "--publications", type=int, default=5, help="publications for the cold measure (0: none)"
    )
    parser.add_argument("--compare", type=Path, help="a --json file from a run at another size")
    parser.add_argument(
        "--slow-ms",
        type=float,
        default=3000,
        help="a page slower than this cold is timed 3 times, not --requests times",
    )
    args = parser.parse_args()
    targets, claims = pages()
    for label, url in targets:
        print(f"{label:<44} {url}")
    rounds = 3 if args.smoke else args.requests
    rows = measure(targets, rounds, args.slow_ms)
    print_table(rows, claims)
    figures = {"claims": claims, "pages": rows}
    if not args.no_desk:
        figures["desk"] = desk_pages(3 if args.smoke else desk.ROUNDS)
        earlier = json.loads(args.compare.read_text()) if args.compare else None
        if earlier:  # the growth of each desk page's ×plain since the run at another size
            earlier = {"claims": earlier["claims"], "pages": earlier.get("desk", [])}
        desk.print_table(figures["desk"], claims, earlier)
    if args.publications:
        publications = 1 if args.smoke else args.publications
        figures["cold_after_publish"] = cold_after(publish_one, publications, rounds)
        print_cold(figures["cold_after_publish"])
        figures["cold_after_draft_edit"] = cold_after(edit_one_draft, publications, rounds)
        print_cold(figures["cold_after_draft_edit"], "a draft's change", "edit")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

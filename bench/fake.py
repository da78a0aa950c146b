"""Realistic fake desk data for the benchmarks: rows as tuples, ready for COPY.

Everything is drawn from one seeded `random.Random`, so `seed.py N` builds the same desk
every time. The shapes follow a real desk's: a few companies carry most of the claims (a
power law), each article holds a handful of figures, most claims are money in a few
currencies, dates spread over fourteen years, most verdicts are published, each verdict
cites one to three sources, drafts none or one.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils.text import slugify

from factcheck.figures import format_figure


def pool(text: str) -> list[str]:
    """Words written as prose (easier to read and extend than a list of quoted strings)."""
    return text.split()


FIRST = pool(
    "Lumen Quill Aster Borealis Cinder Delta Ember Falcon Garnet Harbor Iris Juniper Kestrel "
    "Lotus Meridian Nimbus Onyx Pioneer Quasar Raven Sable Tundra Umber Vector Willow Xenon "
    "Yarrow Zephyr Atlas Beacon Cobalt Dune Echo Fable Glacier Halcyon Indigo Jade Kite Lumina "
    "Mosaic Nova Orbit Prism Quartz Ridge Summit Tidal Unity Vertex Wave Zenith Moonshot Baichuan "
    "Stepstar Minimax Zhiyuan Tiangong"
)
SECOND = pool(
    "AI Labs Robotics Technologies Semiconductor Cloud Motors Bio Energy Systems Networks "
    "Analytics Dynamics Intelligence Computing Mobility Health Capital Pay Logistics"
)
TOPICS = pool(
    "chatbot chip battery robotaxi drone satellite cloud model inference training datacenter "
    "smartphone lidar vaccine solar wind hydrogen mining payments lending insurance logistics "
    "ecommerce gaming streaming advertising semiconductor foundry memory display sensor "
    "humanoid warehouse delivery agriculture fintech biotech genomics quantum cybersecurity "
    "browser search translation speech vision avatar tutoring healthcare pharmacy telecom "
    "fiber router wearable headset factory steel cement shipping airline railway tourism"
)
VERBS = ("reached", "hit", "rose to", "fell to", "stood at", "topped", "was put at", "neared")
SOURCES = ("company said", "filings show", "according to people familiar", "analysts estimate")
PUBLISHERS = ("Reuters", "Bloomberg", "Caixin", "SEC EDGAR", "HKEX", "Financial Times", "Xinhua")

MONEY = ("valuation", "funding", "market_cap", "revenue", "net_income", "net_loss", "forecast")
METRICS = (*MONEY, "share_price", "change", "compute", "count", "other")
METRIC_WEIGHTS = (22, 18, 8, 14, 4, 4, 3, 5, 8, 5, 5, 4)
CURRENCIES = ("USD", "CNY", "HKD", "EUR", "GBP", "JPY")
CURRENCY_WEIGHTS = (50, 22, 10, 8, 5, 5)
USD_RATE = {"USD": 1.0, "CNY": 0.14, "HKD": 0.128, "EUR": 1.08, "GBP": 1.26, "JPY": 0.0068}
STATUSES = ("verified", "inaccurate", "misleading", "unverifiable", "unverified", "in_review")
STATUS_WEIGHTS = (55, 10, 8, 5, 14, 8)
VERDICTS = frozenset(STATUSES[:4])
KINDS = ("filing", "press_release", "official_data", "news", "analyst")

START = dt.date(2012, 1, 1)
SPAN_DAYS = 14 * 365
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def company_count(n_claims: int) -> int:
    """How many companies a desk of `n_claims` claims writes about: 20 to 5,000."""
    return max(20, min(5000, n_claims // 200))


COMPANY_COLUMNS = pool("id name slug kind country ticker website description updated_at")
ARTICLE_COLUMNS = pool(
    "id title slug author publication published_on url text language created_at updated_at"
)
ZH_ARTICLE_EVERY = 10  # one article in ten is in Chinese (its claims take its language)


def companies(rng: random.Random, count: int):
    """COMPANY_COLUMNS rows with unique names."""
    seen: set[str] = set()
    for pk in range(1, count + 1):
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)}"
        while name in seen:
            name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {rng.randint(2, 999)}"
        seen.add(name)
        slug = slugify(name)
        yield (pk, name, slug, "startup", rng.choice(("CN", "US", "HK", "GB")), "", "", "", NOW)


def articles(rng: random.Random, count: int):
    """ARTICLE_COLUMNS rows."""
    for pk in range(1, count + 1):
        day = START + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        topic = rng.choice(TOPICS)
        title = f"The {topic} race, part {pk}"
        yield (
            pk,
            title,
            f"article-{pk}",
            "Bench Writer",
            rng.choice(PUBLISHERS),
            day,
            f"https://news.example.org/{pk}",
            "",
            "zh-hans" if pk % ZH_ARTICLE_EVERY == 0 else "en",
            NOW,
            NOW,
        )


def pick_company(rng: random.Random, count: int) -> int | None:
    """A power law: the first companies carry most claims; one claim in twenty has none."""
    if rng.random() < 0.05:
        return None
    return 1 + int(count * rng.random() ** 3)


def figure(rng: random.Random, metric: str) -> tuple[Decimal, str]:
    """A value (three significant figures) and its unit, as a desk would record them."""
    mantissa = Decimal(rng.randint(100, 999))
    if metric in MONEY:
        unit = rng.choices(CURRENCIES, CURRENCY_WEIGHTS)[0]
        return mantissa * Decimal(10) ** rng.randint(4, 9), unit
    if metric == "share_price":
        return mantissa / 10, rng.choices(CURRENCIES, CURRENCY_WEIGHTS)[0]
    if metric == "change":
        return mantissa / 10, "%"
    if metric == "compute":
        return mantissa * 100, rng.choice(("GPUs", "PFLOPS"))
    return mantissa * 1000, ""


def usd(value: Decimal, unit: str) -> Decimal | None:
    rate = USD_RATE.get(unit)
    return None if rate is None else round(value * Decimal(str(rate)), 2)


# Every NOT NULL column is named, database defaults or not (seed.py checks it): a column
# added to the models without its place here fails the seed, and the smoke run in CI.
CLAIM_COLUMNS = pool(
    "id quote metric value unit qualifier as_of as_of_precision period language status note "
    "corrected_value usd_value reviewed_at published_at created_at updated_at version "
    "article_id company_id created_by_id published_by_id reviewed_by_id draft_of_id "
    "basis_editors correction_reason n_sources secondary_only sources_at_odds checks_state"
)
# What the desk stores per claim from its sources and checks (seed.py fills them in).
DERIVED = ("n_sources", "secondary_only", "sources_at_odds", "checks_state")
# django-simple-history's copy of a claim leaves these out (Claim.history's excluded_fields).
NOT_IN_HISTORY = frozenset({"updated_at", *DERIVED, "basis_editors"})
HISTORY_COLUMNS = [c for c in CLAIM_COLUMNS if c not in NOT_IN_HISTORY] + [
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user_id",
]
SOURCE_COLUMNS = pool(
    "id url title publisher published_on accessed_on archive_url kind excerpt stance claim_id "
    "origin_id"
)
DRAFT_EVERY = 200  # one published claim in 200 has a pending change (a draft row, never public)

EDITOR, CHECKER, PUBLISHER = 1, 2, 3  # the users seed.py makes first


def _dates(rng: random.Random, status: str):
    """(as_of, created, reviewed, published): a verdict is reviewed, most verdicts published."""
    as_of = None if rng.random() < 0.03 else START + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    base = dt.datetime.combine(as_of or START, dt.time(9), tzinfo=dt.UTC)
    created = base + dt.timedelta(days=rng.randint(1, 60), minutes=rng.randrange(600))
    reviewed = published = None
    if status in VERDICTS:
        reviewed = created + dt.timedelta(days=rng.randint(0, 9), minutes=rng.randrange(600))
        if rng.random() < 0.9:
            published = reviewed + dt.timedelta(hours=rng.randint(1, 72))
    return as_of, created, reviewed, published


def precision(as_of: dt.date | None) -> str:
    """How the date was written: a year's or a month's last day reads as that period."""
    if as_of is None or (as_of + dt.timedelta(days=1)).day != 1:
        return "day"
    return "year" if as_of.month == 12 else "month"


def _words(rng: random.Random, company: str | None, metric: str, shown: str) -> tuple[str, str]:
    """A quote and a rationale with enough different words for text search to be selective."""
    topic, other = rng.choice(TOPICS), rng.choice(TOPICS)
    subject = company or f"The {topic} sector"
    label = metric.replace("_", " ")
    quote = f"{subject}'s {label} {rng.choice(VERBS)} {shown}, {rng.choice(SOURCES)}"
    note = (
        f"The {rng.choice(KINDS).replace('_', ' ')} from {rng.choice(PUBLISHERS)} on its "
        f"{topic} and {other} business gives this figure."
    )
    return quote, note


def history_row(claim: dict, date: dt.datetime) -> tuple:
    """The `+` row django-simple-history writes for a new claim (HISTORY_COLUMNS order)."""
    extra = {
        "history_id": claim["id"],
        "history_date": date,
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": EDITOR,
    }
    return tuple(extra[c] if c in extra else claim[c] for c in HISTORY_COLUMNS)


def claim(rng: random.Random, pk: int, names: list[str], n_articles: int) -> dict:
    """One claim's columns (CLAIM_COLUMNS), n_sources still 0 (seed.py counts its sources).

    The draws from `rng` are the same as before the columns added later (language,
    as-of precision, pending changes), which are derived from the drawn values, so a seed
    gives the same desk on older trees and before/after figures compare like with like.
    """
    status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
    metric = rng.choices(METRICS, METRIC_WEIGHTS)[0]
    company = pick_company(rng, len(names))
    value, unit = figure(rng, metric)
    qualifier = "about" if rng.random() < 0.15 else "exact"
    as_of, created, reviewed, published = _dates(rng, status)
    quote, note = _words(
        rng, names[company - 1] if company else None, metric, format_figure(value, unit, qualifier)
    )
    period = f"FY{as_of.year}" if as_of and metric in ("revenue", "net_income") else ""
    corrected = value * Decimal("0.85") if status == "inaccurate" else None
    article = None if rng.random() < 0.1 else min(n_articles, 1 + (pk - 1) // 8)
    return {
        "id": pk,
        "quote": quote,
        "metric": metric,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "as_of": as_of,
        "as_of_precision": precision(as_of),
        "period": period,
        "language": "",  # blank: the article's language (else English)
        "status": status,
        "note": note if reviewed else "",
        "corrected_value": corrected,
        "usd_value": usd(value, unit),
        "reviewed_at": reviewed,
        "published_at": published,
        "created_at": created,
        "updated_at": published or reviewed or created,
        "version": 3 if published else 2 if reviewed else 1,
        "article_id": article,
        "company_id": company,
        "created_by_id": EDITOR,
        "published_by_id": PUBLISHER if published else None,
        "reviewed_by_id": CHECKER if reviewed else None,
        "draft_of_id": None,
        # Who entered the figure, until a verdict: the two-person rule keeps them from giving it.
        "basis_editors": "[]" if reviewed else f"[{EDITOR}]",
        "correction_reason": "",
        "n_sources": 0,
    }


def sources(rng: random.Random, claim_row: dict, next_id: int):
    """The claim's sources (SOURCE_COLUMNS): one to three for a verdict, none or one for a draft."""
    status, as_of, pk = claim_row["status"], claim_row["as_of"], claim_row["id"]
    count = rng.randint(1, 3) if status in VERDICTS else rng.randint(0, 1)
    for i in range(count):
        kind = rng.choice(KINDS)
        yield (
            next_id + i,
            f"https://sources.example.org/{pk}/{i}",
            f"{rng.choice(PUBLISHERS)} {kind.replace('_', ' ')} on claim {pk}",
            rng.choice(PUBLISHERS),
            as_of,
            as_of,
            "",
            kind,
            "",
            "contradicts" if status == "inaccurate" and i == 0 else "supports",
            pk,
            None,
        )


def wants_draft(claim_row: dict) -> bool:
    """Whether this published claim has a pending change (one in DRAFT_EVERY)."""
    return claim_row["published_at"] is not None and claim_row["id"] % DRAFT_EVERY == 0


def draft(claim_row: dict, pk: int) -> dict:
    """A published claim's pending change: the editor's new figure, in review, never public."""
    edited = NOW - dt.timedelta(days=2)
    value = claim_row["value"] * Decimal("1.1")
    return {
        **claim_row,
        "id": pk,
        "value": value,
        "usd_value": usd(value, claim_row["unit"]),
        "status": "in_review",
        "note": "",
        "corrected_value": None,
        "reviewed_at": None,
        "published_at": None,
        "reviewed_by_id": None,
        "published_by_id": None,
        "created_at": edited,
        "updated_at": edited,
        "version": 1,
        "draft_of_id": claim_row["id"],
        "basis_editors": f"[{EDITOR}]",
        "correction_reason": "A later filing revised the figure.",
    }


def draft_sources(published_sources: list[tuple], draft_id: int, next_id: int) -> list[tuple]:
    """The pending change's copies of its claim's sources, each naming its origin."""
    claim_at, origin_at = SOURCE_COLUMNS.index("claim_id"), SOURCE_COLUMNS.index("origin_id")
    copies = []
    for offset, source in enumerate(published_sources):
        row = list(source)
        row[0], row[claim_at], row[origin_at] = next_id + offset, draft_id, source[0]
        copies.append(tuple(row))
    return copies

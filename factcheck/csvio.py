"""The claims CSV columns, and how one claim becomes one exported row.

CONTRACT.md ("Claims CSV") fixes the columns; import and export use the same ones. Every
export path (the admin, `export_claims`, the public `/claims.csv`) builds its rows here, so a
claim is written the same way everywhere and every cell is neutralised (see csv_safety).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Context, Decimal

from factcheck.csv_safety import neutralise

HEADER = [
    "id",
    "article",
    "company",
    "quote",
    "metric",
    "value",
    "unit",
    "usd_value",
    "qualifier",
    "as_of",
    "period",
    "status",
    "note",
    "corrected_value",
    "sources",
    "published_at",
]

# The claim fields behind every column but `sources`, in HEADER order, for
# `values_list()`: the streaming export reads these without building model instances.
VALUE_FIELDS = (
    "id",
    "article__slug",
    "company__name",
    "quote",
    "metric",
    "value",
    "unit",
    "usd_value",
    "qualifier",
    "as_of",
    "period",
    "status",
    "note",
    "corrected_value",
    "published_at",
)

# How `sources` is written: import splits on whitespace or `|`, so this reads back the same.
SOURCE_SEPARATOR = " | "


def plain_number(value: Decimal | None) -> str:
    """A stored Decimal as a plain decimal number: `157000000000`, `1.62`, never `1.57E+11`."""
    if value is None:
        return ""
    text = str(value)  # what the database gives: fixed decimals, e.g. "157000000000.000000"
    if "E" in text or "e" in text:  # exact, whatever the number of digits
        text = format(Decimal(value).normalize(Context(prec=100)), "f")
    elif "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "0", "") else text


def iso_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def iso_datetime(value: dt.datetime | None) -> str:
    """An aware datetime in UTC, ISO 8601: `2024-10-02T09:30:00+00:00`."""
    if value is None:
        return ""
    return value.astimezone(dt.UTC).isoformat()


def row_from_values(values: Sequence, source_urls: Iterable[str]) -> list[str]:
    """One CSV row from a `values_list(*VALUE_FIELDS)` tuple and the claim's source URLs.

    The cells are neutralised already: write them as they are.
    """
    (
        pk,
        article,
        company,
        quote,
        metric,
        value,
        unit,
        usd_value,
        qualifier,
        as_of,
        period,
        status,
        note,
        corrected_value,
        published_at,
    ) = values
    # Numbers and dates written here cannot start a formula; every stored text is
    # neutralised (codes too: a raw database write could have put anything there).
    return [
        str(pk),
        neutralise(article or ""),
        neutralise(company or ""),
        neutralise(quote),
        neutralise(metric),
        plain_number(value),
        neutralise(unit),
        plain_number(usd_value),
        neutralise(qualifier),
        iso_date(as_of),
        neutralise(period),
        neutralise(status),
        neutralise(note),
        plain_number(corrected_value),
        neutralise(SOURCE_SEPARATOR.join(source_urls)),
        iso_datetime(published_at),
    ]


def claim_row(claim) -> list[str]:
    """One CSV row (in HEADER order) for a Claim instance; the cells are neutralised already.

    Use `select_related("article", "company")` and `prefetch_related("sources")` on the
    queryset, or this costs three queries per claim.
    """
    values = (
        claim.pk,
        claim.article.slug if claim.article_id else None,
        claim.company.name if claim.company_id else None,
        claim.quote,
        claim.metric,
        claim.value,
        claim.unit,
        claim.usd_value,
        claim.qualifier,
        claim.as_of,
        claim.period,
        claim.status,
        claim.note,
        claim.corrected_value,
        claim.published_at,
    )
    return row_from_values(values, (source.url for source in claim.sources.all()))

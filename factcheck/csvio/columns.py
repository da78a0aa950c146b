"""The claims CSV columns, and how one claim becomes one exported row.

CONTRACT.md ("Claims CSV") fixes the columns; import and export use the same ones. Every
export path (the admin, `export_claims`, the public `/claims.csv`) builds its rows here, so a
claim is written the same way everywhere and every cell is neutralised (see csvio.safety).
On PostgreSQL `export_claims` has the database write the same cells (csvio.export).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Context, Decimal

from factcheck.csvio.safety import neutralise
from factcheck.figures import format_figure
from factcheck.figures.as_of import as_of_label
from factcheck.models.articles import Language
from factcheck.models.claims import CORRECTABLE
from factcheck.rules import CONTENT_FIELDS

HEADER = [
    "id",
    "version",
    "article",
    "company",
    "quote",
    "metric",
    "value",
    "as_written",
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
    "language",
]

# Cells only an export writes: an import reads past them (as_written it reads as a check).
EXPORT_ONLY_COLUMNS = ("usd_value", "published_at")
# The claim fields an import sets from a row: what a reader sees of a claim (rules'
# CONTENT_FIELDS, its language included) and its status. The rest is the workflow's and the
# database's.
IMPORTED_FIELDS = (*CONTENT_FIELDS, "status")

# The claim fields behind the columns (all but `as_written` and `sources`), in HEADER order,
# for `values_list()`: the streaming export builds no model instances. `language` is the
# claim's own, else its article's (else English), as `Claim.text_language` says.
VALUE_FIELDS = (
    "id",
    "version",
    "article__slug",
    "company__name",
    "quote",
    "metric",
    "value",
    "unit",
    "usd_value",
    "qualifier",
    "as_of",
    "as_of_precision",
    "period",
    "status",
    "note",
    "corrected_value",
    "published_at",
    "language",
    "article__language",
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


def as_written(value: Decimal | None, unit: str, qualifier: str) -> str:
    """The figure as a person writes it (`$157 billion`): what `Claim.figure_display` shows."""
    if value is None:
        return ""
    return format_figure(Decimal(value), unit, qualifier)


def row_from_values(values: Sequence, source_urls: Iterable[str]) -> list[str]:
    """One CSV row from a `values_list(*VALUE_FIELDS)` tuple and the claim's source URLs.

    The cells are neutralised already: write them as they are.
    """
    (
        pk,
        version,
        article,
        company,
        quote,
        metric,
        value,
        unit,
        usd_value,
        qualifier,
        as_of,
        as_of_precision,
        period,
        status,
        note,
        corrected_value,
        published_at,
        language,
        article_language,
    ) = values
    # Numbers and dates written here cannot start a formula; every stored text is
    # neutralised (codes too: a raw database write could have put anything there).
    return [
        str(pk),
        str(version),
        neutralise(article or ""),
        neutralise(company or ""),
        neutralise(quote),
        neutralise(metric),
        plain_number(value),
        neutralise(as_written(value, unit, qualifier)),
        neutralise(unit),
        plain_number(usd_value),
        neutralise(qualifier),
        as_of_label(as_of, as_of_precision),  # with its precision: 2024-02, 2024-Q2, FY2024
        neutralise(period),
        neutralise(status),
        neutralise(note),
        # A corrected figure means something only beside the verdicts that have one.
        plain_number(corrected_value) if status in CORRECTABLE else "",
        neutralise(SOURCE_SEPARATOR.join(source_urls)),
        iso_datetime(published_at),
        neutralise(str(Language.resolve(language, article_language))),
    ]


def claim_row(claim) -> list[str]:
    """One CSV row (in HEADER order) for a Claim instance; the cells are neutralised already.

    Use `select_related("article", "company")` and `prefetch_related("sources")` on the
    queryset, or this costs three queries per claim.
    """
    return row_from_values(claim_values(claim), (source.url for source in claim.sources.all()))


def claim_values(claim) -> tuple:
    """A Claim instance's VALUE_FIELDS, as `values_list()` gives them (for row_from_values)."""
    return tuple(_follow(claim, name) for name in VALUE_FIELDS)


def _follow(claim, lookup: str):
    """`article__slug` of a claim, as values_list() reads it: None past a missing relation."""
    value = claim
    for name in lookup.split("__"):
        if value is None:
            return None
        value = getattr(value, name)
    return value

"""Facet counts beside the claims table, Datasette-style: they count within the current filters.

All facets come from ONE query: a GROUP BY per facet, glued with UNION ALL, so the page
costs the same whether there are three companies or three thousand. The metric facet
counts every row (each claim has a metric), which gives the page's total without a
separate COUNT.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import CharField, Count, F, QuerySet, Value
from django.db.models.functions import Cast, ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext

from factcheck.figures.units import CURRENCIES
from factcheck.models import Metric, Status

CURRENCY_CODES = [c.code for c in CURRENCIES]
TOP = 12  # values listed per facet; the rest are summed up as "more"
# Where a filter or sort link lands: the results heading, so focus and the view return to
# the table (without JavaScript) instead of the top of the page.
RESULTS_ANCHOR = "#results"


def _group(queryset: QuerySet, name: str, key, label) -> QuerySet:
    return (
        queryset.order_by()
        .values(facet=Value(name, output_field=CharField()), key=key, label=label)
        .annotate(n=Count("pk"))
    )


def _blank_count(queryset: QuerySet, field: str, name: str) -> QuerySet:
    """One row: how many rows have no `field` (no GROUP BY, so a row even when none)."""
    constant = Value(name, output_field=CharField())
    return (
        queryset.filter(**{f"{field}__isnull": True})
        .order_by()
        .values(facet=Value("blank", output_field=CharField()), key=constant, label=constant)
        .annotate(n=Count("pk"))
    )


def facet_rows(filtered: QuerySet, *, with_status: bool) -> list[tuple[str, str, str, int]]:
    """(facet, key, label, count) for each facet value within `filtered`, in one query."""
    year = Cast(ExtractYear("as_of"), CharField())
    parts = [
        _group(filtered, "metric", F("metric"), F("metric")),
        _group(filtered, "company", F("company__slug"), F("company__name")),
        _group(filtered, "unit", F("unit"), F("unit")),  # currencies and other units
        _group(filtered, "year", year, year),
        _blank_count(filtered, "as_of", "as_of"),
        _blank_count(filtered, "usd_value", "usd"),
    ]
    if with_status:
        parts.append(_group(filtered, "status", F("status"), F("status")))
    union = parts[0].union(*parts[1:], all=True)
    return [(row["facet"], row["key"], row["label"], row["n"]) for row in union]


# One value of a facet: (key, label, count); a None key is "no company" or "undated".
FacetRow = tuple[str | None, str | None, int]


@dataclass(frozen=True)
class Summary:
    """What one set of filters selects, counted: the total, the blanks and each facet's values.

    The same for every page and sort order of those filters, so it is cached under the
    public version (factcheck/listing.py); it is plain data and pickles into the cache.
    `unit` counts every unit (the figure sort pages by unit), `currency` the money among
    them. `status` is None where the verdict is not counted (`/`: every row is verified).
    """

    total: int
    undated: int  # rows without an as-of date
    without_usd: int  # rows without ≈ USD (not money, or no rate)
    metric: tuple[FacetRow, ...] = ()
    company: tuple[FacetRow, ...] = ()
    unit: tuple[FacetRow, ...] = ()
    year: tuple[FacetRow, ...] = ()
    status: tuple[FacetRow, ...] | None = None
    # What pages work out from these counts alone (a facet's top values, the parts of a
    # sort): a process reuses its copy of a summary (listing.shared), so each is worked out
    # once per process and public version instead of on every request (at 5,000 companies,
    # milliseconds each). Not compared, not pickled.
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self):
        return {**self.__dict__, "derived": {}}

    def derive(self, key: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, kept under `key`: it must depend on nothing but these counts and `key`."""
        try:
            return self.derived[key]
        except KeyError:
            value = self.derived[key] = make()
            return value

    @property
    def currency(self) -> tuple[FacetRow, ...]:
        return tuple(row for row in self.unit if row[0] in CURRENCY_CODES)

    def rows(self, facet: str) -> tuple[FacetRow, ...]:
        """The values of `facet` ("company", "metric", "unit", "currency", "year", "status")."""
        return getattr(self, facet) or ()

    def blanks(self, column: str) -> int:
        """How many rows have no `column` ("as_of" or "usd"), for the sorts that split there."""
        return {"as_of": self.undated, "usd": self.without_usd}[column]


def summarise(filtered: QuerySet, *, with_status: bool) -> Summary:
    """The Summary of `filtered`: its total, blank counts and facet counts, in one query."""
    rows: dict[str, list[FacetRow]] = {}
    for facet, key, label, n in facet_rows(filtered, with_status=with_status):
        rows.setdefault(facet, []).append((key, label, n))
    blanks = {key: n for key, _, n in rows.pop("blank", [])}
    return Summary(
        total=sum(n for _, _, n in rows.get("metric", [])),
        undated=blanks.get("as_of", 0),
        without_usd=blanks.get("usd", 0),
        metric=tuple(rows.get("metric", [])),
        company=tuple(rows.get("company", [])),
        unit=tuple(rows.get("unit", [])),
        year=tuple(rows.get("year", [])),
        status=tuple(rows.get("status", [])) if with_status else None,
    )


@dataclass
class FacetValue:
    label: str
    count: int
    url: str | None  # None: nothing to click (e.g. claims about no company)
    selected: bool = False


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue] = field(default_factory=list)
    more: int = 0  # values not listed
    clear_url: str | None = None  # set when this facet is filtering the rows


def query_url(params: QueryDict, **changes) -> str:
    """The current query string with `changes` (None removes a key) and no page number.

    As `params.copy()`, pop and set would write it, without copying the QueryDict (a deep
    copy) for each of the 40-odd links of the facets.
    """
    pairs = [
        (key, value)
        for key, values in params.lists()
        if key != "page" and key not in changes
        for value in values
    ]
    pairs += [(key, value) for key, value in changes.items() if value is not None]
    return f"?{urlencode(pairs)}{RESULTS_ANCHOR}"


def top_values(summary: Summary, name: str) -> list[FacetRow]:
    """The TOP values of facet `name` by count (then label): the ones listed beside the table."""

    def top():
        # Not all of them sorted: at 1M claims there are 5,000 companies. (nsmallest is
        # sorted(...)[:TOP], ties kept in the same order.)
        return heapq.nsmallest(TOP, summary.rows(name), key=lambda r: (-r[2], str(r[1] or "")))

    return summary.derive(("top", name), top)


def _simple_facet(name, title, summary: Summary, params, labels=None) -> Facet:
    selected = params.get(name, "")
    facet = Facet(name=name, title=title)
    if selected:
        facet.clear_url = query_url(params, **{name: None})
    rows = summary.rows(name)
    shown = top_values(summary, name)
    facet.more = max(len(rows) - TOP, 0)
    for key, label, n in shown:  # links are made for the values shown only
        text = (labels or {}).get(key, label) if key is not None else None
        if key is None:
            facet.values.append(FacetValue(label=gettext("(none)"), count=n, url=None))
            continue
        is_selected = key.lower() == selected.lower()
        facet.values.append(
            FacetValue(
                label=text, count=n, url=query_url(params, **{name: key}), selected=is_selected
            )
        )
    return facet


def _year_facet(rows, params) -> Facet:
    facet = Facet(name="year", title=gettext("Year (as of)"))
    start, end = params.get("as_of_from", ""), params.get("as_of_to", "")
    if start or end:
        facet.clear_url = query_url(params, as_of_from=None, as_of_to=None)
    for key, _, n in sorted(rows, key=lambda r: r[0] or "", reverse=True):
        if key is None:
            facet.values.append(FacetValue(label=gettext("Undated"), count=n, url=None))
            continue
        year = str(int(float(key)))  # "2024" from any database's rendering of the year
        first, last = f"{year}-01-01", f"{year}-12-31"
        facet.values.append(
            FacetValue(
                label=year,
                count=n,
                url=query_url(params, as_of_from=first, as_of_to=last),
                selected=(start, end) == (first, last),
            )
        )
    return facet


def build_facets(summary: Summary, params: QueryDict, *, with_status: bool) -> list[Facet]:
    """Facets for the template: labels, counts and the link that applies or clears each value."""
    metric_labels = dict(Metric.choices)
    facets = [
        _simple_facet("company", gettext("Company"), summary, params),
        _simple_facet("metric", gettext("Metric"), summary, params, metric_labels),
        _simple_facet("currency", gettext("Currency"), summary, params),
        _year_facet(summary.year, params),
    ]
    if with_status:
        labels = {s: Status(s).label for s in Status.verdicts()}
        facets.insert(0, _simple_facet("status", gettext("Verdict"), summary, params, labels))
    return facets


def choices_in_results(
    choices, summary: Summary, name: str, current: str
) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of a filter's <select>: only the values these rows have.

    `choices` are the field's own, in its order, the empty "Any …" choice first; each value
    the rows have gets its count from the facet query ("USD (12)"), the others are left out,
    except the selected one, which a reader must see to change it.
    """
    counts = {str(key).lower(): n for key, _, n in summary.rows(name) if key}
    current = current.lower()
    options = []
    for value, label in choices:
        value = str(value)
        selected = value.lower() == current
        if not value:
            options.append((value, str(label), selected))
        elif value.lower() in counts or selected:
            options.append((value, f"{label} ({counts.get(value.lower(), 0):,})", selected))
    return options

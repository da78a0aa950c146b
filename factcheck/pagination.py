"""Pages of the public claims: the plan of a sorted listing as parts, and page numbers over them.

`plan(query, summary)` cuts the sorted rows of a listing into parts (querysets whose sizes
the facet counts already know) that the database reads without sorting every filtered row;
`paginate(parts, number=N)` reads page N from them. `?page=N` works for every N up to the last page, and the last pages cost what the first
ones do: a page in the second half is read from the far end, with the sort reversed
(`QuerySet.reverse()` flips every ORDER BY term, tie-breaker and NULLS placement included)
and a small OFFSET, then put back in order. Only the middle of a part pays a large OFFSET,
and the date sort's parts are years (`_year_parts`). The sizes come from the facet query
(see facets.py), so there is no extra COUNT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import ceil

from django.db.models import F, QuerySet

from factcheck.columns import ordering
from factcheck.facets import Summary
from factcheck.models import Metric, Status

PER_PAGE = 50
# Sortable columns with blanks and an index ((as_of, id), (usd_value, id)). Readers want
# blanks last in both directions, which no b-tree index serves in one scan; the page is
# read as two index-ordered parts instead: the filled rows, then the blank ones.
SPLIT_AT_BLANKS = {"as_of": "as_of", "usd": "usd_value"}

# Sortable columns with few values, each counted by a facet: a page is read in parts of
# consecutive values instead of sorting every filtered row by the column (0.5 s for
# ?sort=company at a million claims).
SPLIT_BY_FACET = ("company", "metric", "status")
SORTED_CODES = {"metric": Metric.values, "status": Status.values}

Segments = Sequence[tuple[QuerySet | Callable[[], QuerySet], int]]


class LazySegments(Sequence):
    """Segments made only when a page reads them: a listing in thousands of parts.

    `sizes` are the parts' row counts, in order; `make(i)` is part i's queryset. Indexing
    gives (a function making part i, its size), as a Segments list holds.
    """

    def __init__(self, sizes: Sequence[int], make: Callable[[int], QuerySet]):
        self.sizes, self.make = sizes, make

    def __len__(self) -> int:
        return len(self.sizes)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return (lambda: self.make(i), self.sizes[i])


class PageError(ValueError):
    """A `page` parameter that names no page; the message says which pages exist."""


@dataclass
class Page:
    number: int
    per_page: int
    total: int
    rows: list

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def start_index(self) -> int:
        """1-based position of the first row shown (0 when there is none)."""
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.rows) - 1 if self.rows else 0

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: first, last and a few around this one; None marks a gap."""
        last = self.num_pages
        wanted = {1, last} | set(range(self.number - around, self.number + around + 1))
        numbers = sorted(n for n in wanted if 1 <= n <= last)
        shown: list[int | None] = []
        for n in numbers:
            if shown and n - shown[-1] > 1:
                shown.append(None)
            shown.append(n)
        return shown


def page_number(raw: str | None, total: int, per_page: int = PER_PAGE) -> int:
    """The page a `page` parameter asks for; PageError (with the valid range) if none."""
    last = max(1, ceil(total / per_page))
    if raw in (None, ""):
        return 1
    if raw == "last":
        return last
    try:
        number = int(raw)
    except ValueError:
        raise PageError(f"“{raw}” is not a page number: use 1 to {last}.") from None
    if not 1 <= number <= last:
        raise PageError(f"There is no page {number}: pages run from 1 to {last}.")
    return number


# Past this many skipped rows, a page reads its ids first and then only its own rows: an
# OFFSET makes the database build every skipped row, joins and source counts included
# (17 s for page 4,951 of 9,903 at a million claims; a fraction of a second for the ids).
DEFER_AFTER = 200


def _window(queryset: QuerySet, start: int, end: int) -> list:
    """Rows [start, end) of a sorted queryset; a deep window reads its ids first."""
    if start < DEFER_AFTER:
        return list(queryset[start:end])
    ids = list(queryset.values_list("pk", flat=True)[start:end])
    by_id = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def _slice(queryset: QuerySet, start: int, end: int, size: int) -> list:
    """Rows [start, end) of a sorted queryset of `size` rows, read from the nearer end."""
    if start >= end:
        return []
    if start <= size - end:
        return _window(queryset, start, end)
    rows = _window(queryset.reverse(), size - end, size - start)
    rows.reverse()
    return rows


def paginate(
    segments: Segments,
    *,
    number: int,
    per_page: int = PER_PAGE,
) -> Page:
    """Page `number` of the rows of `segments`, one after the other.

    Each segment is a sorted queryset (or a function making it, for listings of thousands
    of segments; a LazySegments makes only those the page reads) with its known row count.
    A listing is usually one segment; a sort on a column with blanks is two (the filled
    rows, then the blank ones), so that each is served by an index. A page costs one
    query, two where it straddles.
    """
    # A LazySegments gives its sizes without making a function per part.
    sizes = segments.sizes if isinstance(segments, LazySegments) else [n for _, n in segments]
    total = sum(sizes)
    start = (number - 1) * per_page
    end = min(start + per_page, total)
    rows: list = []
    offset = 0
    for i, size in enumerate(sizes):
        if offset >= end:
            break  # the parts after the page are never made
        lo, hi = max(start - offset, 0), min(end - offset, size)
        if lo < hi:
            queryset, _ = segments[i]
            rows += _slice(queryset() if callable(queryset) else queryset, lo, hi, size)
        offset += size
    return Page(number=number, per_page=per_page, total=total, rows=rows)


def plan(query, summary: Summary) -> Segments:
    """The sorted rows of `query` (a filters.ClaimQuery) as (queryset, row count) parts, in order.

    `summary` is `facets.summarise(query.filtered)`: the total, the blank counts and the
    facet counts. Read one after the other, the parts give exactly the order of the
    query's sort, and each part is one that the database reads without sorting every row:

    * a column with blanks and an index (SPLIT_AT_BLANKS): the filled rows, then the
      blank ones; for the as-of date, the filled rows in parts of consecutive years;
    * a column with a facet (company, metric, status): consecutive values, in the
      sort's order, grouped into parts of at least a page; the facet counts say how
      long each part is, so a page reads only the one or two parts it shows.
    """
    rows = query.rows()
    name = query.sort.removeprefix("-")
    descending = query.sort.startswith("-")
    tie = F("id").desc() if descending else F("id").asc()
    if name in SPLIT_AT_BLANKS:
        field, blanks = SPLIT_AT_BLANKS[name], summary.blanks(name)
        # NULLS placement is moot once blanks are filtered out; these match each index
        # direction on PostgreSQL (ASC NULLS LAST, DESC NULLS FIRST) so it is used.
        key = F(field).desc(nulls_first=True) if descending else F(field).asc(nulls_last=True)
        blank = rows.filter(**{f"{field}__isnull": True}).order_by(tie)
        if name == "as_of":
            dated = _year_parts(rows, [key, tie], summary, descending=descending)
            if dated is not None:
                return [*dated, (blank, blanks)]
        filled = rows.filter(**{f"{field}__isnull": False}).order_by(key, tie)
        return [(filled, summary.total - blanks), (blank, blanks)]
    if name == "status" and not summary.status:
        return [(rows.order_by(tie), summary.total)]  # `/`: every row is verified
    if name in SPLIT_BY_FACET:
        return _facet_parts(rows, name, query.sort, query.companies, summary)
    if name == "figure" and summary.unit:
        return _unit_parts(rows, query.sort, summary)
    return [(rows, summary.total)]


def _year_parts(
    rows: QuerySet, order: list, summary: Summary, *, descending: bool
) -> Segments | None:
    """The dated rows as parts of consecutive years, each at least a page long.

    The year facet counts them, so the part a page falls in is known, and a page deep in
    the listing skips rows of its own year or years only (half a year's rows at most, from
    the part's nearer end) instead of half the listing: `BETWEEN` on the as-of index
    starts the scan at the part's first row. None when the year counts do not add up to
    the dated rows (then the dated rows are one part).
    """
    counts = {int(float(key)): n for key, _, n in summary.year if key not in (None, "") and n}
    if sum(counts.values()) != summary.total - summary.undated:
        return None
    chunks: list[tuple[list[int], int]] = []
    for year in sorted(counts, reverse=descending):
        if not chunks or chunks[-1][1] >= PER_PAGE:
            chunks.append(([], 0))
        years, size = chunks[-1]
        chunks[-1] = ([*years, year], size + counts[year])

    def part(years: list[int]):  # made only for the parts a page shows
        first, last = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
        return lambda: rows.filter(as_of__gte=first, as_of__lte=last).order_by(*order)

    return [(part(years), size) for years, size in chunks]


def _unit_parts(rows: QuerySet, sort: str, summary: Summary) -> Segments:
    """The figure sort as parts by unit (code point order, as columns.CodePointOrder sorts).

    A unit with a page of rows or more is a part of its own, sorted by (value, id): the
    partial (value, id) index reads it in order. Smaller units next to each other share
    a part sorted by (unit, value, id), which sorts only their few rows.
    """
    descending = sort.startswith("-")
    counts = unit_counts(summary)
    value_only = [
        F("value").desc() if descending else F("value").asc(),
        F("id").desc() if descending else F("id").asc(),
    ]
    order = ordering(sort)
    parts: Segments = []
    small: list[str] = []

    def part(units: list[str], keys: list):
        return lambda: rows.filter(unit__in=units).order_by(*keys)

    def flush():
        if small:
            parts.append((part(list(small), order), sum(counts[u] for u in small)))
            small.clear()

    for unit in unit_order(summary, descending=descending):
        if counts[unit] >= PER_PAGE:
            flush()
            parts.append((part([unit], value_only), counts[unit]))
        elif counts[unit]:
            small.append(unit)
            if sum(counts[u] for u in small) >= PER_PAGE:
                flush()
    flush()
    return parts


def _facet_parts(rows: QuerySet, name: str, sort: str, companies, summary: Summary) -> Segments:
    """Parts of consecutive values of a SPLIT_BY_FACET column, each at least a page long.

    A part sorts only its own values' rows, and a page spans at most two parts, so a
    page costs one or two queries however many companies there are. `companies` are
    (slug, name, id), ordered by name in the database's own collation (as ORDER BY is).
    Where the parts start depends only on the counts and the sort (the companies are those
    of the summary's version), so it is worked out once per summary (Summary.derive): at
    5,000 companies the walk costs milliseconds, a page then only adds up their sizes.
    """
    chunks, sizes = summary.derive(
        ("parts", name, sort), lambda: _facet_chunks(name, sort, companies, summary)
    )
    field = "company_id" if name == "company" else name

    def part(i: int) -> QuerySet:  # made only for the parts a page shows
        if i == len(chunks):  # no company: last, in either direction
            return rows.filter(company__isnull=True).order_by(*ordering(sort))
        return rows.filter(**{f"{field}__in": chunks[i]}).order_by(*ordering(sort))

    return LazySegments(sizes, part)


def _facet_chunks(name: str, sort: str, companies, summary: Summary) -> tuple[list, list[int]]:
    """The values of each of _facet_parts' parts, and its size; the rows of no company last."""
    counts = {key: n for key, _, n in summary.rows(name)}  # none: no rows
    if name == "company":
        values = [(slug, pk) for slug, _, pk in companies]
    else:  # lowercase ASCII codes: Python's order is every collation's
        values = [(code, code) for code in sorted(SORTED_CODES[name])]
    chunks: list[list] = []
    sizes: list[int] = []
    for key, value in values[::-1] if sort.startswith("-") else values:
        n = counts.get(key)
        if n:
            if not chunks or sizes[-1] >= PER_PAGE:
                chunks.append([])
                sizes.append(0)
            chunks[-1].append(value)
            sizes[-1] += n
    if name == "company" and counts.get(None):
        sizes.append(counts[None])
    return chunks, sizes


def unit_counts(summary: Summary) -> dict[str, int]:
    """How many rows each unit has ("" for plain numbers), from the facet counts."""
    return {key or "": n for key, _, n in summary.unit}


def unit_order(summary: Summary, *, descending: bool = False) -> list[str]:
    """The units of the rows in the order the figure sort shows them (by code point)."""
    return sorted(unit_counts(summary), reverse=descending)

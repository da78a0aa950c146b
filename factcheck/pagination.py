"""Page numbers over sorted querysets whose sizes are already known.

`?page=N` works for every N up to the last page, and the last pages cost what the first
ones do: a page in the second half is read from the far end, with the sort reversed
(`QuerySet.reverse()` flips every ORDER BY term, tie-breaker and NULLS placement included)
and a small OFFSET, then put back in order. Only the middle of a long listing pays a large
OFFSET. The sizes come from the facet query (see facets.py), so there is no extra COUNT.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import ceil

from django.db.models import QuerySet

PER_PAGE = 50


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
    segments: list[tuple[QuerySet | Callable[[], QuerySet], int]],
    *,
    number: int,
    per_page: int = PER_PAGE,
) -> Page:
    """Page `number` of the rows of `segments`, one after the other.

    Each segment is a sorted queryset (or a function making it, for listings of thousands
    of segments) with its known row count. A listing is usually one
    segment; a sort on a column with blanks is two (the filled rows, then the blank ones),
    so that each is served by an index. A page costs one query, two where it straddles.
    """
    total = sum(size for _, size in segments)
    start = (number - 1) * per_page
    end = min(start + per_page, total)
    rows: list = []
    offset = 0
    for queryset, size in segments:
        lo, hi = max(start - offset, 0), min(end - offset, size)
        if lo < hi:
            rows += _slice(queryset() if callable(queryset) else queryset, lo, hi, size)
        offset += size
    return Page(number=number, per_page=per_page, total=total, rows=rows)

"""The claims changelist at a million claims: counts, pages, dates and the company filter,
each bounded so a page costs the same at 100,000 claims and at 1,000,000.

* `CappedPaginator` counts at most `CAP` matching rows ("10,000+ claims") instead of
  COUNT(*) over every match, and so links at most CAP / per page pages: a deep page skips
  at most CAP rows. Older claims are reached by narrowing (a filter, a year, a search),
  which is what an editor does with a list of a million claims anyway.
* `DeskDates` answers the date hierarchy's "which years / months have claims" with the
  first and last date (two index probes) and an EXISTS per period, instead of a DISTINCT
  over every matching row (0.5 s at 1M for the years).
* `CompanyFilter` is a box for a company's name (or alias) instead of Django's list of every
  company that has claims (a DISTINCT over all claims, then 5,000 links at 1M).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR, ChangeList
from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models import Max, Min, Q
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

from companies.models import Company
from factcheck.figure_checks import with_check_counts
from factcheck.models.claims import ClaimQuerySet

CAP = 10_000  # rows counted, and so rows reachable by page number, per list


class CappedPaginator(Paginator):
    """Counts up to `cap` rows (`capped` says there are more); pages stop there.

    A search counts up to `search_cap` (ClaimAdmin.get_paginator): its matches come from the
    text index, each read from the table to be counted, so 1,000 of them (20 pages) rather
    than 10,000 (30 ms at 1M claims, and growing with the desk).
    """

    cap = CAP
    search_cap = 1_000
    capped = False  # set by count

    @cached_property
    def count(self) -> int:
        limited = self.object_list.order_by().values("pk")[: self.cap + 1]
        found = limited.count()  # COUNT(*) over a LIMITed subquery: reads cap + 1 rows at most
        self.capped = found > self.cap
        return min(found, self.cap)

    def page(self, number):
        """The page's ids first (an index read that skips the earlier rows), then its rows
        with their annotations: PostgreSQL computes a row's select list even for the rows
        an OFFSET skips, so the check counts of 10,000 rows would be computed for page 200."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


class DeskDates(ClaimQuerySet):
    """The desk's claims; `dates()` by year and month costs the same at any size.

    `few` (set by the changelist when its capped count found at most CAP rows): the matches
    are read by Django's own DISTINCT, cheaper then than an EXISTS per period (each would
    run a search again), and their first and last date from the matches. The first and last
    date are read once per list (Django's date hierarchy asks for them, then for the dates).
    """

    few = False

    def _clone(self):
        clone = super()._clone()
        clone.few = self.few
        return clone

    def aggregate(self, *args, **kwargs):
        if args or set(kwargs) != {"first", "last"}:
            return super().aggregate(*args, **kwargs)
        bounds = getattr(self, "_bounds", None)
        if bounds is None or bounds[0] != kwargs:
            self._bounds = (kwargs, self._first_and_last(kwargs))
        return dict(self._bounds[1])

    def _first_and_last(self, kwargs) -> dict:
        """MIN and MAX of the date. Of few matches, from the matches themselves: PostgreSQL
        answers MIN(as_of) by walking the date index until a row matches, which for a rare
        search is every claim (34 s at 1M)."""
        if not self.few:
            return super().aggregate(**kwargs)
        field = kwargs["first"].source_expressions[0].name
        found = [d for d in self.order_by().values_list(field, flat=True)[: CAP + 1] if d]
        return {"first": min(found, default=None), "last": max(found, default=None)}

    def dates(self, field_name, kind, order="ASC"):
        if kind not in ("year", "month") or self.few:
            return super().dates(field_name, kind, order)  # days: within one month already
        bounds = self.aggregate(first=Min(field_name), last=Max(field_name))
        if bounds["first"] is None:
            return []
        periods = list(_periods(bounds["first"], bounds["last"], kind))
        dates = [start for start, _end in _with_rows(self, field_name, periods)]
        return dates if order == "ASC" else dates[::-1]


def _with_rows(claims: ClaimQuerySet, field_name: str, periods: list) -> list:
    """The (start, end) of `periods` in which `claims` has a row, in one statement: the list's
    query, compiled once with a period's bounds as columns of a table of the periods, is
    asked EXISTS for each period (an index probe each). Building one EXISTS per period
    through the ORM cost more than the rest of the date hierarchy."""
    bound = {"output_field": models.DateField()}
    inner = claims.order_by().filter(
        **{
            f"{field_name}__gte": RawSQL("period.low", (), **bound),
            f"{field_name}__lt": RawSQL("period.high", (), **bound),
        }
    )
    sql, params = inner.values("pk").query.sql_with_params()
    connection = connections[claims.db]
    rows = ", ".join(f"({n}, %s, %s)" for n in range(len(periods)))
    bounds = [connection.ops.adapt_datefield_value(day) for period in periods for day in period]
    # EXISTS in the select list: evaluated per period, never turned into a join that
    # PostgreSQL might answer by reading every claim once. Every value is a parameter.
    periods_table = f"WITH period (n, low, high) AS (VALUES {rows})"
    statement = f"{periods_table} SELECT n, EXISTS ({sql}) FROM period ORDER BY n"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(statement, [*bounds, *params])
        return [periods[n] for n, present in cursor.fetchall() if present]


def _periods(first: dt.date, last: dt.date, kind: str):
    """(start, end) of each year or month from `first` to `last`."""
    if kind == "year":
        for year in range(first.year, last.year + 1):
            yield dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        return
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        following = (year + month // 12, month % 12 + 1)
        yield dt.date(year, month, 1), dt.date(*following, 1)
        year, month = following


class ClaimChangeList(ChangeList):
    """Django's changelist over `DeskDates`, so the date hierarchy is bounded too; the
    arithmetic checks' counts of the "Checks" column are annotated on the page's rows only,
    so the count, the date hierarchy and the id read of a page do not carry them."""

    def get_queryset(self, request, exclude_parameters=None):
        claims = super().get_queryset(request, exclude_parameters)
        return DeskDates(model=claims.model, query=claims.query, using=claims.db)

    def get_results(self, request):
        super().get_results(request)
        self.result_list = with_check_counts(self.result_list)
        self.queryset.few = not self.paginator.capped  # see DeskDates
        if self.query and self.paginator.capped:
            # More than CAP matches of a search: no year links. Each would run the search
            # again (one EXISTS per year: 40 ms at 1M); such a list is narrowed by its words.
            self.date_hierarchy = None


class CompanyFilter(admin.SimpleListFilter):
    """A company, by id (links) or by a word of its name or one of its aliases (the box)."""

    title = "company"
    parameter_name = "company__id__exact"  # the parameter Django's own company filter used
    name_parameter = "company_name"
    template = "admin/factcheck/claim/company_filter.html"
    shown = 20  # companies listed for a typed name

    def __init__(self, request, params, model, model_admin):
        self.name = (params.pop(self.name_parameter, [""])[-1] or "").strip()
        super().__init__(request, params, model, model_admin)
        if self.name:
            self.used_parameters[self.name_parameter] = self.name

    def expected_parameters(self):
        return [self.parameter_name, self.name_parameter]

    def has_output(self):
        return True  # the box is always there

    def _named(self):
        named = Q(name__icontains=self.name) | Q(aliases__name__icontains=self.name)
        return Company.objects.filter(named).order_by().values("pk")

    def lookups(self, request, model_admin):
        chosen = self.used_parameters.get(self.parameter_name)
        if self.name:
            companies = Company.objects.filter(pk__in=self._named()).order_by("name")
            return [(str(c.pk), c.name) for c in companies[: self.shown]]
        if chosen and chosen.isdigit():
            return [(str(c.pk), c.name) for c in Company.objects.filter(pk=chosen)]
        return []

    def queryset(self, request, queryset):
        chosen = self.value()
        if chosen:
            return queryset.filter(company_id=chosen if chosen.isdigit() else None)
        if self.name:
            return queryset.filter(company_id__in=self._named())
        return queryset

    def choices(self, changelist):
        others = [self.parameter_name, self.name_parameter]
        # The box keeps the list's other filters, search and sort (not its page).
        self.hidden = [
            (key, value)
            for key, value in changelist.params.items()
            if key not in (*others, PAGE_VAR, ERROR_FLAG)
        ]
        yield {
            "selected": not (self.value() or self.name),
            "query_string": changelist.get_query_string(remove=others),
            "display": "All",
        }
        for pk, name in self.lookup_choices:
            yield {
                "selected": self.value() == pk,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: pk}, [self.name_parameter]
                ),
                "display": name,
            }

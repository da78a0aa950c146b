"""Company pages: the companies with published figures, by group, and one company's figures.

Every figure comes from `Claim.objects.public()`. A company with nothing published has no
page (and is not listed): the desk has said nothing public about it yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from factcheck.caching import public_page, request_version
from factcheck.listing import cached_companies, cached_company_counts, company_latest
from factcheck.models import Metric
from factcheck.tables import Shared, chart_point_row, company_row, company_url

from .charts import Chart, Omitted, plan_charts
from .models import Company

# Up to this many companies the list shows them all; past it, a letter at a time, with an
# index of the letters and how many companies each has.
ALL_ON_ONE_PAGE = 150
OTHER = "other"  # names that do not start with a Latin letter (月之暗面, 01.AI)


def initial(name: str) -> str:
    """The letter `name` is listed under: "A" to "Z", or OTHER."""
    first = name[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


@dataclass
class Letter:
    key: str
    label: str
    count: int
    current: bool = False


def _by_letter(named) -> dict[str, list[int]]:
    """The ids of `named` (slug, name, id) by the letter each is listed under, A to Z then OTHER."""
    groups: dict[str, list[int]] = {}
    for _, name, pk in named:
        groups.setdefault(initial(name), []).append(pk)
    keys = sorted(key for key in groups if key != OTHER) + ([OTHER] if OTHER in groups else [])
    return {key: groups[key] for key in keys}


def _letters(by_letter: dict[str, list[int]]) -> list[Letter]:
    """The letters the names start with, each with how many start so."""
    return [Letter(key, "#" if key == OTHER else key, len(ids)) for key, ids in by_letter.items()]


@public_page
def company_list(request):
    """The companies with published figures, by group; a letter at a time when there are many.

    Which companies, and so the letters and their counts, come from the list the claim
    filters cache under the public version: the page costs the version query, the shown
    companies, and their groups, however many companies there are. Their figure counts are
    those of `/claims/`'s company facet when the cache holds it (the writer counts it ahead);
    otherwise the shown companies' claims are counted in the same query.
    """
    version = request_version(request)
    named = cached_companies(version)  # (slug, name, id), by name
    wanted = request.GET.get("letter")
    letters: list[Letter] = []
    if wanted is None and len(named) <= ALL_ON_ONE_PAGE:
        ids = [pk for _, _, pk in named]
    else:
        # Worked out once per company list (a process keeps the current version's), not
        # once per request: at 5,000 companies, a few milliseconds.
        by_letter = named.derive("by-letter", lambda: _by_letter(named))
        letters = _letters(by_letter)
        letter = wanted if wanted is not None else letters[0].key
        ids = by_letter.get(letter, [])
        if not ids:
            raise Http404("No company with published figures is listed under this letter.")
        for entry in letters:
            entry.current = entry.key == letter
    counts = cached_company_counts(version)  # from the counts the writer made, when cached
    if not ids:
        companies = []
    elif counts is None:
        companies = list(Company.objects.filter(pk__in=ids).with_figure_counts())
    else:
        companies = list(Company.objects.filter(pk__in=ids))
        for company in companies:
            company.figure_count = counts.get(company.slug, 0)
    order = {pk: i for i, pk in enumerate(ids)}  # the database's collation, as the filter's
    companies.sort(key=lambda company: order[company.pk])
    # Memberships in one query: prefetch_related would build a manager per company.
    memberships = Company.groups.through.objects.filter(company_id__in=ids).select_related(
        "companygroup"
    )
    groups_of: dict = {}
    for membership in memberships:
        groups_of.setdefault(membership.company_id, []).append(membership.companygroup)
    groups: dict = {}
    ungrouped = []
    for company in companies:
        company.url = company_url(company.slug)  # one reverse() for the page, not per company
        company_groups = groups_of.get(company.pk, [])
        for group in company_groups:
            groups.setdefault(group, []).append(company)
        if not company_groups:
            ungrouped.append(company)
    context = {
        "groups": sorted(groups.items(), key=lambda item: item[0].name),
        "ungrouped": ungrouped,
        "companies": companies,
        "letters": letters,
        "letter": next((entry for entry in letters if entry.current), None),
        "nav": "companies",
    }
    return render(request, "companies/company_list.html", context)


@dataclass
class ChartShown:
    """A chart and its figures' rows as HTML (tables.chart_point_row)."""

    chart: Chart
    rows: list = field(default_factory=list)


@dataclass
class MetricSection:
    metric: str
    label: str
    claims: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # the claims' table rows, as HTML (tables.company_row)
    charts: list[Chart] = field(default_factory=list)
    shown: list[ChartShown] = field(default_factory=list)  # the charts with their rows
    not_charted: list[Omitted] = field(default_factory=list)


@public_page
def company_detail(request, slug):
    company = get_object_or_404(Company.objects.prefetch_related("groups"), slug=slug)
    latest, more = company_latest(company, with_articles=False)
    if not latest:
        raise Http404("The desk has published no figure about this company.")
    claims = sorted(latest, key=lambda c: (c.as_of is None, c.as_of, c.pk))
    labels = dict(Metric.choices)
    sections: dict[str, MetricSection] = {}
    for claim in claims:
        section = sections.setdefault(
            claim.metric, MetricSection(claim.metric, labels.get(claim.metric, claim.metric))
        )
        section.claims.append(claim)
    order = {metric: i for i, metric in enumerate(Metric.values)}
    ordered = sorted(sections.values(), key=lambda s: order.get(s.metric, len(order)))
    shared = Shared()  # up to 200 rows: their cells in Python, what they share worked out once
    for section in ordered:
        plan = plan_charts(company.name, section.metric, section.label, section.claims)
        section.rows = [company_row(claim, shared) for claim in section.claims]
        section.charts = plan.charts
        section.shown = [
            ChartShown(chart, [chart_point_row(point, shared) for point in chart.points])
            for chart in plan.charts
        ]
        section.not_charted = plan.omitted
    context = {
        "company": company,
        "sections": ordered,
        "claim_count": len(claims),
        "more": more,
        "nav": "companies",
    }
    return render(request, "companies/company_detail.html", context)

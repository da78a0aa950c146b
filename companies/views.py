"""Company pages: the companies with published figures, by group, and one company's figures.

Every figure comes from `Claim.objects.public()`. A company with nothing published has no
page (and is not listed): the desk has said nothing public about it yet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from factcheck.caching import public_page, request_version
from factcheck.listing import cached_companies, company_latest
from factcheck.models import Metric
from factcheck.tables import company_url

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


def _letters(names: list[str]) -> list[Letter]:
    """The letters the names start with, A to Z then OTHER, each with how many start so."""
    counts = Counter(initial(name) for name in names)
    keys = sorted(key for key in counts if key != OTHER) + ([OTHER] if OTHER in counts else [])
    return [Letter(key, "#" if key == OTHER else key, counts[key]) for key in keys]


@public_page
def company_list(request):
    """The companies with published figures, by group; a letter at a time when there are many.

    Which companies, and so the letters and their counts, come from the list the claim
    filters cache under the public version: the page costs the version query, the shown
    companies with their figure counts, and their groups, however many companies there are.
    """
    named = cached_companies(request_version(request))  # (slug, name, id), by name
    wanted = request.GET.get("letter")
    letters: list[Letter] = []
    ids = [pk for _, _, pk in named]
    if wanted is not None or len(named) > ALL_ON_ONE_PAGE:
        letters = _letters([name for _, name, _ in named])
        letter = wanted if wanted is not None else letters[0].key
        ids = [pk for _, name, pk in named if initial(name) == letter]
        if not ids:
            raise Http404("No company with published figures is listed under this letter.")
        for entry in letters:
            entry.current = entry.key == letter
    companies = list(Company.objects.filter(pk__in=ids).with_figure_counts() if ids else [])
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
class MetricSection:
    metric: str
    label: str
    claims: list = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    not_charted: list[Omitted] = field(default_factory=list)


@public_page
def company_detail(request, slug):
    company = get_object_or_404(Company.objects.prefetch_related("groups"), slug=slug)
    latest, more = company_latest(company)
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
    for section in ordered:
        plan = plan_charts(company.name, section.metric, section.label, section.claims)
        section.charts = plan.charts
        section.not_charted = plan.omitted
    context = {
        "company": company,
        "sections": ordered,
        "claim_count": len(claims),
        "more": more,
        "nav": "companies",
    }
    return render(request, "companies/company_detail.html", context)

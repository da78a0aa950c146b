"""Company pages: the companies with published figures, by group, and one company's figures.

Every figure comes from `Claim.objects.public()`. A company with nothing published has no
page (and is not listed): the desk has said nothing public about it yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from factcheck.models import Claim, Metric
from factcheck.tables import company_url
from factcheck.views.caching import public_page

from .charts import Chart, Omitted, plan_charts
from .models import Company

# A company's page shows its latest figures; a desk with thousands about one company links to
# the full, paginated list (/claims/?company=…) rather than drawing them all, so the page
# costs the same however much the desk has published.
LATEST = 200


def _public_figure_count():
    counted = (
        Claim.objects.public()
        .filter(company=OuterRef("pk"))
        .order_by()
        .values("company")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(counted, output_field=IntegerField())


@public_page
def company_list(request):
    companies = list(
        Company.objects.filter(pk__in=Claim.objects.public().values("company"))
        .annotate(figure_count=_public_figure_count())
        .order_by("name")
    )
    # Memberships in one query: prefetch_related would build a manager per company.
    memberships = Company.groups.through.objects.filter(
        company_id__in=[company.pk for company in companies]
    ).select_related("companygroup")
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
    latest = list(
        Claim.objects.public()
        .for_company(company)
        .select_related("article")
        .order_by("-as_of", "-pk")[: LATEST + 1]  # read backwards along claim_company_as_of
    )
    if not latest:
        raise Http404("The desk has published no figure about this company.")
    more = len(latest) > LATEST
    claims = sorted(latest[:LATEST], key=lambda c: (c.as_of is None, c.as_of, c.pk))
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

"""Company pages: the companies with published figures, by group, and one company's figures.

Every figure comes from `Claim.objects.public()`. A company with nothing published has no
page (and is not listed): the desk has said nothing public about it yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from factcheck import figures
from factcheck.models import Claim, Metric, Status
from factcheck.tables import company_url
from factcheck.views.caching import public_page

from .charts import Point, line_chart
from .models import Company

# A company's page shows its latest figures; a desk with thousands about one company links to
# the full, paginated list (/claims/?company=…) rather than drawing them all, so the page
# costs the same however much the desk has published.
LATEST = 200

# Figures the desk found right: a chart of them shows what is established. Inaccurate and
# unverifiable figures stay in the table with their verdict, never on the line.
CHARTED = (Status.VERIFIED, Status.MISLEADING)


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
class Chart:
    svg: str
    points: list[Point]
    caption: str
    unit_note: str


@dataclass
class MetricSection:
    metric: str
    label: str
    claims: list = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


def _series(claims) -> dict[str, list[Point]]:
    """Chartable points by unit: money in ≈ US dollars (comparable across currencies)."""
    series: dict[str, list[Point]] = {}
    for claim in claims:
        if claim.status not in CHARTED or claim.as_of is None:
            continue
        if figures.is_currency(claim.unit):
            if claim.usd_value is None:
                continue
            label = figures.format_figure(claim.usd_value, "USD", digits=3)
            if claim.unit != "USD":
                label = f"≈ {label} ({claim.figure_display})"
            series.setdefault("USD", []).append(Point(claim.as_of, claim.usd_value, label))
        else:
            point = Point(claim.as_of, claim.value, claim.figure_display)
            series.setdefault(claim.unit, []).append(point)
    return series


def _charts(company: Company, section: MetricSection) -> list[Chart]:
    charts = []
    for unit, points in _series(section.claims).items():
        if len(points) < 2:
            continue
        chart_id = f"chart-{section.metric}-{len(charts)}"
        title = f"{company.name}: {section.label.lower()} over time"
        note = "in US dollars at each date's rate" if unit == "USD" else (unit or "as a number")
        svg = line_chart(points, title=title, unit=unit, chart_id=chart_id)
        charts.append(
            Chart(
                svg=svg, points=sorted(points, key=lambda p: p.day), caption=title, unit_note=note
            )
        )
    return charts


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
        section.charts = _charts(company, section)
    context = {
        "company": company,
        "sections": ordered,
        "claim_count": len(claims),
        "more": more,
        "nav": "companies",
    }
    return render(request, "companies/company_detail.html", context)

"""Company charts never mislead: periods apart, no silent gaps, a summary and a table each."""

import datetime as dt
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from companies.charts import Point, axis_range, line_chart, period_kind
from companies.models import Company
from factcheck.models import Claim
from tests.factories import build_chart_desk


@pytest.mark.parametrize(
    ("period", "metric", "kind"),
    [
        ("", "valuation", "point"),
        ("", "revenue", "unstated"),
        ("Q2 FY2025", "net_income", "quarter"),
        ("H1 2024", "net_loss", "half"),
        ("FY2024", "net_income", "year"),
        ("2027", "forecast", "year"),
        ("9M 2024", "revenue", "nine_months"),
        ("trailing twelve months", "revenue", "other:trailing twelve months"),
    ],
)
def test_period_kinds(period, metric, kind):
    assert period_kind(period, metric) == kind


def test_the_value_axis_holds_zero_and_negative_values_with_tidy_steps():
    assert axis_range([Decimal(29.76), Decimal(16.6)]) == (0, 30, 10)
    bottom, top, step = axis_range([Decimal(-83), Decimal(40)])
    assert bottom <= -83 and top >= 40 and step == 50


def test_a_negative_value_is_drawn_below_zero_not_on_it():
    points = [
        Point(dt.date(2023, 1, 1), Decimal(-50), "-50%"),
        Point(dt.date(2024, 1, 1), Decimal(50), "50%"),
    ]
    svg = line_chart(points, title="t", unit="%", chart_id="c")
    zero = float(re.search(r'<line class="axis"[^>]*y1="([0-9.]+)"', svg)[1])
    low, high = (
        float(y) for y in re.findall(r'<circle class="dot" cx="[0-9.]+" cy="([0-9.]+)"', svg)
    )
    assert low > zero > high  # SVG y grows downwards


def chart_claims(section) -> set[int]:
    return {point.claim.pk for chart in section.charts for point in chart.points}


def test_periods_are_separate_series_and_every_figure_is_charted_or_named(client, db):
    company, claims = build_chart_desk()
    response = client.get(company.get_absolute_url())
    body = response.content.decode()
    (section,) = response.context["sections"]
    by_period = {c.period: c.pk for c in claims}
    years_usd, years_rmb = (
        {by_period[p] for p in ("FY2019", "FY2021", "FY2023")},
        {by_period[p] for p in ("FY2003", "FY2004")},
    )
    assert [{p.claim.pk for p in chart.points} for chart in section.charts] == [
        years_rmb,  # no reference rate before the ECB quoted the yuan: drawn in RMB
        years_usd,
    ]
    omitted = {item.claim.pk: item.reason for item in section.not_charted}
    assert chart_claims(section) | set(omitted) == {c.pk for c in section.claims}
    assert omitted[by_period["Q2 FY2024"]].startswith("the only quarterly figure")
    assert omitted[by_period["FY2022"]].startswith("rated Inaccurate")
    assert omitted[by_period[""]].startswith("no as-of date")
    # The page says so, and each chart has its one-sentence summary and its own table.
    assert body.count('<circle class="dot"') == 5
    assert "Not charted, but in the table below:" in body
    assert "the only quarterly figure in ≈ USD: a line needs two dates" in body
    assert body.count('<p class="chart-summary">') == 2
    assert (
        "Pearl River AI’s full-year revenue in RMB rose 25%, from RMB 1.2 billion in FY2003 "
        "to RMB 1.5 billion in FY2004 (2 figures)."
    ) in body
    assert "as written: no reference rate for these dates" in body
    assert body.count("no reference rate for this date<") == 2  # the table's ≈ USD cells
    assert body.count('<details class="chart-data">') == 2


def test_a_year_and_a_quarter_are_never_one_line(client, db):
    company, _ = build_chart_desk()
    Claim.objects.filter(company=company).exclude(period__in=["FY2023", "Q2 FY2024"]).delete()
    body = client.get(company.get_absolute_url()).content.decode()
    assert "<svg" not in body  # one figure of each period: nothing to join
    assert "Not charted" not in body  # no chart, so the table alone tells it


@pytest.mark.django_db
def test_demo_desk_charts_add_up_and_its_money_has_usd(client):
    call_command("load_demo", stdout=StringIO())
    dated_money = [c for c in Claim.objects.all() if c.is_money and c.as_of is not None]
    assert dated_money
    for claim in dated_money:
        if claim.as_of >= dt.date(1999, 1, 4):
            assert claim.usd_value is not None, claim
    companies = Company.objects.filter(pk__in=Claim.objects.public().values("company"))
    assert companies.exists()
    for company in companies:
        response = client.get(company.get_absolute_url())
        body = response.content.decode()
        for section in response.context["sections"]:
            if section.charts:
                named = chart_claims(section) | {i.claim.pk for i in section.not_charted}
                assert named == {c.pk for c in section.claims}, (company, section.metric)
        dots = sum(len(chart.points) for s in response.context["sections"] for chart in s.charts)
        assert body.count('<circle class="dot"') == dots

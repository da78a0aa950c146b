"""`/articles/<slug>/` with its claims marked in place, and the company pages with charts."""

import datetime as dt
from decimal import Decimal

import pytest

from factcheck.models import Status
from tests.factories import ArticleFactory, CompanyFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db


def test_article_marks_each_public_claim_where_it_is_made(client, desk):
    response = client.get("/articles/robots-and-money/")
    assert response.status_code == 200
    body = response.content.decode()
    valuation, revenue = desk["valuation"], desk["revenue"]
    assert (
        f'<mark id="claim-{valuation.pk}" class="claim verdict-verified">'
        f'<a href="/claims/{valuation.pk}/">Its valuation reached $3 billion</a>'
    ) in body
    assert f'<a href="/claims/{revenue.pk}/">Revenue fell to RMB 120 million</a>' in body
    assert "</span> Inaccurate</span></mark>, a drop that surprised analysts." in body
    # The text around the marks is all there, one paragraph per line.
    assert "<p>Lumen Robotics had a quiet spring.</p>" in body


def test_unpublished_claims_are_not_marked(client, desk):
    body = client.get("/articles/robots-and-money/").content.decode()
    assert "Investors cheered." in body  # the text is there…
    assert f"claim-{desk['draft'].pk}" not in body  # …but not marked
    assert f"claim-{desk['unpublished'].pk}" not in body
    assert body.count("<mark") == 3  # valuation, revenue, GPUs


def test_claims_whose_quote_is_not_in_the_text_are_listed_below(client, desk):
    body = client.get("/articles/robots-and-money/").content.decode()
    assert "Also checked in this article" in body
    assert "valued at $1.5 billion a year earlier" in body


def test_article_without_text_lists_its_claims_in_order(client, db):
    article = ArticleFactory(slug="no-text", text="")
    first = PublishedClaimFactory(article=article, quote="First figure $1 billion")
    second = PublishedClaimFactory(article=article, quote="Second figure $2 billion")
    body = client.get("/articles/no-text/").content.decode()
    assert "The figures checked, in order" in body
    assert body.index(first.quote) < body.index(second.quote)
    assert f'id="claim-{first.pk}"' in body


def test_article_quotes_match_despite_spacing_and_curly_quotes(client, db):
    article = ArticleFactory(slug="typography", text="He said it’s worth  $9 billion today.")
    claim = PublishedClaimFactory(article=article, quote="it's worth $9 billion")
    body = client.get("/articles/typography/").content.decode()
    assert f'<a href="/claims/{claim.pk}/">it’s worth  $9 billion</a>' in body


def test_article_text_is_escaped(client, db):
    article = ArticleFactory(slug="hostile", text="<script>alert(1)</script> It made $5 billion.")
    PublishedClaimFactory(article=article, quote="It made $5 billion")
    body = client.get("/articles/hostile/").content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_article_with_nothing_public_has_no_page(client, desk):
    ArticleFactory(slug="in-progress", text="Figures soon.")
    assert client.get("/articles/in-progress/").status_code == 404
    assert client.get("/articles/never-was/").status_code == 404


def test_company_list_shows_groups_and_published_counts(client, desk):
    CompanyFactory(name="Dormant Inc", slug="dormant")  # nothing published
    body = client.get("/companies/").content.decode()
    assert '<h2 id="group-test-tigers">Test Tigers</h2>' in body
    assert 'href="/companies/lumen-robotics/">Lumen Robotics</a>' in body
    assert "3 published figures" in body
    assert "1 published figure<" in body
    assert "Dormant" not in body


def test_company_page_lists_figures_by_metric(client, desk):
    body = client.get("/companies/lumen-robotics/").content.decode()
    assert '<h2 id="metric-valuation">Valuation</h2>' in body
    assert '<h2 id="metric-revenue">Revenue</h2>' in body
    assert "right figure: RMB 102 million" in body
    assert "40,000 GPUs" not in body  # another company's figure
    assert body.index('id="metric-valuation"') < body.index('id="metric-revenue"')  # desk order


def test_chart_for_a_metric_with_two_dated_figures(client, desk):
    body = client.get("/companies/lumen-robotics/").content.decode()
    valuation = body.split('id="metric-valuation"')[1].split('id="metric-revenue"')[0]
    assert valuation.count("<svg") == 1
    assert 'role="img"' in valuation and 'aria-labelledby="chart-valuation-0-title' in valuation
    assert (
        '<title id="chart-valuation-0-title">Lumen Robotics: valuation over time</title>'
        in valuation
    )
    summary = "Lumen Robotics’ valuation rose 100%, from $1.5 billion on 31 Mar 2023 to $3 billion on 31 Mar 2024 (2 figures)."
    assert f'<p class="chart-summary">{summary}</p>' in valuation
    assert f'<desc id="chart-valuation-0-desc">{summary}</desc>' in valuation
    assert (
        "The chart&#x27;s figures as a table" in valuation
        or "The chart's figures as a table" in valuation
    )
    assert valuation.count('<circle class="dot"') == 2
    revenue = body.split('id="metric-revenue"')[1]
    assert "<svg" not in revenue  # one figure only


def test_chart_leaves_out_inaccurate_figures_and_converts_currencies(client, db):
    company = CompanyFactory(name="Mixed Co", slug="mixed-co")
    for day, value, unit, usd, status in [
        (dt.date(2022, 1, 1), 700, "CNY", 100, Status.VERIFIED),
        (dt.date(2023, 1, 1), 200, "USD", 200, Status.VERIFIED),
        (dt.date(2024, 1, 1), 900, "USD", 900, Status.INACCURATE),
    ]:
        PublishedClaimFactory(
            company=company,
            metric="revenue",
            as_of=day,
            value=Decimal(value) * 10**6,
            unit=unit,
            usd_value=Decimal(usd) * 10**6,
            status=status,
            corrected_value=1 if status == Status.INACCURATE else None,
        )
    body = client.get("/companies/mixed-co/").content.decode()
    assert body.count('<circle class="dot"') == 2
    assert "≈ $100 million (RMB 700 million)" in body
    assert "$900 million, 01 Jan 2024" not in body


def test_company_without_published_figures_has_no_page(client, db):
    CompanyFactory(name="Quiet Co", slug="quiet-co")
    assert client.get("/companies/quiet-co/").status_code == 404
    assert client.get("/companies/nobody/").status_code == 404

"""A company's page costs the same however many figures the desk has published about it."""

import datetime as dt

import pytest

from factcheck import listing
from tests.factories import CompanyFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_company(db):
    company = CompanyFactory(name="Busy Co", slug="busy-co")
    claims = [
        PublishedClaimFactory(company=company, metric="revenue", as_of=dt.date(2020 + i, 6, 30))
        for i in range(5)
    ]
    return company, claims


def test_only_the_latest_figures_are_drawn_and_the_rest_are_linked(
    client, busy_company, monkeypatch
):
    monkeypatch.setattr(listing, "LATEST", 3)
    company, claims = busy_company
    body = client.get("/companies/busy-co/").content.decode()
    shown = [c for c in claims if f'href="/claims/{c.pk}/"' in body]
    assert shown == claims[2:]  # the three newest, oldest first
    assert "More than 3 published figures: the latest 3 are shown here." in body
    assert 'href="/claims/?company=busy-co"' in body


def test_a_company_under_the_limit_shows_every_figure(client, busy_company):
    company, claims = busy_company
    body = client.get("/companies/busy-co/").content.decode()
    assert all(f'href="/claims/{c.pk}/"' in body for c in claims)
    assert "5 published figures." in body


@pytest.mark.parametrize("figures", [2, 12])
def test_company_page_queries_do_not_grow(client, monkeypatch, django_assert_num_queries, figures):
    monkeypatch.setattr(listing, "LATEST", 5)
    company = CompanyFactory(name="Counted Co", slug="counted-co")
    PublishedClaimFactory.create_batch(figures, company=company)
    with django_assert_num_queries(4):  # version, company, its groups, its latest claims
        assert client.get("/companies/counted-co/").status_code == 200

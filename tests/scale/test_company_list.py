"""`/companies/` shows many companies a letter at a time, at a cost that does not grow with them."""

import pytest
from django.core.cache import cache

from companies import views
from companies.models import CompanyQuerySet
from tests.factories import CompanyFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db


def companies_named(*names):
    for name in names:
        company = CompanyFactory(name=name)
        PublishedClaimFactory(company=company)
    CompanyFactory(name="Quiet Ltd")  # nothing published: never listed nor counted


def test_few_companies_are_listed_on_one_page_without_letters(client):
    companies_named("Alpha AI", "Beta Labs")
    body = client.get("/companies/").content.decode()
    assert "Alpha AI" in body and "Beta Labs" in body
    assert "Companies by first letter" not in body


def test_many_companies_are_listed_by_letter_with_counts(client, monkeypatch):
    monkeypatch.setattr(views, "ALL_ON_ONE_PAGE", 3)
    companies_named("Alpha AI", "Axiom", "Beta Labs", "01.AI", "月之暗面")
    body = client.get("/companies/").content.decode()  # the first letter
    assert "Alpha AI" in body and "Axiom" in body and "Beta Labs" not in body
    assert 'href="?letter=A" aria-current="page">A <span class="meta">(2)</span>' in body
    assert 'href="?letter=B">B <span class="meta">(1)</span>' in body
    assert 'href="?letter=other">#' in body and "(2)" in body
    assert "Quiet" not in body and "?letter=Q" not in body
    other = client.get("/companies/?letter=other").content.decode()
    assert "01.AI" in other and "月之暗面" in other and "Alpha AI" not in other
    assert client.get("/companies/?letter=Q").status_code == 404  # no public company under Q
    assert client.get("/companies/?letter=zz").status_code == 404


@pytest.mark.parametrize("count", [4, 40])
def test_company_list_queries_do_not_grow(client, monkeypatch, django_assert_num_queries, count):
    monkeypatch.setattr(views, "ALL_ON_ONE_PAGE", 10)
    companies_named(*(f"Company {i:02}" for i in range(count)))
    cache.clear()
    # version, the companies with public claims (cached under the version), the shown ones
    # with their figure counts, their groups
    with django_assert_num_queries(4):
        assert client.get("/companies/?letter=C").status_code == 200
    with django_assert_num_queries(3):  # the list of companies now comes from the cache
        assert client.get("/companies/").status_code == 200


def test_figure_counts_come_from_the_claims_counts_when_cached_and_are_the_same(
    client, monkeypatch
):
    companies_named("Alpha AI", "Beta Labs")
    alpha = PublishedClaimFactory(company__name="Alpha Two").company
    PublishedClaimFactory(company=alpha)
    counted = client.get("/companies/").content.decode()  # each company's claims counted
    assert "2 published figures" in counted
    client.get("/claims/")  # /claims/'s counts (every company's) now in the cache
    with monkeypatch.context() as patch:
        patch.setattr(CompanyQuerySet, "with_figure_counts", lambda qs: pytest.fail("counted"))
        assert client.get("/companies/").content.decode() == counted
    PublishedClaimFactory(company=alpha)  # a new version: new counts
    client.get("/claims/")
    assert "3 published figures" in client.get("/companies/").content.decode()

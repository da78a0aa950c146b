"""ETag, 304 and Cache-Control on public pages; publishing and correcting show up at once."""

import pytest

from factcheck import services
from factcheck.models import Status
from tests.factories import SourceFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/claims/?metric=valuation",
    "/claims.csv",
    "/api/claims/",
    "/companies/",
    "/companies/lumen-robotics/",
    "/articles/robots-and-money/",
    "/feed/",
    "/sitemap.xml",
]


def etag(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response["ETag"]


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_answer_304_when_nothing_changed(client, desk, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_claim_page_answers_304(client, desk):
    url = desk["valuation"].get_absolute_url()
    tag = etag(client, url)
    assert client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_a_304_costs_one_query(client, desk, django_assert_num_queries):
    tag = etag(client, "/claims/")
    with django_assert_num_queries(1):
        assert client.get("/claims/", HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_each_query_string_has_its_own_etag(client, desk):
    assert etag(client, "/claims/?sort=usd") != etag(client, "/claims/?sort=-usd")


def test_publishing_changes_the_etag_at_once(client, desk, publisher):
    before = etag(client, "/")
    claim = VerdictClaimFactory(company=desk["lumen"])
    services.publish_claim(claim=claim, user=publisher)
    response = client.get("/", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert f'href="/claims/{claim.pk}/"' in response.content.decode()


def test_unpublishing_changes_the_etag_at_once(client, desk, publisher):
    url = "/claims/"
    before = etag(client, url)
    services.unpublish_claim(claim=desk["revenue"], user=publisher, reason="Withdrawn.")
    response = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert f'href="/claims/{desk["revenue"].pk}/"' not in response.content.decode()
    claim_page = client.get(desk["revenue"].get_absolute_url())
    assert claim_page.status_code == 200 and "retracted" in claim_page.content.decode()


def test_a_correction_changes_the_etag_at_once(client, desk, fact_checker, publisher):
    url = desk["gpus"].get_absolute_url()
    before = etag(client, url)
    services.give_verdict(
        claim=desk["gpus"], reviewer=fact_checker, status=Status.VERIFIED, reason="Filing found."
    )
    services.publish_claim(claim=desk["gpus"], user=publisher)
    response = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert "Filing found." in response.content.decode()


def test_a_new_source_changes_the_etag(client, desk):
    url = desk["valuation"].get_absolute_url()
    before = etag(client, url)
    SourceFactory(claim=desk["valuation"], url="https://example.org/new-evidence")
    response = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert "https://example.org/new-evidence" in response.content.decode()


def test_an_article_edit_changes_the_etag(client, desk):
    url = "/articles/robots-and-money/"
    before = etag(client, url)
    article = desk["article"]
    article.title = "Robots, money and more"
    article.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_counts_and_facets_follow_a_publication(client, desk, publisher):
    assert "of 4," in client.get("/claims/").content.decode()
    claim = VerdictClaimFactory(company=desk["quill"])
    services.publish_claim(claim=claim, user=publisher)
    body = client.get("/claims/").content.decode()
    assert "of 5," in body


def test_error_pages_are_not_cached_as_public(client, desk):
    response = client.get("/claims/?as_of_from=soon")
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")

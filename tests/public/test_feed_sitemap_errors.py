"""`/feed/`, `/sitemap.xml`, `/healthz` and the error pages."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_feed_lists_published_verdicts_newest_first(client, desk):
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    entries = feed.findall(f"{ATOM}entry")
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    newest_first = sorted(desk["public"], key=lambda c: (c.published_at, c.pk), reverse=True)
    assert links == [f"http://testserver/claims/{c.pk}/" for c in newest_first]
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert "Inaccurate: Lumen Robotics, RMB 120 million" in titles
    body = response.content.decode()
    assert "999 million" not in body and "Investors cheered" not in body  # unpublished
    assert "The right figure: RMB 102 million." in body


def sitemap_locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_sitemap_index_and_sections_list_only_public_pages(client, desk):
    sections = sitemap_locations(client, "/sitemap.xml")
    assert sections == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-claims.xml",
        "http://testserver/sitemap-companies.xml",
        "http://testserver/sitemap-articles.xml",
    ]
    urls = [
        u for s in sections for u in sitemap_locations(client, s.removeprefix("http://testserver"))
    ]
    claim_urls = {f"http://testserver/claims/{c.pk}/" for c in desk["public"]}
    assert claim_urls <= set(urls)
    assert f"http://testserver/claims/{desk['draft'].pk}/" not in urls
    assert f"http://testserver/claims/{desk['unpublished'].pk}/" not in urls
    assert "http://testserver/companies/lumen-robotics/" in urls
    assert "http://testserver/articles/robots-and-money/" in urls
    assert "http://testserver/" in urls and "http://testserver/claims/" in urls
    for url in urls:  # every listed page exists
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_404_page_in_the_site_style(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<link rel="stylesheet" href="/static/factcheck/site.css">' in body
    assert "<h1>Not found</h1>" in body
    assert 'aria-label="Main"' in body


def test_500_page_in_the_site_style(rf):
    from factcheck.views.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "/static/factcheck/site.css" in body
    assert "Something went wrong" in body


@override_settings(DEBUG=False)
def test_an_unexpected_error_shows_the_500_page(client, db, monkeypatch):
    from factcheck.views import claims

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(claims, "claim_listing", boom)
    client.raise_request_exception = False
    response = client.get("/claims/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/claims/?page=-1",
        "/claims/?sort=",
        "/claims/?as_of_from=2024-02-30",
        "/claims/?company=%00",
        "/claims/?q=%22unbalanced",
        "/claims/?q=%27%3B%20DROP%20TABLE",
        "/claims/?metric=valuation&metric=revenue",
        "/?as_of_to=99999-01-01",
        "/api/claims/?page=last&sort=-usd",
        "/claims.csv?currency=%F0%9F%92%B0",
    ],
)
def test_odd_parameters_never_give_a_500(client, desk, url):
    assert client.get(url).status_code in (200, 400)

"""Hostile text on the public site: escaped on every page, links only http(s), JSON-LD unbreakable."""

import json
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from factcheck import jsonld
from tests.factories import PublishedClaimFactory, hostile_desk
from tests.security import hostile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cold_cache():
    cache.clear()


@pytest.fixture
def claim():
    return hostile_desk(published=True)


def html_pages(claim) -> list[str]:
    return [
        reverse("factcheck:home"),
        reverse("factcheck:claims"),
        reverse("factcheck:claims") + "?q=%3Cscript%3Ealert(%22xss%22)%3C%2Fscript%3E",
        reverse("factcheck:claims") + "?company=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
        reverse("factcheck:claim", args=[claim.pk]),
        reverse("factcheck:article", args=[claim.article.slug]),
        reverse("companies:list"),
        reverse("companies:detail", args=[claim.company.slug]),
    ]


def test_every_public_page_shows_hostile_text_escaped(client, claim):
    for url in html_pages(claim):
        response = client.get(url)
        assert response.status_code in (200, 400), url
        assert hostile.find_injections(response.content.decode()) == [], url


@pytest.mark.parametrize("page", ["claims", "claim", "article", "company"])
def test_the_payloads_show_as_text(client, claim, page):
    url = {
        "claims": reverse("factcheck:claims"),
        "claim": reverse("factcheck:claim", args=[claim.pk]),
        "article": reverse("factcheck:article", args=[claim.article.slug]),
        "company": reverse("companies:detail", args=[claim.company.slug]),
    }[page]
    hostile.assert_escaped(client.get(url).content.decode())


def json_ld(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)


def test_json_ld_cannot_be_broken_out_of(client, claim):
    html = client.get(reverse("factcheck:claim", args=[claim.pk])).content.decode()
    blocks = json_ld(html)
    assert len(blocks) == 1
    assert "</" not in blocks[0] and "<!--" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["claimReviewed"] == claim.quote  # the exact words, as data
    assert data["itemReviewed"]["author"]["name"] == claim.article.author


def test_json_ld_of_a_quote_closing_the_script_stays_one_element():
    """Unit-level: `</script>` inside a JSON string is written as \\u003C/script\\u003E."""
    tag = jsonld.script_tag({"claimReviewed": hostile.SCRIPT_CLOSE + "<!--"})
    assert tag.count("</script>") == 1 and tag.endswith("</script>")
    assert json.loads(json_ld(tag)[0])["claimReviewed"] == hostile.SCRIPT_CLOSE + "<!--"


def test_json_ld_links_are_http_or_https_only(client, claim):
    html = client.get(reverse("factcheck:claim", args=[claim.pk])).content.decode()
    data = json.loads(json_ld(html)[0])

    def urls(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" or key.endswith("Url"):
                    yield value
                yield from urls(value)
        elif isinstance(node, list):
            for item in node:
                yield from urls(item)

    found = list(urls(data))
    assert found, "the review has at least its own URL"
    assert all(url.startswith(("http://", "https://")) for url in found), found


def test_a_source_link_that_is_not_http_is_not_a_link(client, claim):
    """Stored past validation (an old import, a dump): shown as text, never as a live link."""
    html = client.get(reverse("factcheck:claim", args=[claim.pk])).content.decode()
    assert 'href="javascript:' not in html.lower()
    assert 'href="data:' not in html.lower()


def test_the_feed_escapes_hostile_text(client, claim):
    xml = client.get(reverse("factcheck:feed")).content.decode()
    assert "<script>" not in xml
    assert "&lt;script&gt;" in xml


def test_hostile_query_parameters_are_echoed_escaped(client):
    PublishedClaimFactory()
    response = client.get(
        reverse("factcheck:claims"), {"q": hostile.ATTRIBUTE, "sort": hostile.SCRIPT}
    )
    assert hostile.find_injections(response.content.decode()) == []

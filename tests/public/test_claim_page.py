"""`/claims/<id>/`: quote in context, figure, verdict, sources, checks, corrections, ClaimReview."""

import json
import re

import pytest
from django.test import override_settings

from factcheck import services
from factcheck.models import CheckOperand, FigureCheck, Source, Status
from tests.factories import ArticleFactory, PublishedClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def claim_reviews(response) -> list[dict]:
    body = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return [json.loads(block) for block in blocks]


def test_only_public_claims_have_a_page(client, desk):
    assert client.get(desk["valuation"].get_absolute_url()).status_code == 200
    for name in ("draft", "unpublished"):
        response = client.get(f"/claims/{desk[name].pk}/")
        assert response.status_code == 404
        assert "Not found" in response.content.decode()


def test_quote_in_context_linked_to_the_article(client, desk):
    claim = desk["valuation"]
    body = client.get(claim.get_absolute_url()).content.decode()
    # The whole sentence, the quote marked, and the link to its place in the article.
    assert "<mark>Its valuation reached $3 billion</mark> in March, the company said." in body
    assert "Investors cheered" not in body  # the next sentence is not part of the context
    assert f'href="/articles/robots-and-money/#claim-{claim.pk}"' in body


def test_a_quote_missing_from_the_text_is_still_shown(client, desk):
    body = client.get(desk["earlier"].get_absolute_url()).content.decode()
    assert "valued at $1.5 billion a year earlier" in body


def test_figure_verdict_rationale_and_corrected_figure(client, desk):
    body = client.get(desk["revenue"].get_absolute_url()).content.decode()
    assert "<h1>RMB 120 million" in body
    assert '</span> Inaccurate<span class="vh">: what this verdict means</span></a>' in body
    assert "The annual report gives RMB 102 million." in body
    assert '<dt>The right figure</dt><dd class="corrected">RMB 102 million</dd>' in body
    assert "≈ $16.6 million" in body


def test_sources_show_tier_publisher_date_excerpt_and_archive(client, desk):
    import datetime as dt

    SourceFactory(
        claim=desk["valuation"],
        url="https://filings.example.org/10-k",
        title="Annual report",
        publisher="Lumen Robotics",
        kind=Source.Kind.NEWS,
        published_on=dt.date(2024, 4, 2),
        excerpt="The company was valued at three billion dollars.",
        archive_url="https://web.archive.org/web/2024/https://filings.example.org/10-k",
    )
    body = client.get(desk["valuation"].get_absolute_url()).content.decode()
    assert "Sources (2)" in body
    assert "Primary · Press release" in body
    assert 'Secondary · News report · Lumen Robotics · <time datetime="2024-04-02">' in body
    assert "The company was valued at three billion dollars." in body
    assert 'href="https://web.archive.org/web/2024/https://filings.example.org/10-k"' in body


def test_checked_by_uses_the_full_name_never_the_login(client, desk):
    claim = desk["valuation"]
    claim.reviewed_by = UserFactory(username="secret-login", first_name="Fiona", last_name="Fact")
    claim.save()
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "Checked by Fiona Fact on <time" in body
    assert "secret-login" not in body


def test_corrections_log(client, desk, fact_checker, publisher):
    claim = desk["gpus"]
    services.give_verdict(
        claim=claim,
        reviewer=fact_checker,
        status=Status.VERIFIED,
        reason="The company's filing confirms the GPU count.",
    )
    services.publish_claim(claim=claim, user=publisher)  # releases the pending change
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "the verdict changed from Unverifiable to Verified." in body
    assert "The company&#x27;s filing confirms the GPU count." in body
    review = claim_reviews(client.get(claim.get_absolute_url()))[0]
    assert review["reviewRating"]["alternateName"] == "Verified"
    assert "dateModified" in review


def make_check(stated, *operands, working="From $1.5bn to $3bn is a rise of 100%."):
    check = FigureCheck.objects.create(
        kind=FigureCheck.Kind.PERCENT_CHANGE,
        stated=stated,
        label="Valuation doubled",
        outcome=FigureCheck.Outcome.HOLDS,
        working=working,
    )
    for position, claim in enumerate(operands):
        CheckOperand.objects.create(check_ref=check, claim=claim, position=position)
    return check


def test_arithmetic_checks_that_involve_the_claim_are_shown(client, desk):
    rise = PublishedClaimFactory(quote="a rise of 100%", metric="change", value=100, unit="%")
    make_check(rise, desk["earlier"], desk["valuation"])
    for claim in (rise, desk["earlier"], desk["valuation"]):
        body = client.get(claim.get_absolute_url()).content.decode()
        assert "Arithmetic checks" in body
        assert "From $1.5bn to $3bn is a rise of 100%." in body
        assert "Valuation doubled" in body
    assert "Arithmetic checks" not in client.get(desk["gpus"].get_absolute_url()).content.decode()


def test_a_check_with_an_unpublished_figure_is_never_shown(client, desk):
    make_check(desk["valuation"], desk["earlier"], desk["unpublished"], working="uses 999 million")
    make_check(desk["unpublished"], desk["valuation"], working="states a hidden figure")
    body = client.get(desk["valuation"].get_absolute_url()).content.decode()
    assert "Arithmetic checks" not in body
    assert "999 million" not in body and "hidden figure" not in body


def test_exactly_one_claim_review_with_its_fields(client, desk):
    claim = desk["revenue"]
    response = client.get(claim.get_absolute_url())
    reviews = claim_reviews(response)
    assert len(reviews) == 1
    review = reviews[0]
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Revenue fell to RMB 120 million"
    assert review["url"] == f"http://testserver/claims/{claim.pk}/"
    assert f'<link rel="canonical" href="http://testserver/claims/{claim.pk}/">' in (
        response.content.decode()
    )
    assert review["datePublished"] == claim.published_at.isoformat()
    assert review["author"] == {
        "@type": "Organization",
        "name": "Factdesk",
        "url": "http://testserver/",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Inaccurate",
        "ratingExplanation": "The figure is wrong; the right figure is given beside it. "
        "How the desk rates figures: http://testserver/methodology/#verdict-inaccurate",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Ann Author"}
    assert item["datePublished"] == "2024-10-15"  # the article's date, not the review's
    assert item["appearance"]["url"] == "https://news.example.org/robots"


@pytest.mark.parametrize(
    ("status", "rating"),
    [
        (Status.VERIFIED, 5),
        (Status.UNVERIFIABLE, 3),
        (Status.MISLEADING, 2),
        (Status.INACCURATE, 1),
    ],
)
def test_rating_follows_the_verdict(client, db, status, rating):
    claim = PublishedClaimFactory(status=status, corrected_value=1)
    review = claim_reviews(client.get(claim.get_absolute_url()))[0]
    assert review["reviewRating"]["ratingValue"] == rating
    assert review["reviewRating"]["alternateName"] == status.label


@override_settings(
    FACTDESK_DESK_NAME="The Figures Desk", FACTDESK_DESK_URL="https://desk.example.org/"
)
def test_review_author_is_the_configured_desk(client, desk):
    review = claim_reviews(client.get(desk["valuation"].get_absolute_url()))[0]
    assert review["author"] == {
        "@type": "Organization",
        "name": "The Figures Desk",
        "url": "https://desk.example.org/",
    }


def test_json_ld_cannot_break_out_of_its_script(client, db):
    claim = PublishedClaimFactory(quote="</script><script>alert(1)</script> $5 billion")
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in body
    assert claim_reviews(client.get(claim.get_absolute_url()))[0]["claimReviewed"] == claim.quote


def test_claim_without_article_has_a_bare_item_reviewed(client, db):
    claim = PublishedClaimFactory(article=None)
    review = claim_reviews(client.get(claim.get_absolute_url()))[0]
    assert review["itemReviewed"] == {"@type": "Claim", "inLanguage": "en"}


def test_article_by_an_organisation(client, db):
    article = ArticleFactory(author="", publication="Wire Service")
    claim = PublishedClaimFactory(article=article)
    item = claim_reviews(client.get(claim.get_absolute_url()))[0]["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Wire Service"}


def test_each_source_whose_excerpt_states_a_figure_shows_the_deviation(client, db):
    claim = PublishedClaimFactory(value=157 * 10**9, unit="USD", qualifier="exact")
    claim.sources.update(excerpt="")
    SourceFactory(claim=claim, excerpt="The round valued the company at $150 billion.")
    SourceFactory(claim=claim, excerpt="Investors put it at $157.3 billion.")
    SourceFactory(claim=claim, excerpt="No figure here, only <words>.")
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "overstated by 4.7%: $157 billion, the source says $150 billion." in body
    assert "rounded: $157 billion for $157.3 billion." in body
    assert body.count('class="deviation ') == 2

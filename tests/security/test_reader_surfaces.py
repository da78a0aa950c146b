"""The reader's-side pages keep the security headers; only the embed card may be framed."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import PublishedClaimFactory
from tests.security.test_headers import InlineCode, assert_security_headers, csp_directives

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return PublishedClaimFactory()


def test_new_pages_refuse_framing_and_run_no_inline_code(client, claim):
    for url in [
        reverse("factcheck:methodology"),
        reverse("factcheck:claim-report", args=[claim.pk]),
        f"{reverse('factcheck:claim-report', args=[claim.pk])}?sent=1",
        reverse("api:claim", args=[claim.pk]),
        reverse("api:companies"),
        reverse("api:company", args=[claim.company.slug]),
        reverse("api:openapi-view"),
        "/claims/999999/embed/",  # a missing card is a 404 page, framable or not
    ]:
        response = client.get(url)
        assert response.status_code < 500, url
        if "/embed/" not in url:
            assert_security_headers(response)
        if response["Content-Type"].startswith("text/html"):
            parser = InlineCode()
            parser.feed(response.content.decode())
            problems = [p for p in parser.problems if "application/json" not in p]
            assert problems == [], url


def test_the_report_post_keeps_the_headers_too(client, claim):
    response = client.post(
        reverse("factcheck:claim-report", args=[claim.pk]),
        {"message": ""},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 400
    assert_security_headers(response)


def test_the_embed_card_may_be_framed_by_any_site(client, claim):
    response = client.get(reverse("factcheck:claim-embed", args=[claim.pk]))
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    csp = csp_directives(response)
    assert csp["frame-ancestors"] == ["*"]
    # everything else of the policy holds
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


@override_settings(FACTDESK_EMBED_FRAME_ANCESTORS=["https://partner.example"])
def test_the_desk_can_name_who_may_frame_it(client, claim):
    response = client.get(reverse("factcheck:claim-embed", args=[claim.pk]))
    assert csp_directives(response)["frame-ancestors"] == ["https://partner.example"]


def test_the_claim_page_itself_still_refuses_framing(client, claim):
    client.get(reverse("factcheck:claim-embed", args=[claim.pk]))
    response = client.get(claim.get_absolute_url())
    assert response["X-Frame-Options"] == "DENY"
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]


@override_settings(FACTDESK_PAGE_CACHE_SECONDS=600)
def test_cached_pages_keep_their_own_framing_rules(client, claim):
    """The page cache stores headers: the embed's must not leak to the claim page, or back."""
    embed = reverse("factcheck:claim-embed", args=[claim.pk])
    for _ in range(2):  # made, then served from the cache
        assert "X-Frame-Options" not in client.get(embed)
        assert client.get(claim.get_absolute_url())["X-Frame-Options"] == "DENY"

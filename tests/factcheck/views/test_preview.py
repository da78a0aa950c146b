"""The staff preview of a claim page: as readers would see it, never to readers, never cached."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from factcheck.models import Claim
from tests.factories import ClaimFactory, PublishedClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def preview_url(claim):
    return reverse("claim-preview", args=[claim.pk])


@pytest.fixture
def unpublished(editor):
    return ClaimFactory(
        quote="Its revenue reached $2.5 billion.",
        as_of=dt.date(2024, 2, 29),
        as_of_precision="month",
        created_by=editor,
    )


def test_staff_see_an_unpublished_claim_as_readers_would_marked_as_a_preview(
    client, editor, unpublished
):
    client.force_login(editor)
    response = client.get(preview_url(unpublished))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview — not published" in html
    assert "Its revenue reached $2.5 billion." in html
    assert '<time datetime="2024-02">February 2024</time>' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'type="application/ld+json"' not in html  # no ClaimReview for an unpublished claim
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives
    assert "noindex" in response["X-Robots-Tag"]


def test_a_pending_change_is_previewed_with_its_published_claim_named(client, editor):
    from factcheck import services

    live = PublishedClaimFactory(quote="Valued at $157 billion.")
    draft = services.revise_claim(
        claim=live, user=editor, values={"quote": "Valued at $150 billion."}
    )
    assert draft.is_draft
    client.force_login(editor)
    html = client.get(preview_url(draft)).content.decode()
    assert "Valued at $150 billion." in html
    assert f"pending change of published claim {live.pk}" in html


def test_readers_never_reach_it_anonymous_goes_to_the_login(client, unpublished):
    response = client.get(preview_url(unpublished))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "Its revenue" not in response.content.decode()
    # The public URL of an unpublished claim shows nothing of it.
    assert client.get(unpublished.get_absolute_url()).status_code == 404


def test_a_signed_in_non_staff_user_goes_to_the_login_too(client, unpublished):
    client.force_login(UserFactory(is_staff=False))
    response = client.get(preview_url(unpublished))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_a_desk_role_are_refused(client, unpublished):
    client.force_login(UserFactory(username="intern"))  # staff, no group
    response = client.get(preview_url(unpublished))
    assert response.status_code == 403
    assert "Its revenue" not in response.content.decode()


def test_the_preview_is_never_stored_by_the_page_cache(client, editor, unpublished, settings):
    settings.FACTDESK_PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.force_login(editor)
    client.get(preview_url(unpublished))
    Claim.objects.filter(pk=unpublished.pk).update(quote="Its revenue reached $2.6 billion.")
    html = client.get(preview_url(unpublished)).content.decode()
    assert "$2.6 billion" in html
    assert not any(str(key).startswith(":1:public:page:") for key in cache._cache)  # noqa: SLF001
    # A reader without a session asking the same path is sent to the login, never served it.
    assert Client().get(preview_url(unpublished)).status_code == 302

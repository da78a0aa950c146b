"""Unpublishing from the desk: one claim's button and the list's bulk action, with a reason."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from factcheck.models import Claim
from tests.factories import PublishedClaimFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:factcheck_claim_changelist")


def unpublish_one(client, claim, reason):
    url = reverse("admin:factcheck_claim_unpublish", args=[claim.pk])
    return client.post(url, {"reason": reason, "seen_version": claim.version, "confirmed": "1"})


def unpublish_selected(client, claim, reason):
    return client.post(
        LIST_URL,
        {
            "action": "unpublish",
            ACTION_CHECKBOX_NAME: [claim.pk],
            f"seen_version_{claim.pk}": claim.version,
            "reason": reason,
            "confirmed": "1",
        },
    )


@pytest.mark.parametrize("post", [unpublish_one, unpublish_selected])
def test_a_reason_with_a_nul_is_refused_with_what_was_typed_kept(client, publisher, post):
    claim = PublishedClaimFactory()
    client.force_login(publisher)
    response = post(client, claim, "bad\x00reason")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Null characters are not allowed." in html
    assert "bad\x00reason</textarea>" in html
    assert Claim.objects.get(pk=claim.pk).published_at is not None


@pytest.mark.parametrize("post", [unpublish_one, unpublish_selected])
def test_a_blank_reason_is_asked_for(client, publisher, post):
    claim = PublishedClaimFactory()
    client.force_login(publisher)
    response = post(client, claim, "   ")
    assert response.status_code == 200
    assert "Say why, for readers." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).published_at is not None


@pytest.mark.parametrize("post", [unpublish_one, unpublish_selected])
def test_a_good_reason_unpublishes(client, publisher, post):
    claim = PublishedClaimFactory()
    client.force_login(publisher)
    response = post(client, claim, "  The figure was withdrawn.  ")
    assert response.status_code == 302
    assert Claim.objects.get(pk=claim.pk).published_at is None
    assert claim.retractions.get().reason == "The figure was withdrawn."

"""A publish that fails half-way leaves the claim exactly as it was: unpublished, unchanged.

The failure is injected after the claim's row has been updated, while its history row is
being written (a full disk, a dropped connection): the transaction must take the update back.
"""

from unittest import mock

import pytest
from django.db.utils import DatabaseError, OperationalError
from django.urls import reverse
from simple_history.models import HistoricalRecords

from factcheck import services
from factcheck.models import Claim
from tests.factories import PublishedClaimFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db


def history_write_fails(error):
    return mock.patch.object(HistoricalRecords, "create_historical_record", side_effect=error)


def snapshot(claim):
    claim = Claim.objects.get(pk=claim.pk)
    return (claim.published_at, claim.published_by_id, claim.version, claim.history.count())


def test_a_publish_that_fails_after_the_update_is_rolled_back(publisher, client):
    claim = VerdictClaimFactory()
    before = snapshot(claim)
    disk_full = DatabaseError("could not extend file: No space left on device")
    with history_write_fails(disk_full), pytest.raises(DatabaseError):
        services.publish_claim(claim=claim, user=publisher)
    assert snapshot(claim) == before
    assert not Claim.objects.public().exists()
    assert client.get(reverse("factcheck:claim", args=[claim.pk])).status_code == 404


def test_an_unpublish_that_fails_leaves_the_claim_published(publisher):
    claim = PublishedClaimFactory()
    before = snapshot(claim)
    with history_write_fails(DatabaseError("disk full")), pytest.raises(DatabaseError):
        services.unpublish_claim(claim=claim, user=publisher, reason="Withdrawn.")
    assert snapshot(claim) == before


def test_the_publish_action_losing_the_database_answers_503_and_publishes_nothing(
    client, publisher
):
    claim = VerdictClaimFactory()
    before = snapshot(claim)
    client.force_login(publisher)
    with history_write_fails(OperationalError("server closed the connection unexpectedly")):
        response = client.post(
            reverse("admin:factcheck_claim_changelist"),
            {
                "action": "publish",
                "_selected_action": [claim.pk],
                f"seen_version_{claim.pk}": claim.version,
                "confirmed": "1",
            },
        )
    assert response.status_code == 503
    assert "Traceback" not in response.content.decode()
    assert snapshot(claim) == before


def test_a_failed_verdict_change_on_a_published_claim_keeps_verdict_and_no_correction(
    publisher, fact_checker
):
    """The correction note and the new verdict are one write: neither lands alone."""
    claim = PublishedClaimFactory()
    with history_write_fails(DatabaseError("disk full")), pytest.raises(DatabaseError):
        services.give_verdict(
            claim=claim, reviewer=fact_checker, status="misleading", reason="Framing was off."
        )
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.status == "verified"
    assert not stored.corrections.exists()

"""The verification rules, through the services every path uses."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck import services
from factcheck.models import Claim, Correction, Status
from tests.factories import ClaimFactory, SourceFactory, UserFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(editor):
    return ClaimFactory(created_by=editor)


def test_a_verdict_needs_a_source(claim, fact_checker):
    with pytest.raises(ValidationError) as error:
        services.give_verdict(claim=claim, reviewer=fact_checker, status=Status.VERIFIED)
    assert "needs at least one source" in str(error.value)
    claim.refresh_from_db()
    assert claim.status == Status.UNVERIFIED


@pytest.mark.parametrize("status", Status.verdicts())
def test_every_verdict_with_a_source_is_accepted(claim, fact_checker, status):
    stance = "contradicts" if status == Status.INACCURATE else "supports"
    SourceFactory(claim=claim, stance=stance)
    corrected = Decimal("1") if status == Status.INACCURATE else None
    services.give_verdict(
        claim=claim,
        reviewer=fact_checker,
        status=status,
        corrected_value=corrected,
        note="What was checked.",
    )
    claim.refresh_from_db()
    assert claim.status == status
    assert claim.reviewed_by == fact_checker
    assert claim.reviewed_at is not None


def test_inaccurate_needs_the_corrected_figure(claim, fact_checker):
    SourceFactory(claim=claim, stance="contradicts")
    with pytest.raises(ValidationError) as error:
        services.give_verdict(claim=claim, reviewer=fact_checker, status=Status.INACCURATE)
    assert "corrected_value" in error.value.error_dict
    services.give_verdict(
        claim=claim,
        reviewer=fact_checker,
        status=Status.INACCURATE,
        corrected_value=Decimal("83.2"),
    )
    claim.refresh_from_db()
    assert claim.corrected_value == Decimal("83.2")


def test_two_person_rule_refuses_the_author_as_reviewer(fact_checker):
    claim = ClaimFactory(created_by=fact_checker)
    SourceFactory(claim=claim)
    with pytest.raises(ValidationError) as error:
        services.give_verdict(claim=claim, reviewer=fact_checker, status=Status.VERIFIED)
    assert "two-person rule" in str(error.value)


def test_two_person_rule_can_be_relaxed_for_one_person_desks(fact_checker, settings):
    settings.FACTDESK_TWO_PERSON_RULE = False
    claim = ClaimFactory(created_by=fact_checker)
    SourceFactory(claim=claim)
    services.give_verdict(claim=claim, reviewer=fact_checker, status=Status.VERIFIED)
    assert Claim.objects.get(pk=claim.pk).status == Status.VERIFIED


def test_giving_a_verdict_needs_the_permission(claim, editor):
    SourceFactory(claim=claim)
    other_editor = UserFactory(role="Editor")
    with pytest.raises(PermissionDenied):
        services.give_verdict(claim=claim, reviewer=other_editor, status=Status.VERIFIED)


@pytest.mark.parametrize("status", [Status.UNVERIFIED, Status.IN_REVIEW])
def test_only_a_verdict_can_be_published(publisher, status):
    claim = ClaimFactory(status=status)
    with pytest.raises(ValidationError) as error:
        services.publish_claim(claim=claim, user=publisher)
    assert "Only a verdict can be published" in str(error.value)
    claim.refresh_from_db()
    assert claim.published_at is None
    assert not Claim.objects.public().exists()


def test_publishing_records_who_and_when_and_unpublishing_hides(publisher):
    claim = VerdictClaimFactory()
    services.publish_claim(claim=claim, user=publisher)
    claim.refresh_from_db()
    assert claim.published_by == publisher and claim.published_at is not None
    assert list(Claim.objects.public()) == [claim]
    services.unpublish_claim(claim=claim, user=publisher, reason="Withdrawn by the source.")
    assert not Claim.objects.public().exists()


def test_publishing_needs_the_permission(fact_checker):
    with pytest.raises(PermissionDenied):
        services.publish_claim(claim=VerdictClaimFactory(), user=fact_checker)


def test_changing_a_published_verdict_waits_for_a_publisher_then_records_a_correction(
    publisher, fact_checker
):
    claim = VerdictClaimFactory()
    services.publish_claim(claim=claim, user=publisher)
    with pytest.raises(ValidationError) as error:
        services.give_verdict(claim=claim, reviewer=fact_checker, status=Status.MISLEADING)
    assert "why" in str(error.value)
    draft = services.give_verdict(
        claim=claim,
        reviewer=fact_checker,
        status=Status.MISLEADING,
        reason="The figure is pre-money, not post-money.",
    )
    claim.refresh_from_db()
    assert claim.status == Status.VERIFIED, "readers keep the published verdict until released"
    assert draft.draft_of == claim and draft.status == Status.MISLEADING
    assert not Correction.objects.filter(claim=claim).exists()
    services.publish_claim(claim=draft, user=publisher)
    claim.refresh_from_db()
    assert claim.status == Status.MISLEADING
    assert claim.is_public, "a corrected claim stays published"
    correction = Correction.objects.get(claim=claim)
    assert (correction.old_status, correction.new_status) == (Status.VERIFIED, Status.MISLEADING)
    assert correction.reason == "The figure is pre-money, not post-money."
    assert correction.created_by == publisher


def test_a_stale_save_is_refused_and_says_what_changed(claim, editor, fact_checker):
    first = Claim.objects.get(pk=claim.pk)
    second = Claim.objects.get(pk=claim.pk)
    seen = first.version
    first.quote = "Its valuation reached $160 billion."
    services.save_claim(claim=first, user=editor, expected_version=seen)
    second.note = "my edit"
    with pytest.raises(services.StaleEdit) as error:
        services.save_claim(claim=second, user=fact_checker, expected_version=seen)
    assert "quote" in str(error.value)
    assert "edna" in str(error.value)
    assert Claim.objects.get(pk=claim.pk).note == ""


def test_workflow_actions_raise_the_version(claim, editor):
    version = claim.version
    services.send_to_review(claim=claim, user=editor)
    claim.refresh_from_db()
    assert claim.version == version + 1
    with pytest.raises(services.StaleEdit):
        services.save_claim(claim=claim, user=editor, expected_version=version)


def test_save_claim_keeps_workflow_fields_out_of_reach(claim, editor):
    claim.status = Status.VERIFIED
    services.save_claim(claim=claim, user=editor, expected_version=claim.version)
    assert Claim.objects.get(pk=claim.pk).status == Status.UNVERIFIED


def test_save_claim_computes_usd_value_for_usd(editor):
    claim = services.save_claim(
        claim=ClaimFactory.build(
            value=Decimal("157000000000"), unit="USD", created_by=None, article=None, company=None
        ),
        user=editor,
    )
    assert claim.usd_value == Decimal("157000000000.00")
    assert claim.created_by == editor


def test_taking_a_claim_back_and_publishing_it_again_is_no_way_round_the_two_person_rule(
    publisher, editor
):
    """Red team: a publisher gave a published claim's change its verdict (so may not release
    it), unpublished the claim (which folds the change in) and published it again alone."""
    claim = VerdictClaimFactory()
    services.publish_claim(claim=claim, user=publisher)
    draft = services.revise_claim(
        claim=claim, user=editor, values={"note": "A different rationale."}
    )
    draft = services.give_verdict(
        claim=draft, reviewer=publisher, status=Status.UNVERIFIABLE, reason="Source withdrawn."
    )
    with pytest.raises(ValidationError, match="another publisher"):
        services.publish_claim(claim=draft, user=publisher)
    services.unpublish_claim(claim=claim, user=publisher, reason="Under review again.")
    with pytest.raises(ValidationError, match="another publisher"):
        services.publish_claim(claim=claim, user=publisher)
    assert not Claim.objects.public().exists()

    services.publish_claim(claim=claim, user=UserFactory(role="Publisher"))
    claim.refresh_from_db()
    assert claim.status == Status.UNVERIFIABLE
    correction = Correction.objects.get(claim=claim)
    assert (correction.old_status, correction.new_status) == (Status.VERIFIED, Status.UNVERIFIABLE)
    assert correction.reason == "Source withdrawn."


def test_a_claim_published_again_unchanged_records_no_correction(publisher):
    claim = VerdictClaimFactory()
    services.publish_claim(claim=claim, user=publisher)
    services.unpublish_claim(claim=claim, user=publisher, reason="A moment's doubt.")
    services.publish_claim(claim=claim, user=publisher)
    assert Claim.objects.public().get() == claim
    assert not Correction.objects.filter(claim=claim).exists()

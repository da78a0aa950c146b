"""An import follows the desk's rules: permissions, the two-person rule, public corrections."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from factcheck.models import Claim, Correction
from tests.csv.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory, PublishedClaimFactory, UserFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db

NEW_UNVERIFIED = {"quote": "MiniMax had 200 staff.", "value": "200", "status": "unverified"}
NEW_VERDICT = {**NEW_UNVERIFIED, "status": "verified", "sources": "https://a.example/1"}


def test_an_editor_may_not_import(import_file, editor):
    with pytest.raises(PermissionDenied, match="permission to import claims"):
        import_file(csv_bytes(NEW_UNVERIFIED), user=editor)


def test_a_fact_checker_imports_as_themselves(import_file, fact_checker):
    report = import_file(csv_bytes(NEW_UNVERIFIED), user=fact_checker)

    assert report.new == 1
    claim = Claim.objects.get()
    assert claim.created_by == fact_checker
    assert claim.history.get().history_user == fact_checker
    assert claim.sources.count() == 0


def test_the_importer_may_not_give_a_verdict_to_a_claim_they_enter(import_file, fact_checker):
    report = import_file(csv_bytes(NEW_VERDICT), user=fact_checker)
    assert [str(e) for e in report.errors] == [
        "line 2, status: You entered this claim, so someone else must give its verdict "
        "(the two-person rule)."
    ]


def test_the_importer_becomes_the_reviewer_of_another_persons_claim(import_file, fact_checker):
    claim = ClaimFactory()
    row = row_for(claim, status="verified", sources="https://a.example/1", note="Checked.")

    report = import_file(csv_bytes(row), user=fact_checker)

    assert report.updated == 1
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by) == ("verified", fact_checker)
    assert claim.reviewed_at is not None


def test_the_importer_may_not_review_a_claim_they_entered(import_file, fact_checker):
    claim = ClaimFactory(created_by=fact_checker)
    row = row_for(claim, status="verified", sources="https://a.example/1")
    report = import_file(csv_bytes(row), user=fact_checker)
    assert [e.column for e in report.errors] == ["status"]
    assert "two-person rule" in report.errors[0].message


def test_the_system_import_restores_verdicts_without_a_reviewer(import_file):
    report = import_file(csv_bytes(NEW_VERDICT))
    assert report.new == 1
    assert Claim.objects.get().reviewed_by is None


def test_giving_verdicts_needs_the_verdict_permission(import_file):
    importer = UserFactory()
    importer.user_permissions.add(
        *_permissions("import_claim", "change_claim", "add_claim", "view_claim")
    )
    claim = ClaimFactory()
    row = row_for(claim, status="verified", sources="https://a.example/1")
    report = import_file(csv_bytes(row), user=importer)
    assert "you do not have permission to give verdicts." in [e.message for e in report.errors]


def test_unchanged_rows_need_no_permission_beyond_import(import_file):
    importer = UserFactory()
    importer.user_permissions.add(*_permissions("import_claim"))
    claim = VerdictClaimFactory()
    report = import_file(csv_bytes(row_for(claim)), user=importer)
    assert report.ok and report.unchanged == 1


def test_a_published_claims_new_verdict_is_a_public_correction(import_file, publisher):
    claim = PublishedClaimFactory(status="verified")
    published_at = claim.published_at
    row = row_for(
        claim,
        status="inaccurate",
        corrected_value="1.5",
        note="The filing gives a lower figure.",
    )

    report = import_file(csv_bytes(row), user=publisher)

    assert report.ok, report.errors
    claim.refresh_from_db()
    assert (claim.status, claim.published_at) == ("inaccurate", published_at)
    correction = Correction.objects.get(claim=claim)
    assert (correction.old_status, correction.new_status) == ("verified", "inaccurate")
    assert correction.reason == "The filing gives a lower figure."
    assert correction.created_by == publisher


def test_a_published_verdict_change_needs_a_reason_in_the_note(import_file):
    claim = PublishedClaimFactory(status="verified", note="")
    report = import_file(csv_bytes(row_for(claim, status="misleading")))
    assert [e.column for e in report.errors] == ["note"]
    assert not Correction.objects.exists()


def test_a_published_claim_cannot_be_sent_back_to_review(import_file):
    claim = PublishedClaimFactory()
    report = import_file(csv_bytes(row_for(claim, status="in_review")))
    assert [e.column for e in report.errors] == ["status"]
    assert "unpublish it first" in report.errors[0].message


def test_other_edits_keep_a_claim_published(import_file):
    claim = PublishedClaimFactory(published_at=timezone.now())
    import_file(csv_bytes(row_for(claim, period="FY2024")))
    claim.refresh_from_db()
    assert claim.period == "FY2024"
    assert claim.is_public


def test_removing_the_last_source_of_a_verdict_is_refused(import_file):
    claim = VerdictClaimFactory()
    report = import_file(csv_bytes(row_for(claim, sources="")))
    assert [e.column for e in report.errors] == ["sources"]


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames)

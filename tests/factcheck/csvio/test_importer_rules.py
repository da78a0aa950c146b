"""An import follows the desk's rules: permissions, the two-person rule, the verdict rules."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from factcheck.models import Claim, Correction
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import (
    ClaimFactory,
    CompanyFactory,
    PublishedClaimFactory,
    SourceFactory,
    UserFactory,
    VerdictClaimFactory,
)

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


TWO_PERSON = (
    "You entered or changed this claim's figure, quote or sources since its last verdict, "
    "so someone else must give the verdict (the two-person rule)."
)


def test_the_importer_may_not_give_a_verdict_to_a_claim_they_enter(import_file, fact_checker):
    report = import_file(csv_bytes(NEW_VERDICT), user=fact_checker)
    assert [str(e) for e in report.errors] == [f"line 2, status: {TWO_PERSON}"]


def test_the_importer_becomes_the_reviewer_of_another_persons_claim(import_file, fact_checker):
    claim = ClaimFactory()
    SourceFactory(claim=claim, url="https://a.example/1")  # entered by someone else
    row = row_for(claim, status="verified", note="Checked.")

    report = import_file(csv_bytes(row), user=fact_checker)

    assert report.updated == 1, report.errors
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by) == ("verified", fact_checker)
    assert claim.reviewed_at is not None
    assert claim.basis_editors == []  # the verdict stands on what was there


def test_adding_the_source_and_giving_the_verdict_in_one_row_is_refused(import_file, fact_checker):
    """The two-person rule on the basis: the importer who adds the evidence is its author."""
    claim = ClaimFactory()
    row = row_for(claim, status="verified", sources="https://a.example/1", note="Checked.")

    report = import_file(csv_bytes(row), user=fact_checker)

    assert [str(e) for e in report.errors] == [f"line 2, status: {TWO_PERSON}"]
    claim.refresh_from_db()
    assert (claim.status, claim.version, claim.sources.count()) == ("unverified", 1, 0)


def test_changing_the_figure_then_another_person_gives_the_verdict(import_file, fact_checker):
    """Whoever changes the basis becomes its editor; the next verdict is someone else's."""
    claim = ClaimFactory(basis_editors=[])
    SourceFactory(claim=claim, url="https://a.example/1")
    report = import_file(csv_bytes(row_for(claim, value="$9 billion")), user=fact_checker)
    assert report.updated == 1, report.errors
    claim.refresh_from_db()
    assert claim.basis_editors == [fact_checker.pk]

    own = import_file(csv_bytes(row_for(claim, status="verified")), user=fact_checker)
    assert [str(e) for e in own.errors] == [f"line 2, status: {TWO_PERSON}"]

    colleague = UserFactory(username="vera", role="Fact-checker")
    other = import_file(csv_bytes(row_for(claim, status="verified")), user=colleague)
    assert other.updated == 1, other.errors
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by, claim.basis_editors) == ("verified", colleague, [])


def test_a_note_only_edit_does_not_make_the_importer_a_basis_editor(import_file, fact_checker):
    claim = ClaimFactory(basis_editors=[])
    SourceFactory(claim=claim, url="https://a.example/1")
    report = import_file(csv_bytes(row_for(claim, note="Asked the company.")), user=fact_checker)
    assert report.updated == 1, report.errors
    claim.refresh_from_db()
    assert claim.basis_editors == []
    report = import_file(csv_bytes(row_for(claim, status="verified")), user=fact_checker)
    assert report.updated == 1, report.errors


def test_a_new_row_makes_the_importer_its_basis_editor(import_file, fact_checker):
    report = import_file(csv_bytes(NEW_UNVERIFIED), user=fact_checker)
    assert report.new == 1
    assert Claim.objects.get().basis_editors == [fact_checker.pk]


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


def test_removing_the_last_source_of_a_verdict_sends_the_claim_back_to_review(import_file):
    claim = VerdictClaimFactory()
    report = import_file(csv_bytes(row_for(claim, sources="")))
    assert report.updated == 1, report.errors
    claim.refresh_from_db()
    assert (claim.status, claim.sources.count()) == ("in_review", 0)


def test_a_verdict_without_a_source_is_refused_on_an_existing_claim(import_file):
    claim = ClaimFactory()
    report = import_file(csv_bytes(row_for(claim, status="verified", note="Checked.")))
    assert [e.column for e in report.errors] == ["sources"]
    assert "needs at least one source" in report.errors[0].message


@pytest.mark.parametrize(
    "edit",
    [
        {"value": "$9 billion"},
        {"unit": "HKD"},
        {"qualifier": "about"},
        {"as_of": "2024-06-30"},
        {"period": "FY2024"},
        {"company": "Other Co"},
        {"metric": "funding"},
        {"quote": "Reworded."},
        {"sources": "https://ir.example.com/other"},
        {"note": "A new rationale."},
    ],
    ids=lambda edit: next(iter(edit)),
)
def test_an_edit_after_a_verdict_sends_the_claim_back_to_review(import_file, edit):
    CompanyFactory(name="Other Co", slug="other-co")
    claim = VerdictClaimFactory()
    report = import_file(csv_bytes(row_for(claim, **edit)))
    assert report.updated == 1, report.errors
    claim.refresh_from_db()
    assert claim.status == "in_review"
    assert claim.reviewed_by is not None  # who gave the last verdict is kept in the history


def test_editing_a_corrected_figure_sends_an_inaccurate_claim_back_to_review(import_file):
    claim = VerdictClaimFactory(status="inaccurate", corrected_value=Decimal("1.5"))
    claim.sources.update(stance="contradicts")
    report = import_file(csv_bytes(row_for(claim, corrected_value="1.6")))
    assert report.updated == 1, report.errors
    claim.refresh_from_db()
    assert (claim.status, claim.corrected_value) == ("in_review", Decimal("1.6"))


VERDICT_RULES = [
    ({"status": "unverifiable", "note": ""}, "note", "needs a rationale"),
    ({"status": "inaccurate", "corrected_value": ""}, "corrected_value", "needs the corrected figure"),
    ({"status": "verified", "corrected_value": "1.5"}, "corrected_value", "not verified: clear it"),
    ({"status": "unverifiable", "note": "Asked twice.", "corrected_value": "1.5"}, "corrected_value", "not unverifiable"),
    ({"status": "inaccurate", "corrected_value": "1.5"}, "sources", "Every source of this claim supports it"),
]  # fmt: skip


@pytest.mark.parametrize(("cells", "column", "message"), VERDICT_RULES)
def test_the_verdict_rules(import_file, cells, column, message):
    claim = ClaimFactory(basis_editors=[])
    SourceFactory(claim=claim, url="https://a.example/1")  # a stored source: it supports
    report = import_file(csv_bytes(row_for(claim, **cells)))
    errors = {e.column: e.message for e in report.errors}
    assert message in errors[column]
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("unverified", 1)


def test_an_unverifiable_verdict_needs_no_source(import_file):
    claim = ClaimFactory(basis_editors=[])
    row = row_for(claim, status="unverifiable", note="The company would not say.")
    report = import_file(csv_bytes(row))
    assert report.updated == 1, report.errors


def test_sources_a_row_adds_to_an_inaccurate_claim_contradict_it(import_file):
    claim = ClaimFactory(basis_editors=[])
    row = row_for(
        claim, status="inaccurate", corrected_value="1.5", sources="https://a.example/filing"
    )
    report = import_file(csv_bytes(row))
    assert report.updated == 1, report.errors
    assert list(claim.sources.values_list("stance", flat=True)) == ["contradicts"]


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames)

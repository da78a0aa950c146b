"""A row that changes a published claim makes its pending change; readers see nothing new.

The change (figure, words, sources, verdict) goes to a draft claim beside the live one, by
services.revise_claim and give_verdict, as from the change form. The public claim, its page
and the corrections log stay as they were until someone other than the change's author has
given it a verdict and a publisher has released it.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from factcheck import services
from factcheck.models import Claim, Correction, Source
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory, PublishedClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    """A published, verified claim with one supporting source."""
    published = timezone.now() - dt.timedelta(days=2)
    return PublishedClaimFactory(
        quote="Its valuation reached $157 billion.",
        value=Decimal("157000000000"),
        published_at=published,
        source__url="https://ir.example.com/live",
    )


def public_state(claim) -> tuple:
    """Everything about the claim a reader can see, read as the public pages read it."""
    public = Claim.objects.public().get(pk=claim.pk)
    return (
        public.quote,
        public.value,
        public.period,
        public.status,
        public.note,
        public.published_at,
        public.version,
        sorted(public.sources.values_list("url", "stance")),
        Correction.objects.filter(claim=claim).count(),
    )


def test_an_edit_becomes_the_pending_change_and_the_public_sees_nothing_new(
    import_file, live, fact_checker, client
):
    before = public_state(live)
    row = row_for(live, quote="Its valuation reached $160 billion.", value="$160 billion")

    report = import_file(csv_bytes(row), user=fact_checker)

    assert (report.updated, report.errors) == (1, [])
    assert public_state(live) == before
    page = client.get(live.get_absolute_url()).content.decode()
    assert "$157 billion" in page and "$160 billion" not in page
    draft = live.pending_change()
    assert draft.draft_of_id == live.pk
    assert (draft.quote, draft.value) == ("Its valuation reached $160 billion.", Decimal("160e9"))
    assert (draft.status, draft.published_at) == ("in_review", None)  # edited after its verdict
    assert draft.basis_editors == [fact_checker.pk]
    assert list(draft.sources.values_list("url", flat=True)) == ["https://ir.example.com/live"]
    assert not Claim.objects.public().filter(pk=draft.pk).exists()
    assert draft.history.latest("history_id").history_change_reason == "Imported from CSV, line 2"


def test_the_pending_change_goes_public_only_after_another_persons_verdict_and_a_publisher(
    import_file, live, fact_checker, publisher
):
    import_file(csv_bytes(row_for(live, value="$160 billion")), user=fact_checker)
    draft = live.pending_change()

    with pytest.raises(ValidationError, match="two-person rule"):
        services.give_verdict(
            claim=draft, reviewer=fact_checker, status="verified", reason="New filing."
        )
    colleague = UserFactory(username="vera", role="Fact-checker")
    services.give_verdict(claim=draft, reviewer=colleague, status="verified", reason="New filing.")
    assert Claim.objects.public().get(pk=live.pk).value == Decimal("157000000000")

    services.publish_claim(claim=live, user=publisher)

    live.refresh_from_db()
    assert (live.value, live.status, live.reviewed_by) == (Decimal("160e9"), "verified", colleague)
    assert live.pending_change() is None
    correction = Correction.objects.get(claim=live)
    assert correction.reason == "New filing."


def test_a_new_verdict_is_pending_with_its_note_as_the_reason(import_file, live, fact_checker):
    before = public_state(live)
    row = row_for(live, status="misleading", note="The figure counts an unpaid tranche.")

    report = import_file(csv_bytes(row), user=fact_checker)

    assert report.ok, report.errors
    assert public_state(live) == before
    draft = live.pending_change()
    assert (draft.status, draft.reviewed_by, draft.note) == (
        "misleading",
        fact_checker,
        "The figure counts an unpaid tranche.",
    )
    assert draft.correction_reason == "The figure counts an unpaid tranche."
    assert not Correction.objects.exists()  # the correction is written when it is published


def test_changing_the_figure_and_the_verdict_in_one_row_is_refused(import_file, live, fact_checker):
    """The two-person rule on the basis holds for a published claim's change too."""
    before = public_state(live)
    row = row_for(live, value="$160 billion", status="misleading", note="Newer filing.")

    report = import_file(csv_bytes(row), user=fact_checker)

    assert [(e.line, e.column) for e in report.errors] == [(2, "status")]
    assert "two-person rule" in report.errors[0].message
    assert public_state(live) == before
    assert live.pending_change() is None


def test_a_published_claim_with_a_pending_change_cannot_be_changed_by_a_row(
    import_file, live, editor, fact_checker
):
    current = Claim.objects.get(pk=live.pk)
    current.period = "FY2024"
    draft = services.save_claim(claim=current, user=editor)  # someone's pending change
    live.refresh_from_db()
    before = public_state(live)

    report = import_file(csv_bytes(row_for(live, note="Another edit.")), user=fact_checker)

    assert [str(e) for e in report.errors] == [
        f"line 2, id: claim {live.pk} is published and already has a pending change (claim "
        f"{draft.pk}): edit that one, so that nobody's change is lost."
    ]
    assert public_state(live) == before
    draft.refresh_from_db()
    assert (draft.period, draft.note) == ("FY2024", live.note)


def test_an_unchanged_row_of_a_claim_with_a_pending_change_is_fine(import_file, live, editor):
    current = Claim.objects.get(pk=live.pk)
    current.period = "FY2024"
    services.save_claim(claim=current, user=editor)
    live.refresh_from_db()
    report = import_file(csv_bytes(row_for(live)))
    assert (report.unchanged, report.errors) == (1, [])


def test_sources_of_a_published_claim_change_on_its_draft_only(import_file, live, fact_checker):
    row = row_for(live, sources="https://ir.example.com/live https://ir.example.com/filing")

    report = import_file(csv_bytes(row), user=fact_checker)

    assert report.ok, report.errors
    assert list(live.sources.values_list("url", flat=True)) == ["https://ir.example.com/live"]
    draft = live.pending_change()
    assert sorted(draft.sources.values_list("url", flat=True)) == [
        "https://ir.example.com/filing",
        "https://ir.example.com/live",
    ]
    assert draft.status == "in_review"


def test_a_dry_run_of_a_published_change_writes_nothing(import_file, live, fact_checker):
    before = public_state(live), Claim.objects.count(), Claim.history.count()
    report = import_file(csv_bytes(row_for(live, period="FY2024")), user=fact_checker, dry_run=True)
    assert (report.updated, report.errors) == (1, [])
    assert (public_state(live), Claim.objects.count(), Claim.history.count()) == before


def test_an_error_on_another_row_leaves_no_pending_change(import_file, live, fact_checker):
    other = ClaimFactory()
    rows = [row_for(live, period="FY2024"), row_for(other, company="Nobody Inc")]
    report = import_file(csv_bytes(*rows), user=fact_checker)
    assert [(e.line, e.column) for e in report.errors] == [(3, "company")]
    assert live.pending_change() is None
    assert Source.objects.count() == 1


def test_a_published_claims_change_and_an_ordinary_update_in_one_file(import_file, live):
    other = ClaimFactory(period="")
    report = import_file(csv_bytes(row_for(live, period="FY2024"), row_for(other, period="H1")))
    assert (report.updated, report.errors) == (2, [])
    other.refresh_from_db()
    assert other.period == "H1"
    assert live.pending_change().period == "FY2024"
    assert Claim.objects.public().get(pk=live.pk).period == ""


def test_a_change_of_language_alone_is_a_pending_change_too(import_file, live, fact_checker):
    """Readers see a claim's language (its quote is set in it): a row changing only that
    makes a pending change like any other, never an "updated" that wrote nothing."""
    report = import_file(csv_bytes(row_for(live, language="zh-hans")), user=fact_checker)

    assert (report.updated, report.errors) == (1, [])
    assert Claim.objects.get(pk=live.pk).language != "zh-hans"
    assert live.pending_change().language == "zh-hans"

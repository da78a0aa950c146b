"""The side-door matrix: every path that writes a claim or its sources × the desk's rules.

A published verdict stands only on what was verified. For each write path — change form,
inline, Source admin (single, bulk, move), bulk actions, CSV import (command and admin),
history revert — these tests change a published claim and read the public page through
the page cache (ON, warmed first, never cleared in between): readers keep the published
figure, verdict and sources until a second person gives the change a verdict and a
publisher releases it.
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from factcheck import figure_checks, services
from factcheck.csvio.columns import HEADER
from factcheck.models import Claim, Source, Status
from tests.factories import (
    ClaimFactory,
    PublishedClaimFactory,
    SourceFactory,
    claim_post,
    figure_claim,
    make_check,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.FACTDESK_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def live(editor):
    claim = PublishedClaimFactory(
        quote="Its valuation reached $157 billion.",
        value=Decimal("157000000000"),
        created_by=editor,
        basis_editors=[],
    )
    return claim


def reader_sees(claim) -> str:
    """The public claim page as an anonymous reader gets it (through the page cache)."""
    response = Client().get(claim.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def assert_public_unchanged(claim, *, figure="$157 billion", source_url=None):
    page = reader_sees(claim)
    assert figure in page
    assert "Verified" in page
    if source_url:
        assert source_url in page
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.value == Decimal("157000000000")
    assert stored.status == Status.VERIFIED and stored.published_at is not None


def draft_of(claim) -> Claim:
    return Claim.objects.get(draft_of=claim)


def change_url(claim):
    return reverse("admin:factcheck_claim_change", args=[claim.pk])


# --- each path that edits a published claim ---------------------------------------------


def test_change_form_edit_waits_as_pending_change(client, editor, live):
    reader_sees(live)  # warm the page cache
    source = live.sources.get()
    client.force_login(editor)
    data = claim_post(
        quote=live.quote,
        value="$150 billion",
        seen_version=live.version,
        sources=[{"id": str(source.pk), "claim": str(live.pk), "url": source.url}],
        initial_sources=1,
        _save="Save",
    )
    response = client.post(change_url(live), data)
    assert response.status_code == 302, response.content[:2000]
    assert_public_unchanged(live)
    draft = draft_of(live)
    assert draft.value == Decimal("150000000000")
    assert draft.status == Status.IN_REVIEW
    assert editor.pk in draft.basis_editors
    assert response["Location"] == change_url(draft)


def test_inline_source_removal_waits(client, editor, live):
    source = live.sources.get()
    reader_sees(live)
    client.force_login(editor)
    data = claim_post(
        quote=live.quote,
        value="$157 billion",
        seen_version=live.version,
        sources=[{"id": str(source.pk), "claim": str(live.pk), "url": source.url, "DELETE": "on"}],
        initial_sources=1,
        _save="Save",
    )
    response = client.post(change_url(live), data)
    assert response.status_code == 302
    assert_public_unchanged(live, source_url=source.url)
    assert live.sources.count() == 1
    assert draft_of(live).sources.count() == 0


def test_source_admin_cannot_delete_a_published_source(client, editor, live):
    source = live.sources.get()
    reader_sees(live)
    client.force_login(editor)
    url = reverse("admin:factcheck_source_delete", args=[source.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()
    assert_public_unchanged(live, source_url=source.url)


def test_source_admin_bulk_delete_keeps_published_sources(client, editor, live):
    source = live.sources.get()
    reader_sees(live)
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_source_changelist"),
        {"action": "delete_selected", "_selected_action": [source.pk], "post": "yes"},
        follow=True,
    )
    assert response.status_code == 403  # Django's delete_selected asks per object
    assert Source.objects.filter(pk=source.pk, claim=live).exists()
    assert_public_unchanged(live, source_url=source.url)


def test_source_admin_cannot_move_a_published_source(client, editor, live):
    source = live.sources.get()
    other = ClaimFactory(created_by=editor)
    reader_sees(live)
    client.force_login(editor)
    url = reverse("admin:factcheck_source_change", args=[source.pk])
    page = client.get(url).content.decode()
    assert "belongs to a published claim" in page
    client.post(
        url,
        {
            "claim": str(other.pk),
            "url": source.url,
            "kind": source.kind,
            "stance": source.stance,
            "title": "Moved",
            "_save": "Save",
        },
    )
    assert Source.objects.get(pk=source.pk).claim_id == live.pk
    assert not other.sources.exists()
    assert_public_unchanged(live, source_url=source.url)


def test_service_move_of_a_published_source_keeps_it_public(editor, live):
    """Defence in depth: code calling the service directly gets the same rule."""
    source = live.sources.get()
    other = ClaimFactory(created_by=editor)
    source.claim = other
    services.save_source(source=source, user=editor)
    assert Source.objects.get(pk=source.pk).claim_id == live.pk
    assert other.sources.filter(url=source.url).exists()
    assert draft_of(live).sources.count() == 0
    assert_public_unchanged(live, source_url=source.url)


def test_stale_source_form_is_refused(client, editor, fact_checker):
    claim = ClaimFactory(created_by=editor)
    source = SourceFactory(claim=claim, title="First title")
    url = reverse("admin:factcheck_source_change", args=[source.pk])
    client.force_login(editor)
    seen = Claim.objects.get(pk=claim.pk).version
    fields = {
        "claim": str(claim.pk),
        "url": source.url,
        "kind": source.kind,
        "stance": source.stance,
    }
    client.post(
        url, {**fields, "title": "Editor's title", "seen_claim_version": seen, "_save": "Save"}
    )
    client.force_login(fact_checker)
    client.post(
        url,
        {
            **fields,
            "title": "",
            "excerpt": "Checker's excerpt",
            "seen_claim_version": seen,
            "_save": "Save",
        },
    )
    source.refresh_from_db()
    assert source.title == "Editor's title", "the stale form did not overwrite the newer save"


def test_a_published_claim_cannot_be_deleted(client, publisher, live):
    client.force_login(publisher)
    response = client.post(reverse("admin:factcheck_claim_delete", args=[live.pk]), {"post": "yes"})
    assert response.status_code == 403
    client.post(
        reverse("admin:factcheck_claim_changelist"),
        {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"},
    )
    assert Claim.objects.filter(pk=live.pk).exists()


def test_one_person_cannot_change_and_verify_a_rationale(publisher, live):
    draft = services.revise_claim(claim=live, user=publisher, values={"note": "Reworded."})
    with pytest.raises(Exception, match="two-person"):
        services.give_verdict(claim=draft, reviewer=publisher, status="verified", reason="x")


def test_change_page_with_a_pending_change_answers(client, editor, live):
    services.revise_claim(claim=live, user=editor, values={"value": Decimal("150e9")})
    client.force_login(editor)
    assert client.get(change_url(live)).status_code == 200


def _csv(rows: list[dict]) -> io.BytesIO:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return io.BytesIO(out.getvalue().encode())


def _row(claim, **changes) -> dict:
    row = {
        "id": claim.pk,
        "version": claim.version,
        "quote": claim.quote,
        "metric": claim.metric,
        "value": str(claim.value),
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "as_of": claim.as_of.isoformat() if claim.as_of else "",
        "status": claim.status,
        "note": claim.note,
        "company": claim.company.slug if claim.company else "",
        "article": claim.article.slug if claim.article else "",
        "sources": " | ".join(claim.sources.values_list("url", flat=True)),
    }
    row.update(changes)
    return row


def test_import_command_change_waits(tmp_path, editor, fact_checker, live):
    reader_sees(live)
    path = tmp_path / "claims.csv"
    path.write_bytes(_csv([_row(live, value="150000000000")]).getvalue())
    call_command("import_claims", str(path), "--user", fact_checker.username)
    assert_public_unchanged(live)
    assert draft_of(live).value == Decimal("150000000000")


def test_history_revert_goes_through_the_rules(client, publisher, fact_checker, editor, live):
    first = live.history.earliest()
    services.revise_claim(claim=live, user=editor, values={"note": "Better rationale."})
    draft = draft_of(live)
    services.give_verdict(
        claim=draft, reviewer=fact_checker, status="verified", reason="Rationale reworded."
    )
    services.publish_claim(claim=draft, user=publisher)
    live.refresh_from_db()
    assert live.note == "Better rationale."
    reader_sees(live)
    client.force_login(publisher)
    url = reverse("admin:factcheck_claim_simple_history", args=[live.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["value"] = "157000000000"
    data.update({"sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0", "_save": "Save"})
    data = {k: ("" if v is None else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    live.refresh_from_db()
    assert live.note == "Better rationale."  # public unchanged
    assert draft_of(live).note != "Better rationale."


# --- the verdict's basis and the two-person rule ------------------------------------------


def test_checker_who_rewrites_a_claim_may_not_verify_it(editor, fact_checker):
    claim = ClaimFactory(created_by=editor)
    SourceFactory(claim=claim)
    claim.refresh_from_db()
    services.revise_claim(claim=claim, user=fact_checker, values={"value": Decimal("5e9")})
    with pytest.raises(Exception, match="two-person"):
        services.give_verdict(claim=claim, reviewer=fact_checker, status="verified", note="ok")


def test_source_change_after_verdict_sends_back_to_review(editor, fact_checker):
    claim = ClaimFactory(created_by=editor, status=Status.IN_REVIEW, basis_editors=[editor.pk])
    source = SourceFactory(claim=claim)
    services.give_verdict(claim=claim, reviewer=fact_checker, status="verified", note="ok")
    source.excerpt = "A different passage."
    services.save_source(source=source, user=editor)
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW


def test_publish_rechecks_sources(publisher, editor, fact_checker):
    claim = ClaimFactory(created_by=editor, status=Status.IN_REVIEW, basis_editors=[editor.pk])
    source = SourceFactory(claim=claim)
    services.give_verdict(claim=claim, reviewer=fact_checker, status="verified", note="ok")
    Source.objects.filter(pk=source.pk).delete()  # a raw delete that skips the services
    claim.refresh_from_db()
    with pytest.raises(Exception, match="source"):
        services.publish_claim(claim=claim, user=publisher)


def test_inaccurate_with_only_supporting_source_is_refused(editor, fact_checker):
    claim = ClaimFactory(created_by=editor, basis_editors=[editor.pk])
    SourceFactory(claim=claim, stance="supports")
    with pytest.raises(Exception, match="supports it"):
        services.give_verdict(
            claim=claim,
            reviewer=fact_checker,
            status="inaccurate",
            note="Wrong.",
            corrected_value=Decimal(1),
        )


def test_unverifiable_needs_a_rationale_not_a_source(editor, fact_checker):
    claim = ClaimFactory(created_by=editor, basis_editors=[editor.pk])
    with pytest.raises(Exception, match="what was tried"):
        services.give_verdict(claim=claim, reviewer=fact_checker, status="unverifiable")
    services.give_verdict(
        claim=claim, reviewer=fact_checker, status="unverifiable", note="Asked the company."
    )


# --- publishing a pending change ------------------------------------------------------------


def test_released_change_shows_with_a_correction(editor, fact_checker, publisher, live):
    reader_sees(live)
    draft = services.revise_claim(claim=live, user=editor, values={"value": Decimal("150e9")})
    assert_public_unchanged(live)
    services.give_verdict(
        claim=draft, reviewer=fact_checker, status="verified", reason="The figure was $150 billion."
    )
    assert_public_unchanged(live)
    services.publish_claim(claim=draft, user=publisher)
    page = reader_sees(live)
    assert "$150 billion" in page
    assert "The figure was $150 billion." in page
    assert not Claim.objects.filter(draft_of=live).exists()


def test_corrected_value_never_shown_for_other_verdicts(editor, fact_checker, publisher):
    claim = ClaimFactory(created_by=editor, basis_editors=[editor.pk])
    SourceFactory(claim=claim, stance="contradicts")
    services.give_verdict(
        claim=claim,
        reviewer=fact_checker,
        status="inaccurate",
        note="x",
        corrected_value=Decimal(9),
    )
    SourceFactory(claim=claim, stance="supports")
    claim.refresh_from_db()
    services.give_verdict(claim=claim, reviewer=publisher, status="verified", note="y")
    claim.refresh_from_db()
    assert claim.corrected_value is None


# --- stale writes -----------------------------------------------------------------------


def test_bulk_verdict_with_an_old_version_is_refused(client, editor, fact_checker):
    claim = ClaimFactory(created_by=editor, basis_editors=[editor.pk], value=Decimal(5e6))
    SourceFactory(claim=claim)
    claim.refresh_from_db()
    seen = claim.version
    services.revise_claim(claim=claim, user=editor, values={"value": Decimal(5e9)})
    client.force_login(fact_checker)
    client.post(
        reverse("admin:factcheck_claim_changelist"),
        {
            "action": "give_verdict",
            "_selected_action": [claim.pk],
            f"seen_version_{claim.pk}": str(seen),
            "apply": "1",
            "status": "verified",
            "note": "Matches $5 million.",
        },
    )
    claim.refresh_from_db()
    assert claim.status != Status.VERIFIED


def test_bulk_action_without_versions_is_refused(client, editor, publisher):
    claim = PublishedClaimFactory(created_by=editor)
    client.force_login(publisher)
    client.post(
        reverse("admin:factcheck_claim_changelist"),
        {"action": "unpublish", "_selected_action": [claim.pk], "confirmed": "1", "reason": "x"},
    )
    claim.refresh_from_db()
    assert claim.published_at is not None


def test_change_form_without_seen_version_is_refused(client, editor):
    claim = ClaimFactory(created_by=editor)
    client.force_login(editor)
    response = client.post(change_url(claim), claim_post(value="$9 billion", _save="Save"))
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.value != Decimal(9e9)


def test_import_of_an_old_version_names_what_changed(tmp_path, editor, fact_checker):
    claim = ClaimFactory(created_by=editor)
    old = claim.version
    services.revise_claim(claim=claim, user=editor, values={"note": "Newer note."})
    path = tmp_path / "old.csv"
    claim.refresh_from_db()
    path.write_bytes(_csv([_row(claim, version=str(old), note="")]).getvalue())
    with pytest.raises(Exception) as error:
        call_command("import_claims", str(path), "--user", fact_checker.username)
    claim.refresh_from_db()
    assert claim.note == "Newer note."
    del error


# --- unpublishing -------------------------------------------------------------------------


def test_unpublish_leaves_a_retraction_notice(publisher, live):
    reader_sees(live)
    services.unpublish_claim(claim=live, user=publisher, reason="The source was withdrawn.")
    response = Client().get(live.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "retracted" in page.lower()
    assert "The source was withdrawn." in page
    assert "ClaimReview" not in page
    assert "noindex" in page
    assert "✓" not in page


def test_unpublish_needs_a_reason(publisher, live):
    with pytest.raises(Exception, match="why"):
        services.unpublish_claim(claim=live, user=publisher, reason=" ")


def test_a_retraction_is_in_the_feed(publisher, live):
    services.unpublish_claim(claim=live, user=publisher, reason="The filing was amended.")
    feed = Client().get(reverse("factcheck:feed")).content.decode()
    assert "Retracted:" in feed and "The filing was amended." in feed
    assert f"/claims/{live.pk}/" in feed


def test_clearing_the_corrected_figure_of_an_inaccurate_claim_is_no_error(client, editor):
    claim = ClaimFactory(
        created_by=editor, basis_editors=[], status=Status.INACCURATE, corrected_value=Decimal(9)
    )
    SourceFactory(claim=claim, stance="contradicts")
    claim.refresh_from_db()
    client.force_login(editor)
    data = claim_post(
        quote=claim.quote,
        value=str(claim.value),
        unit="USD",
        seen_version=claim.version,
        corrected_value="",
        _save="Save",
    )
    response = client.post(change_url(claim), data)
    assert response.status_code in (200, 302)
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW, "the verdict no longer stands on what it said"


def test_confirming_an_expired_import_is_a_message(client, fact_checker):
    client.force_login(fact_checker)
    response = client.post(
        reverse("admin:factcheck_claim_process_import"),
        {"import_file_name": "no-such-upload", "original_file_name": "claims.csv", "format": "0"},
        follow=True,
    )
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert any("Upload it again" in m for m in messages), messages


# --- found by the second red-team pass ------------------------------------------------------


def test_whoever_gave_a_published_claims_change_its_verdict_does_not_publish_it(publisher, live):
    draft = services.give_verdict(
        claim=live, reviewer=publisher, status="verified", note="Reworded.", reason="Wording."
    )
    with pytest.raises(Exception, match="another publisher"):
        services.publish_claim(claim=draft, user=publisher)
    assert Claim.objects.get(pk=live.pk).note != "Reworded."


def test_publishing_from_the_published_claims_page_does_not_release_an_unseen_change(
    fact_checker, publisher, live
):
    services.give_verdict(claim=live, reviewer=fact_checker, status="misleading", reason="Framing.")
    live.refresh_from_db()
    with pytest.raises(Exception, match="pending change is claim"):
        services.publish_claim(claim=live, user=publisher, expected_version=live.version)
    assert Claim.objects.get(pk=live.pk).status == Status.VERIFIED


def test_a_retracted_claim_cannot_be_deleted(client, publisher, live):
    services.unpublish_claim(claim=live, user=publisher, reason="Withdrawn.")
    client.force_login(publisher)
    response = client.post(reverse("admin:factcheck_claim_delete", args=[live.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert "Withdrawn." in Client().get(live.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "query", ["status__exact=a%00b", "as_of__year=999999999999", "as_of__month=13"]
)
def test_odd_changelist_addresses_are_put_right(client, editor, query):
    client.force_login(editor)
    response = client.get(f"{reverse('admin:factcheck_claim_changelist')}?{query}", follow=True)
    assert response.status_code == 200


@pytest.mark.parametrize(("field", "value"), [("article", "NaN"), ("company", "x")])
def test_an_odd_article_or_company_is_a_form_error(client, editor, field, value):
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_claim_add"),
        {**claim_post(value="$1 billion"), field: value, "_save": "Save"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


# --- arithmetic checks: a figure never published stays off the public page ---------------


def test_deleting_the_hidden_figures_of_a_check_never_shows_them(client, publisher):
    stated = PublishedClaimFactory(value=Decimal("80"), unit="%", quote="an 80% decrease")
    hidden = [
        figure_claim("HK$320 billion", "from a peak of HK$320 billion"),
        figure_claim("HK$53.7 billion", "to just HK$53.7 billion"),
    ]
    check = make_check("percent_change", hidden, stated)
    figure_checks.recompute()
    check.refresh_from_db()
    assert "HK$320 billion" in check.working  # the working names the unpublished figures
    page = reader_sees(stated)  # warm the page cache: the check is left out
    assert "HK$320 billion" not in page and "83.2%" not in page
    client.force_login(publisher)
    response = client.post(
        reverse("admin:factcheck_claim_changelist"),
        {"action": "delete_selected", "_selected_action": [c.pk for c in hidden], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Claim.objects.filter(pk__in=[c.pk for c in hidden]).exists()
    check.refresh_from_db()
    assert check.outcome == "error" and "HK$320 billion" not in check.working
    page = reader_sees(stated)
    assert "HK$320 billion" not in page and "HK$53.7 billion" not in page
    assert "83.2%" not in page and "Cannot compute" not in page

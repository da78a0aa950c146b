"""The editors' desk through the Django test client, as each role."""

from decimal import Decimal

import pytest
from django.urls import reverse

from factcheck.models import Claim, Status
from tests.factories import ClaimFactory, SourceFactory, VerdictClaimFactory, claim_post

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:factcheck_claim_add")
LIST_URL = reverse("admin:factcheck_claim_changelist")


def change_url(claim):
    return reverse("admin:factcheck_claim_change", args=[claim.pk])


def verdict_url(claim):
    return reverse("admin:factcheck_claim_verdict", args=[claim.pk])


def test_an_editor_enters_a_claim_as_written_with_a_source(client, editor):
    client.force_login(editor)
    response = client.post(
        ADD_URL,
        claim_post(
            value="over HK$320 billion",
            sources=[{"url": "https://www.hkex.com.hk/quote?sym=20", "title": "Quote"}],
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim = Claim.objects.get()
    assert (claim.value, claim.unit, claim.qualifier) == (Decimal("320000000000"), "HKD", "over")
    assert claim.created_by == editor
    assert claim.status == Status.UNVERIFIED
    assert claim.sources.get().url == "https://www.hkex.com.hk/quote?sym=20"
    assert claim.history.first().history_user == editor


@pytest.mark.parametrize(
    "value,unit,expected",
    [
        ("RMB 20 billion", "", (Decimal("20000000000"), "CNY")),
        ("168%", "", (Decimal("168"), "%")),
        ("54,000 GPUs", "", (Decimal("54000"), "GPUs")),
        ("2.477e9", "CNY", (Decimal("2477000000"), "CNY")),
        ("157000000000", "USD", (Decimal("157000000000"), "USD")),
    ],
)
def test_the_value_field_reads_figures_as_written(client, editor, value, unit, expected):
    client.force_login(editor)
    response = client.post(ADD_URL, claim_post(value=value, unit=unit))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.value, claim.unit) == expected


def test_a_unit_conflict_is_an_error_not_a_guess(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, claim_post(value="HK$9.7", unit="USD"))
    assert response.status_code == 200
    assert "The figure says HKD but the unit says USD" in response.content.decode()
    assert not Claim.objects.exists()


def test_a_source_url_must_be_http(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, claim_post(sources=[{"url": "javascript:alert(1)"}]))
    assert response.status_code == 200
    assert not Claim.objects.exists()


def test_the_second_of_two_editors_is_refused_with_what_changed(client, editor, fact_checker):
    claim = ClaimFactory(created_by=editor)
    seen = claim.version
    client.force_login(editor)
    assert (
        client.post(
            change_url(claim), claim_post(quote="First edit", seen_version=seen)
        ).status_code
        == 302
    )
    client.force_login(fact_checker)
    response = client.post(change_url(claim), claim_post(quote="Second edit", seen_version=seen))
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed by edna while you were editing it" in page
    assert "First edit" in page
    assert Claim.objects.get(pk=claim.pk).quote == "First edit"


def test_removing_the_last_source_of_a_verdict_sends_it_back_to_review(client, publisher):
    claim = VerdictClaimFactory()
    source = claim.sources.get()
    client.force_login(publisher)
    data = claim_post(
        quote=claim.quote,
        value=str(claim.value),
        unit="USD",
        seen_version=claim.version,
        sources=[{"id": str(source.pk), "claim": str(claim.pk), "url": source.url, "DELETE": "on"}],
        initial_sources=1,
    )
    response = client.post(change_url(claim), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.sources.count() == 0
    assert claim.status == Status.IN_REVIEW, "a verdict never stands without its sources"
    assert publisher.pk in claim.basis_editors


def test_a_fact_checker_gives_a_verdict_through_the_form(client, editor, fact_checker):
    claim = ClaimFactory(created_by=editor)
    SourceFactory(claim=claim, stance="contradicts")
    client.force_login(fact_checker)
    assert client.get(verdict_url(claim)).status_code == 200
    response = client.post(
        verdict_url(claim),
        {
            "status": "inaccurate",
            "note": "It fell 83.2%.",
            "corrected_value": "83.2%",
            "seen_version": claim.version,
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.INACCURATE
    assert claim.corrected_value == Decimal("83.2")
    assert claim.reviewed_by == fact_checker


def test_the_verdict_form_shows_the_rules_in_words(client, fact_checker, editor):
    claim = ClaimFactory(created_by=editor)
    client.force_login(fact_checker)
    response = client.post(
        verdict_url(claim),
        {"status": "verified", "note": "Checked.", "seen_version": claim.version},
    )
    assert response.status_code == 200
    assert "needs at least one source" in response.content.decode()
    before = client.get(verdict_url(claim)).content.decode()
    assert "needs at least one source" in before, "the rule is said before the form is filled"


def test_publish_action_publishes_verdicts_and_explains_refusals(client, publisher):
    ready = VerdictClaimFactory()
    not_ready = ClaimFactory()
    client.force_login(publisher)
    selection = {"action": "publish", "_selected_action": [ready.pk, not_ready.pk]}
    versions = {f"seen_version_{c.pk}": c.version for c in (ready, not_ready)}
    confirm = client.post(LIST_URL, {**selection, **versions})
    assert confirm.status_code == 200 and "Publish them?" in confirm.content.decode()
    assert not Claim.objects.public().exists(), "nothing goes public before the confirmation"
    response = client.post(LIST_URL, {**selection, **versions, "confirmed": "1"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert "1 claim(s) published." in messages
    assert any("Only a verdict can be published" in m for m in messages)
    assert list(Claim.objects.public()) == [ready]


def test_admin_index_shows_the_review_queue_and_data_quality(client, publisher):
    ClaimFactory(status=Status.IN_REVIEW, quote="Waiting in review")
    ClaimFactory(quote="Entered, nobody has checked it", as_of=None)
    client.force_login(publisher)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Review queue" in page
    assert page.index("Waiting in review") < page.index("Entered, nobody has checked it")
    assert "Claims without a source" in page and "Claims without an as-of date" in page


def test_changelist_filters_answer(client, publisher):
    VerdictClaimFactory()
    client.force_login(publisher)
    for query in [
        "has_sources=no",
        "published=no",
        "secondary_only=yes",
        "as_of__isempty=1",
        "status=verified",
        "q=valuation",
    ]:
        assert client.get(f"{LIST_URL}?{query}").status_code == 200, query


def test_a_blank_source_form_only_where_one_is_wanted(client, editor):
    """No blank source form on a claim that has sources (JavaScript's "Add another source"
    adds one); without JavaScript, "Add a source" reloads the page with one."""
    sourced, bare = ClaimFactory(), ClaimFactory()
    first = SourceFactory(claim=sourced)
    client.force_login(editor)
    page = client.get(change_url(sourced) + "?_changelist_filters=status__exact%3Dunverified")
    html = page.content.decode()
    assert 'name="sources-TOTAL_FORMS" value="1"' in html
    assert 'name="sources-1-url"' not in html and 'name="sources-__prefix__-url"' in html
    assert 'class="add-source"' in html
    assert "_changelist_filters=status__exact%3Dunverified&amp;add_source=1#sources-group" in html
    asked = client.get(change_url(sourced) + "?add_source=1").content.decode()
    assert 'name="sources-TOTAL_FORMS" value="2"' in asked and 'name="sources-1-url"' in asked
    assert "add_source=1#sources-group" not in asked
    assert html.count("Add to the discussion") == 1  # not also the formset's template form
    empty = client.get(change_url(bare)).content.decode()
    assert 'name="sources-TOTAL_FORMS" value="1"' in empty and 'name="sources-0-url"' in empty
    kept = {"id": str(first.pk), "claim": str(sourced.pk), "url": first.url}
    added = {"claim": str(sourced.pk), "url": "https://example.com/filing"}
    data = claim_post(seen_version=sourced.version, initial_sources=1, sources=[kept, added])
    response = client.post(change_url(sourced) + "?add_source=1", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert sourced.sources.count() == 2

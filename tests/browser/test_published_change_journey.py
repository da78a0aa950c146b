"""A published figure changes only when a second person has checked it and a publisher released it.

Chromium, the real admin and the real public page (page cache on): an editor changes a
published figure → readers still see the published one; a fact-checker gives the change
its verdict; a publisher confirms and publishes → readers see the new figure with a
correction entry. Screenshots of each step go to FACTDESK_ARTIFACTS (else a tmp dir).
"""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.models import Claim
from tests.factories import PublishedClaimFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("FACTDESK_ARTIFACTS") or tmp_path) / "published-change"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def session(browser, live_server, username=None):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if username:
        page.goto("/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "correct horse battery")
        page.click("input[type=submit]")
        page.wait_for_selector("#site-name")
    return page


def test_a_published_figure_changes_only_after_verdict_and_publication(
    browser, live_server, settings, shots
):
    settings.FACTDESK_PAGE_CACHE_SECONDS = 300
    editor = UserFactory(username="edna", role="Editor")
    UserFactory(username="fiona", role="Fact-checker")
    UserFactory(username="pablo", role="Publisher")
    claim = PublishedClaimFactory(
        quote="Its valuation reached $157 billion.", value=Decimal("157e9"), created_by=editor
    )
    reader = session(browser, live_server)
    reader.goto(claim.get_absolute_url())
    assert "$157 billion" in reader.content()

    edna = session(browser, live_server, "edna")
    edna.goto(f"/admin/factcheck/claim/{claim.pk}/change/")
    edna.fill("#id_value", "$150 billion")
    edna.click("input[name=_save]")
    edna.wait_for_selector(".messagelist .warning")
    assert "pending change" in edna.content()
    edna.screenshot(path=shots / "1-editor-saved-pending-change.png", full_page=True)
    draft = Claim.objects.get(draft_of=claim)

    reader.reload()
    assert "$157 billion" in reader.content() and "$150 billion" not in reader.content()
    reader.screenshot(path=shots / "2-reader-still-sees-published.png", full_page=True)

    fiona = session(browser, live_server, "fiona")
    fiona.goto(f"/admin/factcheck/claim/{draft.pk}/change/")
    fiona.click("text=Give verdict")
    fiona.select_option("#id_status", "verified")
    fiona.fill("#id_note", "The filing gives $150 billion.")
    fiona.fill("#id_reason", "The valuation was $150 billion, not $157 billion.")
    fiona.screenshot(path=shots / "3-checker-verdict.png", full_page=True)
    fiona.click("input[type=submit]")
    fiona.wait_for_selector(".messagelist .success")

    reader.reload()
    assert "$157 billion" in reader.content(), "a verdict alone does not publish"

    pablo = session(browser, live_server, "pablo")
    pablo.goto(f"/admin/factcheck/claim/{draft.pk}/change/")
    pablo.click("#content a:text('Publish')")
    assert "Publish it?" in pablo.content()
    pablo.screenshot(path=shots / "4-publisher-confirms.png", full_page=True)
    pablo.click("input[type=submit]")
    pablo.wait_for_selector(".messagelist .success")

    reader.reload()
    text = reader.content()
    assert "$150 billion" in text
    assert "The valuation was $150 billion, not $157 billion." in text
    reader.screenshot(path=shots / "5-reader-sees-correction.png", full_page=True)
    assert not Claim.objects.filter(draft_of=claim).exists()

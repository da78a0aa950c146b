"""A journalist's figure and date, typed as written, stay as written from the desk to the reader.

Chromium, the real admin and the real public page: an editor adds a claim typing
"$2.5 billion" and "February 2024" (and a source); the change page shows them as typed;
the staff preview says "Preview — not published"; after review, a fact-checker's verdict
and a publisher's release (through the services, as the workflow buttons do) the public
page shows "February 2024" and "$2.5 billion". Screenshots go to FACTDESK_ARTIFACTS (else
a tmp dir).
"""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck import services
from factcheck.models import Claim
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("FACTDESK_ARTIFACTS") or tmp_path) / "as-written"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def signed_in(browser, live_server, username):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_a_figure_and_a_month_typed_as_written_reach_readers_as_written(
    browser, live_server, shots
):
    editor = UserFactory(username="edna", role="Editor")
    checker = UserFactory(username="fiona", role="Fact-checker")
    publisher = UserFactory(username="pablo", role="Publisher")

    edna = signed_in(browser, live_server, "edna")
    edna.goto("/admin/factcheck/claim/add/")
    edna.fill("#id_quote", "Its annual revenue reached $2.5 billion in February 2024.")
    edna.select_option("#id_metric", "revenue")
    edna.fill("#id_value", "$2.5 billion")
    edna.fill("#id_as_of", "February 2024")
    edna.fill("#id_sources-0-url", "https://ir.example.com/results-february-2024")
    edna.screenshot(path=shots / "1-add-form.png", full_page=True)
    edna.click("input[name=_continue]")
    edna.wait_for_selector(".messagelist .success")

    claim = Claim.objects.get()
    assert (claim.value, claim.unit) == (Decimal("2500000000"), "USD")
    assert (claim.as_of, claim.as_of_precision) == (dt.date(2024, 2, 29), "month")
    assert edna.input_value("#id_value") == "$2.5 billion"
    assert edna.input_value("#id_as_of") == "February 2024"
    assert "Enter a valid date" not in edna.content()
    edna.screenshot(path=shots / "2-change-page.png", full_page=True)

    # "View on site" is the staff preview, marked as such.
    edna.click("a.viewsitelink")
    edna.wait_for_selector(".preview-banner")
    assert edna.url.endswith(f"/admin/preview/claims/{claim.pk}/")
    assert "Preview — not published" in edna.inner_text(".preview-banner")
    assert "February 2024" in edna.inner_text(".facts")
    edna.screenshot(path=shots / "3-preview.png", full_page=True)

    claim = services.send_to_review(claim=claim, user=editor, expected_version=claim.version)
    claim = services.give_verdict(
        claim=claim,
        reviewer=checker,
        status="verified",
        note="The company's results for February 2024 give $2.5 billion.",
        expected_version=claim.version,
    )
    services.publish_claim(claim=claim, user=publisher, expected_version=claim.version)

    reader = browser.new_context(base_url=live_server.url).new_page()
    reader.goto(claim.get_absolute_url())
    facts = reader.inner_text(".facts")
    assert "February 2024" in facts
    assert "$2.5 billion" in reader.inner_text("h1")
    assert "29 Feb 2024" not in reader.content()
    assert reader.locator(".preview-banner").count() == 0
    reader.screenshot(path=shots / "4-public-page.png", full_page=True)

    reader.goto("/")
    row = reader.locator("tr", has_text="$2.5 billion")
    assert "February 2024" in row.inner_text()
    reader.screenshot(path=shots / "5-verified-table.png", full_page=True)

"""An editor logs into the real admin in Chromium and enters a claim with its source."""

from decimal import Decimal

import pytest

from factcheck.models import Claim

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_enters_a_claim_with_a_source(page, admin_login, editor):
    admin_login("edna")
    page.goto("/admin/factcheck/claim/add/")
    page.fill("#id_quote", "Its valuation has reached a staggering $157 billion")
    page.select_option("#id_metric", "valuation")
    page.fill("#id_value", "$157 billion")
    page.fill("#id_as_of", "2024-10-02")
    page.fill("#id_sources-0-url", "https://openai.com/index/scale-the-benefits-of-ai/")
    page.fill("#id_sources-0-title", "New funding to scale the benefits of AI")
    page.select_option("#id_sources-0-kind", "press_release")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    claim = Claim.objects.get()
    assert (claim.value, claim.unit) == (Decimal("157000000000"), "USD")
    assert claim.sources.get().title == "New funding to scale the benefits of AI"
    assert "$157 billion" in page.content()


def test_a_wrong_password_is_refused_with_a_message(page, editor):
    page.goto("/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", "wrong")
    page.click("input[type=submit]")
    assert page.locator(".errornote").is_visible()


def test_a_source_is_added_to_a_claim_with_sources_with_or_without_javascript(
    browser, live_server, page, admin_login, editor
):
    """A claim with sources shows no blank source form: "Add another source" (JavaScript)
    adds one, and without JavaScript the "Add a source" link reloads the page with one."""
    from tests.factories import ClaimFactory, SourceFactory

    claim = ClaimFactory()
    SourceFactory(claim=claim)
    url = f"/admin/factcheck/claim/{claim.pk}/change/"
    admin_login("edna")
    page.goto(url)
    assert page.locator("#id_sources-1-url").count() == 0
    assert not page.locator(".add-source").is_visible()  # JavaScript's own button instead
    page.click("#sources-group .add-row a")
    page.fill("#id_sources-1-url", "https://example.com/with-javascript")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert claim.sources.count() == 2

    quiet = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    plain = quiet.new_page()
    plain.goto("/admin/login/")
    plain.fill("#id_username", "edna")
    plain.fill("#id_password", "correct horse battery")
    plain.click("input[type=submit]")
    plain.wait_for_selector("#site-name")
    plain.goto(url)
    assert plain.locator("#id_sources-2-url").count() == 0
    plain.click("text=Add a source")
    plain.fill("#id_sources-2-url", "https://example.com/without-javascript")
    plain.click("input[name=_continue]")
    plain.wait_for_selector(".messagelist .success")
    quiet.close()
    assert claim.sources.count() == 3

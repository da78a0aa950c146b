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

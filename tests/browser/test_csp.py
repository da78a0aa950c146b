"""In a real browser, the Content-Security-Policy blocks nothing the desk itself needs.

A strict policy (no inline script or style) is only worth having if the pages work under
it: Chromium reports every violation as a `securitypolicyviolation` event, and there must
be none on the public pages or in the admin, where the editors work.
"""

import pytest
from django.urls import reverse

from tests.factories import ClaimFactory, PublishedClaimFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(LISTEN)
    return page


def violations(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__violations")


def test_public_pages_run_without_a_violation(watched):
    claim = PublishedClaimFactory()
    for url in [
        reverse("factcheck:home"),
        reverse("factcheck:claims") + "?metric=valuation",
        reverse("factcheck:claim", args=[claim.pk]),
        reverse("factcheck:article", args=[claim.article.slug]),
        reverse("companies:list"),
        reverse("companies:detail", args=[claim.company.slug]),
        "/claims/999999/",
    ]:
        assert violations(watched, url) == [], url


def test_the_admin_runs_without_a_violation(watched, admin_login):
    UserFactory(username="pia", role="Publisher")
    author = UserFactory(username="eve", role="Editor")
    claim = ClaimFactory(created_by=author)
    PublishedClaimFactory()
    admin_login("pia")
    for url in [
        reverse("admin:index"),
        reverse("admin:factcheck_claim_changelist"),
        reverse("admin:factcheck_claim_add"),
        reverse("admin:factcheck_claim_change", args=[claim.pk]),
        reverse("admin:factcheck_claim_verdict", args=[claim.pk]),
        reverse("admin:factcheck_claim_history", args=[claim.pk]),
        reverse("admin:factcheck_claim_import"),
        reverse("admin:companies_company_add"),
    ]:
        assert violations(watched, url) == [], url

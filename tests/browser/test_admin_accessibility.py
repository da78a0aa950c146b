"""axe-core on the desk's pages an editor, a fact-checker and a publisher use; and a keyboard pass.

0 serious or critical violations on: the dashboard, the claims list (and My queue), a claim's
change page (with its evidence and discussion), a pending change's page with its diff, the
verdict screen, the publish and unpublish confirmations, the import page and a 403.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from factcheck import services
from tests.factories import ClaimFactory, PublishedClaimFactory, SourceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def blocking(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def login(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


@pytest.fixture
def review_claims():
    """The three roles, a claim waiting for review, a published claim and its pending change."""
    editor = UserFactory(username="edna", role="Editor")
    UserFactory(username="fiona", role="Fact-checker")
    UserFactory(username="pablo", role="Publisher")
    waiting = ClaimFactory(created_by=editor, quote="A claim waiting for review.")
    SourceFactory(claim=waiting, excerpt="The filing says $5 billion.")
    live = PublishedClaimFactory(created_by=editor, quote="A published claim.")
    draft = services.revise_claim(claim=live, user=editor, values={"note": "Reworded."})
    return {"waiting": waiting, "live": live, "draft": draft}


def test_desk_pages_have_no_serious_violations(page, review_claims):
    login(page, "pablo")
    urls = [
        "/admin/",
        "/admin/factcheck/claim/",
        "/admin/factcheck/claim/?queue=mine",
        f"/admin/factcheck/claim/{review_claims['waiting'].pk}/change/",
        f"/admin/factcheck/claim/{review_claims['draft'].pk}/change/",
        f"/admin/factcheck/claim/{review_claims['live'].pk}/change/",
        f"/admin/factcheck/claim/{review_claims['waiting'].pk}/verdict/",
        f"/admin/factcheck/claim/{review_claims['draft'].pk}/publish/",
        f"/admin/factcheck/claim/{review_claims['live'].pk}/unpublish/",
        "/admin/factcheck/claim/import/",
    ]
    problems = {}
    for url in urls:
        page.goto(url)
        found = blocking(page)
        if found:
            problems[url] = found
    assert problems == {}, "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_a_refused_page_is_styled_and_clean(page, review_claims):
    login(page, "edna")
    response = page.goto(f"/admin/factcheck/claim/{review_claims['waiting'].pk}/verdict/")
    assert response.status == 403
    assert page.locator("#site-name").count() == 1, "the desk's own look, not a bare page"
    assert blocking(page) == []


def test_the_verdict_screen_works_from_the_keyboard(page, review_claims):
    login(page, "fiona")
    page.goto(f"/admin/factcheck/claim/{review_claims['waiting'].pk}/verdict/")
    page.focus("#id_status")
    page.keyboard.press("ArrowDown")  # the first verdict
    page.keyboard.press("Tab")
    page.keyboard.type("The filing gives $5 billion.")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "id_note"
    for _ in range(10):  # on to the submit button, by Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("document.activeElement.value") == "Save verdict"
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist")

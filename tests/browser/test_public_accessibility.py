"""axe-core finds no serious or critical violation on the public pages, on a desktop and a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def public_urls(desk) -> list[str]:
    return [
        "/",
        "/claims/?sort=-usd",
        "/claims/?as_of_from=not-a-date",  # the page with an error message
        desk["revenue"].get_absolute_url(),
        "/companies/",
        "/companies/lumen-robotics/",
        "/articles/robots-and-money/",
        "/no-such-page/",
    ]


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}]
)
def test_no_serious_or_critical_violations(page, desk, viewport):
    page.set_viewport_size(viewport)
    problems = {}
    for url in public_urls(desk):
        page.goto(url)
        found = blocking_violations(page)
        if found:
            problems[url] = found
    assert problems == {}


def test_phone_layout_does_not_scroll_sideways(page, desk):
    page.set_viewport_size({"width": 375, "height": 740})
    for url in ["/", "/claims/", desk["revenue"].get_absolute_url(), "/companies/lumen-robotics/"]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} is {overflow}px wider than the phone"


def test_print_hides_navigation_and_filters(page, desk):
    page.emulate_media(media="print")
    page.goto("/claims/")
    assert page.locator("form.filters").is_hidden()
    assert page.locator("aside.facets").is_hidden()
    assert page.locator("table.claims").is_visible()

"""The claims table in Chromium at a phone's width (390 px) and a desktop's (1280 px).

On a phone every claim is a card and nothing scrolls sideways; the filters fold behind
<details> (without JavaScript too); after a sort or a filter, focus is on the results.
Set FACTDESK_SCREENSHOTS to a folder to keep a screenshot of each page looked at.
"""

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_public_accessibility import blocking_violations
from tests.factories import ArticleFactory, PublishedClaimFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LONG_WORDS = (
    "The company said its valuation had reached a figure that analysts described as "
    "remarkably high, given revenue that was still small and a market that was shrinking"
)


@pytest.fixture
def desk(desk):
    """The shared desk plus long words, a long article title and a percentage."""
    article = ArticleFactory(
        title="A very long article title about the money raised by robot makers in Shenzhen",
        slug="long-title",
    )
    for i in range(6):
        PublishedClaimFactory(
            article=article,
            company=desk["lumen"],
            quote=LONG_WORDS,
            metric="valuation",
            value=Decimal(1000 + i) * 10**6,
            unit="USD",
            usd_value=Decimal(1000 + i) * 10**6,
            as_of=dt.date(2024, 4 + i, 1),
        )
    PublishedClaimFactory(company=desk["quill"], quote="grew 168%", value=168, unit="%")
    return desk


PAGES = ["/", "/claims/", "/claims/?sort=-figure", "/?company=lumen-robotics&metric=valuation"]


def shoot(page, name: str) -> None:
    folder = os.environ.get("FACTDESK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("url", PAGES)
def test_on_a_phone_each_claim_is_a_card_and_nothing_scrolls_sideways(page, desk, url):
    page.set_viewport_size(PHONE)
    page.goto(url)
    shoot(page, f"phone{re.sub(r'[^a-z0-9]+', '-', url)}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{url} is {overflow(page)} px wider than the phone"
    )
    first = page.locator("table.claims tbody tr").first
    for cell in ("c-figure", "c-status", "c-company", "c-as_of", "c-quote"):
        box = first.locator(f"td.{cell}").bounding_box()
        assert box and box["width"] > 0, cell
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], cell
    figure, verdict = (first.locator(f"td.{c}").bounding_box() for c in ("c-figure", "c-status"))
    assert abs(figure["y"] - verdict["y"]) < 8  # the verdict beside the figure, on top
    assert page.locator("table.claims thead").is_visible()  # as a row of sort links
    expect(page.locator("table.claims thead th.c-quote")).to_be_hidden()


def test_on_a_phone_the_filters_wait_behind_a_summary(page, desk):
    page.set_viewport_size(PHONE)
    page.goto("/claims/")
    summary = page.locator("details.filter-box > summary")
    expect(summary).to_be_visible()
    expect(page.locator("#id_q")).to_be_hidden()
    results_top = page.locator("#results").bounding_box()["y"]
    assert results_top < PHONE["height"] / 2  # the results start on the first screen
    summary.click()
    expect(page.locator("#id_q")).to_be_visible()


def test_without_javascript_the_summary_still_opens_the_filters(browser, live_server, desk):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    try:
        page.goto("/claims/")
        page.locator("details.filter-box > summary").click()
        page.select_option("#id_currency", "CNY")
        page.click("button[type=submit]")
        expect(page).to_have_url(re.compile(r"currency=CNY.*#results$"))
        expect(page.locator("h1")).to_have_text("Published verdicts on figures in CNY")
        expect(page.locator("table.claims tbody tr")).to_have_count(1)
    finally:
        context.close()


def test_on_a_desktop_the_filters_show_and_the_table_fits(page, desk):
    page.set_viewport_size(DESKTOP)
    for url in PAGES:
        page.goto(url)
        shoot(page, f"desktop{re.sub(r'[^a-z0-9]+', '-', url)}")
        expect(page.locator("#id_q")).to_be_visible()
        expect(page.locator("details.filter-box > summary")).to_be_hidden()
        wrap = page.evaluate(
            "(() => { const w = document.querySelector('.table-wrap');"
            " return w.scrollWidth - w.clientWidth; })()"
        )
        assert wrap <= 0, f"{url}: the table is {wrap} px wider than its column"
        expect(page.locator("table.claims th.c-article")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_focus_is_on_the_results_after_a_sort_and_a_filter(page, desk, viewport):
    page.set_viewport_size(viewport)
    page.goto("/claims/")
    page.locator("table.claims thead a", has_text="Company").click()
    expect(page).to_have_url(re.compile(r"sort=company#results$"))
    assert page.evaluate("document.activeElement.id") == "results"
    expect(page.locator("#results")).to_be_in_viewport()
    page.keyboard.press("Tab")  # the next stop is the table, not the masthead
    assert page.evaluate("document.activeElement.className") == "table-wrap"

    if viewport is PHONE:
        page.locator("details.filter-box > summary").click()
    page.select_option("#id_metric", "valuation")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"metric=valuation.*#results$"))
    expect(page.locator("h1")).to_have_text("Published verdicts on valuations")
    assert page.evaluate("document.activeElement.id") == "results"
    # the sort was kept with the filter
    expect(page.locator('th[aria-sort="ascending"]')).to_have_text(re.compile("Company"))


def test_a_row_leads_to_its_claim_by_the_figure(page, desk):
    page.goto("/claims/?status=inaccurate")
    page.locator("table.claims td.c-figure a", has_text="RMB 120 million").click()
    expect(page).to_have_url(re.compile(rf"/claims/{desk['revenue'].pk}/$"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_nothing_serious(page, desk, viewport):
    page.set_viewport_size(viewport)
    problems = {}
    for url in [*PAGES, "/claims/?as_of_from=not-a-date"]:
        page.goto(url)
        found = blocking_violations(page)
        if found:
            problems[url] = found
    assert problems == {}

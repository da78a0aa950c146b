"""A reader in Chromium: filter → sort → claim → source → company → article, with and without JS."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row_links(page):
    """Each row's link to its claim: the figure as written."""
    return page.locator("table.claims tbody td.c-figure a")


def test_filter_sort_claim_source_company_article(page, desk):
    page.route(
        "https://ir.example.com/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<title>Press release</title><h1>Release</h1>",
        ),
    )
    page.goto("/claims/")
    expect(row_links(page)).to_have_count(4)

    # Filter: one company.
    page.select_option("#id_company", "lumen-robotics")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"company=lumen-robotics"))
    expect(row_links(page)).to_have_count(3)
    expect(page.locator(".facet .selected", has_text="Lumen Robotics")).to_be_visible()

    # Sort by ≈ USD, smallest first, keeping the filter.
    page.get_by_role("link", name=re.compile("≈ USD")).click()
    expect(page).to_have_url(re.compile(r"sort=usd"))
    expect(page).to_have_url(re.compile(r"company=lumen-robotics"))
    expect(page.locator('th[aria-sort="ascending"]')).to_have_text(re.compile("≈ USD"))
    first = row_links(page).first
    expect(first).to_have_text("RMB 120 million")

    # The claim's page.
    first.click()
    expect(page.locator("h1")).to_contain_text("RMB 120 million")
    expect(page.locator(".facts .corrected")).to_have_text("RMB 102 million")

    # One of its sources.
    source_url = desk["revenue"].sources.first().url
    page.locator("ol.sources a").first.click()
    expect(page).to_have_url(source_url)
    page.go_back()

    # Its company, with a chart drawn on the server.
    page.locator(".kicker a", has_text="Lumen Robotics").click()
    expect(page.locator("h1")).to_have_text("Lumen Robotics")
    expect(page.locator("svg.chart")).to_have_count(1)

    # Back to a claim, and on to the article where it is marked.
    page.locator("#metric-valuation ~ div a", has_text=f"Claim {desk['valuation'].pk}").click()
    page.locator(".source-line a", has_text="Robots and money").click()
    expect(page).to_have_url(
        re.compile(rf"/articles/robots-and-money/#claim-{desk['valuation'].pk}$")
    )
    mark = page.locator(f"mark#claim-{desk['valuation'].pk}")
    expect(mark).to_contain_text("Its valuation reached $3 billion")
    expect(mark).to_be_in_viewport()


def test_everything_works_without_javascript(browser, live_server, desk):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        page.fill("#id_q", "billion")
        page.click("button[type=submit]")
        expect(page).to_have_url(re.compile(r"q=billion"))
        expect(row_links(page)).to_have_count(2)
        page.get_by_role("link", name=re.compile("^As of")).click()
        expect(page.locator('th[aria-sort="ascending"]')).to_have_text(re.compile("As of"))
        page.locator(".facet a", has_text="2023").click()
        expect(page).to_have_url(re.compile(r"as_of_from=2023-01-01&as_of_to=2023-12-31"))
        expect(row_links(page)).to_have_count(1)
        page.goto("/companies/lumen-robotics/")
        page.locator(".chart-data summary").first.click()
        expect(page.locator(".chart-data table").first).to_be_visible()
    finally:
        context.close()

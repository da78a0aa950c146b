"""The /zh-hans/ pages in Chromium: axe-core finds no serious or critical violation at 1280
and 390 px, nothing scrolls sideways on a phone, and the claims table keeps Chinese headers
whole (a header broken one character per line is a column squeezed to nothing)."""

import pytest
from django.utils import translation

from tests.browser.test_public_accessibility import blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


def chinese_urls(desk) -> list[str]:
    with translation.override("zh-hans"):
        return [
            "/zh-hans/",
            "/zh-hans/claims/?sort=-usd",
            "/zh-hans/claims/?as_of_from=not-a-date",
            desk["revenue"].get_absolute_url(),
            f"{desk['revenue'].get_absolute_url()}report/",
            "/zh-hans/companies/",
            desk["lumen"].get_absolute_url(),
            desk["article"].get_absolute_url(),
            "/zh-hans/methodology/",
            "/zh-hans/no-such-page/",
        ]


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["1280", "390"])
def test_chinese_pages_have_no_serious_or_critical_violations(page, desk, viewport):
    page.set_viewport_size(viewport)
    problems, wide = {}, {}
    for url in chinese_urls(desk):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "zh-Hans", url
        found = blocking_violations(page)
        if found:
            problems[url] = found
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[url] = overflow
    assert problems == {}
    assert wide == {}


def test_claims_table_headers_stay_on_one_line_on_a_desktop(page, desk):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/zh-hans/claims/")
    heights = page.eval_on_selector_all(
        "table.claims thead th", "cells => cells.map(c => c.getBoundingClientRect().height)"
    )
    assert max(heights) < 2 * min(heights), heights
    assert page.locator("table.claims thead th").first.inner_text().strip() == "原文数字"


def test_phone_cards_label_cells_and_sort_links_in_chinese(page, desk):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/zh-hans/claims/")
    sort_label = page.evaluate(
        "getComputedStyle(document.querySelector('table.claims thead tr'), '::before').content"
    )
    assert sort_label == '"排序："'
    metric_label = page.evaluate(
        "getComputedStyle(document.querySelector('td.c-metric'), '::before').content"
    )
    assert metric_label == '"指标："'


def test_filters_work_without_javascript(browser, live_server, desk):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/zh-hans/claims/")
    page.click("summary:has-text('搜索和筛选')")
    page.select_option("#id_metric", "valuation")
    page.click("button:has-text('显示数字')")
    assert page.locator("h1").inner_text() == "已发布的估值核查结论"
    context.close()

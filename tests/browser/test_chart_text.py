"""Chart text reads at 12 px or more, on a 390 px phone and on a desktop; nothing scrolls sideways."""

import pytest

from tests.factories import build_chart_desk

pytestmark = pytest.mark.django_db(transaction=True)

TEXT_SIZES = """() => Array.from(document.querySelectorAll('svg.chart text')).map(
    t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_text_is_at_least_12px(browser, live_server, width):
    company, _ = build_chart_desk()
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(company.get_absolute_url())
        sizes = page.evaluate(TEXT_SIZES)
        assert len(sizes) > 10
        assert min(sizes) >= 12, sizes
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()

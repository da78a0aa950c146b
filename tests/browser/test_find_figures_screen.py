"""The "Find figures" review screen in Chromium at 1280 px, with and without JavaScript.

Set FACTDESK_SCREENSHOTS to a folder to keep a screenshot of the screen.
"""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, CompanyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = Path(__file__).resolve().parent.parent / "data" / "articles" / "halden-robotics.txt"


@pytest.fixture
def article():
    CompanyFactory(name="Halden Robotics", slug="halden")
    nvidia = CompanyFactory(name="Nvidia", slug="nvidia")
    article = ArticleFactory(
        slug="halden", title="Halden Robotics prices itself higher", text=TEXT.read_text()
    )
    ClaimFactory(
        article=article,
        company=nvidia,
        metric="market_cap",
        quote="Nvidia's market capitalisation had reached $3.39 trillion",
        value=Decimal("3390000000000"),
        unit="USD",
        as_of=dt.date(2024, 10, 31),
        as_of_precision="month",
    )
    UserFactory(username="edna", role="Editor")
    return article


def keep(page, name: str) -> None:
    folder = os.environ.get("FACTDESK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("javascript", [True, False])
def test_review_and_add_at_1280_px(browser, live_server, article, javascript):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.goto(f"/admin/factcheck/article/{article.pk}/change/")
    page.click("text=Find figures")
    page.wait_for_selector("table.find-figures")
    keep(page, f"find-figures-1280{'' if javascript else '-nojs'}")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the screen scrolls sideways: {width} px"
    first = page.locator("tr.ff-row").first
    assert "disagrees with" in first.inner_text()
    assert not first.locator("input[type=checkbox]").is_checked()
    assert first.locator("mark").inner_text() == "$3.42 trillion"

    page.click("input[type=submit][value^='Add the ticked']")
    page.wait_for_selector(".messagelist")
    assert "13 claims added" in page.locator(".messagelist").inner_text()
    assert Claim.objects.filter(article=article).count() == 14
    context.close()

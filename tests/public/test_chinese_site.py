"""The site in Simplified Chinese: /zh-hans/ paths beside the English ones, the language switch,
hreflang, the sitemap's alternates, the page cache per language, and ClaimReview, the annotated
article and check workings in the page's language. (The Chinese claim is `chinese_claim`, in
tests/conftest.py; search in Chinese is tested in tests/factcheck/test_search.py.)"""

import json
import re
from decimal import Decimal

from django.utils import translation

from factcheck.models import FigureCheck, Status
from factcheck.models.checks import CheckOperand
from tests.factories import PublishedClaimFactory


def path_of(obj) -> str:
    """The English path (a request leaves its language active in the test's thread)."""
    with translation.override("en"):
        return obj.get_absolute_url()


def test_english_paths_stay_and_chinese_ones_are_prefixed(client, chinese_claim):
    english = client.get(path_of(chinese_claim))
    chinese = client.get(f"/zh-hans{path_of(chinese_claim)}")
    assert english.status_code == chinese.status_code == 200
    assert '<html lang="en">' in english.text
    assert '<html lang="zh-Hans">' in chinese.text
    assert "已核实的数字" in chinese.text and "Verified figures" not in chinese.text
    assert "Verified figures" in english.text and "已核实的数字" not in english.text


def test_language_switch_is_plain_links_keeping_the_query(client, chinese_claim):
    page = client.get("/claims/?q=valuation").text
    switch = page[page.index('class="languages"') :]
    assert 'href="/zh-hans/claims/?q=valuation" hreflang="zh-Hans"' in switch
    back = client.get("/zh-hans/claims/?q=valuation").text
    switch = back[back.index('class="languages"') :]
    assert 'href="/claims/?q=valuation" hreflang="en"' in switch
    assert "<script" not in switch


def test_pages_announce_their_alternates(client, chinese_claim):
    page = client.get("/zh-hans/companies/").text
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', page))
    assert alternates == {
        "en": "http://testserver/companies/",
        "x-default": "http://testserver/companies/",
        "zh-Hans": "http://testserver/zh-hans/companies/",
    }


def test_sitemap_lists_both_languages_with_alternates(client, chinese_claim):
    xml = client.get("/sitemap-claims.xml").text
    url = path_of(chinese_claim)
    assert f"<loc>http://testserver{url}</loc>" in xml
    assert f"<loc>http://testserver/zh-hans{url}</loc>" in xml
    assert f'hreflang="zh-hans" href="http://testserver/zh-hans{url}"' in xml


def test_page_cache_keeps_each_languages_page(client, chinese_claim):
    for _ in range(2):  # the second round is served from the page cache
        english = client.get("/claims/")
        chinese = client.get("/zh-hans/claims/")
        assert "All verdicts" in english.text and "全部核查结论" not in english.text
        assert "全部核查结论" in chinese.text
        assert english["Content-Language"] == "en"
        assert chinese["Content-Language"] == "zh-hans"


def test_zh_table_links_to_zh_pages(client, chinese_claim):
    page = client.get("/zh-hans/claims/").text
    assert f'href="/zh-hans/claims/{chinese_claim.pk}/' in page


def test_claim_review_says_the_page_language_and_the_claims(client, chinese_claim):
    page = client.get(f"/zh-hans{path_of(chinese_claim)}").text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["inLanguage"] == "zh-Hans"
    assert data["itemReviewed"]["inLanguage"] == "zh-Hans"
    english = client.get(path_of(chinese_claim)).text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', english, re.S)[1]
    )
    assert data["inLanguage"] == "en"
    assert data["itemReviewed"]["inLanguage"] == "zh-Hans"


def test_annotated_article_marks_the_chinese_quote(client, chinese_claim):
    page = client.get("/zh-hans/articles/zh-piece/").text
    assert f'<mark id="claim-{chinese_claim.pk}"' in page
    assert "深度求索本周公布新模型" in page


def test_check_working_in_the_pages_language(client, chinese_claim):
    article = chinese_claim.article
    before = PublishedClaimFactory(
        article=article,
        company=chinese_claim.company,
        quote="去年估值约人民币200亿元",
        value=Decimal("20000000000"),
        unit="CNY",
        qualifier="about",
    )
    stated = PublishedClaimFactory(
        article=article,
        company=chinese_claim.company,
        quote="涨幅高达80%",
        metric="change",
        value=Decimal("80"),
        unit="%",
        status=Status.INACCURATE,
        corrected_value=Decimal("50"),
    )
    check = FigureCheck.objects.create(kind="percent_change", stated=stated, label="涨幅")
    CheckOperand.objects.create(check_ref=check, claim=before, position=0)
    CheckOperand.objects.create(check_ref=check, claim=chinese_claim, position=1)
    from factcheck import figure_checks

    figure_checks.recompute(FigureCheck.objects.filter(pk=check.pk))
    chinese = client.get(f"/zh-hans{path_of(stated)}").text
    assert "从200亿元升至300亿元，涨幅为50%；文章称80%，与计算不符。" in chinese
    english = client.get(path_of(stated)).text
    assert "is a rise of 50%; the article says 80%, which does not hold." in english

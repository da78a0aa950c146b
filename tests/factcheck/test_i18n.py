"""The site in Simplified Chinese: /zh-hans/ pages, the language switch, hreflang, search in
Chinese, check workings and ClaimReview in the page's language, and the compiled catalogue."""

import gettext
import json
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from factcheck.models import Article, Claim, FigureCheck, Status
from factcheck.models.checks import CheckOperand
from factcheck.translations import po_files, translated
from tests.factories import (
    ArticleFactory,
    CompanyAliasFactory,
    CompanyFactory,
    PublishedClaimFactory,
)


def path_of(obj) -> str:
    """The English path (a request leaves its language active in the test's thread)."""
    with translation.override("en"):
        return obj.get_absolute_url()


TEXT = "深度求索本周公布新模型。公司估值约人民币300亿元，较去年翻了一番。"


@pytest.fixture
def chinese_claim(db):
    company = CompanyFactory(name="DeepSeek Test", slug="deepseek-test")
    CompanyAliasFactory(company=company, name="深度求索")
    article = ArticleFactory(slug="zh-piece", title="模型公司估值", text=TEXT, language="zh-hans")
    return PublishedClaimFactory(
        article=article,
        company=company,
        quote="公司估值约人民币300亿元",
        value=Decimal("30000000000"),
        unit="CNY",
        qualifier="about",
    )


def test_a_claim_takes_its_articles_language_unless_it_has_its_own(chinese_claim):
    assert chinese_claim.language == ""
    assert chinese_claim.text_language == "zh-hans"
    chinese_claim.language = "en"
    assert chinese_claim.text_language == "en"
    assert Claim(quote="x").text_language == "en"  # no article: English


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


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("估值约人民币", True),  # part of a sentence with no spaces
        ("300亿", True),
        ("深度求索", True),  # the company's Chinese alias, not in the quote
        ("估值 深度", True),  # every word, in any order
        ("估值 商汤", False),
        ("翻了一番", False),  # in the article, not in the claim
    ],
)
def test_chinese_search(chinese_claim, query, found):
    assert Claim.objects.search(query).filter(pk=chinese_claim.pk).exists() is found


def test_english_search_still_by_word_and_company(chinese_claim):
    english = PublishedClaimFactory(quote="Its valuation reached $5 billion.")
    assert list(Claim.objects.search("valuations")) == (
        [english] if connection.vendor == "postgresql" else []  # stems only with full text
    ) or list(Claim.objects.search("valuation")) == [english]
    assert chinese_claim in Claim.objects.search("DeepSeek")


@pytest.mark.postgres
def test_chinese_search_reads_the_trigram_index(chinese_claim):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite searches by substring without an index")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Claim.objects.search("估值约人民币").order_by().only("pk").explain()
    assert "claim_search_trgm" in plan, plan
    plan = Claim.objects.search("valuation").order_by().only("pk").explain()
    assert "claim_search_gin" in plan, plan


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


def test_compiled_catalogues_match_their_po_files():
    pos = po_files(settings.LOCALE_PATHS)
    assert pos, "no translation catalogue under LOCALE_PATHS"
    for po in pos:
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo} missing: run manage.py compile_translations"
        with mo.open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)._catalog
        compiled = {k: v for k, v in compiled.items() if k}
        assert compiled == translated(po), (
            f"{mo} is out of date: run manage.py compile_translations"
        )


def test_language_choices_are_the_sites():
    assert [code for code, _ in settings.LANGUAGES] == [
        c for c, _ in Article._meta.get_field("language").choices
    ]

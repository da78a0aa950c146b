"""The public pages under /zh-hans/ are Chinese throughout: headings, tables, filters, forms,
dates and figures; no sentence of the English interface is left on them, and they work
without JavaScript as the English ones do."""

import html
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from factcheck.translations import translated

PO = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES" / "django.po"


def english(obj) -> str:
    with translation.override("en"):
        return obj.get_absolute_url()


def pages(desk) -> dict[str, str]:
    """The main public pages (English paths) and a heading each shows in Chinese."""
    return {
        "/": "已核实的数字",
        "/claims/": "已发布的核查结论",
        english(desk["revenue"]): "来源（1）",
        english(desk["lumen"]): "估值",
        english(desk["article"]): "本文有4个数字已发布核查结论",
        "/methodology/": "我们如何核查数字",
        f"{english(desk['revenue'])}report/": "报告错误",
        "/companies/": "本台已核查并发布其数字的公司",
    }


def visible_text(page: str) -> str:
    """The page's words as a reader sees them (title included; scripts and tags dropped)."""
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def interface_sentences() -> list[str]:
    """The English interface's phrases of three words or more, as the catalogue holds them."""
    phrases = []
    for msgid in translated(PO):
        text = msgid[0] if isinstance(msgid, tuple) else msgid.split("\x04")[-1]
        if "%" in text or "<" in text:
            continue
        if len(text.split()) >= 3:
            phrases.append(" ".join(text.split()))
    return phrases


def test_chinese_pages_leave_no_english_interface_sentence(client, desk):
    phrases = interface_sentences()
    assert len(phrases) > 100
    for path, heading in pages(desk).items():
        english_page = client.get(path)
        chinese_page = client.get(f"/zh-hans{path}")
        assert english_page.status_code == chinese_page.status_code == 200, path
        english_text, chinese_text = (
            visible_text(english_page.text),
            visible_text(chinese_page.text),
        )
        assert heading in chinese_text, path
        assert heading not in english_text, path
        on_english = [phrase for phrase in phrases if phrase in english_text]
        assert on_english, f"{path}: the English page shows none of the catalogue's phrases"
        left = [phrase for phrase in phrases if phrase in chinese_text]
        assert left == [], f"/zh-hans{path} still says {left}"


def test_claim_page_writes_dates_and_figures_in_chinese(client, desk):
    page = visible_text(client.get(f"/zh-hans{english(desk['revenue'])}").text)
    assert "1.2亿元" in page  # RMB 120 million
    assert "1.02亿元" in page  # the right figure
    assert "2023年12月31日" in page
    assert "不准确" in page and "Inaccurate" not in page
    assert "RMB 120 million" in visible_text(client.get(english(desk["revenue"])).text)


def test_table_labels_columns_and_caption_in_chinese(client, desk):
    page = client.get("/zh-hans/claims/?sort=-usd").text
    assert 'data-label="数据日期"' in page and 'data-label="As of"' not in page
    assert 'data-sort-label="排序：' in page
    caption = re.search(r'<caption id="table-caption">(.*?)</caption>', page).group(1)
    assert caption == "已发布的核查结论：第1–4条，共4条，第1页，共1页，按折合美元金额降序排列"


def test_filters_work_without_javascript_and_name_them_in_chinese(client, desk):
    response = client.get("/zh-hans/claims/", {"metric": "valuation", "company": "lumen-robotics"})
    assert response.status_code == 200
    assert "<h1>Lumen Robotics的已发布的估值核查结论</h1>" in response.text
    bad = client.get("/zh-hans/claims/", {"as_of_from": "not-a-date"})
    assert bad.status_code == 400
    assert "部分查询条件无法使用" in bad.text
    assert "请按 YYYY-MM-DD 格式输入日期" in bad.text
    assert "<script" not in re.sub(r'<script type="application/ld\+json">', "", bad.text)


def test_report_form_works_without_javascript_in_chinese(client, desk):
    url = f"/zh-hans{english(desk['revenue'])}report/"
    short = client.post(url, {"message": "错"}, HTTP_ORIGIN="http://testserver")
    assert short.status_code == 400
    assert "报告未发送" in short.text and "请再多写一点" in short.text
    sent = client.post(
        url, {"message": "年报写的是1.02亿元，不是1.2亿元。"}, HTTP_ORIGIN="http://testserver"
    )
    assert sent.status_code == 303
    thanks = client.get(sent["Location"])
    assert sent["Location"].startswith("/zh-hans/")
    assert "谢谢" in thanks.text


def test_company_chart_summary_is_chinese(client, desk):
    page = visible_text(client.get(f"/zh-hans{english(desk['lumen'])}").text)
    assert (
        "Lumen Robotics的估值从2023年3月31日的15亿美元升至2024年3月31日的30亿美元，"
        "上涨100%（共2个数字）。" in page
    )


def test_not_found_page_in_chinese(client, desk):
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    assert "找不到页面" in response.text and "Not found" not in response.text

"""find_figures on Chinese text: traps, sentences, dates, metrics, companies, and the corpus."""

import datetime as dt
from decimal import Decimal

import pytest

from factcheck.figures import find_figures, find_vague_amounts
from factcheck.figures.dates import find_dates
from factcheck.figures.sentences import sentence_spans

from .scoring import qualifiers_right, score
from .zh_corpus import CORPUS

D = Decimal


def found(text, **kwargs):
    return [
        (c.figure.value, c.figure.unit, c.figure.qualifier) for c in find_figures(text, **kwargs)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "公司成立于2015年，2024年2月完成重组。",
        "请拨打010-62751234或13800138000。",
        "这是第一次，也是第3季度的第1名。",
        "一家公司和一台服务器都不算数。",
        "十几家公司、一些机构和一次尝试。",
        "几十家企业投入数十亿美元，上百家跟进。",
        "零一万物的三心二意不是数字。",
        "七八成的人和一两家公司都是约数。",
    ],
)
def test_traps_are_not_figures(text):
    assert found(text) == []


def test_only_one_counts_where_it_says_so():
    assert found("仅一家公司盈利。") == [(D(1), "companies", "exact")]
    assert found("至少一家公司盈利。") == [(D(1), "companies", "at_least")]


def test_chinese_sentences_end_at_chinese_stops_and_keep_their_quotes():
    text = "营收增长三成。他说：“利润翻了一番！”真的吗？是的；Acme grew. 完"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "营收增长三成。",
        "他说：“利润翻了一番！”",
        "真的吗？",
        "是的；",
        "Acme grew.",
        "完",
    ]


@pytest.mark.parametrize(
    ("text", "date", "precision", "label"),
    [
        ("2024年2月营收", dt.date(2024, 2, 1), "month", "2024-02"),
        ("2023年营收", dt.date(2023, 1, 1), "year", "2023"),
        ("2024年第二季度营收", dt.date(2024, 4, 1), "quarter", "2024-Q2"),
        ("2024年四季度", dt.date(2024, 10, 1), "quarter", "2024-Q4"),
        ("2019年10月15日上市", dt.date(2019, 10, 15), "day", "2019-10-15"),
        ("２０２４年３月", dt.date(2024, 3, 1), "month", "2024-03"),
        ("in February 2024", dt.date(2024, 2, 1), "month", "2024-02"),
        ("on October 15, 2024", dt.date(2024, 10, 15), "day", "2024-10-15"),
        ("in Q3 2023", dt.date(2023, 7, 1), "quarter", "2023-Q3"),
        ("in the second quarter of 2024", dt.date(2024, 4, 1), "quarter", "2024-Q2"),
        ("in 2022", dt.date(2022, 1, 1), "year", "2022"),
    ],
)
def test_dates_keep_their_precision(text, date, precision, label):
    (found_date,) = find_dates(text)
    assert (found_date.date, found_date.precision, found_date.label) == (date, precision, label)


@pytest.mark.parametrize(
    "text", ["上一财季营收", "去年营收", "2024财年", "FY2024", "2023年2月30日"]
)
def test_relative_and_fiscal_dates_are_left_without_a_date(text):
    assert all(d.precision == "year" and "年" in text[d.start : d.end] for d in find_dates(text))
    assert not [d for d in find_dates(text) if d.precision in ("day", "month", "quarter")]


def test_each_figure_takes_the_date_of_its_sentence():
    text = "2023年营收为34亿元。2024年第二季度营收300亿美元，较上一财季增长15%。营收增长。"
    dates = [c.as_of.label if c.as_of else None for c in find_figures(text)]
    assert dates == ["2023", "2024-Q2", "2024-Q2"]
    assert find_figures("较上一财季增长15%。")[0].as_of is None


def test_metrics_are_guessed_from_chinese_words():
    text = (
        "星河智算完成15亿元融资，投后估值120亿元。营收8.6亿元，净亏损3.1亿元，净利润0.5亿元。"
        "其市值为500亿港元，股价收于12.45港元。研究机构预计市场将达1.2万亿元。营收同比增长42%。"
        "公司有2万张GPU卡。"
    )
    assert [(c.figure.text, c.metric) for c in find_figures(text)] == [
        ("15亿元", "funding"),
        ("120亿元", "valuation"),
        ("8.6亿元", "revenue"),
        ("3.1亿元", "net_loss"),
        ("0.5亿元", "net_income"),
        ("500亿港元", "market_cap"),
        ("12.45港元", "share_price"),
        ("1.2万亿元", "forecast"),
        ("42%", "change"),
        ("2万张GPU卡", "compute"),
    ]


def test_companies_are_found_by_chinese_names_without_word_boundaries():
    companies = {"商汤科技": "sensetime", "minimax": "minimax", "acme": "acme"}
    text = "商汤科技2023年净亏损64.4亿元。MiniMax估值25亿美元。Acmes raised $5 billion."
    assert [c.company for c in find_figures(text, companies=companies)] == [
        "sensetime",
        "minimax",
        "minimax",  # "Acmes" is not Acme: the Latin word boundary still holds
    ]


def test_a_lone_yen_sign_in_chinese_is_the_yuan():
    assert found("门票售价¥300。")[0][1] == "CNY"
    assert found("东京门票售价¥3000，约合150日元的十倍。")[0][1] == "JPY"


def test_a_chinese_range_shares_its_scale_and_unit():
    assert found("估值在100亿至200亿元之间。") == [
        (D("1e10"), "CNY", "exact"),
        (D("2e10"), "CNY", "exact"),
    ]
    assert found("估值为100-200亿元。") == [
        (D("1e10"), "CNY", "exact"),
        (D("2e10"), "CNY", "exact"),
    ]


def test_people_count_staff_where_the_sentence_says_so():
    assert found("覆盖患者约1200万人。") == [(D("1.2e7"), "people", "about")]
    assert found("团队已有300人。") == [(D("300"), "employees", "exact")]


def test_chinese_vague_amounts_are_found_apart():
    text = "十几家公司投入数十亿美元，上百家企业跟进。"
    assert [v[0] for v in find_vague_amounts(text)] == ["十几家公司", "数十亿美元", "上百家企业"]


def test_corpus_recall_and_spurious_figures():
    """The corpus (tests/figures/zh_corpus.py): recall on (value, unit), spurious finds."""
    text = "".join(sentence for sentence, _ in CORPUS)
    expected = [figure for _, figures in CORPUS for figure in figures]
    assert len(CORPUS) >= 40 and len(expected) >= 80
    result = score(text, expected)
    assert result.recall >= 0.95, result.missed
    assert len(result.wrong) <= 2, result.wrong
    assert qualifiers_right(text, expected) >= 0.95 * len(expected)

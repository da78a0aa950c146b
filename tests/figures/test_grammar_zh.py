"""parse_figure on figures written in Chinese, and the currency forms both grammars share."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import find_figures, parse_figure, parse_figure_strict
from factcheck.figures.grammar import written_step
from factcheck.figures.zh_numerals import parse_integer, write_integer

D = Decimal


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        # Arabic digits with Chinese scales
        ("1570亿美元", D("157e9"), "USD", "exact"),
        ("10亿", D("1e9"), "", "exact"),
        ("3.39万亿美元", D("3.39e12"), "USD", "exact"),
        ("1,200万", D("12e6"), "", "exact"),
        ("1.2万亿元", D("1.2e12"), "CNY", "exact"),
        ("5千亿日元", D("5e11"), "JPY", "exact"),
        ("3百万欧元", D("3e6"), "EUR", "exact"),
        ("2千万英镑", D("2e7"), "GBP", "exact"),
        ("64.4亿元", D("6.44e9"), "CNY", "exact"),
        # Chinese numerals, alone or with digits
        ("一万", D("10000"), "", "exact"),
        ("两千", D("2000"), "", "exact"),
        ("三百五十亿", D("35e9"), "", "exact"),
        ("十二", D("12"), "", "exact"),
        ("一百零五", D("105"), "", "exact"),
        ("〇", D("0"), "", "exact"),
        ("零", D("0"), "", "exact"),
        ("三千五", D("3500"), "", "exact"),
        ("一亿两千万", D("1.2e8"), "", "exact"),
        ("三点五亿元", D("3.5e8"), "CNY", "exact"),
        ("千亿参数", D("1e11"), "parameters", "exact"),
        # full-width digits and signs
        ("１２３", D("123"), "", "exact"),
        ("５．１％", D("5.1"), "%", "exact"),
        ("１，２００万元", D("12e6"), "CNY", "exact"),
        # percentages, points and multiples
        ("5.1%", D("5.1"), "%", "exact"),
        ("5.1％", D("5.1"), "%", "exact"),
        ("百分之八十", D("80"), "%", "exact"),
        ("百分之三点五", D("3.5"), "%", "exact"),
        ("百分之百", D("100"), "%", "exact"),
        ("八成", D("80"), "%", "exact"),
        ("逾八成", D("80"), "%", "over"),
        ("近七成", D("70"), "%", "under"),
        ("八成五", D("85"), "%", "exact"),
        ("2.1个百分点", D("2.1"), "pp", "exact"),
        ("三个百分点", D("3"), "pp", "exact"),
        ("3倍", D("3"), "×", "exact"),
        ("翻了一番", D("2"), "×", "exact"),
        ("翻番", D("2"), "×", "exact"),
        ("翻了两番", D("4"), "×", "exact"),
        # currencies, before or after the number
        ("人民币24万亿元", D("24e12"), "CNY", "exact"),
        ("24万亿人民币", D("24e12"), "CNY", "exact"),
        ("人民币500万", D("5e6"), "CNY", "exact"),
        ("1.2港元", D("1.2"), "HKD", "exact"),
        ("9.7港币", D("9.7"), "HKD", "exact"),
        ("港币100亿元", D("1e10"), "HKD", "exact"),
        ("30亿欧元", D("3e9"), "EUR", "exact"),
        ("4.5亿英镑", D("4.5e8"), "GBP", "exact"),
        ("800亿日元", D("8e10"), "JPY", "exact"),
        ("7万亿韩元", D("7e12"), "KRW", "exact"),
        ("1.2万亿新台币", D("1.2e12"), "TWD", "exact"),
        ("¥100亿", D("1e10"), "CNY", "exact"),
        ("US$10亿", D("1e9"), "USD", "exact"),
        ("5000万 USD", D("5e7"), "USD", "exact"),
        # counted units
        ("1万张GPU卡", D("1e4"), "GPUs", "exact"),
        ("5000张显卡", D("5000"), "GPUs", "exact"),
        ("200台服务器", D("200"), "servers", "exact"),
        ("300台", D("300"), "servers", "exact"),
        ("30家公司", D("30"), "companies", "exact"),
        ("12家", D("12"), "companies", "exact"),
        ("500名员工", D("500"), "employees", "exact"),
        ("1000人", D("1000"), "people", "exact"),
        ("3亿用户", D("3e8"), "users", "exact"),
        ("200多个大模型", D("200"), "models", "over"),
        ("两千名员工", D("2000"), "employees", "exact"),
        ("2万PFLOPS", D("2e4"), "PFLOPS", "exact"),
        ("12 EFLOPS", D("12"), "EFLOPS", "exact"),
        # qualifiers
        ("约100亿元", D("1e10"), "CNY", "about"),
        ("约合人民币20万亿元", D("20e12"), "CNY", "about"),
        ("大约3000人", D("3000"), "people", "about"),
        ("近500亿美元", D("5e10"), "USD", "under"),
        ("将近40%", D("40"), "%", "under"),
        ("超过3200亿港元", D("3.2e11"), "HKD", "over"),
        ("超300亿元", D("3e10"), "CNY", "over"),
        ("逾百亿元", D("1e10"), "CNY", "over"),
        ("10多亿元", D("1e9"), "CNY", "over"),
        ("10余亿元", D("1e9"), "CNY", "over"),
        ("1万多名员工", D("1e4"), "employees", "over"),
        ("不到1000名员工", D("1000"), "employees", "under"),
        ("不足5%", D("5"), "%", "under"),
        ("至少3家", D("3"), "companies", "at_least"),
        ("最多5000张GPU卡", D("5000"), "GPUs", "up_to"),
        ("高达1570亿美元", D("157e9"), "USD", "up_to"),
        ("100亿元以上", D("1e10"), "CNY", "at_least"),
        ("300人左右", D("300"), "people", "about"),
        # a currency after the number, in both grammars, and CODE$ prefixes
        ("10 €", D("10"), "EUR", "exact"),
        ("25.00€", D("25"), "EUR", "exact"),
        ("3,500円", D("3500"), "JPY", "exact"),
        ("40 £", D("40"), "GBP", "exact"),
        ("SGD$5", D("5"), "SGD", "exact"),
        ("HKD$3.2 billion", D("3.2e9"), "HKD", "exact"),
        ("US$5", D("5"), "USD", "exact"),
        ("12 HK$", D("12"), "HKD", "exact"),
    ],
)
def test_parses_chinese_figures(text, value, unit, qualifier):
    figure = parse_figure(text)
    assert figure is not None, text
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)
    assert figure.text == text


@pytest.mark.parametrize(
    "text",
    ["一两", "七八成", "十几家", "数十亿元", "人民币100亿美元", "几百", "第一", "2024年", "零一万"],
)
def test_rejects_what_is_not_one_figure(text):
    assert parse_figure(text) is None


def test_the_value_column_reads_chinese():
    figure = parse_figure_strict("1570亿美元")
    assert (str(figure.value), figure.unit) == ("157000000000", "USD")
    assert parse_figure_strict("64.4亿", unit="CNY").unit == "CNY"


def test_written_step_follows_the_chinese_scale():
    assert written_step(parse_figure("1570亿美元")) == D("1e8")
    assert written_step(parse_figure("3.39万亿美元")) == D("1e10")
    assert written_step(parse_figure("三百五十亿元")) == D("1e8")


@given(st.integers(0, 10**16 - 1))
def test_chinese_integers_round_trip(number):
    assert parse_integer(write_integer(number)) == number


@given(
    st.text(
        alphabet="零〇一二两三四五六七八九十百千万亿点几多余成倍番翻第数约近超逾元美港人张家%％0123456789.,，-",
        max_size=14,
    )
)
def test_parse_figure_never_raises_on_chinese_text(text):
    figure = parse_figure(text)
    assert figure is None or figure.text == text.strip()


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("200亿元人民币", D("2e10"), "CNY", "exact"),
        ("约200亿元人民币", D("2e10"), "CNY", "about"),
        ("1.5万亿元人民币以上", D("1.5e12"), "CNY", "at_least"),
        ("30亿元港币", D("3e9"), "HKD", "exact"),
        ("300亿元新台币", D("3e10"), "TWD", "exact"),
        ("人民币200亿元人民币", D("2e10"), "CNY", "exact"),
    ],
)
def test_reads_the_currency_named_after_yuan(text, value, unit, qualifier):
    """ "200亿元人民币" is the same figure as "人民币200亿元": the currency may end it."""
    figure = parse_figure(text)
    assert figure is not None, text
    assert (figure.value, figure.unit, figure.qualifier, figure.text) == (
        value,
        unit,
        qualifier,
        text,
    )


def test_a_currency_named_after_yuan_that_contradicts_the_prefix_is_no_figure():
    assert parse_figure("美元200亿元人民币") is None


def test_the_finder_keeps_the_currency_named_after_yuan():
    (found,) = find_figures("公司估值达200亿元人民币，同比增长。")
    assert (found.figure.text, found.figure.unit) == ("200亿元人民币", "CNY")

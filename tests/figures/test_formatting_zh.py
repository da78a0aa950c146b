"""format_figure_zh writes figures as a Chinese desk does, and parse_figure reads them back."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import format_figure, parse_figure
from factcheck.figures.formatting import display_value, format_figure_zh

D = Decimal


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "options", "text"),
    [
        (D("157e9"), "USD", "exact", {}, "1570亿美元"),
        (D("24e12"), "CNY", "exact", {"currency_word": True}, "人民币24万亿元"),
        (D("6.44e9"), "CNY", "exact", {}, "64.4亿元"),
        (D("83.2"), "%", "exact", {}, "83.2%"),
        (D("3.39e12"), "USD", "about", {}, "约3.39万亿美元"),
        (D("320e9"), "HKD", "over", {}, "超过3200亿港元"),
        (D("1.62"), "HKD", "exact", {}, "1.62港元"),
        (D("54000"), "GPUs", "exact", {}, "5.4万张GPU"),
        (D("3000"), "employees", "under", {}, "不到3000名员工"),
        (D("2.1"), "pp", "exact", {}, "2.1个百分点"),
        (D("2"), "×", "exact", {}, "2倍"),
        (D("2477000000"), "CNY", "exact", {"digits": 3}, "24.8亿元"),
        (D("20000"), "PFLOPS", "up_to", {}, "最多2万 PFLOPS"),
        (D("-5e8"), "EUR", "at_least", {}, "至少-5亿欧元"),
        (D("35e9"), "CNY", "exact", {"numerals": "chinese"}, "三百五十亿元"),
        (D("80"), "%", "over", {"numerals": "chinese"}, "超过百分之八十"),
        (D("105"), "companies", "exact", {"numerals": "chinese"}, "一百零五家公司"),
        (D("12"), "", "exact", {"numerals": "chinese"}, "十二"),
    ],
)
def test_formats_like_a_chinese_desk(value, unit, qualifier, options, text):
    assert format_figure_zh(value, unit, qualifier, **options) == text


def test_format_figure_takes_a_language():
    assert format_figure(D("157e9"), "USD", language="zh-hans") == "1570亿美元"
    assert format_figure(D("157e9"), "USD", language="en") == "$157 billion"


def test_numerals_must_be_arabic_or_chinese():
    with pytest.raises(ValueError, match="numerals must be 'arabic' or 'chinese'"):
        format_figure_zh(D(1), "", numerals="roman")


CURRENCIES = ["USD", "HKD", "CNY", "EUR", "GBP", "JPY", "KRW", "INR", "TWD", "SGD", "CHF"]
UNITS = CURRENCIES + ["%", "pp", "×", "GPUs", "PFLOPS", "servers", "employees", "MW", "users", ""]
QUALIFIERS = ["exact", "about", "over", "under", "up_to", "at_least"]
values = st.decimals(
    min_value=D("-1e16"), max_value=D("1e16"), allow_nan=False, allow_infinity=False, places=4
)


@given(
    values,
    st.sampled_from(UNITS),
    st.sampled_from(QUALIFIERS),
    st.none() | st.integers(1, 6),
    st.sampled_from(["arabic", "chinese"]),
    st.booleans(),
)
def test_format_zh_then_parse_round_trips(value, unit, qualifier, digits, numerals, word):
    text = format_figure_zh(
        value, unit, qualifier, digits=digits, numerals=numerals, currency_word=word
    )
    figure = parse_figure(text)
    assert figure is not None, text
    assert figure.value == display_value(value, digits), text
    assert figure.unit == unit, text
    assert figure.qualifier == qualifier, text

"""parse_figure: figures as news writes them, and strings that are not figures."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import FigureError, parse_figure, parse_figure_strict

D = Decimal


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("$157 billion", D("157e9"), "USD", "exact"),
        ("US$ 3.5bn", D("3.5e9"), "USD", "exact"),
        ("$2.1B", D("2.1e9"), "USD", "exact"),
        ("HK$9.7", D("9.7"), "HKD", "exact"),
        ("RMB 2.477 billion", D("2.477e9"), "CNY", "exact"),
        ("USD 1 billion", D("1e9"), "USD", "exact"),
        ("€7.5 billion", D("7.5e9"), "EUR", "exact"),
        ("£450m", D("450e6"), "GBP", "exact"),
        ("¥1.2 trillion", D("1.2e12"), "JPY", "exact"),
        ("7.03 trillion won", D("7.03e12"), "KRW", "exact"),
        ("₹4,200 crore", D("4.2e10"), "INR", "exact"),
        ("Rs 350 lakh", D("3.5e7"), "INR", "exact"),
        ("168%", D("168"), "%", "exact"),
        ("38.2 percent", D("38.2"), "%", "exact"),
        ("12 per cent", D("12"), "%", "exact"),
        ("54,000 GPUs", D("54000"), "GPUs", "exact"),
        ("20,000 petaFLOPS", D("20000"), "PFLOPS", "exact"),
        ("1.5 million servers", D("1.5e6"), "servers", "exact"),
        ("300 MW", D("300"), "MW", "exact"),
        ("NT$1.2 trillion", D("1.2e12"), "TWD", "exact"),
        ("S$800 million", D("800e6"), "SGD", "exact"),
        ("5 billion yuan", D("5e9"), "CNY", "exact"),
        ("over HK$320 billion", D("320e9"), "HKD", "over"),
        ("more than 200 large models", D("200"), "models", "over"),
        ("nearly 40%", D("40"), "%", "under"),
        ("about $143 billion", D("143e9"), "USD", "about"),
        ("approximately RMB 24 trillion", D("24e12"), "CNY", "about"),
        ("some 3,000 employees", D("3000"), "employees", "about"),
        ("~5%", D("5"), "%", "about"),
        ("up to RMB 20 billion", D("20e9"), "CNY", "up_to"),
        ("at least 12 data centres", D("12"), "data centres", "at_least"),
        ("$5 billion or more", D("5e9"), "USD", "at_least"),
        ("200+ models", D("200"), "models", "over"),
        ("157000000000", D("157e9"), "", "exact"),
        ("2.477e9", D("2.477e9"), "", "exact"),
        ("-3.2%", D("-3.2"), "%", "exact"),
    ],
)
def test_parses_news_figures(text, value, unit, qualifier):
    figure = parse_figure(text)
    assert figure is not None
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)
    assert figure.text == text


@pytest.mark.parametrize("text", ["abc", "", "1st", "GPT-4", "FY2024", "10/15", "$", "billion"])
def test_rejects_what_is_not_a_figure(text):
    assert parse_figure(text) is None


def test_integers_come_back_plain():
    assert str(parse_figure("RMB 2.477 billion").value) == "2477000000"
    assert str(parse_figure("HK$1.62").value) == "1.62"


def test_unit_from_the_caller_fills_a_bare_number():
    figure = parse_figure("54,000", unit="GPU")
    assert (figure.value, figure.unit) == (D("54000"), "GPUs")
    assert parse_figure("$5 billion", unit="USD").unit == "USD"


def test_yen_sign_is_yuan_when_the_caller_says_so():
    assert parse_figure("¥1.2 trillion", unit="CNY").unit == "CNY"


def test_strict_parse_explains_a_non_figure():
    with pytest.raises(FigureError, match="'abc' is not a figure: expected a number"):
        parse_figure_strict("abc")


def test_strict_parse_reports_a_unit_conflict():
    with pytest.raises(FigureError, match="the value says HKD, the unit column says USD"):
        parse_figure_strict("HK$5 billion", unit="USD")
    assert parse_figure("HK$5 billion", unit="USD") is None


@given(st.text())
def test_parse_figure_never_raises(text):
    parse_figure(text)


@given(st.from_regex(r"[~$€£¥₹ 0-9.,%eE+-]{0,12}(billion|bn|m|k|crore|%| GPUs)?", fullmatch=True))
def test_parse_figure_never_raises_on_number_like_text(text):
    figure = parse_figure(text)
    assert figure is None or figure.text == text.strip()

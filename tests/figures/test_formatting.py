"""format_figure prints figures as news does, and parse_figure reads them back."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import format_figure, parse_figure
from factcheck.figures.formatting import display_value

D = Decimal


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "digits", "text"),
    [
        (D("157000000000"), "USD", "exact", None, "$157 billion"),
        (D("53.7e9"), "HKD", "exact", None, "HK$53.7 billion"),
        (D("2477000000"), "CNY", "exact", 3, "RMB 2.48 billion"),
        (D("2477000000"), "CNY", "exact", None, "RMB 2.477 billion"),
        (D("1.62"), "HKD", "exact", None, "HK$1.62"),
        (D("168"), "%", "exact", None, "168%"),
        (D("54000"), "GPUs", "exact", None, "54,000 GPUs"),
        (D("20000"), "PFLOPS", "exact", None, "20,000 PFLOPS"),
        (D("3.39e12"), "USD", "exact", None, "$3.39 trillion"),
        (D("320e9"), "HKD", "over", None, "over HK$320 billion"),
        (D("143e9"), "USD", "about", None, "about $143 billion"),
        (D("24e12"), "CNY", "up_to", None, "up to RMB 24 trillion"),
        (D("4.2e10"), "INR", "exact", None, "₹4,200 crore"),
        (D("29764000000"), "USD", "exact", None, "$29.76 billion"),
        (D("999.96e9"), "USD", "exact", None, "$1 trillion"),
        (D("1500000"), "servers", "exact", None, "1.5 million servers"),
        (D("-5e9"), "EUR", "exact", None, "-€5 billion"),
    ],
)
def test_formats_like_news(value, unit, qualifier, digits, text):
    assert format_figure(value, unit, qualifier, digits=digits) == text


CURRENCIES = ["USD", "HKD", "CNY", "EUR", "GBP", "JPY", "KRW", "INR", "TWD", "SGD", "CHF"]
UNITS = CURRENCIES + ["%", "GPUs", "PFLOPS", "servers", "MW", "users", ""]
QUALIFIERS = ["exact", "about", "over", "under", "up_to", "at_least"]
values = st.decimals(
    min_value=D("-1e16"), max_value=D("1e16"), allow_nan=False, allow_infinity=False, places=4
)


@given(values, st.sampled_from(UNITS), st.sampled_from(QUALIFIERS), st.none() | st.integers(1, 6))
def test_format_then_parse_round_trips(value, unit, qualifier, digits):
    text = format_figure(value, unit, qualifier, digits=digits)
    figure = parse_figure(text)
    assert figure is not None, text
    assert figure.value == display_value(value, digits), text
    assert figure.unit == unit
    assert figure.qualifier == qualifier
    # Independently of display_value: the printed figure is close to the value.
    kept = 4 if digits is None else digits
    assert abs(figure.value - value) <= abs(value) * D(5) / D(10) ** kept + D("0.00005"), text

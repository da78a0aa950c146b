"""The unit registry: currency codes, symbols and unit words."""

import pytest

from factcheck.figures import currency_symbol, is_currency, normalise_unit


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        ("petaFLOPS", "PFLOPS"),
        ("percent", "%"),
        ("per cent", "%"),
        ("yuan", "CNY"),
        ("RMB", "CNY"),
        ("won", "KRW"),
        ("GPU", "GPUs"),
        ("usd", "USD"),
        ("US$", "USD"),
        ("HK$", "HKD"),
        ("NT$", "TWD"),
        ("₹", "INR"),
        ("rupees", "INR"),
        ("euros", "EUR"),
        ("£", "GBP"),
        ("megawatts", "MW"),
        ("  widgets ", "widgets"),
        ("", ""),
    ],
)
def test_normalise_unit(word, unit):
    assert normalise_unit(word) == unit


def test_currency_symbols_and_membership():
    assert [currency_symbol(c) for c in ("USD", "HKD", "CNY", "TWD", "XYZ")] == [
        "$",
        "HK$",
        "RMB ",
        "NT$",
        "XYZ ",
    ]
    assert is_currency("HKD") and is_currency("yuan")
    assert not is_currency("GPUs") and not is_currency("%") and not is_currency("")

"""ECB rates from the bundled history file, and conversions through the euro."""

from datetime import date
from decimal import Decimal

import pytest

from factcheck.figures import format_figure, parse_figure
from factcheck.figures.fx import (
    NoRate,
    convert,
    cross_rate,
    ecb_rates,
    rate_lookup_for,
    rates_on,
    usd_value,
)

D = Decimal


@pytest.fixture(scope="module")
def rates_2024_10_15():
    return rates_on(date(2024, 10, 15))


def test_ecb_rates_reads_the_bundled_file_and_skips_missing_cells():
    first = list(zip(range(200), ecb_rates(), strict=False))
    assert first
    for _, (day, code, rate) in first:
        assert isinstance(day, date)
        assert len(code) == 3
        assert rate > 0


def test_usd_to_cny_on_the_seed_articles_date(rates_2024_10_15):
    lookup = rate_lookup_for(rates_2024_10_15)
    assert abs(cross_rate("USD", "CNY", lookup) - D("7.115")) < D("0.005")
    in_yuan = convert(D("3.39e12"), lookup("USD"), lookup("CNY"))
    assert format_figure(in_yuan, "CNY", digits=3) == "RMB 24.1 trillion"


def test_weekend_uses_the_last_working_day():
    assert rates_on(date(2024, 10, 13))["USD"] == rates_on(date(2024, 10, 11))["USD"]


def test_usd_value(rates_2024_10_15):
    lookup = rate_lookup_for(rates_2024_10_15)
    assert usd_value(D("157e9"), "USD", lookup) == D("157e9")
    hkd = usd_value(parse_figure("HK$53.7 billion").value, "HKD", lookup)
    assert D("6.8e9") < hkd < D("7.0e9")
    assert usd_value(D(1), "EUR", lookup) == rates_2024_10_15["USD"]


def test_currencies_the_ecb_lacks_are_never_guessed(rates_2024_10_15):
    lookup = rate_lookup_for(rates_2024_10_15)
    with pytest.raises(NoRate, match="no ECB exchange rate for TWD") as error:
        usd_value(D("1.2e12"), "TWD", lookup)
    assert error.value.currency == "TWD"


def test_convert_refuses_non_positive_rates():
    with pytest.raises(ValueError):
        convert(D(1), D(0), D(1))

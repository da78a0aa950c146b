"""≈ USD from the FX table, and which rate a conversion used ("no ECB rate for TWD")."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import fx_rates
from factcheck.figures import format_figure
from factcheck.models import FxRate
from tests.factories import FxRateFactory

pytestmark = pytest.mark.django_db

OCT_15 = dt.date(2024, 10, 15)


def test_nvidia_in_yuan_at_the_ecb_rate_of_the_day(october_2024_rates):
    usd = fx_rates.to_usd(Decimal("24e12"), "CNY", OCT_15)
    assert format_figure(usd, "USD", digits=3) == "$3.37 trillion"
    rate, cited = fx_rates.cross_quote("USD", "CNY", OCT_15)
    assert abs(rate - Decimal("7.115")) < Decimal("0.0005")
    assert cited == "the ECB reference rate of 15 Oct 2024"


def test_a_weekend_figure_takes_the_friday_rate(october_2024_rates):
    saturday, friday = dt.date(2024, 10, 12), dt.date(2024, 10, 11)
    amount = Decimal("53.7e9")
    assert fx_rates.to_usd(amount, "HKD", saturday) == fx_rates.to_usd(amount, "HKD", friday)
    assert fx_rates.quote("HKD", saturday).citation == "the ECB reference rate of 11 Oct 2024"


def test_currencies_the_ecb_lacks_say_so(october_2024_rates):
    assert fx_rates.to_usd(Decimal("1.2e12"), "TWD", OCT_15) is None
    with pytest.raises(fx_rates.MissingRate, match="^no ECB rate for TWD$"):
        fx_rates.cross_quote("USD", "TWD", OCT_15)


def test_a_date_before_the_table_says_so(october_2024_rates):
    early = dt.date(2001, 3, 1)
    assert fx_rates.to_usd(Decimal("5e9"), "CNY", early) is None
    with pytest.raises(fx_rates.MissingRate, match="^no rate for CNY on or before 1 Mar 2001$"):
        fx_rates.cross_quote("CNY", "USD", early)


def test_an_undated_figure_uses_the_latest_rate(october_2024_rates):
    latest = FxRate.objects.filter(currency="HKD").latest("date").date
    assert fx_rates.quote("HKD", None).date == latest == dt.date(2024, 10, 31)
    assert fx_rates.to_usd(Decimal("9.7"), "HKD", None) == fx_rates.to_usd(
        Decimal("9.7"), "HKD", latest
    )


def test_dollars_are_kept_and_other_units_are_not_money(october_2024_rates):
    assert fx_rates.to_usd(Decimal("157e9"), "USD", None) == Decimal("157000000000.00")
    assert fx_rates.to_usd(Decimal(80), "%", OCT_15) is None
    assert fx_rates.to_usd(Decimal(54000), "GPUs", OCT_15) is None


def test_a_rate_the_desk_entered_is_named(october_2024_rates):
    saturday = dt.date(2024, 10, 19)
    FxRateFactory(currency="HKD", date=saturday, per_eur=Decimal("8.40"), source="HKMA fixing")
    _, cited = fx_rates.cross_quote("HKD", "USD", saturday)
    assert cited == (
        "the HKMA fixing of 19 Oct 2024 for HKD and the ECB reference rate of 18 Oct 2024 for USD"
    )
    assert fx_rates.to_usd(Decimal("1.62"), "HKD", saturday) == Decimal("0.21")


def test_euro_figures_need_only_the_dollar_rate(october_2024_rates):
    assert fx_rates.to_usd(Decimal("1e9"), "EUR", OCT_15) == Decimal("1090300000.00")
    _, cited = fx_rates.cross_quote("EUR", "USD", OCT_15)
    assert cited == "the ECB reference rate of 15 Oct 2024"


def test_a_conversion_costs_two_queries(october_2024_rates, django_assert_num_queries):
    with django_assert_num_queries(2):
        fx_rates.to_usd(Decimal("24e12"), "CNY", OCT_15)


# The batch converter: the import and the recomputations use it.


@pytest.fixture
def rates():
    for currency, date, per_eur in [
        ("USD", dt.date(2024, 1, 2), "1.0956"),
        ("USD", dt.date(2024, 6, 28), "1.0705"),
        ("CNY", dt.date(2024, 1, 2), "7.8057"),
        ("CNY", dt.date(2024, 6, 28), "7.7748"),
        ("HKD", dt.date(2024, 6, 28), "8.3594"),
    ]:
        FxRateFactory(currency=currency, date=date, per_eur=Decimal(per_eur))


@pytest.mark.parametrize(
    ("value", "unit", "on"),
    [
        ("2477000000", "CNY", dt.date(2024, 6, 30)),
        ("2477000000", "CNY", dt.date(2024, 3, 1)),
        ("2477000000", "CNY", dt.date(2023, 12, 31)),  # before the first rate: unknown
        ("2477000000", "CNY", None),  # no date: the latest rate
        ("9.7", "HKD", dt.date(2024, 3, 1)),  # HKD has no rate that early
        ("157000000000", "USD", None),
        ("1000", "EUR", dt.date(2024, 6, 28)),
        ("168", "%", dt.date(2024, 6, 28)),
        ("5", "GBP", dt.date(2024, 6, 28)),  # no rates for GBP at all
    ],
)
def test_the_batch_converter_gives_what_to_usd_gives(rates, value, unit, on):
    converter = fx_rates.UsdConverter()
    assert converter.to_usd(Decimal(value), unit, on) == fx_rates.to_usd(Decimal(value), unit, on)


def test_the_batch_converter_loads_each_currency_once(rates, django_assert_num_queries):
    converter = fx_rates.UsdConverter()
    with django_assert_num_queries(2):  # CNY and USD
        for day in range(1, 29):
            converter.to_usd(Decimal(day), "CNY", dt.date(2024, 2, day))
    quote = converter.quote("CNY", dt.date(2024, 3, 1))
    assert (quote.date, quote.source) == (dt.date(2024, 1, 2), "ECB reference rate")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e13"), places=2),
    unit=st.sampled_from(["HKD", "CNY", "GBP", "EUR", "USD", "TWD", "%"]),
    on=st.dates(min_value=dt.date(2024, 9, 25), max_value=dt.date(2024, 11, 5)) | st.none(),
)
def test_the_batch_converter_always_agrees_with_to_usd(october_2024_rates, value, unit, on):
    """The rates are loaded once per test; every example only reads them."""
    assert fx_rates.UsdConverter().to_usd(value, unit, on) == fx_rates.to_usd(value, unit, on)

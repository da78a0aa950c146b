"""Converting from the FX table, and saying which rate was used ("no ECB rate for TWD")."""

import datetime as dt
from decimal import Decimal

import pytest

from factcheck import fx
from factcheck.models import Claim
from tests.factories import ClaimFactory

from .helpers import add_rate

pytestmark = pytest.mark.django_db


def claim(value: str, unit: str, as_of: dt.date | None, **kwargs) -> Claim:
    made = ClaimFactory(value=Decimal(value), unit=unit, as_of=as_of, **kwargs)
    made.usd_value = fx.to_usd(made.value, made.unit, made.as_of)
    return made


def test_nvidia_in_yuan_at_the_ecb_rate_of_the_day(october_2024_rates):
    rmb = claim("24e12", "CNY", dt.date(2024, 10, 15))
    assert fx.usd_note(rmb) == "≈ $3.37 trillion at the ECB reference rate of 15 Oct 2024"


def test_a_weekend_figure_takes_the_friday_rate(october_2024_rates):
    saturday = claim("53.7e9", "HKD", dt.date(2024, 10, 12))
    friday = claim("53.7e9", "HKD", dt.date(2024, 10, 11))
    assert saturday.usd_value == friday.usd_value
    assert fx.usd_note(saturday).endswith("of 11 Oct 2024")


def test_currencies_the_ecb_lacks_say_so(october_2024_rates):
    taiwan = claim("1.2e12", "TWD", dt.date(2024, 10, 15))
    assert taiwan.usd_value is None
    assert fx.usd_note(taiwan) == "no ECB rate for TWD"


def test_a_date_before_the_table_says_so(october_2024_rates):
    early = claim("5e9", "CNY", dt.date(2001, 3, 1))
    assert early.usd_value is None
    assert fx.usd_note(early) == "no rate for CNY on or before 1 Mar 2001"


def test_an_undated_figure_uses_the_latest_rate_and_says_so(october_2024_rates):
    undated = claim("9.7", "HKD", None)
    note = fx.usd_note(undated)
    assert note.startswith("≈ $1.2") and note.endswith("(the latest rate: the figure has no date)")


def test_dollars_and_non_money_need_no_note(october_2024_rates):
    assert fx.usd_note(claim("157e9", "USD", dt.date(2024, 10, 2))) == ""
    assert fx.usd_note(claim("80", "%", dt.date(2024, 10, 15))) == ""
    assert fx.usd_note(claim("54000", "GPUs", dt.date(2024, 6, 30))) == ""


def test_a_rate_the_desk_entered_is_named(october_2024_rates):
    add_rate("HKD", "2024-10-19", "8.40", source="HKMA fixing")  # a Saturday
    price = claim("1.62", "HKD", dt.date(2024, 10, 19))
    assert fx.usd_note(price) == (
        "≈ $0.21 at the HKMA fixing of 19 Oct 2024 for HKD and the ECB reference rate "
        "of 18 Oct 2024 for USD"
    )


def test_euro_figures_need_only_the_dollar_rate(october_2024_rates):
    euros = claim("1e9", "EUR", dt.date(2024, 10, 15))
    assert euros.usd_value == Decimal("1090300000.00")
    assert fx.usd_note(euros) == "≈ $1.09 billion at the ECB reference rate of 15 Oct 2024"


def test_the_note_costs_two_queries(october_2024_rates, django_assert_num_queries):
    rmb = claim("24e12", "CNY", dt.date(2024, 10, 15))
    with django_assert_num_queries(2):
        fx.usd_note(rmb)


def test_cross_quote_names_its_rates(october_2024_rates):
    rate, cited = fx.cross_quote("USD", "CNY", dt.date(2024, 10, 15))
    assert abs(rate - Decimal("7.115")) < Decimal("0.0005")
    assert cited == "the ECB reference rate of 15 Oct 2024"
    with pytest.raises(fx.MissingRate, match="no ECB rate for TWD"):
        fx.cross_quote("USD", "TWD", dt.date(2024, 10, 15))


def test_the_batch_converter_matches_and_quotes(october_2024_rates, django_assert_num_queries):
    converter = fx.UsdConverter()
    days = [dt.date(2024, 10, day) for day in range(1, 29)]
    with django_assert_num_queries(2):  # HKD and USD, once each
        batch = [converter.to_usd(Decimal(on.day), "HKD", on) for on in days]
    assert batch == [fx.to_usd(Decimal(on.day), "HKD", on) for on in days]
    quote = converter.quote("HKD", dt.date(2024, 10, 13))
    assert (quote.date, quote.source) == (dt.date(2024, 10, 11), "ECB reference rate")

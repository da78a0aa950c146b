"""The batch converter the import uses gives exactly what fx.to_usd gives, in fewer queries."""

import datetime as dt
from decimal import Decimal

import pytest

from factcheck import fx
from factcheck.models import FxRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates():
    for currency, date, per_eur in [
        ("USD", dt.date(2024, 1, 2), "1.0956"),
        ("USD", dt.date(2024, 6, 28), "1.0705"),
        ("CNY", dt.date(2024, 1, 2), "7.8057"),
        ("CNY", dt.date(2024, 6, 28), "7.7748"),
        ("HKD", dt.date(2024, 6, 28), "8.3594"),
    ]:
        FxRate.objects.create(currency=currency, date=date, per_eur=Decimal(per_eur))


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
def test_same_result_as_to_usd(rates, value, unit, on):
    assert fx.UsdConverter().to_usd(Decimal(value), unit, on) == fx.to_usd(Decimal(value), unit, on)


def test_each_currency_is_loaded_once(rates, django_assert_num_queries):
    converter = fx.UsdConverter()
    with django_assert_num_queries(2):  # CNY and USD
        for day in range(1, 29):
            converter.to_usd(Decimal(day), "CNY", dt.date(2024, 2, day))

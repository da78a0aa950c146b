"""Fixtures for the Django side of the figures engine: small ECB files and loaded rates."""

import datetime as dt

import pytest

from factcheck.figures.fx import ecb_rates
from factcheck.fx_loader import load_ecb_rates
from factcheck.models import FxRate

from .helpers import write_ecb_zip


@pytest.fixture
def small_ecb_zip(tmp_path):
    return write_ecb_zip(
        tmp_path / "eurofxref-hist.zip",
        {
            "2024-10-14": {"USD": "1.0910", "CNY": "7.7460", "HKD": "8.4772"},
            "2024-10-15": {"USD": "1.0903", "CNY": "7.7586", "HKD": "8.4712"},
            "2024-10-16": {"USD": "1.0882", "CNY": "N/A", "HKD": "8.4531"},
        },
    )


@pytest.fixture(scope="session")
def october_2024_zip(tmp_path_factory):
    """The real ECB rates (from the bundled file) for the demo's currencies, October 2024.

    Copied once into a small file of the same layout: reading the whole bundled history
    takes a second, too long to repeat for every test.
    """
    wanted = {"USD", "CNY", "HKD", "GBP"}
    rows: dict[str, dict[str, str]] = {}
    for day, code, rate in ecb_rates():
        if code in wanted and dt.date(2024, 10, 1) <= day <= dt.date(2024, 10, 31):
            rows.setdefault(day.isoformat(), {})[code] = str(rate)
    return write_ecb_zip(tmp_path_factory.mktemp("ecb") / "october-2024.zip", rows)


@pytest.fixture
def october_2024_rates(db, october_2024_zip):
    load_ecb_rates(path=october_2024_zip)
    assert FxRate.objects.filter(currency="USD", date=dt.date(2024, 10, 15)).exists()

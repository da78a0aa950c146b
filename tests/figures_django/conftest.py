"""Fixtures for the Django side of the figures engine: small ECB files and loaded rates."""

import datetime as dt

import pytest

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


@pytest.fixture
def october_2024_rates(db):
    """The real ECB rates (from the bundled file) for the demo's currencies, October 2024."""
    load_ecb_rates(since=dt.date(2024, 10, 1), currencies=["USD", "CNY", "HKD", "GBP"])
    assert FxRate.objects.filter(currency="USD", date=dt.date(2024, 10, 15)).exists()

"""Fixtures for the desk's figures on stored claims: small ECB files, loaded rates, the demo desk."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from factcheck.figures.fx import ecb_rates
from factcheck.fx_rates import load_ecb_rates
from factcheck.models import FxRate
from tests.factories import write_ecb_zip


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
    takes half a second, too long to repeat for every test.
    """
    rows: dict[str, dict[str, str]] = {}
    october = ecb_rates(since=dt.date(2024, 10, 1), currencies={"USD", "CNY", "HKD", "GBP"})
    for day, code, rate in october:
        if day <= dt.date(2024, 10, 31):
            rows.setdefault(day.isoformat(), {})[code] = str(rate)
    return write_ecb_zip(tmp_path_factory.mktemp("ecb") / "october-2024.zip", rows)


@pytest.fixture
def october_2024_rates(db, october_2024_zip):
    load_ecb_rates(path=october_2024_zip)
    assert FxRate.objects.filter(currency="USD", date=dt.date(2024, 10, 15)).exists()


@pytest.fixture
def demo_desk(db, tmp_path):
    """The demo desk, with an article text of our own; returns that text's path."""
    text = tmp_path / "article.txt"
    text.write_text("A test article of our own.")
    call_command("load_demo", "--article-text", str(text), stdout=StringIO())
    return text

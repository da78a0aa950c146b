"""Builders shared by the figures_django tests."""

import datetime as dt
import zipfile
from decimal import Decimal

from factcheck.models import FxRate


def write_ecb_zip(path, rows: dict[str, dict[str, str]]):
    """An eurofxref-hist.zip laid out as the ECB's: one row a day, newest first, N/A gaps."""
    codes = sorted({code for day in rows.values() for code in day})
    lines = ["Date," + ",".join(codes) + ","]
    for day in sorted(rows, reverse=True):
        lines.append(day + "," + ",".join(rows[day].get(c, "N/A") for c in codes) + ",")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("eurofxref-hist.csv", "\n".join(lines) + "\n")
    return path


def add_rate(currency: str, day: str, per_eur: str, source: str = "ECB reference rate") -> FxRate:
    return FxRate.objects.create(
        currency=currency, date=dt.date.fromisoformat(day), per_eur=Decimal(per_eur), source=source
    )

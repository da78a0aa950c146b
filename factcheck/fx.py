"""Currency conversion from the desk's FX table (the ECB series, as loaded and amended)."""

import bisect
import datetime as dt
from decimal import Decimal

from factcheck import figures
from factcheck.models import FxRate


def rate_on(currency: str, on: dt.date | None) -> FxRate | None:
    """The ECB quotation for `currency` on `on`, or the nearest earlier one (latest if no date)."""
    if currency == "EUR":
        return FxRate(currency="EUR", date=on or dt.date.today(), per_eur=Decimal(1))
    rates = FxRate.objects.filter(currency=currency)
    if on is not None:
        rates = rates.filter(date__lte=on)
    return rates.order_by("-date").first()


def to_usd(value: Decimal, unit: str, on: dt.date | None) -> Decimal | None:
    """`value` in `unit` expressed in US dollars at `on`; None for non-money or unknown rates."""
    if value is None or not figures.is_currency(unit):
        return None
    if unit == "USD":
        return Decimal(value).quantize(Decimal("0.01"))
    source, usd = rate_on(unit, on), rate_on("USD", on)
    if source is None or usd is None:
        return None
    return (Decimal(value) / source.per_eur * usd.per_eur).quantize(Decimal("0.01"))


class UsdConverter:
    """`to_usd` for many figures at once: each currency's rates are loaded once, then bisected.

    Bulk work (CSV import) converts thousands of rows; `to_usd` costs two queries a call.
    `UsdConverter().to_usd(value, unit, on)` gives exactly what `to_usd(value, unit, on)` does.
    """

    def __init__(self):
        self._rates: dict[str, tuple[list[dt.date], list[Decimal]]] = {}

    def _per_eur(self, currency: str, on: dt.date | None) -> Decimal | None:
        if currency == "EUR":
            return Decimal(1)
        if currency not in self._rates:
            pairs = FxRate.objects.filter(currency=currency).order_by("date")
            dates, rates = [], []
            for date, per_eur in pairs.values_list("date", "per_eur"):
                dates.append(date)
                rates.append(per_eur)
            self._rates[currency] = (dates, rates)
        dates, rates = self._rates[currency]
        # The nearest quotation on or before `on` (the latest when there is no date).
        index = len(dates) if on is None else bisect.bisect_right(dates, on)
        return rates[index - 1] if index else None

    def to_usd(self, value: Decimal, unit: str, on: dt.date | None) -> Decimal | None:
        if value is None or not figures.is_currency(unit):
            return None
        if unit == "USD":
            return Decimal(value).quantize(Decimal("0.01"))
        source, usd = self._per_eur(unit, on), self._per_eur("USD", on)
        if source is None or usd is None:
            return None
        return (Decimal(value) / source * usd).quantize(Decimal("0.01"))

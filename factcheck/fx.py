"""Currency conversion from the desk's FX table (the ECB series, as loaded and amended)."""

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

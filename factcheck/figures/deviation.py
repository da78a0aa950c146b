"""How far a claimed figure is from what a source says: matches, rounded, over- or understated.

`compare_with_source` compares two figures; `compare_with_excerpt` first finds, in a source's
excerpt, the figure to compare with, and says nothing rather than compare unlike things: an
exchange rate with an amount, a share with a change, one metric with another, or figures
too far apart in scale to be the same quantity unless the excerpt names the claim's metric.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from .figure import Figure
from .formatting import format_figure
from .quantities import Reading, claim_kind, read_quantities
from .tolerance import within_stated

DEVIATION_KINDS = ("matches", "rounded", "overstated", "understated", "incomparable")


@dataclass(frozen=True)
class Deviation:
    """A claimed figure against its source.

    `kind` is one of DEVIATION_KINDS; `relative` is (claimed − sourced) / sourced
    (0.041 for "overstated by 4.1%"), None where it is undefined; `description`
    says it in words for the fact-checker's note. `sourced` is the source's figure;
    `metric_named` is True when the excerpt names the claim's metric for it.
    """

    kind: str
    relative: Decimal | None
    description: str
    sourced: Figure | None = None
    metric_named: bool = False


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
            sourced,
        )
    relative = (claimed.value - sourced.value) / abs(sourced.value) if sourced.value != 0 else None
    source_text = format_figure(sourced.value, sourced.unit)
    claim_text = format_figure(claimed.value, claimed.unit, claimed.qualifier)
    if claimed.value == sourced.value:
        return Deviation("matches", Decimal(0), f"matches: the source says {source_text}", sourced)
    ok, _tolerance = within_stated(sourced.value, claimed)
    if ok:
        if claimed.qualifier in ("exact", "about"):
            text = f"rounded: {claim_text} for {source_text}"
            return Deviation("rounded", relative, text, sourced)
        text = f"holds: {claim_text}, the source says {source_text}"
        return Deviation("matches", relative, text, sourced)
    kind = "overstated" if claimed.value > sourced.value else "understated"
    amount = f" by {_percent(relative)}" if relative is not None else ""
    text = f"{kind}{amount}: {claim_text}, the source says {source_text}"
    return Deviation(kind, relative, text, sourced)


# A source figure more than ten times the claimed one, or less than a tenth of it, is far more
# often another quantity (a rate, a per-share price, another year's total) than a tenfold
# error: it is compared only when its clause names the claim's metric.
PLAUSIBLE_RATIO = Decimal(10)
# Metrics close enough that an excerpt naming one may settle the other (never "named").
RELATED_METRICS = (frozenset({"valuation", "market_cap"}), frozenset({"net_income", "net_loss"}))
# Kinds whose unit says what they measure: "54,000 GPUs" names a count of GPUs, "up 168%" a
# change (the words that made it a change). Money names its metric in words.
_SELF_NAMED = ("count:", "change")


def _metric_fit(metric: str, kind: str, reading: Reading) -> str:
    """ "named", "unnamed" (the excerpt does not say) or "other" (it names another metric)."""
    if kind.startswith(_SELF_NAMED):
        return "named"
    named = reading.metrics
    if not named:  # a metric named earlier in the sentence may rule a figure out, never in
        hint = reading.context
        if (
            hint
            and hint != metric
            and metric != "other"
            and frozenset({metric, hint}) not in RELATED_METRICS
        ):
            return "other"
        return "unnamed"
    if ("forecast" in named) != (metric == "forecast"):
        return "other"  # a forecast is never compared with an outcome
    if metric in named:
        return "named"
    if metric == "other" or any(frozenset({metric, n}) in RELATED_METRICS for n in named):
        return "unnamed"
    return "other"


def _plausible(claimed: Decimal, sourced: Decimal) -> bool:
    if claimed == 0 or sourced == 0:
        return claimed == sourced
    if (claimed > 0) != (sourced > 0):
        return False
    ratio = abs(claimed / sourced)
    return 1 / PLAUSIBLE_RATIO <= ratio <= PLAUSIBLE_RATIO


def compare_with_excerpt(
    claimed: Figure, excerpt: str, *, metric: str = "other", quote: str = ""
) -> Deviation | None:
    """The claim against the figure of its own kind in a source's excerpt; None when unsure.

    Only a figure in the claim's unit and of the claim's kind (see quantities.Reading: money,
    an exchange rate, an amount per share, a share, a change, a count of GPUs…) is taken,
    never one whose clause names another metric (`metric` is Claim.metric; `quote`, the
    claim's words, tells its kind: "7.1 yuan to the dollar" is a rate). Figures that name the
    claim's metric come first; one that does not is taken only within a tenfold of the
    claim. Of those left, the nearest to the claimed value is compared.
    """
    kind = claim_kind(claimed, quote, metric)
    if kind == "number":
        return None  # a bare number says nothing about what it counts
    named, unnamed = [], []
    for reading in read_quantities(excerpt or ""):
        if reading.figure.unit != claimed.unit or reading.kind != kind:
            continue
        fit = _metric_fit(metric, kind, reading)
        if fit == "named":
            named.append(reading.figure)
        elif fit == "unnamed" and _plausible(claimed.value, reading.figure.value):
            unnamed.append(reading.figure)
    found = named or unnamed
    if not found:
        return None
    nearest = min(found, key=lambda f: abs(f.value - claimed.value))
    return replace(compare_with_source(claimed, nearest), metric_named=bool(named))

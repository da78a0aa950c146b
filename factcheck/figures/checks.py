"""Arithmetic checks between the figures of one article.

Each check recomputes a stated figure from others and says, in a sentence a
reader can follow, whether the article's figure holds ("from HK$320 billion to
HK$53.7 billion is a fall of 83.2%; the article says 80%"). Tolerances follow how
precisely the stated figure is written and its qualifier; see tolerance.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .figure import Figure
from .formatting import format_figure
from .grammar import written_step
from .tolerance import within_stated

CHECK_KINDS = ("percent_change", "difference", "ratio", "conversion", "sum")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one arithmetic check.

    `expected` is what the arithmetic gives, `stated` what the article says (both in
    the stated figure's unit); `tolerance` says what counted as agreeing and
    `working` shows the sum in words. Without a stated figure (the article gives
    none, the check only shows its working) `stated` and `ok` are None.
    """

    kind: str
    expected: Decimal
    stated: Decimal | None
    ok: bool | None
    tolerance: str
    working: str


def _show(figure: Figure) -> str:
    return format_figure(figure.value, figure.unit, figure.qualifier)


def _same_unit(*figures: Figure | None) -> str:
    units = {f.unit for f in figures if f is not None}
    if len(units) != 1:
        raise ValueError(f"these figures are in different units ({', '.join(sorted(units))})")
    return units.pop()


def _result(kind: str, expected: Decimal, stated: Figure | None, working: str) -> CheckResult:
    if stated is None:
        return CheckResult(kind, expected, None, None, "", f"{working}.")
    ok, tolerance = within_stated(expected, stated)
    verdict = "holds" if ok else "does not hold"
    return CheckResult(
        kind=kind,
        expected=expected,
        stated=stated.value,
        ok=ok,
        tolerance=tolerance,
        working=f"{working}; the article says {_show(stated)}, which {verdict}.",
    )


def _shown_percent(value: Decimal, stated: Figure | None) -> str:
    """A computed percentage to one more decimal than the stated one (at least one)."""
    step = Decimal("0.1") if stated is None else min(written_step(stated) / 10, Decimal("0.1"))
    return f"{value.quantize(step, rounding=ROUND_HALF_UP).normalize():f}%"


def percent_change(start: Figure, end: Figure, stated: Figure | None = None) -> CheckResult:
    """Does the change from `start` to `end` match the stated percentage?

    Articles write a change as a size plus a direction word ("an 80% decrease"),
    so a positive stated figure is compared with the size of the change; a
    negative one ("-80%") with the signed change.
    """
    unit = _same_unit(start, end)
    if start.value == 0:
        raise ValueError("a percentage change from zero is undefined")
    change = (end.value - start.value) / start.value * 100
    compared = change if stated is not None and stated.value < 0 else abs(change)
    direction = "a fall" if change < 0 else "a rise"
    working = (
        f"from {format_figure(start.value, unit)} to {format_figure(end.value, unit)} "
        f"is {direction} of {_shown_percent(abs(change), stated)}"
    )
    return _result("percent_change", compared, stated, working)


def difference(larger: Figure, smaller: Figure, stated: Figure | None = None) -> CheckResult:
    """Does `larger` − `smaller` match the stated difference (a size, so never negative)?"""
    unit = _same_unit(larger, smaller, stated)
    gap = abs(larger.value - smaller.value)
    working = (
        f"{format_figure(larger.value, unit)} − {format_figure(smaller.value, unit)} "
        f"= {format_figure(gap, unit, digits=3)}"
    )
    return _result("difference", gap, stated, working)


def ratio(
    numerator: Figure, denominator: Figure, stated: Figure | Decimal | None = None
) -> CheckResult:
    """Is `numerator` the stated multiple of `denominator` ("three times", "5x")?

    `stated` is the multiple, as a Figure (any unit) or a plain Decimal.
    """
    _same_unit(numerator, denominator)
    if stated is not None and not isinstance(stated, Figure):
        stated = Figure(Decimal(stated), "times")
    if denominator.value == 0:
        raise ValueError("a multiple of zero is undefined")
    multiple = numerator.value / denominator.value
    working = f"{_show(numerator)} is {round(multiple, 2).normalize():f} times {_show(denominator)}"
    return _result("ratio", multiple, stated, working)


def conversion(
    amount: Figure, converted: Figure, rate: Decimal, rate_source: str = ""
) -> CheckResult:
    """Is `converted` the same money as `amount` at `rate` (converted units per amount unit)?

    `rate_source` names the rate in the working ("the ECB reference rate of 15 Oct 2024").
    """
    expected = amount.value * rate
    cited = f" ({rate_source})" if rate_source else ""
    working = (
        f"{_show(amount)} at {rate.quantize(Decimal('0.0001'))} {converted.unit} per "
        f"{amount.unit}{cited} is {format_figure(expected, converted.unit, digits=3)}"
    )
    return _result("conversion", expected, converted, working)


def sum_of_parts(parts: Sequence[Figure], total: Figure | None = None) -> CheckResult:
    """Do the parts add up to the stated total?"""
    if not parts:
        raise ValueError("a sum needs at least one part")
    unit = _same_unit(*parts, total)
    added = sum((p.value for p in parts), Decimal(0))
    working = (
        " + ".join(format_figure(p.value, unit) for p in parts)
        + f" = {format_figure(added, unit, digits=4)}"
    )
    return _result("sum", added, total, working)

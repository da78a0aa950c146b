"""Arithmetic checks between the figures of one article.

Each check recomputes a stated figure from others and says, in a sentence a
reader can follow, whether the article's figure holds ("from HK$320 billion to
HK$53.7 billion is a fall of 83.2%; the article says 80%"). Tolerances follow how
precisely the stated figure is written and its qualifier; see tolerance.py.

Every check takes `language`: "en" (the default) or "zh-hans", the language of the page the
working is shown on ("从3200亿港元跌至537亿港元，跌幅为83.2%；文章称约80%，与计算不符。").
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

# The words of a working, by language. Chinese writes no spaces and its own punctuation.
_WORDS = {
    "en": {
        "change": "from {start} to {end} is {direction} of {percent}",
        "fall": "a fall",
        "rise": "a rise",
        "ratio": "{numerator} is {multiple} times {denominator}",
        "conversion": "{amount} at {rate} {to} per {unit}{cited} is {expected}",
        "cited": " ({source})",
        "says": "{working}; the article says {stated}, which {verdict}.",
        "holds": "holds",
        "fails": "does not hold",
        "end": "{working}.",
    },
    "zh-hans": {
        "change": "从{start}{direction}至{end}，{size}为{percent}",
        "fall": "跌",
        "rise": "升",
        "fall_size": "跌幅",
        "rise_size": "涨幅",
        "ratio": "{numerator}是{denominator}的{multiple}倍",
        "conversion": "{amount}按每1 {unit}兑{rate} {to}{cited}折合{expected}",
        "cited": "（{source}）",
        "says": "{working}；文章称{stated}，{verdict}。",
        "holds": "与计算相符",
        "fails": "与计算不符",
        "end": "{working}。",
        "times": "{multiple}倍",
    },
}


def _words(language: str) -> dict:
    return _WORDS.get(language, _WORDS["en"])


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


def _show(figure: Figure, language: str = "en") -> str:
    if language != "en" and figure.unit == "times":  # "3倍", not "3 times"
        return _words(language)["times"].format(multiple=f"{figure.value.normalize():f}")
    return format_figure(figure.value, figure.unit, figure.qualifier, language=language)


def _same_unit(*figures: Figure | None) -> str:
    units = {f.unit for f in figures if f is not None}
    if len(units) != 1:
        raise ValueError(f"these figures are in different units ({', '.join(sorted(units))})")
    return units.pop()


def _result(
    kind: str, expected: Decimal, stated: Figure | None, working: str, language: str = "en"
) -> CheckResult:
    words = _words(language)
    if stated is None:
        return CheckResult(kind, expected, None, None, "", words["end"].format(working=working))
    ok, tolerance = within_stated(expected, stated)
    return CheckResult(
        kind=kind,
        expected=expected,
        stated=stated.value,
        ok=ok,
        tolerance=tolerance,
        working=words["says"].format(
            working=working,
            stated=_show(stated, language),
            verdict=words["holds" if ok else "fails"],
        ),
    )


def _shown_percent(value: Decimal, stated: Figure | None) -> str:
    """A computed percentage to one more decimal than the stated one (at least one)."""
    step = Decimal("0.1") if stated is None else min(written_step(stated) / 10, Decimal("0.1"))
    return f"{value.quantize(step, rounding=ROUND_HALF_UP).normalize():f}%"


def percent_change(
    start: Figure, end: Figure, stated: Figure | None = None, *, language: str = "en"
) -> CheckResult:
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
    words = _words(language)
    direction = "fall" if change < 0 else "rise"
    working = words["change"].format(
        start=format_figure(start.value, unit, language=language),
        end=format_figure(end.value, unit, language=language),
        direction=words[direction],
        size=words.get(f"{direction}_size", ""),
        percent=_shown_percent(abs(change), stated),
    )
    return _result("percent_change", compared, stated, working, language)


def difference(
    larger: Figure, smaller: Figure, stated: Figure | None = None, *, language: str = "en"
) -> CheckResult:
    """Does `larger` − `smaller` match the stated difference (a size, so never negative)?"""
    unit = _same_unit(larger, smaller, stated)
    gap = abs(larger.value - smaller.value)
    working = (
        f"{format_figure(larger.value, unit, language=language)} − "
        f"{format_figure(smaller.value, unit, language=language)} "
        f"= {format_figure(gap, unit, digits=3, language=language)}"
    )
    return _result("difference", gap, stated, working, language)


def ratio(
    numerator: Figure,
    denominator: Figure,
    stated: Figure | Decimal | None = None,
    *,
    language: str = "en",
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
    working = _words(language)["ratio"].format(
        numerator=_show(numerator, language),
        denominator=_show(denominator, language),
        multiple=f"{round(multiple, 2).normalize():f}",
    )
    return _result("ratio", multiple, stated, working, language)


def conversion(
    amount: Figure,
    converted: Figure,
    rate: Decimal,
    rate_source: str = "",
    *,
    language: str = "en",
) -> CheckResult:
    """Is `converted` the same money as `amount` at `rate` (converted units per amount unit)?

    `rate_source` names the rate in the working ("the ECB reference rate of 15 Oct 2024").
    """
    expected = amount.value * rate
    words = _words(language)
    working = words["conversion"].format(
        amount=_show(amount, language),
        rate=rate.quantize(Decimal("0.0001")),
        to=converted.unit,
        unit=amount.unit,
        cited=words["cited"].format(source=rate_source) if rate_source else "",
        expected=format_figure(expected, converted.unit, digits=3, language=language),
    )
    return _result("conversion", expected, converted, working, language)


def sum_of_parts(
    parts: Sequence[Figure], total: Figure | None = None, *, language: str = "en"
) -> CheckResult:
    """Do the parts add up to the stated total?"""
    if not parts:
        raise ValueError("a sum needs at least one part")
    unit = _same_unit(*parts, total)
    added = sum((p.value for p in parts), Decimal(0))
    working = (
        " + ".join(format_figure(p.value, unit, language=language) for p in parts)
        + f" = {format_figure(added, unit, digits=4, language=language)}"
    )
    return _result("sum", added, total, working, language)

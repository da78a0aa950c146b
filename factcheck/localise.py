"""Dates and figures in the page's language: "2 Oct 2024" or "2024年10月2日", "$157 billion"
or "1570亿美元".

The page's language is the active one (the path says it: /zh-hans/… is Chinese). The
figures themselves are written by the pure figures engine (factcheck/figures/), which
knows both languages; this only asks it in the right one.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from factcheck import figures
from factcheck.dates import page_language


def is_chinese() -> bool:
    return page_language() == "zh-hans"


def day_text(day: dt.date | None) -> str:
    """ "2 Oct 2024" in English, "2024年10月2日" in Chinese; "" without a date."""
    return "" if day is None else figures.format_day(day, page_language())


def figure_text(
    value,
    unit: str,
    qualifier: str = "exact",
    *,
    digits: int | None = None,
    language: str | None = None,
) -> str:
    """A figure as the page's language writes it ("about RMB 30 billion", "约300亿元").

    `language` (a page_language() value) saves looking it up again, as a table of 50 rows does.
    """
    if value is None:
        return ""
    return figures.format_figure(
        Decimal(value),
        unit,
        qualifier or "exact",
        digits=digits,
        language=language or page_language(),
    )


def claim_figure(claim) -> str:
    """A claim's figure with its qualifier, in the page's language."""
    return figure_text(claim.value, claim.unit, claim.qualifier)


def corrected_figure(claim) -> str:
    """The right figure beside an inaccurate or misleading verdict; "" otherwise."""
    if not claim.shows_correction:
        return ""
    return figure_text(claim.corrected_value, claim.unit)


def deviation_text(deviation, claim) -> str:
    """How far the claim is from a source's figure, in the page's language.

    English is the figures engine's own description ("rounded: $157 billion for $157.3
    billion"); other languages are written here from the same parts.
    """
    if not is_chinese() or deviation.sourced is None:
        return deviation.description
    sourced = deviation.sourced
    words = {
        "claim": claim_figure(claim),
        "source": figure_text(sourced.value, sourced.unit),
        "percent": "",
    }
    if deviation.relative is not None:
        shown = (abs(deviation.relative) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        words["percent"] = f"{shown.normalize():f}%"
    if deviation.kind == "matches" and not deviation.relative:
        text = gettext("matches: the source says %(source)s")
    elif deviation.kind == "matches":
        text = gettext("holds: %(claim)s, the source says %(source)s")
    elif deviation.kind == "rounded":
        text = gettext("rounded: %(claim)s for %(source)s")
    elif deviation.kind == "overstated" and words["percent"]:
        text = gettext("overstated by %(percent)s: %(claim)s, the source says %(source)s")
    elif deviation.kind == "understated" and words["percent"]:
        text = gettext("understated by %(percent)s: %(claim)s, the source says %(source)s")
    elif deviation.kind == "overstated":
        text = gettext("overstated: %(claim)s, the source says %(source)s")
    elif deviation.kind == "understated":
        text = gettext("understated: %(claim)s, the source says %(source)s")
    else:
        return deviation.description
    return text % words

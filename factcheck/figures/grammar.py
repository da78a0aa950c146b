"""The figure grammar: one regular expression for figures as news writes them.

    [qualifier] [-] [currency prefix] number [scale] [+|plus] [currency word | unit] [or more]

e.g. "over HK$320 billion", "US$ 3.5bn", "₹4,200 crore", "7.03 trillion won",
"38.2 percent", "over 200 large models". The same pattern serves `parse_figure`
(a whole string) and the finder (figures inside an article), which is why the
pattern refuses to start or end inside a word or a longer number ("GPT-4",
"FY2024", "10/15", "1st"). Figures written in Chinese ("1570亿美元") have their own
grammar in chinese.py; `parse_figure` reads both.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .chinese import parse_chinese
from .figure import Figure, FigureError
from .matches import Match, matched_value
from .units import (
    AMBIGUOUS_YEN,
    SCALES,
    currency_code,
    currency_prefix_forms,
    currency_suffix_forms,
    normalise_unit,
    unit_forms,
)

# Words before a figure -> qualifier. Longest phrases are tried first.
QUALIFIER_WORDS: dict[str, str] = {
    "more than": "over",
    "over": "over",
    "above": "over",
    "exceeding": "over",
    "in excess of": "over",
    "upwards of": "over",
    "just over": "over",
    "nearly": "under",
    "almost": "under",
    "under": "under",
    "just under": "under",
    "less than": "under",
    "fewer than": "under",
    "below": "under",
    "about": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "around": "about",
    "some": "about",
    "an estimated": "about",
    "close to": "about",
    "~": "about",
    "up to": "up_to",
    "as much as": "up_to",
    "as many as": "up_to",
    "at most": "up_to",
    "at least": "at_least",
    "no less than": "at_least",
    "a minimum of": "at_least",
}

# Single-letter scales are only read straight after a money figure ("£450m", "$2.1B"),
# where they cannot be metres or a model name; "k" is read everywhere ("54k GPUs").
SINGLE_LETTER_SCALES = ("m", "b", "t")

# Gap words that may not sit between a number and its count unit ("200 large models" is fine,
# "200 in new models" is not).
_GAP_STOPWORDS = (
    "of|in|on|at|to|by|for|from|with|and|or|the|a|an|its|their|per|than|as|is|are|was|were|"
    "this|that|which|year|years|months|days|percent|million|billion|trillion|thousand"
)


# Plural nouns that may follow a number without being its unit ("18 months", "3 times").
_NOUN_STOPWORDS = (
    "years|months|weeks|days|hours|minutes|seconds|decades|centuries|times|quarters|"
    "this|thus|less|plus|across|unless|always|perhaps|whereas|towards|afterwards|"
    "does|goes|says|ones|others|respectively|series|levels|terms|basis|highs|lows|"
    "was|has|its|his|yes|percentages"
)


# Space inside a figure: never a line break, so a figure stays within its line.
_SPACE = r"[^\S\r\n]"


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(f).replace(r"\ ", f"{_SPACE}+") for f in forms)


def _build_pattern() -> re.Pattern[str]:
    quals = _alternation(sorted(QUALIFIER_WORDS, key=len, reverse=True))
    word_scales = _alternation(sorted((s for s in SCALES if len(s) > 1), key=len, reverse=True))
    letters = "".join(SINGLE_LETTER_SCALES)
    prefixes = _alternation(currency_prefix_forms())
    suffixes = _alternation(currency_suffix_forms())
    units = _alternation(unit_forms())
    number = (
        r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}|[0-9]+)(?:\.[0-9]+)?"
        r"(?:e[+-]?[0-9]{1,3}(?![0-9]))?"
        r"|\.[0-9]+"
    )
    end = r"(?![\w$€£¥₹₩%]|[.,/:][0-9])"
    pattern = rf"""
        (?<![\w.,/$€£¥₹₩%+-])
        (?:(?P<qual>{quals})(?:{_SPACE}+|(?<=~){_SPACE}*))?
        (?P<sign>[-−])?
        (?:(?P<prefix>{prefixes}){_SPACE}?)?
        (?P<num>{number})
        (?:
            {_SPACE}*(?P<scale>{word_scales})(?![A-Za-z])
          | (?P<k>k)(?![A-Za-z])
          | (?(prefix)(?P<letter>[{letters}])(?![A-Za-z])|(?!))
        )?
        (?P<plus>\+|-?plus(?![A-Za-z]))?
        (?:
            {_SPACE}*(?P<pct>%)
          | (?(prefix)(?!)|{_SPACE}*(?P<suffix>{suffixes}){end})
          | {_SPACE}*(?P<unit>{units}){end}
          | (?(prefix)(?!)|{_SPACE}+(?P<gap>(?:(?!(?:{_GAP_STOPWORDS}){_SPACE})[A-Za-z][\w-]*{_SPACE}+){{1,2}})
                (?P<gapunit>{units}){end})
          | (?(prefix)(?!)|{_SPACE}+(?-i:(?P<noun>(?!(?:{_NOUN_STOPWORDS}){end})[a-z][a-z-]{{2,}}s)){end})
        )?
        (?P<ormore>{_SPACE}+or{_SPACE}+more(?![A-Za-z]))?
        {end}
    """
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


FIGURE_RE = _build_pattern()


def _qualifier(m: re.Match[str]) -> str:
    if m.group("ormore"):
        return "at_least"
    if m.group("plus"):
        return "over"
    qual = m.group("qual")
    if not qual:
        return "exact"
    return QUALIFIER_WORDS[" ".join(qual.lower().split())]


def _unit(m: re.Match[str]) -> tuple[str, bool]:
    """The unit and whether it is a lone "¥" that the context must settle."""
    prefix, suffix = m.group("prefix"), m.group("suffix")
    if m.group("pct"):
        return "%", False
    if suffix:
        return currency_code(suffix) or "", suffix in AMBIGUOUS_YEN
    if prefix:
        code = currency_code(prefix) or ""
        return code, prefix in AMBIGUOUS_YEN
    unit = m.group("unit") or m.group("gapunit") or m.group("noun")
    return (normalise_unit(unit) if unit else ""), False


def match_to_figure(m: re.Match[str], offset: int = 0) -> Match | None:
    """Turn a regex match into a Match, or None when the number is unusable."""
    mantissa = m.group("num").replace(",", "")
    scale_word = m.group("scale") or m.group("k") or m.group("letter")
    scale = SCALES[scale_word.lower()] if scale_word else Decimal(1)
    value = matched_value(m, mantissa, scale)
    if value is None:
        return None
    unit, yen_ambiguous = _unit(m)
    figure = Figure(
        value=value,
        unit=unit,
        qualifier=_qualifier(m),
        text=m.group(0),
        start=m.start() + offset,
        end=m.end() + offset,
    )
    return Match(figure, mantissa, scale, yen_ambiguous, bool(m.group("noun")))


def _merge_unit(match: Match, unit: str, text: str) -> Figure:
    figure = match.figure
    known = normalise_unit(unit) if unit else ""
    if not known or known == figure.unit:
        return figure
    if not figure.unit:
        return Figure(figure.value, known, figure.qualifier, figure.text, figure.start, figure.end)
    if match.yen_ambiguous and known == "CNY":
        return Figure(figure.value, "CNY", figure.qualifier, figure.text, figure.start, figure.end)
    raise FigureError(f"unit conflict: the value says {figure.unit}, the unit column says {known}")


def parse_figure_strict(text: str, *, unit: str = "") -> Figure:
    """Parse one figure written as a whole string, or raise FigureError saying why not."""
    if not isinstance(text, str):
        raise FigureError(f"{text!r} is not a figure: expected text")
    stripped = text.strip()
    match = parse_match(stripped)
    if match is None:
        raise FigureError(
            f"{stripped[:80]!r} is not a figure: expected a number such as 157000000000, "
            "'$157 billion' or '1570亿美元'"
        )
    return _merge_unit(match, unit, stripped)


def parse_match(text: str) -> Match | None:
    """The whole of `text` as one figure, in English or in Chinese; None when it is not one."""
    m = FIGURE_RE.fullmatch(text)
    match = match_to_figure(m) if m else None
    return match if match is not None else parse_chinese(text)


def parse_figure(text: str, *, unit: str = "") -> Figure | None:
    """Parse one figure written as a whole string; None when it is not one (never raises)."""
    try:
        return parse_figure_strict(text, unit=unit)
    except (FigureError, ArithmeticError, ValueError, TypeError):
        return None


def written_step(figure: Figure) -> Decimal:
    """The place value of the last digit written: "$157 billion" -> 1e9, "HK$1.62" -> 0.01.

    Used for tolerances: a stated figure is good to half of this step. Figures
    without text (e.g. a plain value from a CSV) use their last non-zero digit.
    """
    match = parse_match(figure.text.strip()) if figure.text else None
    if match is not None:
        exponent = Decimal(match.mantissa).as_tuple().exponent
        if isinstance(exponent, int):
            return Decimal(1).scaleb(exponent) * match.scale
    value = abs(figure.value)
    if value == 0:
        return Decimal(1)
    exponent = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)

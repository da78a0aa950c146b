"""Write a figure the way a news article would: "$157 billion", "RMB 2.477 billion", "168%".

Whatever `format_figure` prints, `parse_figure` reads back as the same value
rounded to the printed precision. `format_day` writes a day the same way ("15 Oct 2024").
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from .units import ZH_UNIT_PRINT, currency_code, currency_symbol, currency_zh_word
from .zh_numerals import write_numeral

# Significant figures kept when the caller does not ask for a number of digits.
DEFAULT_MAX_DIGITS = 4

_QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "over": "over ",
    "under": "under ",
    "up_to": "up to ",
    "at_least": "at least ",
}

_WESTERN_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
_INDIAN_SCALES = ((Decimal(10) ** 7, "crore"), (Decimal(10) ** 5, "lakh"))


def format_day(day: dt.date, language: str = "en") -> str:
    """A day as readers see it everywhere: "2 Oct 2024"; "2024年10月2日" in Chinese."""
    if language.lower().startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {day:%b %Y}"


def round_significant(value: Decimal, digits: int) -> Decimal:
    """Round to `digits` significant figures, half up (as newsrooms round)."""
    if value == 0:
        return Decimal(0)
    quantum = Decimal(1).scaleb(value.adjusted() - digits + 1)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def _significant_digits(value: Decimal) -> int:
    if value == 0:
        return 1
    return len(value.normalize().as_tuple().digits)


def display_value(value: Decimal, digits: int | None = None) -> Decimal:
    """The value `format_figure` prints, before scaling.

    With `digits`, round to that many significant figures. Without, keep the digits
    the value actually has, capped at 4 significant figures; below a million the
    integer part is never rounded away ("54,321 GPUs", not "54,320 GPUs").
    """
    if digits is None:
        integer_digits = max(value.adjusted() + 1, 1)
        cap = DEFAULT_MAX_DIGITS if abs(value) >= 10**6 else max(DEFAULT_MAX_DIGITS, integer_digits)
        digits = min(_significant_digits(value), cap)
    return round_significant(value, max(digits, 1))


def _plain(number: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, with thousands separators."""
    text = f"{number.normalize():f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + (f".{fraction}" if fraction else "")


def _scaled(value: Decimal, code: str | None) -> tuple[Decimal, str]:
    scales = _INDIAN_SCALES if code == "INR" else _WESTERN_SCALES
    for size, word in scales:
        if abs(value) >= size:
            return value / size, f" {word}"
    return value, ""


def format_figure(
    value: Decimal,
    unit: str,
    qualifier: str = "exact",
    *,
    digits: int | None = None,
    language: str = "en",
) -> str:
    """Format a figure for readers: "$157 billion", "over HK$320 billion", "54,000 GPUs".

    `digits` rounds to that many significant figures; by default the value keeps
    the digits it has, up to 4 ("RMB 2.477 billion", "$29.76 billion").
    `language="zh-hans"` writes it as a Chinese desk does (see format_figure_zh).
    """
    if language.lower().startswith("zh"):
        return format_figure_zh(value, unit, qualifier, digits=digits)
    value = Decimal(value)
    shown = display_value(value, digits)
    code = currency_code(unit) if unit else None
    sign = "-" if shown < 0 else ""
    if unit in ("%", "pp") or (code is None and unit and abs(shown) < 10**6):
        mantissa, scale_word = abs(shown), ""
    else:
        mantissa, scale_word = _scaled(abs(shown), code)
    number = _plain(mantissa) + scale_word
    if code:
        text = f"{sign}{currency_symbol(code)}{number}"
    elif unit == "%":
        text = f"{sign}{number}%"
    elif unit == "pp":
        text = f"{sign}{number} percentage points"
    elif unit:
        text = f"{sign}{number} {unit}"
    else:
        text = f"{sign}{number}"
    return _QUALIFIER_WORDS.get(qualifier, "") + text


_ZH_QUALIFIER_WORDS = {
    "exact": "",
    "about": "约",
    "over": "超过",
    "under": "不到",
    "up_to": "最多",
    "at_least": "至少",
}
_ZH_SCALES = ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))


def _zh_number(number: Decimal, numerals: str) -> str:
    """The mantissa in Arabic digits (no grouping below 10,000) or in Chinese numerals."""
    if numerals == "chinese" and number < 10**4:
        return write_numeral(number)
    text = f"{number.normalize():f}"
    whole, _, fraction = text.partition(".")
    if int(whole) >= 10**4:
        whole = f"{int(whole):,}"
    return whole + (f".{fraction}" if fraction else "")


def format_figure_zh(
    value: Decimal,
    unit: str,
    qualifier: str = "exact",
    *,
    digits: int | None = None,
    numerals: str = "arabic",
    currency_word: bool = False,
) -> str:
    """Format a figure as a Chinese desk writes it: "1570亿美元", "64.4亿元", "83.2%".

    Scales are 万, 亿 and 万亿; percentages, percentage points and multiples are never
    scaled. `numerals="chinese"` writes the number in Chinese numerals ("三百五十亿元",
    "百分之八十"), `currency_word=True` names the yuan before the number
    ("人民币24万亿元"). Rounding is format_figure's, and parse_figure reads the result
    back to the printed value.
    """
    if numerals not in ("arabic", "chinese"):
        raise ValueError(f"numerals must be 'arabic' or 'chinese', not {numerals!r}")
    shown = display_value(Decimal(value), digits)
    code = currency_code(unit) if unit else None
    sign = "-" if shown < 0 else ""
    mantissa, scale = abs(shown), ""
    if unit not in ("%", "pp", "×"):
        for size, word in _ZH_SCALES:
            if mantissa >= size:
                mantissa, scale = mantissa / size, word
                break
    number = _zh_number(mantissa, numerals) + scale
    if code == "CNY" and currency_word:
        text = f"人民币{number}元"
    elif code:
        text = number + (currency_zh_word(code) or f" {code}")
    elif unit == "%":
        text = f"百分之{number}" if numerals == "chinese" else f"{number}%"
    elif unit in ZH_UNIT_PRINT:
        text = number + ZH_UNIT_PRINT[unit]
    elif unit:
        text = f"{number} {unit}"
    else:
        text = number
    return _ZH_QUALIFIER_WORDS.get(qualifier, "") + sign + text

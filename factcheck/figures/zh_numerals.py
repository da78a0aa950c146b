"""Chinese numerals: "三百五十" -> 350, "一百零五" -> 105, "三点五" -> 3.5, and back.

Only whole numerals as the grammar hands them over; the grammar decides where one
starts and ends. Colloquial shortenings are read as a Chinese reader reads them:
"三千五" is 3500 and "两万三" is 23000.
"""

from __future__ import annotations

from decimal import Decimal

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "亿": 10**8}

_WRITE_DIGITS = "零一二三四五六七八九"


def is_loose_pair(text: str) -> bool:
    """Two non-zero digits side by side ("一两", "三四", "七八") say "one or two": a range."""
    return any(
        a in DIGITS and b in DIGITS and DIGITS[a] and DIGITS[b]
        for a, b in zip(text, text[1:], strict=False)
    )


def parse_integer(text: str) -> int | None:
    """The value of a Chinese integer numeral, or None when it is not well formed."""
    if not text or is_loose_pair(text):
        return None
    if text[0] in "零〇" and len(text) > 1:
        return None  # a leading zero: "零一万物" is a name, not a number
    total = section = number = 0
    last_unit = 0  # the unit just written, for "三千五" (the five is five hundred)
    previous_digit = False
    for char in text:
        if char in DIGITS:
            if previous_digit and number:
                return None
            number = DIGITS[char] if not previous_digit else number * 10 + DIGITS[char]
            previous_digit = True
            if DIGITS[char] == 0:
                last_unit = 0
        elif char in SMALL_UNITS:
            unit = SMALL_UNITS[char]
            section += (number or (1 if not previous_digit else 0) or 0) * unit
            if not number and previous_digit:
                return None  # "零百"
            number, last_unit, previous_digit = 0, unit, False
        elif char in BIG_UNITS:
            unit = BIG_UNITS[char]
            if char == "亿":  # "一万亿": the 万 group before it is multiplied too
                total += ((section + number) or 1) * unit
                section = 0
            else:
                section = ((section + number) or 1) * unit
            number, last_unit, previous_digit = 0, unit, False
        else:
            return None
    if number and last_unit >= 100 and previous_digit:
        number *= last_unit // 10  # "三千五" = 3500, "两万三" = 23000
    return total + section + number


def parse_numeral(text: str) -> Decimal | None:
    """A Chinese numeral with an optional decimal part ("三点五" -> 3.5), or None."""
    whole, point, fraction = text.partition("点")
    value = parse_integer(whole)
    if value is None:
        return None
    if not point:
        return Decimal(value)
    if not fraction or any(c not in DIGITS for c in fraction):
        return None
    return Decimal(f"{value}.{''.join(str(DIGITS[c]) for c in fraction)}")


def _below_ten_thousand(n: int, *, leading: bool) -> str:
    parts = []
    zero = False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        if unit == 10 and digit == 1 and leading and not parts:
            parts.append("十")  # "十二", not "一十二"
        else:
            parts.append(_WRITE_DIGITS[digit] + char)
    return "".join(parts)


def write_integer(n: int) -> str:
    """An integer below 10**16 in Chinese numerals: 105 -> "一百零五", 12 -> "十二"."""
    if not 0 <= n < 10**16:
        raise ValueError(f"{n} is outside what Chinese numerals are written for here")
    if n == 0:
        return "零"
    groups = [(n // 10**12, "万亿"), (n // 10**8 % 10**4, "亿"), (n // 10**4 % 10**4, "万")]
    groups.append((n % 10**4, ""))
    text = ""
    for value, unit in groups:
        if value == 0:
            continue
        if text and (value < 1000):
            text += "零"
        text += _below_ten_thousand(value, leading=not text) + unit
    return text


def write_numeral(value: Decimal) -> str:
    """A non-negative decimal in Chinese numerals: 3.5 -> "三点五"."""
    plain = f"{value.normalize():f}" if value != 0 else "0"
    whole, _, fraction = plain.partition(".")
    text = write_integer(int(whole))
    if fraction:
        text += "点" + "".join(_WRITE_DIGITS[int(d)] for d in fraction)
    return text

"""What both grammars (English and Chinese) hand the finder: a Figure and how it was written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation, localcontext

from .figure import Figure


@dataclass(frozen=True)
class Match:
    """A grammar match, before it becomes a Figure: keeps what the Figure drops."""

    figure: Figure
    mantissa: str  # the number as written, without grouping commas: "2.477"
    scale: Decimal  # 10**9 for "billion"
    yen_ambiguous: bool  # "¥" with nothing saying yen or yuan
    loose_unit: bool  # the unit is a plural noun outside the registry ("12,000 points")
    spelled: bool = False  # the number is written in Chinese numerals ("三百五十亿")
    indefinite: bool = False  # "一家公司": "a company", not a count of one


def to_decimal(mantissa: str, scale: Decimal = Decimal(1)) -> Decimal:
    """Scale a written number exactly, and give integers a plain (non-exponent) form."""
    # Exactly: the default context rounds to 28 digits, and a claim keeps 30.
    with localcontext(Context(prec=100)):
        value = Decimal(mantissa) * scale
        if value == value.to_integral_value() and value.adjusted() < 27:
            return value.quantize(Decimal(1))
        return value.normalize()


def matched_value(m: re.Match[str], mantissa: str, scale: Decimal) -> Decimal | None:
    """The signed value of a grammar match (its `sign` group), or None when unusable."""
    try:
        value = to_decimal(mantissa, scale)
    except (InvalidOperation, ArithmeticError, ValueError):
        return None
    return -value if m.group("sign") else value

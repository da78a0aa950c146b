"""Dates written in a sentence, with their precision: "2024年2月" is a month, "2023年" a year.

The finder gives each figure the date its sentence names nearest before it (else the
first one after it), as a guess for the claim's `as_of`. Relative dates ("上一财季",
"last quarter", "去年") and fiscal years ("2024财年", "FY2024", which do not follow the
calendar) are left without a date: the sentence alone cannot settle them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .chinese import normalise
from .zh_numerals import DIGITS

PRECISIONS = ("day", "month", "quarter", "year")


@dataclass(frozen=True)
class FigureDate:
    """A date as precise as the text: `date` is the first day of the period named."""

    date: dt.date
    precision: str  # "day", "month", "quarter" or "year"
    start: int = 0
    end: int = 0

    @property
    def label(self) -> str:
        """As the claims CSV writes `as_of`: 2024-10-15, 2024-02, 2024-Q2, 2024."""
        if self.precision == "day":
            return self.date.isoformat()
        if self.precision == "month":
            return f"{self.date.year}-{self.date.month:02d}"
        if self.precision == "quarter":
            return f"{self.date.year}-Q{(self.date.month - 1) // 3 + 1}"
        return str(self.date.year)


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_YEAR = r"(?:19|20)[0-9]{2}"

_DATE_RE = re.compile(
    rf"""
    (?<![0-9A-Za-z])
    (?:
        (?P<zy>{_YEAR})\s*年\s*
        (?:
            (?P<zm>1[0-2]|0?[1-9])\s*月(?:\s*(?P<zd>3[01]|[12][0-9]|0?[1-9])\s*[日号])?
          | 第?(?P<zq>[一二三四1-4])\s*季度
          | [Qq](?P<zqq>[1-4])(?![0-9])
        )?
      | (?P<iso>{_YEAR}-[01][0-9]-[0-3][0-9])(?![0-9])
      | (?P<em>{_MONTH})\.?\s+(?:(?P<ed>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?,?\s+)?
            (?P<ey>{_YEAR})(?![0-9])
      | (?P<dd>3[01]|[12][0-9]|0?[1-9])\s+(?P<dm>{_MONTH})\.?\s+(?P<dy>{_YEAR})(?![0-9])
      | (?:Q(?P<qn>[1-4])|(?:the\s+)?(?P<qw>first|second|third|fourth)\s+quarter\s+of)
            \s+(?P<qy>{_YEAR})(?![0-9])
      | (?<=in\s)(?P<iy>{_YEAR})(?![0-9A-Za-z/-])
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _quarter(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def _from_match(m: re.Match[str]) -> FigureDate | None:
    g = m.group
    try:
        if g("zy"):
            year = int(g("zy"))
            if g("zd"):
                return FigureDate(dt.date(year, int(g("zm")), int(g("zd"))), "day")
            if g("zm"):
                return FigureDate(dt.date(year, int(g("zm")), 1), "month")
            quarter = g("zq") or g("zqq")
            if quarter:
                number = DIGITS.get(quarter) or int(quarter)
                return FigureDate(_quarter(year, number), "quarter")
            return FigureDate(dt.date(year, 1, 1), "year")
        if g("iso"):
            return FigureDate(dt.date.fromisoformat(g("iso")), "day")
        if g("em"):
            month = _MONTHS[g("em").lower()]
            if g("ed"):
                return FigureDate(dt.date(int(g("ey")), month, int(g("ed"))), "day")
            return FigureDate(dt.date(int(g("ey")), month, 1), "month")
        if g("dm"):
            return FigureDate(dt.date(int(g("dy")), _MONTHS[g("dm").lower()], int(g("dd"))), "day")
        if g("qy"):
            quarter = int(g("qn")) if g("qn") else _ORDINAL_QUARTERS[g("qw").lower()]
            return FigureDate(_quarter(int(g("qy")), quarter), "quarter")
        if g("iy"):
            return FigureDate(dt.date(int(g("iy")), 1, 1), "year")
    except ValueError:  # "2023年2月30日"
        return None
    return None


def find_dates(text: str) -> list[FigureDate]:
    """Every date written in `text`, in reading order, with its span."""
    found = []
    for m in _DATE_RE.finditer(normalise(text)):
        date = _from_match(m)
        if date is not None:
            found.append(FigureDate(date.date, date.precision, m.start(), m.end()))
    return found


def date_for(dates: list[FigureDate], at: int) -> FigureDate | None:
    """The date nearest before position `at`, else the first one after it."""
    before = [d for d in dates if d.end <= at]
    if before:
        return before[-1]
    after = [d for d in dates if d.start >= at]
    return after[0] if after else None

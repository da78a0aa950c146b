"""A claim's as-of date as people write it: "15 Oct 2024", "February 2024", "Q2 2024", "FY2024".

A figure refers to a day or to a period. The desk stores the period's last day (a flow such
as revenue is counted to the end of its period; a stock such as a valuation stands at that
end) together with the precision the writer used, and shows the date again as written:

    day          2024-10-15   "15 Oct 2024"    2024年10月15日
    month        2024-02      "February 2024"  2024年2月
    quarter      2024-Q2      "Q2 2024"        2024年第二季度
    half         2025-H1      "H1 2025"        2025年上半年
    year         2024         "2024"           2024年
    fiscal_year  FY2024       "FY2024"         2024财年

The middle column is the `label` (the claims CSV's `as_of`). A fiscal year ends when the
company says (March, June, September…), which its name alone does not tell; it is kept as
the end of the calendar year it is named after, for sorting and currency conversion, and
`start` reaches back a whole year more so that no fiscal year is thought to begin too late.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .chinese import normalise
from .dates import _DATE_RE, _MONTHS, _from_match
from .formatting import format_day

DAY, MONTH, QUARTER, HALF, YEAR, FISCAL_YEAR = (
    "day",
    "month",
    "quarter",
    "half",
    "year",
    "fiscal_year",
)
PRECISIONS = (DAY, MONTH, QUARTER, HALF, YEAR, FISCAL_YEAR)

_MONTH_NAMES = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_ZH_QUARTERS = "一二三四"

EXAMPLES = '"15 Oct 2024", "2024-10-15", "February 2024", "Q2 2024", "H1 2025", "2024", "FY2024"'


class AsOfError(ValueError):
    """The text is not a date or period the desk can read; the message says what would be."""


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class AsOf:
    """A date with its precision: `date` is the last day of the period named."""

    date: dt.date
    precision: str = DAY

    def __post_init__(self):
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")

    @classmethod
    def of(cls, year: int, precision: str, number: int = 1, day: int = 1) -> AsOf:
        """The period `number` (month 1-12, quarter 1-4, half 1-2) of `year`, ending on its last day."""
        if precision == DAY:
            return cls(dt.date(year, number, day), DAY)
        if precision == MONTH:
            return cls(_month_end(year, number), MONTH)
        if precision == QUARTER:
            return cls(_month_end(year, 3 * number), QUARTER)
        if precision == HALF:
            return cls(_month_end(year, 6 * number), HALF)
        return cls(dt.date(year, 12, 31), precision)

    @property
    def quarter(self) -> int:
        return (self.date.month - 1) // 3 + 1

    @property
    def half(self) -> int:
        return 1 if self.date.month <= 6 else 2

    @property
    def start(self) -> dt.date:
        """The period's first day (for a fiscal year, the earliest it can begin)."""
        year, month = self.date.year, self.date.month
        if self.precision == DAY:
            return self.date
        if self.precision == MONTH:
            return self.date.replace(day=1)
        if self.precision == QUARTER:
            return dt.date(year, month - 2, 1)
        if self.precision == HALF:
            return dt.date(year, month - 5, 1)
        if self.precision == YEAR:
            return dt.date(year, 1, 1)
        return dt.date(year - 1, 1, 1)

    @property
    def label(self) -> str:
        """As the claims CSV writes `as_of`: 2024-10-15, 2024-02, 2024-Q2, 2025-H1, 2024, FY2024."""
        year = self.date.year
        return {
            DAY: self.date.isoformat(),
            MONTH: f"{year}-{self.date.month:02d}",
            QUARTER: f"{year}-Q{self.quarter}",
            HALF: f"{year}-H{self.half}",
            YEAR: str(year),
            FISCAL_YEAR: f"FY{year}",
        }[self.precision]

    def text(self, language: str = "en") -> str:
        """As a person writes it: "15 Oct 2024", "February 2024", "Q2 2024"; 2024年2月 in Chinese."""
        if self.precision == DAY:
            return format_day(self.date, language)
        if language.lower().startswith("zh"):
            return self._text_zh()
        d, year = self.date, self.date.year
        return {
            MONTH: f"{_MONTH_NAMES[d.month]} {year}",
            QUARTER: f"Q{self.quarter} {year}",
            HALF: f"H{self.half} {year}",
            YEAR: str(year),
            FISCAL_YEAR: f"FY{year}",
        }[self.precision]

    def _text_zh(self) -> str:
        d, year = self.date, self.date.year
        return {
            MONTH: f"{year}年{d.month}月",
            QUARTER: f"{year}年第{_ZH_QUARTERS[self.quarter - 1]}季度",
            HALF: f"{year}年{'上' if self.half == 1 else '下'}半年",
            YEAR: f"{year}年",
            FISCAL_YEAR: f"{year}财年",
        }[self.precision]

    @property
    def machine(self) -> str:
        """For <time datetime>: HTML takes a day, a month or a year; a quarter or half gives its year."""
        if self.precision == DAY:
            return self.date.isoformat()
        if self.precision == MONTH:
            return f"{self.date.year}-{self.date.month:02d}"
        if self.precision == FISCAL_YEAR:
            return ""  # its months are the company's own: no calendar value is right
        return str(self.date.year)


_YEAR = r"(?P<y>(?:19|20)[0-9]{2})"
_SHORT_OR_LONG_YEAR = r"(?P<y>(?:19|20)?[0-9]{2})"
_HALF_WORDS = {"first": 1, "second": 2}
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"{_YEAR}"), YEAR),
    (re.compile(rf"{_YEAR}\s*-\s*(?P<n>0[1-9]|1[0-2])"), MONTH),
    (re.compile(rf"{_YEAR}\s*[-/ ]?\s*Q(?P<n>[1-4])", re.I), QUARTER),
    (re.compile(rf"Q(?P<n>[1-4])\s*[-/ ,]?\s*{_YEAR}", re.I), QUARTER),
    (re.compile(rf"{_YEAR}\s*[-/ ]?\s*H(?P<n>[12])", re.I), HALF),
    (re.compile(rf"(?:H(?P<n>[12])|(?P<n2>[12])H)\s*[-/ ,]?\s*{_YEAR}", re.I), HALF),
    (
        re.compile(rf"(?:the\s+)?(?P<w>first|second)\s+half\s+(?:of\s+)?{_YEAR}", re.I),
        HALF,
    ),
    (re.compile(rf"{_YEAR}\s*年\s*(?P<zh>[上下])半年"), HALF),
    (re.compile(rf"FY\s*[-']?\s*{_SHORT_OR_LONG_YEAR}", re.I), FISCAL_YEAR),
    (re.compile(rf"(?:fiscal|financial)\s+(?:year\s+)?{_YEAR}", re.I), FISCAL_YEAR),
    (re.compile(rf"{_YEAR}\s*(?:财年|财政年度|会计年度)"), FISCAL_YEAR),
    (re.compile(rf"{_YEAR}\s*/\s*(?P<n>0?[1-9]|1[0-2])\s*/\s*(?P<d>[0-3]?[0-9])"), DAY),
    (re.compile(rf"(?P<m>[A-Za-z]+)\.?\s*,?\s*{_YEAR}"), MONTH),
]
_AMBIGUOUS = re.compile(r"[0-3]?[0-9]\s*[/.]\s*[0-3]?[0-9]\s*[/.]\s*(?:19|20)?[0-9]{2}")


def _from_pattern(m: re.Match[str], precision: str) -> AsOf | None:
    g = m.groupdict()
    year = int(g["y"])
    if year < 100:
        year += 2000
    if precision == DAY:
        return AsOf.of(year, DAY, int(g["n"]), int(g["d"]))
    if precision == MONTH and g.get("m"):
        month = _MONTHS.get(g["m"].lower())
        return AsOf.of(year, MONTH, month) if month else None
    if precision == HALF:
        if g.get("w"):
            number = _HALF_WORDS[g["w"].lower()]
        elif g.get("zh"):
            number = 1 if g["zh"] == "上" else 2
        else:
            number = int(g.get("n") or g.get("n2"))
        return AsOf.of(year, HALF, number)
    return AsOf.of(year, precision, int(g["n"]) if g.get("n") else 1)


def parse_as_of(text: str) -> AsOf:
    """The date or period in `text`, which must be nothing else; AsOfError says what went wrong."""
    cleaned = normalise(text).strip().rstrip(".").strip()
    if not cleaned:
        raise AsOfError("Write a date or a period.")
    try:
        for pattern, precision in _PATTERNS:
            m = pattern.fullmatch(cleaned)
            if m:
                found = _from_pattern(m, precision)
                if found is not None:
                    return found
        m = _DATE_RE.fullmatch(cleaned)
        if m:
            found = _from_match(m)  # None: a day that does not exist, such as 31 Feb
            if found is None:
                raise ValueError(cleaned)
            return _end_of(found.date, found.precision)
    except ValueError:
        raise AsOfError(
            f"“{text}” names a day that does not exist: check the day and the month."
        ) from None
    if _AMBIGUOUS.fullmatch(cleaned):
        raise AsOfError(
            f"“{text}” could be read day-first or month-first: write the month as a word "
            '("15 Oct 2024") or the date as 2024-10-15.'
        )
    raise AsOfError(f"“{text}” is not a date the desk can read. Write it as {EXAMPLES}.")


def _end_of(start: dt.date, precision: str) -> AsOf:
    """The finder's dates start their period; the desk keeps its end."""
    if precision == DAY:
        return AsOf(start, DAY)
    if precision == QUARTER:
        return AsOf.of(start.year, QUARTER, (start.month - 1) // 3 + 1)
    return AsOf.of(start.year, precision, start.month)


def as_of_text(date: dt.date | None, precision: str | None, language: str = "en") -> str:
    """A stored as-of date as written ("February 2024"); blank when there is none."""
    if date is None:
        return ""
    return AsOf(date, precision or DAY).text(language)


def as_of_label(date: dt.date | None, precision: str | None) -> str:
    """A stored as-of date as the claims CSV writes it ("2024-02"); blank when there is none."""
    if date is None:
        return ""
    return AsOf(date, precision or DAY).label

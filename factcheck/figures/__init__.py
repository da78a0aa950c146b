"""The numbers themselves: parsing "$157 billion", units, currencies, FX and arithmetic checks.

Pure Python (no Django): strings and Decimals in, values out.
"""

from .checks import CheckResult
from .dates import FigureDate, find_dates
from .deviation import Deviation, compare_with_excerpt, compare_with_source
from .figure import QUALIFIERS, Figure, FigureError
from .finder import Candidate, find_figures
from .formatting import format_day, format_figure, format_figure_zh
from .grammar import parse_figure, parse_figure_strict
from .units import currency_symbol, is_currency, normalise_unit
from .vague import find_vague_amounts

__all__ = [
    "QUALIFIERS",
    "Candidate",
    "CheckResult",
    "Deviation",
    "Figure",
    "FigureDate",
    "FigureError",
    "compare_with_excerpt",
    "compare_with_source",
    "currency_symbol",
    "find_dates",
    "find_figures",
    "find_vague_amounts",
    "format_day",
    "format_figure",
    "format_figure_zh",
    "is_currency",
    "normalise_unit",
    "parse_figure",
    "parse_figure_strict",
]

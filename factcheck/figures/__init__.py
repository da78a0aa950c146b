"""The numbers themselves: parsing "$157 billion", units, currencies, FX and arithmetic checks.

Pure Python (no Django): strings and Decimals in, values out.
"""

from .figure import QUALIFIERS, Figure, FigureError
from .formatting import format_figure
from .grammar import parse_figure, parse_figure_strict
from .units import currency_symbol, is_currency, normalise_unit

__all__ = [
    "QUALIFIERS",
    "Figure",
    "FigureError",
    "currency_symbol",
    "format_figure",
    "is_currency",
    "normalise_unit",
    "parse_figure",
    "parse_figure_strict",
]

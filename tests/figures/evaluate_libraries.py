"""Measure figure-parsing libraries against our grammar (run by hand, not by pytest).

    pip install --target /tmp/libeval price-parser quantulum3 babel
    PYTHONPATH=/tmp/libeval .venv/bin/python -W ignore -m tests.figures.evaluate_libraries

Each library gets a sample right when, among what it extracts from the sample
sentence, one figure has the expected value, unit and qualifier. Units the
libraries name differently ("united states dollar", "percentage") are mapped
to ours first, so they are not penalised for spelling. The results are written
up in factcheck/figures/README.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from factcheck.figures import find_figures
from factcheck.figures.units import currency_code, normalise_unit

from .figure_samples import SAMPLES

Extracted = list[tuple[Decimal, str, str]]

LIBRARY_UNIT_NAMES = {
    "dollar": "USD",
    "united states dollar": "USD",
    "hong kong dollar": "HKD",
    "renminbi": "CNY",
    "chinese yuan": "CNY",
    "euro": "EUR",
    "pound sterling": "GBP",
    "japanese yen": "JPY",
    "south korean won": "KRW",
    "indian rupee": "INR",
    "percentage": "%",
    "per cent": "%",
    "megawatt": "MW",
    "gigawatt": "GW",
}


def ours(sentence: str) -> Extracted:
    return [(c.figure.value, c.figure.unit, c.figure.qualifier) for c in find_figures(sentence)]


def price_parser(sentence: str) -> Extracted:
    from price_parser import Price

    price = Price.fromstring(sentence)
    if price.amount is None:
        return []
    currency = price.currency or ""
    return [(price.amount, currency_code(currency) or normalise_unit(currency), "exact")]


def quantulum(sentence: str) -> Extracted:
    from quantulum3 import parser

    found: Extracted = []
    for quantity in parser.parse(sentence):
        name = quantity.unit.name.lower()
        unit = LIBRARY_UNIT_NAMES.get(name) or currency_code(name) or normalise_unit(name)
        if name == "dimensionless":
            unit = ""
        value = Decimal(repr(quantity.value))
        # quantulum returns floats: accept the value at 6 significant figures too.
        found += [(value, unit, "exact"), (Decimal(f"{value:.6g}"), unit, "exact")]
    return found


def babel(sentence: str) -> Extracted:
    from babel.numbers import NumberFormatError, parse_decimal

    found: Extracted = []
    for token in re.findall(r"[0-9][0-9.,]*[0-9]|[0-9]", sentence):
        try:
            found.append((parse_decimal(token, locale="en_US"), "", "exact"))
        except NumberFormatError:
            continue
    return found


def score(extract: Callable[[str], Extracted]) -> tuple[int, int, int]:
    full = value_unit = value_only = 0
    for sentence, _written, value, unit, qualifier in SAMPLES:
        got = [(v.normalize(), u, q) for v, u, q in extract(sentence)]
        value = value.normalize()
        full += any(g == (value, unit, qualifier) for g in got)
        value_unit += any(g[:2] == (value, unit) for g in got)
        value_only += any(g[0] == value for g in got)
    return full, value_unit, value_only


def main() -> None:
    n = len(SAMPLES)
    for name, extract in [
        ("ours (regex grammar)", ours),
        ("price-parser", price_parser),
        ("quantulum3", quantulum),
        ("babel parse_decimal", babel),
    ]:
        full, value_unit, value_only = score(extract)
        print(
            f"{name:22} value+unit+qualifier {full}/{n}  value+unit {value_unit}/{n}  "
            f"value {value_only}/{n}"
        )


if __name__ == "__main__":
    main()

"""The `as_written` column in SQL, for the COPY export: `figures.format_figure`, cell for cell.

`format_figure(value, unit, qualifier)` does two kinds of work. What depends on the unit and
the qualifier (which currency a unit names and its symbol, which scale words it takes, the
qualifier's words) is decided here in Python, by the figures engine itself, once for each
distinct (unit, qualifier) pair of the export, and handed to the query as a small table
(`figure_forms`). What depends on the value is done by the database for every row, as
`display_value` and `format_figure` do it: keep the significant figures the value has (at
most 4 from a million up, never rounding away the integer part below), round half away from
zero, pick the scale word, group the thousands. tests/csv/test_copy_export.py holds the
result to `format_figure` with hostile units and hypothesis values.

Doing the per-row part in SQL keeps the COPY export free of Python per row; see
docs/PERFORMANCE.md for what it costs.
"""

from decimal import Decimal

from django.db.models import QuerySet

from factcheck.figures import currency_symbol, format_figure
from factcheck.figures.formatting import _INDIAN_SCALES, _WESTERN_SCALES, DEFAULT_MAX_DIGITS
from factcheck.figures.units import currency_code

UNSCALED, WESTERN, INDIAN = 0, 1, 2
_SCALES = {WESTERN: _WESTERN_SCALES, INDIAN: _INDIAN_SCALES}
# Every scale is a power of ten with its own exponent, so the exponent names the word.
_WORDS = {size.adjusted(): f" {word}" for scales in _SCALES.values() for size, word in scales}
assert len(_WORDS) == sum(len(scales) for scales in _SCALES.values())


def _forms(unit: str, qualifier: str) -> tuple[str, str, str, int]:
    """(qualifier words, text before the number, text after it, scales) for one pair.

    The branches are `format_figure`'s: a currency is written before the number, `%`, `pp`
    and other units after it; `%` and `pp` are never scaled, rupees take lakh and crore.
    """
    # The qualifier's words, from the formatter itself: whatever it puts before a bare 0.
    words = format_figure(Decimal(0), "", qualifier).removesuffix("0")
    code = currency_code(unit) if unit else None
    scales = UNSCALED if unit in ("%", "pp") else INDIAN if code == "INR" else WESTERN
    if code:
        return words, currency_symbol(code), "", scales
    if unit == "%":
        return words, "", "%", scales
    if unit == "pp":
        return words, "", " percentage points", scales
    return words, "", f" {unit}" if unit else "", scales


def figure_forms(claims: QuerySet) -> list[list]:
    """The forms of every (unit, qualifier) pair in `claims`, as the six arrays JOIN_FORMS takes.

    One query (a DISTINCT over the claims); run it in the snapshot the export reads, so that
    no claim can have a pair this did not see.
    """
    pairs = claims.order_by().values_list("unit", "qualifier").distinct()
    rows = [(unit, qualifier, *_forms(unit, qualifier)) for unit, qualifier in pairs]
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * 6


# The forms table, joined on the claim `c`; its six parameters are figure_forms()'s arrays.
JOIN_FORMS = (
    "LEFT JOIN unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::int[]) "
    "AS fu(unit, qualifier, words, before, after, scales) "
    "ON fu.unit = c.unit AND fu.qualifier = c.qualifier"
)


def _exponent() -> str:
    """The power of ten of the scale word `f1.shown` takes (0: none)."""
    branches = " ".join(
        f"WHEN fu.scales = {kind} AND f1.shown >= {size:f} THEN {size.adjusted()}"
        for kind, scales in _SCALES.items()
        for size, _ in scales  # largest first, as `_scaled` tries them
    )
    return f"CASE {branches} ELSE 0 END"


def _by_exponent(column: str, values: dict[int, str], default: str) -> str:
    branches = " ".join(f"WHEN {e} THEN {text}" for e, text in values.items())
    return f"CASE {column} {branches} ELSE {default} END"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# `display_value`'s rounding, over `a` (the value without its sign): to 4 significant figures
# (Decimal.adjusted() from the digits), but to a whole number from a thousand to a million;
# below 1, `a::text` is '0.' and the zeros before the first figure.
# Rounding to more figures than a value has changes nothing, so this is `digits` = min(the
# figures it has, the cap) without counting them. Half away from zero, as ROUND_HALF_UP.
_DIGITS = DEFAULT_MAX_DIGITS
_DECIMALS = (
    f"CASE WHEN a >= {10 ** (_DIGITS - 1)} AND a < 1000000 THEN 0"
    f" WHEN a >= 1 THEN {_DIGITS} - length(trunc(a)::text)"  # digits - 1 - adjusted
    " WHEN a = 0 THEN 0"
    f" ELSE {_DIGITS - 2} + length(a::text) - length(ltrim(substr(a::text, 3), '0')) END"
)
_SHIFT = _by_exponent("e", {e: f"{Decimal(1).scaleb(-e):f}" for e in _WORDS}, "1")
_WORD = _by_exponent("f2.e", {e: _quoted(word) for e, word in _WORDS.items()}, "''")

# Per row, joined after JOIN_FORMS: f1 the value `display_value` keeps, without its sign
# (`shown`; the sign is the claim's, as rounding never makes a value 0), f2 its scale
# (`e`) and the scaled number's integer and fraction digits, aw the figure as written (NULL
# where the claim has no value). OFFSET 0 keeps PostgreSQL from inlining each step into the
# next, where every reference would repeat the whole expression before it (3× slower).
JOIN_STEPS = rf"""
CROSS JOIN LATERAL (
    SELECT round(a, {_DECIMALS}) AS shown FROM (SELECT abs(c.value) AS a) AS d OFFSET 0
) AS f1
CROSS JOIN LATERAL (
    SELECT e, split_part(m, '.', 1) AS whole, split_part(m, '.', 2) AS fraction
    FROM (
        SELECT e, trim_scale(f1.shown * {_SHIFT})::text AS m
        FROM (SELECT {_exponent()} AS e) AS s
    ) AS n
    OFFSET 0
) AS f2
CROSS JOIN LATERAL (
    SELECT fu.words || CASE WHEN c.value < 0 THEN '-' ELSE '' END || fu.before
    || CASE WHEN length(f2.whole) <= 3 THEN f2.whole
       ELSE regexp_replace(f2.whole, '(\d)(?=(\d{{3}})+$)', '\1,', 'g') END
    || CASE WHEN f2.fraction = '' THEN '' ELSE '.' || f2.fraction END
    || {_WORD}
    || fu.after AS as_written
    OFFSET 0
) AS aw
"""  # noqa: S608 - no input: the SQL is all constants
AS_WRITTEN = "aw.as_written"

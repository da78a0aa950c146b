"""Every CSV export of claims: the command's, the admin's and `/claims.csv`, as one stream.

`iter_rows` reads the claims a queryset selects, in its order: one query for the claims
(streamed from a server-side cursor, `iterator()`), and one per chunk for their sources.
Nothing holds more than one chunk, so a million claims take as little memory as a thousand.
The rows are csvio.columns', so each cell is written and neutralised the same way
everywhere. `iter_csv` makes them a file's text for a streaming response (the admin, the
public view); `write_csv` writes them to a file (`export_claims`).

On PostgreSQL `write_csv` has the database write the CSV itself (`COPY … TO STDOUT`):
formatting a million rows in Python ran at 0.6× a bare `csv.writer` that formats nothing;
PostgreSQL formats and writes them several times faster than either. The cells are the ones
`columns.row_from_values` writes — numbers without trailing zeros, ISO dates, UTC timestamps,
a claim's sources joined by " | ", the figure as written, a corrected value only beside the
verdicts that have one, every text cell neutralised as `safety.neutralise` does — and
tests/factcheck/csvio/test_export_copy.py holds the two to the same rows. Only the bytes
between the cells may differ: COPY ends lines with LF where Python's csv writer writes CRLF,
which every CSV reader takes alike.

Which claims an export holds, and in what order, is its caller's (`/claims.csv` writes the
public listing's rows, sorted as the page is); pending changes are never written
(`Claim.objects.desk()`): they are reached from the claim they would replace.
"""

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from itertools import islice
from typing import TextIO

from django.db import connection, connections, transaction
from django.db.models import QuerySet

from companies.models import Company
from factcheck.csvio.columns import HEADER, SOURCE_SEPARATOR, VALUE_FIELDS, row_from_values
from factcheck.csvio.safety import PLAIN_NUMBER, PREFIX, TRIGGERS
from factcheck.figures import currency_symbol, format_figure
from factcheck.figures.formatting import _INDIAN_SCALES, _WESTERN_SCALES, DEFAULT_MAX_DIGITS
from factcheck.figures.units import currency_code
from factcheck.models import Article, Claim, Source
from factcheck.models.articles import Language
from factcheck.models.claims import CORRECTABLE

CHUNK_SIZE = 2000
UTF8_BOM = "\ufeff"


def iter_rows(claims: QuerySet, chunk_size: int = CHUNK_SIZE) -> Iterator[list[str]]:
    """The CSV rows of `claims` (pending changes left out), in the queryset's order, without
    the header."""
    values = claims.desk().values_list(*VALUE_FIELDS).iterator(chunk_size=chunk_size)
    while chunk := list(islice(values, chunk_size)):
        urls: dict[int, list[str]] = {}
        sources = Source.objects.using(claims.db).filter(claim_id__in=[row[0] for row in chunk])
        for claim_id, url in sources.order_by("pk").values_list("claim_id", "url"):
            urls.setdefault(claim_id, []).append(url)
        for row in chunk:
            yield row_from_values(row, urls.get(row[0], ()))


class _Echo:
    """A file-like object that hands back what is written: csv.writer into a generator."""

    def write(self, text: str) -> str:
        return text


def iter_csv(claims: QuerySet, *, bom: bool = False) -> Iterator[str]:
    """The whole CSV file of `claims` as text chunks, header first (for streaming responses)."""
    writer = csv.writer(_Echo())
    yield (UTF8_BOM if bom else "") + writer.writerow(HEADER)
    buffer = []
    for row in iter_rows(claims):
        buffer.append(writer.writerow(row))
        if len(buffer) >= 500:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def write_csv(claims: QuerySet, out: TextIO) -> int:
    """Write `claims` as CSV (header first) to the file `out`, in id order; returns how many
    claims were written. On PostgreSQL the database writes the rows (copy_csv)."""
    if connections[claims.db].vendor == "postgresql":
        return copy_csv(claims, out)
    return write_rows(claims.order_by("pk"), out)


def write_rows(claims: QuerySet, out: TextIO) -> int:
    """write_csv's rows formatted in Python, in the queryset's order (on every database)."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    count = 0
    for row in iter_rows(claims):
        writer.writerow(row)
        count += 1
    return count


# --- `as_written` in SQL: figures.format_figure, cell for cell ---------------------------
#
# `format_figure(value, unit, qualifier)` does two kinds of work. What depends on the unit
# and the qualifier (which currency a unit names and its symbol, which scale words it takes,
# the qualifier's words) is decided here in Python, by the figures engine itself, once for
# each distinct (unit, qualifier) pair of the export, and handed to the query as a small
# table (`figure_forms`). What depends on the value is done by the database for every row,
# as `display_value` and `format_figure` do it: keep the significant figures the value has
# (at most 4 from a million up, never rounding away the integer part below), round half
# away from zero, pick the scale word, group the thousands. test_export_copy.py holds the
# result to `format_figure` with hostile units and hypothesis values.

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


# --- the COPY path: the same cells, formatted by PostgreSQL ------------------------------


def _literal(text: str) -> str:
    """`text` as an SQL string literal (E'' so that tabs and line breaks survive)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    escaped = escaped.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")
    return f"E'{escaped}'"


# safety.neutralise in SQL: a cell whose core (leading apostrophes stripped) starts a
# formula and is not a plain number (safety's PLAIN_NUMBER, which PostgreSQL reads as is)
# gets one more apostrophe.
_PLAIN_NUMBER = f"^(?:{PLAIN_NUMBER.pattern})$"
_TRIGGERS = ", ".join(_literal(t) for t in TRIGGERS)


def _text(column: str) -> str:
    core = f"ltrim({column}, {_literal(PREFIX)})"
    neutralised = (
        # Most cells start with neither a trigger nor an apostrophe: one cheap test for them.
        f"CASE WHEN left({column}, 1) IN ({_TRIGGERS}, {_literal(PREFIX)}) "
        f"AND left({core}, 1) IN ({_TRIGGERS}) AND {core} !~ {_literal(_PLAIN_NUMBER)} "
        f"THEN {_literal(PREFIX)} || {column} ELSE {column} END"
    )
    return f"NULLIF({neutralised}, '')"  # NULL: an empty cell, as Python writes ""


def _number(column: str) -> str:
    return f"trim_scale({column})::text"


def _timestamp(column: str) -> str:
    """`datetime.astimezone(UTC).isoformat()`: microseconds only when there are any."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    micro = f"mod(date_part('microseconds', {column})::bigint, 1000000)"
    return (
        f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') "
        f"|| CASE WHEN {micro} = 0 THEN '' ELSE to_char({utc}, '.US') END || '+00:00'"
    )


# A claim's sources, as one lateral (evaluated once per row, though _text names it thrice).
_JOIN_SOURCES = (
    f"LEFT JOIN LATERAL (SELECT string_agg(s.url, {_literal(SOURCE_SEPARATOR)} ORDER BY s.id) "  # noqa: S608
    f"AS urls FROM {Source._meta.db_table} s WHERE s.claim_id = c.id) AS src ON true"
)
# `as_of` with its stored precision, as figures.as_of.as_of_label writes it.
_AS_OF = (
    "CASE c.as_of_precision"
    " WHEN 'month' THEN to_char(c.as_of, 'YYYY-MM')"
    " WHEN 'quarter' THEN to_char(c.as_of, 'YYYY-\"Q\"Q')"
    " WHEN 'half' THEN to_char(c.as_of, 'YYYY') || '-H' ||"
    " CASE WHEN extract(month FROM c.as_of) <= 6 THEN '1' ELSE '2' END"
    " WHEN 'year' THEN to_char(c.as_of, 'YYYY')"
    " WHEN 'fiscal_year' THEN 'FY' || to_char(c.as_of, 'YYYY')"
    " ELSE to_char(c.as_of, 'YYYY-MM-DD') END"
)
# The SQL of each column, by its HEADER name.
_CORRECTABLE = ", ".join(_literal(status) for status in sorted(CORRECTABLE))
_SQL_COLUMNS = {
    "id": "c.id::text",
    "version": "c.version::text",
    "article": _text("a.slug"),
    "company": _text("co.name"),
    "quote": _text("c.quote"),
    "metric": _text("c.metric"),
    "value": _number("c.value"),
    "as_written": _text(AS_WRITTEN),
    "unit": _text("c.unit"),
    "usd_value": _number("c.usd_value"),
    "qualifier": _text("c.qualifier"),
    "as_of": _AS_OF,
    "period": _text("c.period"),
    "status": _text("c.status"),
    "note": _text("c.note"),
    "corrected_value": (
        f"CASE WHEN c.status IN ({_CORRECTABLE}) THEN {_number('c.corrected_value')} END"
    ),
    "sources": _text("src.urls"),
    "published_at": _timestamp("c.published_at"),
    "language": _text(
        f"COALESCE(NULLIF(c.language, ''), NULLIF(a.language, ''), {_literal(Language.EN)})"
    ),
}
_COLUMNS = [_SQL_COLUMNS[name] for name in HEADER]


def copy_csv(claims: QuerySet, out: TextIO) -> int:
    """Write `claims` (pending changes left out) as CSV, header first, to `out`, in id order,
    by the database (COPY). Returns how many claims were written."""
    claims = claims.desk()
    with _one_snapshot():
        forms = figure_forms(claims)
        ids_sql, ids_params = claims.order_by().values("pk").query.sql_with_params()
        select = (
            f"SELECT {', '.join(_COLUMNS)} FROM {Claim._meta.db_table} c "  # noqa: S608 - no input
            f"LEFT JOIN {Article._meta.db_table} a ON a.id = c.article_id "
            f"LEFT JOIN {Company._meta.db_table} co ON co.id = c.company_id "
            f"{_JOIN_SOURCES} {JOIN_FORMS} {JOIN_STEPS} "
            f"WHERE c.id IN ({ids_sql}) ORDER BY c.id"
        )
        csv.writer(out, lineterminator="\n").writerow(HEADER)
        return _copy(select, [*forms, *ids_params], out)


@contextmanager
def _one_snapshot():
    """One REPEATABLE READ snapshot for the forms query and the COPY, so that no claim saved
    between the two can have a (unit, qualifier) the forms table lacks. Inside a caller's
    transaction (the tests'), that transaction decides."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _copy(select: str, params: list, out: TextIO) -> int:
    """Stream `COPY (select) TO STDOUT` to `out` as text; returns the number of rows."""
    decode = codecs.getincrementaldecoder("utf-8")().decode  # a block may split a character
    pending = ""
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own: Django's wrapper has no copy()
        query = cursor.mogrify(select, params)
        with cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                # Whole lines only: a command's stdout ends every write with a newline.
                text = pending + decode(bytes(block))
                cut = text.rfind("\n") + 1
                if cut:
                    out.write(text[:cut])
                pending = text[cut:]
        pending += decode(b"", final=True)
        if pending:
            out.write(pending)
        return cursor.rowcount

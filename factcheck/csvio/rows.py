"""One CSV row checked and turned into claim values, the same way for the admin and the commands.

`RowParser` knows the desk's companies and articles (loaded once, not once per row) and
reads each cell: figures through the figure grammar, companies by name, slug or alias,
ISO dates, http(s) sources. Then the model's own validation runs on the result. What a row
means against the claims already stored (does the id exist, may this verdict be given) is
decided in csvio.importer, which sees many rows at once.
"""

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models

from companies.models import Company
from factcheck import figures
from factcheck.csvio.columns import IMPORTED_FIELDS
from factcheck.csvio.reader import CSVRow
from factcheck.csvio.safety import PLAIN_NUMBER, PREFIX, unneutralise
from factcheck.figures.as_of import AsOfError, parse_as_of
from factcheck.models import Article, Claim, Metric, Qualifier, Source, Status

_SOURCE_SPLIT = re.compile(r"[\s|]+")
_DAY_LIKE = re.compile(r"[0-9]+[-/.][0-9]+[-/.][0-9]+")  # meant as a day: say how to write one


@dataclass(slots=True, frozen=True)
class RowError:
    """What is wrong with one cell (or, with no column, one row) of the file."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, {self.column}" if self.column else f"line {self.line}"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ClaimRow:
    """A row whose cells are all valid: the claim's values as the import will write them."""

    line: int
    id: int | None
    version: int | None
    article_id: int | None
    company_id: int | None
    quote: str
    metric: str
    value: Decimal
    unit: str
    qualifier: str
    as_of: dt.date | None
    period: str
    status: str
    note: str
    corrected_value: Decimal | None
    sources: tuple[str, ...] = field(default=())
    cells: dict[str, str] = field(default_factory=dict, repr=False)  # as read, for previews
    as_of_precision: str = "day"  # "2024-02" is February 2024, kept as 2024-02-29 (month)
    language: str = ""  # blank: the article's language (else English)


def _choices(choices_class) -> dict[str, str]:
    """Each allowed value, and its label, written loosely ("In review", "up to") -> the value."""
    lookup = {}
    for value, label in choices_class.choices:
        for written in (value, str(label)):
            lookup[written.lower().replace(" ", "_").replace("-", "_")] = value
    return lookup


CHOICES = {"metric": _choices(Metric), "status": _choices(Status), "qualifier": _choices(Qualifier)}
DEFAULTS = {"metric": Metric.OTHER, "status": Status.UNVERIFIED, "qualifier": Qualifier.EXACT}


def _closest(text: str, names: list[str]) -> str:
    close = difflib.get_close_matches(text, names, n=3, cutoff=0.6)
    if not close:
        return ""
    return " — did you mean " + " or ".join(f"'{name}'" for name in close) + "?"


class RowParser:
    """Reads the cells of one row into a ClaimRow, or says what is wrong with each bad cell."""

    def __init__(self, *, as_new: bool = False):
        self.as_new = as_new  # ignore the id column: every row is a new claim
        self.companies = Company.objects.name_index()
        self.company_names = {c.pk: c.name for c in self.companies.values()}
        self.articles = dict(Article.objects.values_list("slug", "pk"))
        self.article_languages = dict(Article.objects.values_list("pk", "language"))
        self._url_field = Source._meta.get_field("url")
        self._plain_url = plain_url_check(self._url_field)
        self._field_checks = FieldChecks()

    def parse(self, row: CSVRow) -> ClaimRow | list[RowError]:
        errors: list[RowError] = []

        def fail(column: str, message: str) -> None:
            errors.append(RowError(row.line, column, message))

        if row.width != len(row.cells):
            fail(
                "",
                f"{row.width} cells, but the header has {len(row.cells)} columns: a comma or "
                'a quote (") is probably missing or out of place.',
            )
            return errors
        cells = {
            name: (unneutralise(text) if text[:1] == PREFIX else text).strip()
            for name, text in row.cells.items()
        }
        for name, text in cells.items():
            if "\x00" in text:  # PostgreSQL refuses it in text; SQLite would store it silently
                fail(name, "contains a NUL character (byte 0), which cannot be stored: remove it.")
        if errors:
            return errors
        get = cells.get
        values = {
            "id": None if self.as_new else self._id(get("id", ""), fail),
            "version": None if self.as_new else self._version(get("version", ""), fail),
            "article_id": self._article(get("article", ""), fail),
            "company_id": self._company(get("company", ""), fail),
            "quote": get("quote", ""),
            **self._date(get("as_of", ""), fail),
            "period": get("period", ""),
            "language": get("language", ""),
            "note": get("note", ""),
            "sources": self._sources(get("sources", ""), fail),
        }
        for column in ("metric", "status", "qualifier"):
            values[column] = self._choice(column, get(column, ""), fail)
        self._figures(cells, values, fail)
        values["language"] = self._language(values["language"], values["article_id"], fail)
        if errors:
            return errors
        claim_row = ClaimRow(line=row.line, cells=row.cells, **values)
        self._model_errors(claim_row, fail)
        return errors or claim_row

    # --- one reader per kind of cell ------------------------------------------------

    def _id(self, text: str, fail) -> int | None:
        if not text:
            return None
        number = whole_number(text, MAX_ID)
        if number is not None:
            return number
        fail("id", f"'{text[:40]}' is not a claim id: use the number from an export, or leave it blank for a new claim.")  # fmt: skip
        return None

    def _language(self, text: str, article_id: int | None, fail) -> str:
        """en or zh-hans; blank, or the article's own language, is stored as "the article's"."""
        code = text.strip().lower().replace("_", "-")
        if code in ("", "en", "zh-hans"):
            inherited = self.article_languages.get(article_id) or "en"
            return "" if code in ("", inherited) else code
        fail("language", f"'{text[:20]}' is not a language of the desk: use en or zh-hans (or leave it blank).")  # fmt: skip
        return ""

    def _version(self, text: str, fail) -> int | None:
        if not text:
            return None
        number = whole_number(text, MAX_VERSION)
        if number is None:
            fail("version", f"'{text[:40]}' is not a version: keep the number the export wrote.")
        return number

    def _article(self, text: str, fail) -> int | None:
        if not text:
            return None
        pk = self.articles.get(text) or self.articles.get(text.lower())
        if pk is None:
            fail("article", f"no article '{text}'{_closest(text, list(self.articles))}")
        return pk

    def _company(self, text: str, fail) -> int | None:
        if not text:
            return None
        company = self.companies.get(text.lower())
        if company is not None:
            return company.pk
        names = sorted(set(self.company_names.values()))
        fail("company", f"no company '{text}'{_closest(text, names)}")
        return None

    def _date(self, text: str, fail) -> dict:
        """`as_of` and its precision: 2024-10-15, 2024-02, 2024-Q2, 2025-H1, 2024 or FY2024."""
        if not text:
            return {"as_of": None, "as_of_precision": "day"}
        try:
            as_of = _as_of(text)
        except AsOfError:
            if _DAY_LIKE.fullmatch(text):
                fail("as_of", f"'{text}' is not a date written YYYY-MM-DD (e.g. 2024-06-30).")
            else:
                fail(
                    "as_of",
                    f"'{text}' is not a date: write 2024-10-15 (a day), 2024-02 (a month), "
                    "2024-Q2 (a quarter), 2025-H1 (a half), 2024 (a year) or FY2024.",
                )
            return {"as_of": None, "as_of_precision": "day"}
        return {"as_of": as_of.date, "as_of_precision": as_of.precision}

    def _choice(self, column: str, text: str, fail) -> str:
        if not text:
            return DEFAULTS[column]
        value = CHOICES[column].get(text.lower().replace(" ", "_").replace("-", "_"))
        if value is None:
            allowed = ", ".join(dict.fromkeys(CHOICES[column].values()))
            fail(column, f"'{text}' is not a {column}: use one of {allowed}.")
        return value

    def _sources(self, text: str, fail) -> tuple[str, ...]:
        if not text:
            return ()
        urls = tuple(dict.fromkeys(url for url in _SOURCE_SPLIT.split(text) if url))
        plain = self._plain_url
        for url in urls:
            if plain(url):
                continue
            try:
                self._url_field.clean(url, None)
            except ValidationError as error:
                fail("sources", f"'{url[:100]}': {' '.join(error.messages)}")
        return urls

    def _figures(self, cells: dict[str, str], values: dict, fail) -> None:
        """value, unit and qualifier from the value (and unit) cells; corrected_value too."""
        text, unit = cells.get("value", ""), cells.get("unit", "")
        values["value"], values["unit"] = None, _unit(unit)
        values["corrected_value"] = None
        if not text:
            fail("value", "the figure is missing: write it as 157000000000 or '$157 billion'.")
            return
        try:
            figure = read_figure(text, unit)
        except figures.FigureError as error:
            column = "unit" if str(error).startswith("unit conflict") else "value"
            fail(column, str(error))
            return
        values["value"], values["unit"] = figure.value, figure.unit
        if figure.qualifier != Qualifier.EXACT:
            stated = cells.get("qualifier", "")
            if stated and values["qualifier"] not in (None, figure.qualifier):
                fail("qualifier", f"the value says '{figure.qualifier}' but the qualifier column says '{stated}': clear one of them.")  # fmt: skip
            values["qualifier"] = figure.qualifier
        corrected = cells.get("corrected_value", "")
        if corrected:
            values["corrected_value"] = self._corrected(corrected, figure.unit, fail)

    def _corrected(self, text: str, unit: str, fail) -> Decimal | None:
        try:
            return read_figure(text, unit).value
        except figures.FigureError as error:
            if str(error).startswith("unit conflict"):
                fail("corrected_value", f"'{text}' is not in the claim's unit ({unit}): the corrected figure must be in the same unit.")  # fmt: skip
            else:
                fail("corrected_value", str(error))
            return None

    def _model_errors(self, row: ClaimRow, fail) -> None:
        """The model's own validation (lengths, digits, blanks) of each field the row sets."""
        for name in ROW_FIELDS:
            for message in self._field_checks.problems(name, getattr(row, name)):
                fail(name, message)


MAX_ID = 2**63 - 1  # a bigint key: SQLite and PostgreSQL alike
MAX_VERSION = 2**31 - 1


def whole_number(text: str, largest: int) -> int | None:
    """A positive whole number written in ASCII digits ("²" and "١" are digits, not these)."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(largest)):
        return None
    number = int(text)
    return number if 0 < number <= largest else None


# The claim fields a row sets that the model validates here. Foreign keys are resolved from
# the lookups above (so their per-row existence queries are not needed); nothing else of a
# claim is unique or constrained across rows.
ROW_FIELDS = tuple(name for name in IMPORTED_FIELDS if not name.endswith("_id"))
# Fields with few distinct values: each value is checked once per import.
REPEATING_FIELDS = frozenset(
    {"metric", "unit", "qualifier", "as_of", "as_of_precision", "period", "status", "language"}
)
# Figures: checked once per distinct way of writing them (as long as the memo lasts).
DECIMAL_FIELDS = frozenset({"value", "corrected_value"})
SEEN_LIMIT = 50_000  # checks remembered at most (then forgotten at once): memory stays flat


class FieldChecks:
    """Model.clean_fields() for one field at a time, without building a Claim for every row.

    Same checks in the same way: each model field's `clean()` (to_python, choices, blank,
    max_length, digits), a blank value of a `blank=True` field skipped. Claim has no
    `clean()` of its own (a test makes sure), so this is all of `full_clean()` but the
    foreign keys and uniqueness (see ROW_FIELDS).
    """

    def __init__(self):
        self.fields = {name: Claim._meta.get_field(name) for name in ROW_FIELDS}
        self.seen: dict[tuple, tuple[str, ...]] = {}

    def problems(self, name: str, value) -> tuple[str, ...]:
        if name in REPEATING_FIELDS:
            key = (name, value)
        elif name in DECIMAL_FIELDS and value is not None:
            # Figures repeat too; by their text, since equal Decimals may differ in the
            # digits that max_digits and decimal_places count (1.0 and 1.000).
            key = (name, str(value))
        else:
            return self._check(name, value)
        found = self.seen.get(key)
        if found is None:
            if len(self.seen) >= SEEN_LIMIT:
                self.seen.clear()
            found = self.seen[key] = self._check(name, value)
        return found

    def _check(self, name: str, value) -> tuple[str, ...]:
        field = self.fields[name]
        if field.blank and value in field.empty_values:
            return ()
        try:
            field.clean(value, None)
        except ValidationError as error:
            return tuple(error.messages)
        return ()


@functools.lru_cache(maxsize=1024)
def _unit(text: str) -> str:
    """normalise_unit, once per distinct unit cell."""
    return figures.normalise_unit(text)


@functools.lru_cache(maxsize=4096)
def _as_of(text: str):
    """parse_as_of, once per distinct cell (a file's dates repeat: quarter and year ends)."""
    return parse_as_of(text)


# The commonest shape of source URL, which Django's URLValidator accepts whatever its
# schemes include http and https: http(s), a host name of ASCII letters, digits and inner
# hyphens (at least two labels, the last of letters; no user, port or IP address), and a
# path of printable ASCII. Each part is a narrower form of the validator's own pattern
# (hostname_re, domain_re, tld_re, "[/?#][^\s]*"), and a URL no longer than 253 characters
# cannot have a host name longer than the 253 it allows. Anything else goes through the
# field's own clean(); tests/factcheck/csvio/test_rows_sources.py holds the two together.
_PLAIN_URL = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?:/[!-~]*)?",
    re.ASCII | re.IGNORECASE,
)
_PLAIN_URL_LENGTH = 253


def plain_url_check(url_field) -> Callable[[str], bool]:
    """A quick test that a URL is valid for `url_field` (False: ask the field itself).

    Only for a field whose checks are those of the desk's URL fields (URLValidators that
    allow http and https, a maximum length): another kind of validator, choices or an
    unusual to_python, and every URL is left to the field.
    """
    validators = url_field.validators
    known = all(
        (isinstance(v, URLValidator) and {"http", "https"} <= set(v.schemes))
        or isinstance(v, MaxLengthValidator)
        for v in validators
    )
    if not known or url_field.choices or type(url_field).to_python is not models.URLField.to_python:
        return lambda url: False
    longest = min(_PLAIN_URL_LENGTH, url_field.max_length or _PLAIN_URL_LENGTH)
    fullmatch = _PLAIN_URL.fullmatch
    return lambda url: len(url) <= longest and fullmatch(url) is not None


@functools.lru_cache(maxsize=4096)
def shown(value: Decimal, unit: str, qualifier: str | None) -> str:
    """The figure as the export's as_written column writes it."""
    return figures.format_figure(value, unit, qualifier or Qualifier.EXACT)


@functools.lru_cache(maxsize=16384)
def read_figure(text: str, unit: str) -> figures.Figure:
    """A value cell as a Figure: a plain number directly (most rows of a large file are
    these), anything else by the figure grammar. Once per distinct cell and unit (a
    Figure is immutable; a cell that is no figure raises each time)."""
    if PLAIN_NUMBER.fullmatch(text):
        return figures.Figure(Decimal(text), figures.normalise_unit(unit), Qualifier.EXACT)
    return figures.parse_figure_strict(text, unit=unit)

"""The claims table's columns, declared once: name, header, how each sorts and what a caption calls it.

`/` and `/claims/` show them (tables.py writes one cell per column name), the `sort`
parameter of the pages, `/claims.csv` and `/api/claims/` names them (filters.py validates it,
api.py describes it) and the table's caption says which one the rows are sorted by
(views/claims.py). What `sort=company` means is decided here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import CharField, F, Func
from django.db.models.expressions import BaseExpression, OrderBy
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, pgettext_lazy

DEFAULT_SORT = "-as_of"


class CodePointOrder(Func):
    """A text column compared by code point on every database, as Python's `sorted` does.

    SQLite compares bytes already; PostgreSQL's default collation does not ("%" sorts among
    the letters there), so it is told `COLLATE "C"`.
    """

    template = "%(expressions)s"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template='%(expressions)s COLLATE "C"')


@dataclass(frozen=True)
class Column:
    """One column of the claims table, or a sort order without a column of its own (`id`).

    `keys` makes the ORDER BY terms the column sorts on, before the id tie-breaker; a
    column without them does not sort (`quote`, `article`). `blanks` says the sort key may
    be empty: blanks then come last in both directions.
    """

    name: str
    header: Promise | None  # None: not shown in the table
    sorted_by: Promise | None = None  # the caption's words: "sorted by ≈ USD"
    keys: Callable[[], list[BaseExpression]] | None = None
    blanks: bool = False
    numeric: bool = False

    @property
    def shown(self) -> bool:
        return self.header is not None

    @property
    def sortable(self) -> bool:
        return self.keys is not None


COLUMNS: tuple[Column, ...] = (
    Column(
        "figure",
        gettext_lazy("Figure as written"),
        pgettext_lazy("sorted by", "unit, then figure"),
        # Figures in different units do not compare (40,000 GPUs is not more than $3
        # billion): by unit first, then by value within each unit.
        keys=lambda: [CodePointOrder(F("unit")), F("value")],
        numeric=True,
    ),
    Column("quote", gettext_lazy("Claim")),
    Column(
        "company",
        gettext_lazy("Company"),
        pgettext_lazy("sorted by", "company"),
        keys=lambda: [F("company__name")],
        blanks=True,
    ),
    Column(
        "metric",
        gettext_lazy("Metric"),
        pgettext_lazy("sorted by", "metric"),
        keys=lambda: [F("metric")],
    ),
    Column(
        "usd",
        gettext_lazy("≈ USD"),
        pgettext_lazy("sorted by", "≈ USD"),
        keys=lambda: [F("usd_value")],
        blanks=True,
        numeric=True,
    ),
    Column(
        "as_of",
        gettext_lazy("As of"),
        pgettext_lazy("sorted by", "as-of date"),
        keys=lambda: [F("as_of")],
        blanks=True,
    ),
    Column(
        "status",
        gettext_lazy("Verdict"),
        pgettext_lazy("sorted by", "verdict"),
        keys=lambda: [F("status")],
    ),
    Column(
        "sources",
        gettext_lazy("Sources"),
        pgettext_lazy("sorted by", "number of sources"),
        keys=lambda: [F("n_sources")],
        numeric=True,
    ),
    Column("article", gettext_lazy("Article")),
    Column("id", None, pgettext_lazy("sorted by", "claim number"), keys=lambda: [F("id")]),
)
BY_NAME = {column.name: column for column in COLUMNS}
SORTS = tuple(column.name for column in COLUMNS if column.sortable)
SHOWN = tuple(column for column in COLUMNS if column.shown)


def sort_choices() -> list[tuple[str, str]]:
    """Every value `sort` may take: each sortable column, ascending and descending."""
    return [(value, value) for name in SORTS for value in (name, f"-{name}")]


def ordering(sort: str) -> list[OrderBy]:
    """ORDER BY expressions for a `sort` value such as "-as_of", with the id tie-breaker.

    Every sort ends with the claim's id in the same direction, so rows never swap places
    between pages. Blanks (no company, no date, no ≈ USD) come last in both directions, so
    the figures a reader asked for come first.
    """
    column = BY_NAME[sort.removeprefix("-")]
    # NULLS LAST only where there are blanks: on a NOT NULL column it would keep
    # PostgreSQL from reading a descending sort backwards along its index.
    blanks_last = column.blanks or None
    keys = column.keys()
    if sort.startswith("-"):
        return [*(k.desc(nulls_last=blanks_last) for k in keys), F("id").desc()]
    return [*(k.asc(nulls_last=blanks_last) for k in keys), F("id").asc()]

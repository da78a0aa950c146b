"""What the admin's import preview shows: counts, then only the rows that change something.

Changes to published claims come first (they become pending changes that readers do not see
until released), then other updates with each changed column as old → new, then new claims.
Unchanged rows are only counted. At most SHOWN rows are listed; the counts cover them all.
"""

from dataclasses import dataclass, field

from companies.models import Company
from factcheck import figures
from factcheck.csvio.writer import Change
from factcheck.models import Article

SHOWN = 200


@dataclass
class FieldChange:
    column: str
    old: str
    new: str


@dataclass
class PreviewRow:
    line: int
    kind: str  # "new" or "update"
    claim_id: int | None
    quote: str
    figure: str
    published: bool = False
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class Preview:
    rows: list[PreviewRow]
    new: int
    updated: int
    published: int
    unchanged: int
    hidden: int  # rows that change something but are beyond SHOWN


def _figure(value, unit, qualifier) -> str:
    if value is None:
        return "—"
    return figures.format_figure(value, unit, qualifier)


class _Names:
    """Company and article names for the ids the shown rows mention: two queries at most."""

    def __init__(self, changes: list[Change]):
        company_ids, article_ids = set(), set()
        for change in changes:
            for values in (change.stored or {}, vars_of(change.row)):
                company_ids.add(values.get("company_id"))
                article_ids.add(values.get("article_id"))
        self.companies = dict(
            Company.objects.filter(pk__in=company_ids - {None}).values_list("pk", "name")
        )
        self.articles = dict(
            Article.objects.filter(pk__in=article_ids - {None}).values_list("pk", "slug")
        )

    def of(self, column: str, pk) -> str:
        names = self.companies if column == "company" else self.articles
        return names.get(pk, "—") if pk is not None else "—"


def vars_of(row) -> dict:
    return {name: getattr(row, name) for name in ("company_id", "article_id")}


def _text(value) -> str:
    return "—" if value in (None, "") else str(value)


def _fields(change: Change, names: _Names) -> list[FieldChange]:
    row, stored = change.row, change.stored
    found = []
    figure_columns = {"value", "unit", "qualifier"}
    if figure_columns & set(change.changed):
        found.append(
            FieldChange(
                "figure",
                _figure(stored["value"], stored["unit"], stored["qualifier"]),
                _figure(row.value, row.unit, row.qualifier),
            )
        )
    for column in change.changed:
        if column in figure_columns:
            continue
        if column in ("company", "article"):
            found.append(
                FieldChange(
                    column,
                    names.of(column, stored[f"{column}_id"]),
                    names.of(column, getattr(row, f"{column}_id")),
                )
            )
        elif column == "sources":
            before = {source["url"] for source in change.stored_sources}
            after = set(row.sources)
            added, removed = sorted(after - before), sorted(before - after)
            found.append(
                FieldChange(
                    "sources",
                    "\n".join(f"− {url}" for url in removed) or "—",
                    "\n".join(f"+ {url}" for url in added) or "—",
                )
            )
        elif column == "corrected_value":
            found.append(
                FieldChange(
                    column,
                    _figure(stored[column], stored["unit"], "exact"),
                    _figure(row.corrected_value, row.unit, "exact"),
                )
            )
        else:
            found.append(FieldChange(column, _text(stored[column]), _text(getattr(row, column))))
    return found


class PreviewBuilder:
    """Told every valid row's Change (importer's `on_change`), keeps only the rows it shows.

    Rows come in file order, so the first SHOWN of each kind (published claims changed,
    other updates, new claims) are all the preview can list: memory stays flat whatever the
    size of the file.
    """

    def __init__(self):
        self.kept: list[list[Change]] = [[], [], []]
        self.counts = [0, 0, 0]

    def __call__(self, change: Change) -> None:
        if change.kind not in ("new", "update"):
            return
        kind = 0 if change.published else 1 if change.kind == "update" else 2
        self.counts[kind] += 1
        if len(self.kept[kind]) < SHOWN:
            self.kept[kind].append(change)

    def preview(self, *, unchanged: int) -> Preview:
        shown = [change for kept in self.kept for change in kept][:SHOWN]
        names = _Names(shown)
        rows = [
            PreviewRow(
                line=c.row.line,
                kind=c.kind,
                claim_id=c.claim_id if c.kind == "update" else None,
                quote=c.row.quote,
                figure=_figure(c.row.value, c.row.unit, c.row.qualifier),
                published=c.published,
                fields=_fields(c, names) if c.kind == "update" else [],
            )
            for c in shown
        ]
        published, updated, new = self.counts
        return Preview(
            rows=rows,
            new=new,
            updated=published + updated,
            published=published,
            unchanged=unchanged,
            hidden=max(sum(self.counts) - SHOWN, 0),
        )

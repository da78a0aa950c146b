"""What an import writes: claims, their sources, the history of both, and pending changes.

Rows for claims that are not published are written a batch at a time, a few statements per
batch whatever its size: claims and sources by BulkRows (COPY on PostgreSQL), their history
in django-simple-history's historical models (COPY on PostgreSQL, its bulk_history_create on
SQLite: ClaimWriter._history), with the importing user and a reason naming the file and
line, so the import shows in every claim's history as an edit would. Rows that
change a published claim go one by one through the services (`apply_published`), which make
them the claim's pending change, exactly as the change form does.

SQL is built only from model metadata (table and column names, quoted by the backend);
every value is a query parameter, hence the S608 exemptions below.
"""

import json
import operator
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from factcheck import fx_rates, services, source_counts
from factcheck.csvio.columns import IMPORTED_FIELDS
from factcheck.csvio.rows import ClaimRow, RowError
from factcheck.models import Claim, Source
from factcheck.rules import CONTENT_FIELDS

CLAIM_ATTNAMES = tuple(f.attname for f in Claim._meta.concrete_fields)
SOURCE_ATTNAMES = tuple(f.attname for f in Source._meta.concrete_fields)
UPDATED_ATTNAMES = (
    *IMPORTED_FIELDS,
    "usd_value",
    "n_sources",
    "secondary_only",
    "sources_at_odds",
    "basis_editors",
    "reviewed_by_id",
    "reviewed_at",
    "updated_at",
    "version",
)
# A new claim's columns that no CSV cell sets take the model's defaults (as_of_precision,
# language, …), so a field added to Claim never leaves a bulk insert short of a column.
CLAIM_DEFAULTS = {
    f.attname: f.get_default() for f in Claim._meta.concrete_fields if f.attname != "id"
}
SOURCE_DEFAULTS = {
    f.attname: f.get_default() for f in Source._meta.concrete_fields if f.attname != "id"
}
# Rows in one statement of history on SQLite (django-simple-history writes them with bulk_create).
HISTORY_BATCH = 2000


# A row's values by attname -> their tuple in the order of those columns.
PICK_CLAIM = operator.itemgetter(*CLAIM_ATTNAMES)
PICK_UPDATED = operator.itemgetter(*UPDATED_ATTNAMES)
# What a new claim's tuple takes from its row (the CSV's fields, status set by the writer),
# then from the writer, in this order (ClaimWriter._new_claim).
ROW_ATTNAMES = tuple(name for name in IMPORTED_FIELDS if name != "status")
NEW_CLAIM_GIVEN = (
    "id",
    *ROW_ATTNAMES,
    "status",
    "basis_editors",
    "usd_value",
    "n_sources",
    "secondary_only",
    "sources_at_odds",
    "reviewed_by_id",
    "reviewed_at",
)
# A source tuple's claim, kind and stance (what its claim's stored flags count).
SOURCE_FLAG_ATTNAMES = ("claim_id", "kind", "stance")


def _reorder(given: Sequence[str], wanted: Sequence[str]) -> operator.itemgetter:
    """A function: a tuple of the values of `given` -> those of `wanted`, in that order."""
    return operator.itemgetter(*(list(given).index(name) for name in wanted))


def new_source_stance(status: str) -> str:
    """A source a CSV row adds: it contradicts an inaccurate claim, supports any other."""
    return Source.Stance.CONTRADICTS if status == "inaccurate" else Source.Stance.SUPPORTS


def history_attnames(model) -> tuple[str, ...]:
    """The historical model's columns an import writes: all but its own key (the database
    numbers history rows)."""
    return HistoryColumns.of(model).attnames


class HistoryColumns:
    """What django-simple-history stores per history row of `model`, as COPY columns.

    The historical model's concrete fields but its key: the tracked fields take the row's
    values, history_type/history_date/history_user/history_change_reason what
    bulk_history_create gives them ("+" or "~", the import's time and user, the reason cut
    to the column's length). A field simple-history adds that is none of these (a
    history_relation, custom historical attributes) raises, rather than being left blank.
    """

    _cache: dict[type[models.Model], "HistoryColumns"] = {}

    def __init__(self, model: type[models.Model]):
        history = model.history.model
        meta = history._meta
        tracked = {f.attname for f in history.tracked_fields}
        fields = [f for f in meta.concrete_fields if f is not meta.pk]
        self.user_attname = meta.get_field("history_user").attname
        own = {"history_type", "history_date", "history_change_reason", self.user_attname}
        unknown = [f.attname for f in fields if f.attname not in tracked | own]
        if unknown:
            raise ImproperlyConfigured(
                f"{meta.label} has history fields the import cannot fill: {unknown}"
            )
        # The tracked fields first, then simple-history's own: a row's tuple is then the
        # tracked values (one itemgetter) followed by those of the history.
        self.tracked = tuple(f.attname for f in fields if f.attname in tracked)
        self.own = tuple(f.attname for f in fields if f.attname in own)
        self.attnames = self.tracked + self.own
        self.reason_length = meta.get_field("history_change_reason").max_length

    @classmethod
    def of(cls, model: type[models.Model]) -> "HistoryColumns":
        if model not in cls._cache:
            cls._cache[model] = cls(model)
        return cls._cache[model]

    def values(self, *, user_id: int | None, date, update: bool, order: Sequence[str] = ()):
        """A function (row values by attname, reason) -> the history row's tuple; with
        `order`, the rows are tuples of the values of those attnames instead."""
        given = {
            "history_type": "~" if update else "+",
            "history_date": date,
            self.user_attname: user_id,
        }
        reason_at = self.own.index("history_change_reason")
        head = tuple(given[name] for name in self.own[:reason_at])
        tail = tuple(given[name] for name in self.own[reason_at + 1 :])
        tracked = operator.itemgetter(*(order.index(n) if order else n for n in self.tracked))
        length = self.reason_length

        def history(row: dict, reason: str) -> tuple:
            return (*tracked(row), *head, reason[:length], *tail)

        return history


@dataclass(slots=True)
class Change:
    """What one valid row does: add a claim, update a stored one, or nothing ("skip")."""

    kind: str
    row: ClaimRow
    stored: dict | None = None  # the stored claim's columns, by attname
    stored_sources: list[dict] = field(default_factory=list)
    reviewed: bool = False  # the row gives a verdict: the importer becomes its reviewer
    published: bool = False  # it changes a published claim: services make it a pending change
    claim_id: int | None = None
    changed: tuple[str, ...] = ()  # for an update, the columns that differ from the stored claim
    status: str = ""  # the status written (a verdict edited after it goes back to review)
    basis_editors: list[int] = field(default_factory=list)
    forced: bool = False  # --force overwrote a version other than the row's (or a blank one)


@dataclass(slots=True)
class Batch:
    """One batch of Changes on its way to the database (ClaimWriter.plan, reserve, rows)."""

    changes: list[Change]
    new: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    added: list[tuple[str, str, Change]] = field(default_factory=list)  # (url, stance, change)
    removed: list[tuple[dict, int]] = field(default_factory=list)  # (stored source, line)
    claim_ids: list[int] = field(default_factory=list)
    source_ids: list[int] = field(default_factory=list)
    claims: list[tuple] = field(default_factory=list)  # new claims, in CLAIM_ATTNAMES order
    claims_after: list[dict] = field(default_factory=list)  # updated claims, by attname
    reasons: list[str] = field(default_factory=list)  # history's, new claims' first
    sources: list[tuple] = field(default_factory=list)  # added, in SOURCE_ATTNAMES order
    lines: list[int] = field(default_factory=list)  # each added source's line


def file_label(file_name: str) -> str:
    """The file as history names it: its name without the directories (reasons keep 100
    characters, and the line number must not be the part cut off)."""
    return PurePath(file_name).name or "CSV"


def import_reason(label: str, change: Change) -> str:
    """The history's reason for a row's change: the file (its `file_label`), the line, and
    any --force."""
    reason = f"Imported from {label}, line {change.row.line}"
    if change.forced:
        made_from = change.row.version
        seen = f"made from version {made_from}" if made_from is not None else "no version"
        reason = f"--force ({seen}, was {change.stored['version']}): " + reason
    return reason


class ClaimWriter:
    """Writes batches of Changes as the importing user (None: the system, e.g. a restore)."""

    def __init__(self, *, user=None, file_name: str = "", bulk: "BulkRows | None" = None):
        self.user = user
        self.user_id = user.pk if user is not None else None
        self.file_name = file_label(file_name)
        self.bulk = bulk or BulkRows()
        self.now = timezone.now()
        self.usd = fx_rates.UsdConverter()
        # A new claim's tuple: what the row and the writer give, then every other column's
        # fixed value (the defaults, and what a new claim starts with), reordered at once.
        fixed = {
            **CLAIM_DEFAULTS,
            "draft_of_id": None,
            "correction_reason": "",
            "created_by_id": self.user_id,
            "published_by_id": None,
            "published_at": None,
            "created_at": self.now,
            "updated_at": self.now,
            "version": 1,
        }
        rest = [name for name in CLAIM_ATTNAMES if name not in NEW_CLAIM_GIVEN]
        self._imported = operator.attrgetter(*ROW_ATTNAMES)
        self._new_fixed = tuple(fixed[name] for name in rest)
        self._new_row = _reorder((*NEW_CLAIM_GIVEN, *rest), CLAIM_ATTNAMES)

    # A batch goes through plan (which rows and sources it adds), reserve (their ids: the
    # only queries), rows (the COPY rows, in Python) and write (the database's work); the
    # importer makes one batch's rows while the batch before it is written
    # (csvio.background).

    def plan(self, changes: list[Change]) -> "Batch":
        """What `changes` write: new claims, updated ones, the sources they add and drop (a
        row keeps the stored sources whose URLs it names)."""
        batch = Batch(changes)
        batch.new = [c for c in changes if c.kind == "new"]
        batch.updated = [c for c in changes if c.kind == "update"]
        for change in (*batch.new, *batch.updated):
            row = change.row
            kept = {s["url"] for s in change.stored_sources if s["url"] in row.sources}
            batch.removed += [(s, row.line) for s in change.stored_sources if s["url"] not in kept]
            stance = new_source_stance(change.status or row.status)
            batch.added += [(url, stance, change) for url in row.sources if url not in kept]
        return batch

    def reserve(self, batch: "Batch") -> None:
        """The ids of the batch's new claims and sources, never handed out again."""
        batch.claim_ids = self.bulk.reserve_ids(Claim, len(batch.new))
        batch.source_ids = self.bulk.reserve_ids(Source, len(batch.added))

    def rows(self, batch: "Batch") -> None:
        """The batch's rows as COPY writes them (no query): claims, their updates, sources."""
        new, updated = batch.new, batch.updated
        for change, pk in zip(new, batch.claim_ids, strict=True):
            change.claim_id = pk
        new_source, fixed = self._source_row()
        batch.lines = [change.row.line for _, _, change in batch.added]
        batch.sources = [
            new_source((pk, url, stance, change.claim_id, *fixed))
            for pk, (url, stance, change) in zip(batch.source_ids, batch.added, strict=True)
        ]
        # What each claim's sources say, stored on it (source_counts), from the sources it is
        # left with: kept stored ones and those added (a dropped one is deleted in write).
        left: dict[int, list[tuple[str, str]]] = {c.claim_id: [] for c in (*new, *updated)}
        for change in updated:
            left[change.claim_id] += [
                (s["kind"], s["stance"])
                for s in change.stored_sources
                if s["url"] in change.row.sources
            ]
        claim_of, kind_of, stance_of = (SOURCE_ATTNAMES.index(n) for n in SOURCE_FLAG_ATTNAMES)
        for source in batch.sources:
            left[source[claim_of]].append((source[kind_of], source[stance_of]))
        batch.claims = [self._new_claim(c, left[c.claim_id]) for c in new]
        batch.claims_after = [self._updated_claim(c, left[c.claim_id]) for c in updated]
        batch.reasons = [import_reason(self.file_name, c) for c in (*new, *updated)]

    def write(self, batch: "Batch | list[Change]") -> None:
        """Write a batch whose rows are made (or plan, reserve and make those of `changes`)."""
        if not isinstance(batch, Batch):
            batch = self.plan(batch)
            self.reserve(batch)
            self.rows(batch)
        claims, claims_after, reasons = batch.claims, batch.claims_after, batch.reasons
        self.bulk.insert(Claim, CLAIM_ATTNAMES, claims)
        self.bulk.update(
            Claim, UPDATED_ATTNAMES, [(*PICK_UPDATED(d), d["id"]) for d in claims_after]
        )
        self._history(Claim, claims, reasons[: len(claims)], update=False)
        after = list(map(PICK_CLAIM, claims_after))
        self._history(Claim, after, reasons[len(claims) :], update=True)
        self._write_sources(batch.sources, batch.lines, batch.removed)
        # A new claim's stored flags are exact as written: nobody else sees its sources yet.
        # An updated claim's sources may have changed since they were read (a source added
        # in the admin meanwhile): the recount rewrites only a claim whose flags it changes.
        source_counts.refresh(c.claim_id for c in batch.updated)

    def _content(self, change: Change, sources: list[tuple[str, str]]) -> dict:
        row = change.row
        values = {name: getattr(row, name) for name in IMPORTED_FIELDS}
        values["status"] = change.status or row.status
        values["basis_editors"] = list(change.basis_editors)
        values["usd_value"] = self.usd.to_usd(row.value, row.unit, row.as_of)
        values.update(source_counts.stored(values["status"], sources))
        return values

    def _new_claim(self, change: Change, sources: list[tuple[str, str]]) -> tuple:
        """A new claim's row, a tuple in CLAIM_ATTNAMES order (as _content's values, built
        without a dict per row: the import writes hundreds of thousands)."""
        row = change.row
        status = change.status or row.status
        flags = source_counts.stored(status, sources)
        reviewed = change.reviewed
        return self._new_row(
            (
                change.claim_id,
                *self._imported(row),
                status,
                list(change.basis_editors),
                self.usd.to_usd(row.value, row.unit, row.as_of),
                flags["n_sources"],
                flags["secondary_only"],
                flags["sources_at_odds"],
                self.user_id if reviewed else None,
                self.now if reviewed else None,
                *self._new_fixed,
            )
        )

    def _updated_claim(self, change: Change, sources: list[tuple[str, str]]) -> dict:
        claim = {**change.stored, **self._content(change, sources)}
        if change.reviewed:
            claim["reviewed_by_id"], claim["reviewed_at"] = self.user_id, self.now
        claim["updated_at"] = self.now
        claim["version"] = change.stored["version"] + 1
        return claim

    def _instance(self, model, values: dict | tuple, reason: str) -> models.Model:
        """`values` (by attname, or a tuple in the model's field order) as an instance
        carrying what django-simple-history records with it."""
        # Positional, in the model's field order: three times faster than by keyword.
        if isinstance(values, dict):
            values = [values[f.attname] for f in model._meta.concrete_fields]
        instance = model(*values)
        instance._history_user = self.user
        instance._history_date = self.now
        instance._change_reason = reason[: HistoryColumns.of(model).reason_length]
        return instance

    def _history(self, model, rows: list[tuple], reasons: list[str], *, update: bool) -> None:
        """The history rows ("+", or "~" for `update`) of `rows` (tuples in the model's
        field order), just written, in bulk.

        On PostgreSQL they go by COPY, as the claims and sources do: simple-history's own
        bulk_history_create builds a historical instance per row and a multi-row INSERT,
        about five times the cost of COPY for the same rows, which made the history most
        of an import's time (issue 15). The COPY's columns and values are still the
        historical model's own (HistoryColumns: its concrete fields, filled as
        bulk_history_create fills them), so nothing of the history table is written out
        here. On SQLite (tests, small desks) bulk_history_create itself writes them.
        """
        if not rows or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
            return
        if self.bulk.is_postgres:
            columns = HistoryColumns.of(model)
            order = [f.attname for f in model._meta.concrete_fields]
            history = columns.values(
                user_id=self.user_id, date=self.now, update=update, order=order
            )
            self.bulk.insert(
                model.history.model,
                columns.attnames,
                [history(row, reason) for row, reason in zip(rows, reasons, strict=True)],
            )
            return
        model.history.bulk_history_create(
            [self._instance(model, r, why) for r, why in zip(rows, reasons, strict=True)],
            update=update,
            default_user=self.user,
            default_date=self.now,
            batch_size=HISTORY_BATCH,
        )

    def _source_row(self):
        """(a function making a new source's tuple from (id, url, stance, claim_id, the
        defaults of the other fields), those defaults)."""
        given = ("id", "url", "stance", "claim_id")
        rest = [name for name in SOURCE_ATTNAMES if name not in given]
        return _reorder((*given, *rest), SOURCE_ATTNAMES), [SOURCE_DEFAULTS[n] for n in rest]

    def _write_sources(
        self, added: list[tuple], lines: list[int], removed: list[tuple[dict, int]]
    ) -> None:
        self.bulk.insert(Source, SOURCE_ATTNAMES, added)
        self._history(Source, added, [self._source_reason(line) for line in lines], update=False)
        # Dropped sources are rare (an update that leaves some out): each is deleted as the
        # admin deletes one, so django-simple-history records it ("-") and its claim's
        # source count is recounted after the sources added above.
        for source, line in removed:
            self._instance(Source, source, self._source_reason(line)).delete()

    def _source_reason(self, line: int) -> str:
        return f"Imported from {self.file_name}, line {line}"


# --- rows that change a published claim ----------------------------------------------

VERDICT_FIELDS = ("note", "corrected_value")
# Service field names -> CSV columns, for errors.
SERVICE_COLUMNS = {
    "status": "status",
    "note": "note",
    "reason": "note",
    "corrected_value": "corrected_value",
}


def _row_errors(line: int, error: Exception) -> list[RowError]:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            RowError(line, SERVICE_COLUMNS.get(name, ""), message)
            for name, problems in error.message_dict.items()
            for message in problems
        ]
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    return [RowError(line, "", message) for message in messages]


def apply_published(changes: list[Change], *, user, file_name: str, report) -> None:
    """Make each row's change to a published claim its pending change; errors to `report`.

    The bulk writer never touches a published claim: each such row goes to
    services.revise_claim (figure, words, sources) and, when it changes the verdict, to
    services.give_verdict; what they refuse comes back as the row's errors, with its line.
    """
    for change in changes:
        row = change.row
        verdict = row.status != change.stored["status"]
        # A new verdict's rationale and correction are the verdict's own (give_verdict sets
        # them): edited as content first, they would make its author a basis editor.
        values = {
            name: getattr(row, name)
            for name in CONTENT_FIELDS
            if not (verdict and name in VERDICT_FIELDS)
        }
        try:
            claim = Claim.objects.get(pk=change.claim_id)
            written = services.revise_claim(
                claim=claim,
                user=user,
                values=values,
                source_urls=row.sources,
                reason=import_reason(file_label(file_name), change),
            )
            if verdict:
                services.give_verdict(
                    claim=written,
                    reviewer=user,
                    status=row.status,
                    note=row.note,
                    corrected_value=row.corrected_value,
                    reason=row.note,
                )
        except (ValidationError, PermissionDenied) as error:
            report.errors.extend(_row_errors(row.line, error))


# --- many rows in one statement -------------------------------------------------------


class BulkRows:
    """Inserts, updates and id reservations on one connection: COPY on PostgreSQL.

    Django's `bulk_create` builds a model instance per row and a multi-row INSERT; COPY takes
    plain tuples and is several times faster. Rows are tuples of Python values in the order
    of the `attnames` given; ids are reserved up front so that sources and history rows can
    point at claims before they are written.
    """

    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.connection = connections[using]
        self.is_postgres = self.connection.vendor == "postgresql"
        self._handed_out: dict[str, int] = {}  # table -> the highest id reserved (SQLite)

    def _fields(self, model: type[models.Model], attnames: Sequence[str]) -> list[models.Field]:
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        return [by_attname[name] for name in attnames]

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        """`count` new primary keys for `model`, never used before and never handed out again."""
        if count == 0:
            return []
        table = model._meta.db_table
        with self.connection.cursor() as cursor:
            if self.is_postgres:
                # The sequence looked up once (MATERIALIZED): per row, the lookup cost ten
                # times the nextval.
                cursor.execute(
                    "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS seq) "
                    "SELECT nextval(s.seq) FROM s, generate_series(1, %s)",
                    [table, model._meta.pk.column, count],
                )
                return [row[0] for row in cursor.fetchall()]
            # SQLite (AUTOINCREMENT): ids above the highest ever used; explicit inserts move
            # sqlite_sequence on, and the write lock keeps a second writer out until commit.
            quote = self.connection.ops.quote_name
            pk = quote(model._meta.pk.column)
            sequence = "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0)"
            highest = f"COALESCE((SELECT MAX({pk}) FROM {quote(table)}), 0)"  # noqa: S608
            highest_used = f"SELECT MAX({sequence}, {highest})"
            cursor.execute(highest_used, [table])
            # Ids handed out but not yet written (the next batch's, made while one is
            # written) are used too.
            highest = max(cursor.fetchone()[0], self._handed_out.get(table, 0))
        self._handed_out[table] = highest + count
        return list(range(highest + 1, highest + count + 1))

    def insert(
        self, model: type[models.Model], attnames: Sequence[str], rows: Sequence[tuple]
    ) -> None:
        """Insert `rows` (tuples in `attnames` order) into `model`'s table."""
        if not rows:
            return
        fields = self._fields(model, attnames)
        quote = self.connection.ops.quote_name
        table = quote(model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        with self.connection.cursor() as cursor:
            if self.is_postgres:
                sql = f"COPY {table} ({columns}) FROM STDIN"
                # COPY goes to psycopg's own cursor; log it as Django logs its queries (so
                # the debug toolbar and assertNumQueries see it).
                logged = cursor.debug_sql(sql) if hasattr(cursor, "debug_sql") else nullcontext()
                # psycopg adapts Decimal, date and aware datetime itself; JSON goes as its text.
                json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
                with logged, cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        if json_at:
                            row = list(row)
                            for i in json_at:
                                row[i] = "[]" if row[i] == [] else json.dumps(row[i])
                        copy.write_row(row)
                return
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                [self._prepared(fields, row) for row in rows],
            )

    def update(
        self, model: type[models.Model], attnames: Sequence[str], rows: Iterable[tuple]
    ) -> None:
        """Set `attnames` on the rows whose primary key is each tuple's last item."""
        fields = self._fields(model, attnames)
        quote = self.connection.ops.quote_name
        assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
        prepared = [(*self._prepared(fields, row[:-1]), row[-1]) for row in rows]
        if prepared:
            with self.connection.cursor() as cursor:
                cursor.executemany(sql, prepared)

    def _prepared(self, fields: list[models.Field], row: tuple) -> tuple:
        connection = self.connection
        return tuple(
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        )

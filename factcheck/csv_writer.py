"""Writing a batch of checked CSV rows: claims, their sources, and the history of both.

Each new or changed claim gets the row django-simple-history would have written (the
importing user, `+` or `~`, a reason naming the file and line), so the import shows in
every claim's history. Rows go out through BulkRows, a few statements per batch whatever
its size.
"""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils import timezone

from factcheck import fx_rates
from factcheck.bulk_rows import BulkRows
from factcheck.csv_rows import ROW_FIELDS, ClaimRow
from factcheck.models import Claim, Source

CLAIM_ATTNAMES = tuple(f.attname for f in Claim._meta.concrete_fields)
SOURCE_ATTNAMES = tuple(f.attname for f in Source._meta.concrete_fields)
# The claim columns a CSV row sets (the rest are the workflow's and the database's).
CONTENT_ATTNAMES = ("article_id", "company_id", *ROW_FIELDS)
UPDATED_ATTNAMES = (
    *CONTENT_ATTNAMES,
    "usd_value",
    "n_sources",
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


def new_source_stance(status: str) -> str:
    """A source a CSV row adds: it contradicts an inaccurate claim, supports any other."""
    return Source.Stance.CONTRADICTS if status == "inaccurate" else Source.Stance.SUPPORTS


def _history_attnames(model) -> tuple[str, ...]:
    """The historical model's columns but its own key (the database numbers history rows)."""
    fields = model.history.model._meta.concrete_fields
    return tuple(f.attname for f in fields if f.attname != "history_id")


def _pick(values: dict, attnames: tuple[str, ...]) -> tuple:
    return tuple(values[name] for name in attnames)


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


def file_label(file_name: str) -> str:
    """The file as history names it: its name without the directories (reasons keep 100
    characters, and the line number must not be the part cut off)."""
    return PurePath(file_name).name or "CSV"


def import_reason(file_name: str, change: Change) -> str:
    """The history's reason for a row's change: the file, the line, and any --force."""
    reason = f"Imported from {file_label(file_name)}, line {change.row.line}"
    if change.forced:
        made_from = change.row.version
        seen = f"made from version {made_from}" if made_from is not None else "no version"
        reason = f"--force ({seen}, was {change.stored['version']}): " + reason
    return reason


class ClaimWriter:
    """Writes batches of Changes as the importing user (None: the system, e.g. a restore)."""

    def __init__(self, *, user=None, file_name: str = "", bulk: BulkRows | None = None):
        self.user_id = user.pk if user is not None else None
        self.file_name = file_label(file_name)
        self.bulk = bulk or BulkRows()
        self.now = timezone.now()
        self.usd = fx_rates.UsdConverter()
        self.claim_history = _history_attnames(Claim)
        self.source_history = _history_attnames(Source)

    def write(self, changes: list[Change]) -> None:
        new = [c for c in changes if c.kind == "new"]
        updated = [c for c in changes if c.kind == "update"]
        for change, pk in zip(new, self.bulk.reserve_ids(Claim, len(new)), strict=True):
            change.claim_id = pk
        claims = [self._new_claim(c) for c in new]
        claims_after = [self._updated_claim(c) for c in updated]
        self.bulk.insert(Claim, CLAIM_ATTNAMES, [_pick(d, CLAIM_ATTNAMES) for d in claims])
        self.bulk.update(
            Claim, UPDATED_ATTNAMES, [(*_pick(d, UPDATED_ATTNAMES), d["id"]) for d in claims_after]
        )
        history = [self._history(d, "+", c) for d, c in zip(claims, new, strict=True)]
        history += [self._history(d, "~", c) for d, c in zip(claims_after, updated, strict=True)]
        self.bulk.insert(Claim.history.model, self.claim_history, history)
        self._write_sources(new + updated)

    def _content(self, change: Change) -> dict:
        row = change.row
        values = {name: getattr(row, name) for name in CONTENT_ATTNAMES}
        values["status"] = change.status or row.status
        values["basis_editors"] = list(change.basis_editors)
        values["usd_value"] = self.usd.to_usd(row.value, row.unit, row.as_of)
        values["n_sources"] = len(row.sources)  # what _write_sources leaves: these URLs
        return values

    def _new_claim(self, change: Change) -> dict:
        by = self.user_id if change.reviewed else None
        return {
            **CLAIM_DEFAULTS,
            "id": change.claim_id,
            **self._content(change),
            "draft_of_id": None,
            "correction_reason": "",
            "created_by_id": self.user_id,
            "reviewed_by_id": by,
            "reviewed_at": self.now if change.reviewed else None,
            "published_by_id": None,
            "published_at": None,
            "created_at": self.now,
            "updated_at": self.now,
            "version": 1,
        }

    def _updated_claim(self, change: Change) -> dict:
        claim = {**change.stored, **self._content(change)}
        if change.reviewed:
            claim["reviewed_by_id"], claim["reviewed_at"] = self.user_id, self.now
        claim["updated_at"] = self.now
        claim["version"] = change.stored["version"] + 1
        return claim

    def _history(self, values: dict, kind: str, change: Change) -> tuple:
        extra = {
            "history_date": self.now,
            "history_type": kind,
            "history_user_id": self.user_id,
            "history_change_reason": import_reason(self.file_name, change)[:100],
        }
        return tuple(extra[a] if a in extra else values[a] for a in self.claim_history)

    def _write_sources(self, changes: list[Change]) -> None:
        added, removed = [], []
        for change in changes:
            kept = {s["url"] for s in change.stored_sources if s["url"] in change.row.sources}
            removed += [
                {**s, "line": change.row.line}
                for s in change.stored_sources
                if s["url"] not in kept
            ]
            added += [
                {
                    **SOURCE_DEFAULTS,
                    "url": url,
                    "stance": new_source_stance(change.status or change.row.status),
                    "claim_id": change.claim_id,
                    "line": change.row.line,
                }
                for url in change.row.sources
                if url not in kept
            ]
        for source, pk in zip(added, self.bulk.reserve_ids(Source, len(added)), strict=True):
            source["id"] = pk
        self.bulk.delete(Source, [s["id"] for s in removed])
        self.bulk.insert(Source, SOURCE_ATTNAMES, [_pick(s, SOURCE_ATTNAMES) for s in added])
        history = [self._source_history(s, "+") for s in added]
        history += [self._source_history(s, "-") for s in removed]
        self.bulk.insert(Source.history.model, self.source_history, history)

    def _source_history(self, source: dict, kind: str) -> tuple:
        line = source.get("line")
        reason = f"Imported from {self.file_name}" + (f", line {line}" if line else "")
        extra = {
            "history_date": self.now,
            "history_type": kind,
            "history_user_id": self.user_id,
            "history_change_reason": reason[:100],
        }
        return tuple(extra[a] if a in extra else source[a] for a in self.source_history)

"""Importing a claims CSV: all or nothing, every row validated, streamed in batches.

The admin (its import jobs, admin/import_jobs.py) and `manage.py import_claims` both run
this import, so they refuse the same rows with the same messages. Rows are read and checked a batch at a
time: the stored claims a batch names are loaded in one query (locked for the update), the
desk's rules are asked of each row (factcheck.rules: sources for a verdict, the corrected
figure, the two-person rule), and the batch is written by ClaimWriter. After the first bad
row nothing more is written, the rest is only checked, and the transaction is rolled back,
so an import with any error leaves the database as it was.

Importing never publishes: published_at in the file is ignored; a claim already published
stays published, and a change of its verdict is recorded as a public correction, as
services.give_verdict does.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import BinaryIO

from django.core.exceptions import PermissionDenied
from django.db import transaction

from factcheck import rules, signals
from factcheck.csvio.background import BackgroundWriter
from factcheck.csvio.columns import IMPORTED_FIELDS
from factcheck.csvio.reader import CSVRow, read_rows
from factcheck.csvio.rows import ClaimRow, RowError, RowParser, shown
from factcheck.csvio.safety import unneutralise
from factcheck.csvio.writer import (
    CLAIM_ATTNAMES,
    SOURCE_ATTNAMES,
    Change,
    ClaimWriter,
    apply_published,
    new_source_stance,
)
from factcheck.models import Claim, Source
from factcheck.services.common import changes_since

# The CSV columns (Change.changed names) that are part of a verdict's basis.
BASIS_COLUMNS = frozenset({name.removesuffix("_id") for name in rules.BASIS_FIELDS} | {"sources"})

BATCH_SIZE = 2000


@dataclass
class ImportReport:
    """What an import did (or, on a dry run or any error, would have done)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        counts = f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"
        if not self.ok:
            lines = len({error.line for error in self.errors})
            return f"Nothing was imported: {lines} row(s) have errors. The other rows: {counts}."
        if self.dry_run:
            return f"Dry run, nothing was written: {counts}."
        return f"Imported: {counts}."


def _batches(rows: Iterable[CSVRow], size: int) -> Iterator[list[CSVRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class RowChecker:
    """The desk's rules for rows against the claims already stored, as one user (or the system).

    Rules come from factcheck.rules, as the services ask them: a stale row is refused, a
    verdict needs its sources (and a rationale, a correction, consistent stances), an edit
    after a verdict sends the claim back to review, and whoever changed a claim's basis may
    not give its verdict. Rows that change a published claim are applied afterwards by
    services.revise_claim and give_verdict, which make the change a pending one.
    """

    def __init__(self, user=None, *, force: bool = False):
        self.user = user
        self.force = force  # overwrite newer stored versions, on purpose (recorded in history)
        self.seen_ids: dict[int, int] = {}  # claim id -> the line that names it first

    def _can(self, perm: str) -> bool:
        return self.user is None or self.user.has_perm(f"factcheck.{perm}")

    def check(
        self, row: ClaimRow, stored: dict | None, sources: list[dict], draft_id: int | None = None
    ) -> Change | list[RowError]:
        """The row's Change against the stored claim (None for a new one), or its errors."""
        errors: list[RowError] = []

        def fail(column: str, message: str) -> None:
            errors.append(RowError(row.line, column, message))

        if row.id is not None:
            first = self.seen_ids.setdefault(row.id, row.line)
            if first != row.line:
                fail("id", f"claim {row.id} is already on line {first}: each claim once per file.")
            elif stored is None:
                fail("id", f"there is no claim {row.id}: leave id blank to add a new claim.")
                return errors
        change = Change("new" if stored is None else "update", row, stored, sources)
        self._check_as_written(change, fail)
        if stored is not None:
            change.claim_id = stored["id"]
            change.changed = self._changed_columns(row, stored, sources)
            if not change.changed:  # nothing to write, so nothing to overwrite: no version asked
                change.kind = "skip"
                return errors or change
            self._check_version(change, fail)
            if draft_id is not None:
                fail(
                    "id",
                    f"claim {row.id} is published and already has a pending change (claim "
                    f"{draft_id}): edit that one, so that nobody's change is lost.",
                )
            change.published = stored["published_at"] is not None
        self._check_permissions(change, fail)
        self._check_verdict(change, fail)
        return errors or change

    @staticmethod
    def _check_as_written(change: Change, fail) -> None:
        """as_written is read back as a check, never as data: an edit made there alone is
        refused rather than silently ignored (an edit to `value` that left the exported
        as_written as it was is the value's)."""
        row, stored = change.row, change.stored
        written = unneutralise(row.cells.get("as_written", "")).strip()
        if not written or written == shown(row.value, row.unit, row.qualifier):
            return
        if stored is not None and written == shown(
            stored["value"], stored["unit"], stored["qualifier"]
        ):
            return
        fail(
            "as_written",
            f"'{written[:60]}' is not how the value reads "
            f"('{shown(row.value, row.unit, row.qualifier)}'): change the figure in the value "
            "column (as_written is only a check), or clear as_written.",
        )

    def _check_version(self, change: Change, fail) -> None:
        row, stored = change.row, change.stored
        if self.force:
            change.forced = row.version != stored["version"]  # the history says so
            return
        if row.version is None:
            fail(
                "version",
                f"blank, but this row updates claim {row.id}: keep the version the export "
                "wrote, so a newer change is never overwritten by mistake (or import with "
                "--force to overwrite on purpose).",
            )
        elif row.version > stored["version"]:
            fail(
                "version",
                f"this row says version {row.version} of claim {row.id}, but the claim is only "
                f"at version {stored['version']}: the row was not exported from this claim (or "
                "its version was edited). Export again and redo the change, or import with "
                "--force to overwrite on purpose.",
            )
        elif row.version != stored["version"]:
            who, changed = changes_since(stored["id"], row.version)
            by = f" by {who}" if who else ""
            what = f": {'; '.join(changed)}" if changed else ""
            fail(
                "version",
                f"this row was made from version {row.version} of claim {row.id}, which is now "
                f"at version {stored['version']} (changed since{by}{what}). Export again and "
                "redo the change, or import with --force to overwrite on purpose.",
            )

    @staticmethod
    def _changed_columns(row: ClaimRow, stored: dict, sources: list[dict]) -> tuple[str, ...]:
        """The CSV columns whose value differs from the stored claim's (empty: unchanged)."""
        changed = [
            name.removesuffix("_id")
            for name in IMPORTED_FIELDS
            if getattr(row, name) != stored[name]
        ]
        if set(row.sources) != {source["url"] for source in sources}:
            changed.append("sources")
        return tuple(changed)

    def _check_permissions(self, change: Change, fail) -> None:
        if change.kind == "new" and not self._can("add_claim"):
            fail("id", "you do not have permission to add claims.")
        if change.kind == "update" and not self._can("change_claim"):
            fail("id", f"you do not have permission to edit claims (claim {change.row.id}).")

    def _check_verdict(self, change: Change, fail) -> None:
        row, stored = change.row, change.stored
        old_status = stored["status"] if stored else None
        basis_changed = stored is None or any(name in BASIS_COLUMNS for name in change.changed)
        editors = list(stored["basis_editors"]) if stored else []
        # As services.revise_claim on a claim not yet published: whoever changes its basis
        # may not give its verdict (rows changing a published claim go to the services).
        if basis_changed and self.user is not None and self.user.pk not in editors:
            editors.append(self.user.pk)
        change.basis_editors = editors
        status = row.status
        if stored is not None and row.status == old_status:
            status = rules.status_after_edit(
                status=old_status, basis_changed=basis_changed, content_changed=True
            )
        change.status = status
        if row.corrected_value is not None and rules.kept_correction(row.status, 1) is None:
            fail(
                "corrected_value",
                f"a corrected figure goes only with an inaccurate or misleading verdict, "
                f"not {row.status}: clear it.",
            )
        if status in rules.VERDICTS:
            problems = rules.verdict_errors(
                status=status,
                source_count=len(row.sources),
                corrected_value=row.corrected_value,
                note=row.note,
                stances=_stances(row, status, change.stored_sources),
            )
            for key, message in problems.items():
                fail("sources" if key == "status" else key, message)
        change.reviewed = status in rules.VERDICTS and status != old_status
        if change.reviewed:
            if not self._can("give_verdict"):
                fail("status", "you do not have permission to give verdicts.")
            elif self.user is not None:
                problem = rules.two_person_error(basis_editors=editors, reviewer_id=self.user.pk)
                if problem:
                    fail("status", problem)
            change.basis_editors = []
        if change.published:
            self._check_published(change, fail)

    @staticmethod
    def _check_published(change: Change, fail) -> None:
        if change.row.status not in rules.VERDICTS:
            fail(
                "status",
                "this claim is published, so it keeps a verdict: unpublish it first "
                "to send it back to review.",
            )
        elif change.reviewed and not change.row.note:
            fail(
                "note",
                "this claim is published, so its change of verdict is shown to readers as a "
                "correction: say why it changed in the note.",
            )


def _stances(row: ClaimRow, status: str, stored_sources: list[dict]) -> list[str]:
    """The stances the row's sources will have: stored ones kept; new ones as the verdict reads."""
    stored = {source["url"]: source["stance"] for source in stored_sources}
    default = new_source_stance(status)
    return [stored.get(url, default) for url in row.sources]


def _load_stored(
    ids: list[int], *, lock: bool
) -> tuple[dict[int, dict], dict[int, list[dict]], dict[int, int]]:
    """The stored claims with these ids (locked until commit), their sources and pending changes."""
    if not ids:
        return {}, {}, {}
    claims = Claim.objects.filter(pk__in=ids).order_by()
    if lock:
        claims = claims.select_for_update()
    stored = {values["id"]: values for values in claims.values(*CLAIM_ATTNAMES)}
    sources: dict[int, list[dict]] = {}
    for source in Source.objects.filter(claim_id__in=ids).order_by("pk").values(*SOURCE_ATTNAMES):
        sources.setdefault(source["claim_id"], []).append(source)
    drafts = dict(Claim.objects.filter(draft_of_id__in=ids).values_list("draft_of_id", "pk"))
    return stored, sources, drafts


def import_claims(binary: BinaryIO, **options) -> ImportReport:
    """Import the claims CSV in `binary`; with any row error, write nothing.

    `options` are import_rows' (user, dry_run, file_name, as_new, force, progress,
    on_change). `user` is the person importing (permissions, the two-person rule, the
    history); None is the system, for restores from a backup. `as_new` ignores the id
    column, so that an export loads into another (or an empty) desk as new claims. Raises
    CSVFileError when the file as a whole cannot be read, and PermissionDenied when `user`
    may not import.
    """
    return import_rows(read_rows(binary), **options)


def import_rows(
    rows: Iterable[CSVRow],
    *,
    user=None,
    dry_run: bool = False,
    file_name: str = "",
    as_new: bool = False,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    on_change: Callable[[Change], None] | None = None,
) -> ImportReport:
    """Import rows already read from a claims CSV (see import_claims).

    `force` overwrites claims changed since the file was made (their history says so).
    `progress` is told the number of rows of each batch read; `on_change` is given each
    valid row's Change as it is checked (the admin's preview keeps the few it shows).
    """
    if user is not None and not user.has_perm("factcheck.import_claim"):
        raise PermissionDenied("You do not have permission to import claims.")
    report = ImportReport(dry_run=dry_run)
    parser, checker = RowParser(as_new=as_new), RowChecker(user, force=force)
    from factcheck import figure_checks  # the checks of the claims whose figure moved

    published: list[Change] = []  # rows that change a published claim: applied by services
    moved: set[int] = set()  # claims written here whose figure changed (services do their own)
    writer = ClaimWriter(user=user, file_name=file_name)
    # A dry run neither writes nor locks, so it needs no transaction.
    with nullcontext() if dry_run else transaction.atomic():
        with nullcontext() if dry_run else BackgroundWriter(writer) as background:
            for batch in _batches(rows, BATCH_SIZE):
                parsed = [parser.parse(row) for row in batch]  # while a batch is written
                if background and any(isinstance(p, ClaimRow) and p.id is not None for p in parsed):  # fmt: skip
                    _tell(on_change, background.wait())  # the stored claims are read on it
                changes = _check_batch(parsed, checker, report, lock=not dry_run)
                published += [c for c in changes if c.kind != "skip" and c.published]
                moved.update(
                    c.claim_id or c.row.id
                    for c in changes
                    if c.kind == "update"
                    and not c.published
                    and not set(c.changed).isdisjoint(figure_checks.FIGURE_FIELDS)
                )
                if report.ok and background:
                    to_write = [c for c in changes if c.kind != "skip" and not c.published]
                    _tell(on_change, background.submit(to_write, told=changes))
                else:
                    if background:  # nothing more is written: told as they are
                        _tell(on_change, background.wait() + background.discard())
                    _tell(on_change, changes)
                if progress is not None:
                    progress(len(batch))
            if background:
                _tell(on_change, background.finish())
        if report.ok and published:
            with transaction.atomic():  # a dry run tries them too, then rolls them back
                apply_published(published, user=user, file_name=file_name, report=report)
                if dry_run or not report.ok:
                    transaction.set_rollback(True)
        if report.ok and not dry_run and moved:
            figure_checks.recompute_for_claims(moved)  # found by operand first: cheap if none
        if not report.ok and not dry_run:
            transaction.set_rollback(True)
    if report.ok and not dry_run:
        signals.on_public_change_commit()  # listing.py counts the public facets ahead
    return report


def _tell(on_change: Callable[[Change], None] | None, changes: list[Change]) -> None:
    if on_change is not None:
        for change in changes:
            on_change(change)


def _check_batch(parsed, checker, report: ImportReport, *, lock: bool) -> list[Change]:
    """The Changes of a parsed batch against the stored claims; errors go to the report."""
    ids = [p.id for p in parsed if isinstance(p, ClaimRow) and p.id is not None]
    stored, sources, drafts = _load_stored(ids, lock=lock)
    changes = []
    for result in parsed:
        if isinstance(result, ClaimRow):
            result = checker.check(
                result, stored.get(result.id), sources.get(result.id, []), drafts.get(result.id)
            )
        if isinstance(result, Change):
            changes.append(result)
            counts = {"new": "new", "update": "updated", "skip": "unchanged"}
            setattr(report, counts[result.kind], getattr(report, counts[result.kind]) + 1)
        else:
            report.errors.extend(result)
    return changes

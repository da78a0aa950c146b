"""The admin's CSV imports run beside the request, and a status page follows them.

Checking 100,000 rows takes longer than a browser (or gunicorn) waits for one response, so
the upload and the confirmation each start a job: a thread running csvio.importer with the
file from import-export's temporary storage. The job writes what it has done (rows read,
share of the file, then the report and the preview) to the cache under its id; the status
page reads it there and reloads itself until the job is done (a meta refresh, so it works
without JavaScript).

A job started inside a transaction (a test's, or any caller's) runs in the request instead:
a second connection could not see what that transaction has not committed.

An uploaded file belongs to whoever uploaded it (`keep_upload`), and is imported once:
`claim_upload` lets its uploader confirm it, once. The claim is an atomic `cache.add` of
the file's name (one key per file, shared by every worker), so a double click, or the same
form posted from two tabs, runs one import, and the other is told it was already confirmed.
"""

import io
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.cache import cache
from django.db import connection

from factcheck.csvio.importer import ImportReport, import_claims
from factcheck.csvio.preview import Preview, PreviewBuilder
from factcheck.csvio.reader import CSVFileError
from factcheck.csvio.writer import Change
from factcheck.models import Claim

logger = logging.getLogger(__name__)

KEEP_FOR = 6 * 3600  # seconds a job's state stays readable
ERRORS_KEPT = 1000  # more row errors than this are counted, not listed
SAVE_EVERY = 0.5  # seconds between two saves of a running job's progress
STALLED_AFTER = 120  # seconds without news after which a running job is said to have stopped
LOG_BATCH = 2000


@dataclass
class ImportJob:
    """One preview or import of an uploaded file, as its status page shows it."""

    id: str
    user_id: int
    file_name: str  # as uploaded, for the history's reasons
    storage_name: str  # import-export's temporary copy of the file
    format: str
    dry_run: bool  # the preview; else the confirmed import
    state: str = "running"  # running, done or failed
    rows: int = 0
    share: float = 0.0  # of the file read
    summary: str = ""
    ok: bool = False
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    preview: Preview | None = None
    failure: str = ""  # why the file could not be imported at all
    saved_at: float = 0.0  # time.time() of the last save

    @property
    def stalled(self) -> bool:
        """A running job that has not moved for a while (its server restarted?)."""
        return self.state == "running" and time.time() - self.saved_at > STALLED_AFTER

    @property
    def percent(self) -> int:
        return int(self.share * 100)

    # What import-export's import template asks of its `result`.
    def has_errors(self) -> bool:
        return False  # a failure of the import itself is `failure`, shown on its own

    def has_validation_errors(self) -> bool:
        return not self.ok

    def save(self) -> None:
        self.saved_at = time.time()
        cache.set(_key(self.id), self, KEEP_FOR)


def _key(job_id: str) -> str:
    return f"factdesk:csv-import:{job_id}"


GONE = (
    "The uploaded file is no longer here (it was already imported, or waited too long before "
    "being confirmed): nothing was imported. Upload it again."
)
NOT_YOURS = (
    "This import was previewed by someone else: only who uploaded a file confirms it. "
    "Nothing was imported; upload the file yourself to import it."
)
ALREADY_CONFIRMED = (
    "This import was already confirmed (a second click, or another tab): it runs once, "
    "and nothing more was imported."
)


def _owner_key(storage_name: str) -> str:
    return f"factdesk:csv-upload:{storage_name}"


def _confirmed_key(storage_name: str) -> str:
    return f"factdesk:csv-upload-confirmed:{storage_name}"


def keep_upload(storage_name: str, user_id: int) -> None:
    """Remember who uploaded the file kept under `storage_name` (for as long as a job)."""
    cache.set(_owner_key(storage_name), user_id, KEEP_FOR)


def claim_upload(storage_name: str, user_id: int) -> str:
    """ "" when `user_id` may import the file now, and nobody will again; else why not."""
    owner = cache.get(_owner_key(storage_name))
    if owner is None:
        return GONE
    if owner != user_id:
        return NOT_YOURS
    if not cache.add(_confirmed_key(storage_name), user_id, KEEP_FOR):
        return ALREADY_CONFIRMED
    return ""


def new_job(**values) -> ImportJob:
    job = ImportJob(id=uuid.uuid4().hex, **values)
    job.save()
    return job


def forget(job: ImportJob) -> None:
    cache.delete(_key(job.id))


def load_job(job_id: str) -> ImportJob | None:
    if not (job_id.isascii() and job_id.isalnum() and len(job_id) == 32):
        return None
    return cache.get(_key(job_id))


def start(job: ImportJob, data: bytes, user, *, finished: Callable[[ImportJob], None]) -> None:
    """Run `job` over the file's bytes as `user`: in a thread, or here inside a transaction.

    `finished` is called with the job once it is done or failed (in the job's thread).
    """
    if connection.in_atomic_block:
        _run(job, data, user, finished)
        return
    threading.Thread(
        target=_run_in_thread, args=(job, data, user, finished), name=f"csv-import-{job.id}"
    ).start()


def _run_in_thread(job, data, user, finished) -> None:
    try:
        _run(job, data, user, finished)
    finally:
        connection.close()  # this thread's own connection


class _Progress:
    """import_claims' progress callback: the rows read and the share of the file, saved."""

    def __init__(self, job: ImportJob, binary: io.BytesIO, size: int):
        self.job, self.binary, self.size = job, binary, max(size, 1)
        self.saved_at = time.monotonic()

    def __call__(self, rows: int) -> None:
        self.job.rows += rows
        now = time.monotonic()
        if now - self.saved_at >= SAVE_EVERY:
            self.saved_at = now
            self.job.share = min(self.binary.tell() / self.size, 1.0)
            self.job.save()


class _Written:
    """The claims a confirmed import wrote, for the admin's log ("Recent actions")."""

    def __init__(self):
        self.claims: list[tuple[int, bool, str]] = []

    def __call__(self, change: Change) -> None:
        if change.kind in ("new", "update") and change.claim_id is not None:
            row = change.row
            claim = Claim(quote=row.quote, value=row.value, unit=row.unit, qualifier=row.qualifier)
            self.claims.append((change.claim_id, change.kind == "new", str(claim)[:200]))

    def log(self, user_id: int) -> None:
        """One entry per claim, as import-export logs each row it imports."""
        for start in range(0, len(self.claims), LOG_BATCH):
            chunk = self.claims[start : start + LOG_BATCH]
            for added in (True, False):
                claims = [_Logged(pk, text) for pk, is_new, text in chunk if is_new == added]
                if claims:
                    LogEntry.objects.log_actions(
                        user_id,
                        claims,
                        ADDITION if added else CHANGE,
                        change_message="Imported from CSV",
                    )


class _Logged:
    """A claim as LogEntry.log_actions needs it: its key, its model and its words."""

    _meta = Claim._meta

    def __init__(self, pk: int, text: str):
        self.pk, self.text = pk, text

    def __str__(self) -> str:
        return self.text


def _run(job: ImportJob, data: bytes, user, finished: Callable[[ImportJob], None]) -> None:
    binary = io.BytesIO(data)
    preview = PreviewBuilder() if job.dry_run else None
    written = None if job.dry_run else _Written()
    try:
        report = import_claims(
            binary,
            user=user,
            dry_run=job.dry_run,
            file_name=job.file_name,
            progress=_Progress(job, binary, len(data)),
            on_change=preview or written,
        )
    except CSVFileError as error:
        job.state, job.failure = "failed", str(error)
    except Exception:
        logger.exception("CSV import job %s failed", job.id)
        job.state = "failed"
        job.failure = "The import stopped on an unexpected error: nothing was imported."
    else:
        _report(job, report)
        if preview is not None:
            job.preview = preview.preview(unchanged=report.unchanged)
        if written is not None and report.ok and not report.dry_run:
            written.log(user.pk)
        job.state = "done"
    job.share = 1.0
    job.save()
    finished(job)


def _report(job: ImportJob, report: ImportReport) -> None:
    job.ok, job.summary = report.ok, report.summary()
    job.error_count = len(report.errors)
    job.errors = [str(error) for error in report.errors[:ERRORS_KEPT]]

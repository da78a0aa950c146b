"""manage.py import_claims FILE [--dry-run] [--user USERNAME]"""

import sys
import time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from factcheck.csvio.importer import import_claims
from factcheck.csvio.reader import CSVFileError


class Progress:
    """A one-line progress bar on a terminal, redrawn at most five times a second."""

    def __init__(self, out, binary, width: int = 30):
        self.out, self.binary, self.width = out, binary, width
        self.size = _size(binary)
        self.rows, self.drawn_at = 0, 0.0

    def __call__(self, rows: int) -> None:
        self.rows += rows
        now = time.monotonic()
        if now - self.drawn_at >= 0.2:
            self.drawn_at = now
            self.draw()

    def draw(self) -> None:
        done = min(self.binary.tell() / self.size, 1.0) if self.size else 0.0
        bar = "#" * int(done * self.width)
        self.out.write(f"\r[{bar:<{self.width}}] {done:4.0%} {self.rows:,} rows", ending="")
        self.out.flush()

    def finish(self) -> None:
        self.draw()
        self.out.write("")


def _size(binary) -> int:
    try:
        return binary.seek(0, 2) if binary.seekable() else 0
    finally:
        if binary.seekable():
            binary.seek(0)


class Command(BaseCommand):
    help = (
        "Import a claims CSV (the columns of CONTRACT.md, UTF-8). All or nothing: any bad "
        "row is reported with its line and nothing is written; the exit status is then 1. "
        "Without --user the import runs as the system (for restores from an export): no "
        "permission checks, no reviewer, no two-person rule. With --user it runs as that "
        "person, with the admin's rules: the import permission, the permissions for "
        "adding, editing and giving verdicts, and the two-person rule (they become the "
        "reviewer of each verdict they import, and may not review a claim they entered). "
        "Importing never publishes: published_at is ignored; a row that changes a published "
        "claim becomes its pending change. A row updating a claim must carry the version its "
        "export wrote; an older one is refused unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file, or - for standard input")
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and report, write nothing"
        )
        parser.add_argument("--user", help="import as this user (username), with their rules")
        parser.add_argument(
            "--as-new",
            action="store_true",
            help="ignore the id column: every row becomes a new claim (to load an export "
            "into another desk, or restore it into an empty one)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite claims changed since the file was exported (an older or missing "
            "version is otherwise an error); each overwrite is recorded in the claim's history",
        )

    def handle(self, *args, file, dry_run, user, as_new, force=False, **options):
        importer = self._user(user)
        binary = sys.stdin.buffer if file == "-" else self._open(file)
        progress = Progress(self.stdout, binary) if self.stdout.isatty() else None
        try:
            report = import_claims(
                binary,
                user=importer,
                dry_run=dry_run,
                as_new=as_new,
                force=force,
                file_name=file,
                progress=progress,
            )
            if progress:
                progress.finish()
        except (CSVFileError, PermissionDenied) as error:
            raise CommandError(str(error)) from None
        finally:
            if binary is not sys.stdin.buffer:
                binary.close()
        for error in report.errors:
            self.stderr.write(str(error))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())

    def _user(self, username):
        if username is None:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user '{username}'.") from None

    def _open(self, path):
        try:
            return open(path, "rb")  # noqa: SIM115 - closed in handle()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None

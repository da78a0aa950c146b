"""A row that updates a claim carries the version it was exported at; a stale row is refused.

Without the check, a file exported in the morning and imported in the afternoon would quietly
undo every change made in between. `--force` overwrites on purpose, and the history says so.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from factcheck import services
from factcheck.models import Claim
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved(editor):
    """A claim at version 2: an editor reworded it after the file (made at version 1)."""
    claim = ClaimFactory(quote="Old words.", note="")
    exported = row_for(claim, note="Asked the company.")
    current = Claim.objects.get(pk=claim.pk)
    current.quote = "Edited words."
    services.save_claim(claim=current, user=editor)
    return claim, exported


def state(claim) -> tuple:
    claim.refresh_from_db()
    return claim.quote, claim.note, claim.version, claim.history.count()


def test_an_older_version_names_the_line_who_and_what_changed(import_file, moved, fact_checker):
    claim, row = moved
    before = state(claim)

    report = import_file(csv_bytes(row), user=fact_checker)

    assert [str(e) for e in report.errors] == [
        f"line 2, version: this row was made from version 1 of claim {claim.pk}, which is now "
        "at version 2 (changed since by edna: quote: Old words. → Edited words.). Export "
        "again and redo the change, or import with --force to overwrite on purpose."
    ]
    assert state(claim) == before


def test_a_blank_version_on_an_update_is_refused(import_file, moved):
    claim, row = moved
    before = state(claim)

    report = import_file(csv_bytes({**row, "version": ""}))

    assert [(e.line, e.column) for e in report.errors] == [(2, "version")]
    assert report.errors[0].message.startswith(
        f"blank, but this row updates claim {claim.pk}: keep the version the export wrote"
    )
    assert "--force" in report.errors[0].message
    assert state(claim) == before


def test_a_newer_version_than_the_claims_is_refused(import_file, moved):
    claim, row = moved
    before = state(claim)

    report = import_file(csv_bytes({**row, "version": "7"}))

    assert [str(e) for e in report.errors] == [
        f"line 2, version: this row says version 7 of claim {claim.pk}, but the claim is only "
        "at version 2: the row was not exported from this claim (or its version was edited). "
        "Export again and redo the change, or import with --force to overwrite on purpose."
    ]
    assert state(claim) == before


@pytest.mark.parametrize("version", ["0", "-1", "1.0", "v2", "²", "99999999999"])
def test_a_version_that_is_not_a_version(import_file, moved, version):
    claim, row = moved
    report = import_file(csv_bytes({**row, "version": version}))
    assert [(e.line, e.column) for e in report.errors] == [(2, "version")]
    assert f"'{version}' is not a version" in report.errors[0].message


def test_the_current_version_updates(import_file, moved, fact_checker):
    claim, row = moved
    report = import_file(csv_bytes({**row, "version": "2"}), user=fact_checker)
    assert report.updated == 1, report.errors
    assert state(claim)[1:3] == ("Asked the company.", 3)


def test_one_stale_row_refuses_the_whole_file(import_file, moved):
    claim, row = moved
    fresh = ClaimFactory()
    report = import_file(
        csv_bytes(row_for(fresh, period="FY2024"), row, {"quote": "New claim.", "value": "5"})
    )
    assert [(e.line, e.column) for e in report.errors] == [(3, "version")]
    fresh.refresh_from_db()
    assert (fresh.period, fresh.version) == ("", 1)
    assert Claim.objects.count() == 2


@pytest.mark.parametrize("version", ["1", "", "7"])
def test_force_overwrites_and_the_history_says_so(import_file, moved, fact_checker, version):
    claim, row = moved

    report = import_file(csv_bytes({**row, "version": version}), user=fact_checker, force=True)

    assert report.updated == 1, report.errors
    assert state(claim)[:3] == ("Old words.", "Asked the company.", 3)
    latest = claim.history.order_by("-history_id").first()
    seen = f"made from version {version}" if version else "no version"
    assert latest.history_change_reason == f"--force ({seen}, was 2): Imported from CSV, line 2"
    assert latest.history_user == fact_checker


def test_force_on_a_current_row_is_an_ordinary_update(import_file, moved):
    claim, row = moved
    report = import_file(csv_bytes({**row, "version": "2"}), force=True)
    assert report.updated == 1, report.errors
    latest = claim.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Imported from CSV, line 2"


def test_force_still_applies_the_desks_rules(import_file, moved):
    claim, row = moved
    report = import_file(csv_bytes({**row, "status": "verified"}), force=True)
    assert [e.column for e in report.errors] == ["sources"]
    assert state(claim)[2] == 2


def test_the_command_refuses_a_stale_row_and_force_overwrites(moved, tmp_path):
    claim, row = moved
    path = tmp_path / "morning.csv"
    path.write_bytes(csv_bytes(row))
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 1 row"):
        call_command("import_claims", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith(
        f"line 2, version: this row was made from version 1 of claim {claim.pk}"
    )
    assert state(claim)[2] == 2

    out = io.StringIO()
    call_command("import_claims", str(path), "--force", stdout=out, stderr=io.StringIO())
    assert out.getvalue() == "Imported: 0 new, 1 updated, 0 unchanged.\n"
    latest = claim.history.order_by("-history_id").first()
    # The file by its name, not its directories: the line number is never cut off.
    assert latest.history_change_reason == (
        "--force (made from version 1, was 2): Imported from morning.csv, line 2"
    )

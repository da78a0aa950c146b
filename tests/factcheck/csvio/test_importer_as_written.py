"""`as_written` is read back as a check: an edit made there alone is an error, never ignored."""

import io

import pytest

from factcheck.csvio.columns import HEADER
from factcheck.csvio.export import iter_csv
from factcheck.csvio.importer import import_claims
from factcheck.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def exported_row(claim) -> tuple[list[str], list[str]]:
    import csv

    lines = list(csv.reader(io.StringIO("".join(iter_csv(Claim.objects.filter(pk=claim.pk))))))
    return lines[0], lines[1]


def file(header, row) -> io.BytesIO:
    import csv

    out = io.StringIO()
    csv.writer(out).writerows([header, row])
    return io.BytesIO(out.getvalue().encode())


def test_an_export_reimports_unchanged(editor):
    claim = ClaimFactory(created_by=editor)
    header, row = exported_row(claim)
    report = import_claims(file(header, row))
    assert report.ok and report.unchanged == 1


def test_editing_as_written_alone_is_refused_with_the_line(editor):
    claim = ClaimFactory(created_by=editor)
    header, row = exported_row(claim)
    row[HEADER.index("as_written")] = "$999 billion"
    report = import_claims(file(header, row))
    assert not report.ok
    error = report.errors[0]
    assert (error.line, error.column) == (2, "as_written")
    assert "value column" in error.message
    claim.refresh_from_db()
    assert claim.value != 999 * 10**9


def test_editing_the_value_and_leaving_as_written_is_the_values_change(editor):
    claim = ClaimFactory(created_by=editor)
    header, row = exported_row(claim)
    row[HEADER.index("value")] = "$999 billion"
    report = import_claims(file(header, row))
    assert report.ok and report.updated == 1
    claim.refresh_from_db()
    assert claim.value == 999 * 10**9


def test_a_new_row_whose_as_written_disagrees_is_refused():
    header = ["quote", "value", "as_written"]
    report = import_claims(file(header, ["New words.", "157000000000", "$150 billion"]))
    assert [e.column for e in report.errors] == ["as_written"]

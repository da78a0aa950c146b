"""The claims CSV's `as_of` with its precision: 2024-10-15, 2024-02, 2024-Q2, 2024 (CONTRACT.md)."""

import datetime as dt

import pytest

from factcheck.models import Claim
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def new_row(as_of: str) -> dict:
    return {"quote": "Revenue reached $2.5 billion.", "value": "$2.5 billion", "as_of": as_of}


@pytest.mark.parametrize(
    "cell,date,precision",
    [
        ("2024-10-15", "2024-10-15", "day"),
        ("2024-02", "2024-02-29", "month"),
        ("2024-Q2", "2024-06-30", "quarter"),
        ("2024", "2024-12-31", "year"),
        ("2025-H1", "2025-06-30", "half"),
        ("FY2024", "2024-12-31", "fiscal_year"),
        ("February 2024", "2024-02-29", "month"),
    ],
)
def test_each_as_of_form_is_imported_with_its_precision(
    import_file, fact_checker, cell, date, precision
):
    report = import_file(csv_bytes(new_row(cell)), user=fact_checker)
    assert report.ok, report.errors
    claim = Claim.objects.get()
    assert (claim.as_of, claim.as_of_precision) == (dt.date.fromisoformat(date), precision)


def test_an_unreadable_period_names_the_forms_that_are_read(import_file, fact_checker):
    report = import_file(csv_bytes(new_row("2024-Q5")), user=fact_checker)
    assert [(e.line, e.column) for e in report.errors] == [(2, "as_of")]
    assert "2024-02 (a month), 2024-Q2 (a quarter)" in report.errors[0].message
    assert not Claim.objects.exists()


def test_changing_only_the_precision_is_a_change(import_file, fact_checker):
    claim = ClaimFactory(as_of=dt.date(2024, 2, 29), as_of_precision="day", created_by=fact_checker)
    report = import_file(csv_bytes(row_for(claim, as_of="2024-02")), user=fact_checker)
    assert report.ok, report.errors
    assert report.updated == 1
    claim.refresh_from_db()
    assert (claim.as_of, claim.as_of_precision) == (dt.date(2024, 2, 29), "month")

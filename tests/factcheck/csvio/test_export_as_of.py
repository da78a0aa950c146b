"""`as_of` is exported with its stored precision, the same on the Python and COPY paths."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection

from factcheck.csvio import export
from factcheck.csvio.columns import HEADER, claim_row
from factcheck.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("precision", "day", "written"),
    [
        ("day", "2024-10-15", "2024-10-15"),
        ("month", "2024-02-29", "2024-02"),
        ("quarter", "2024-06-30", "2024-Q2"),
        ("half", "2025-06-30", "2025-H1"),
        ("half", "2025-12-31", "2025-H2"),
        ("year", "2024-12-31", "2024"),
        ("fiscal_year", "2024-03-31", "FY2024"),
    ],
)
def test_as_of_is_written_with_its_precision_on_both_paths(precision, day, written):
    claim = ClaimFactory(as_of=dt.date.fromisoformat(day), as_of_precision=precision)
    claim = Claim.objects.select_related("article", "company").get(pk=claim.pk)
    assert claim_row(claim)[HEADER.index("as_of")] == written
    if connection.vendor == "postgresql":
        out = io.StringIO()
        export.copy_csv(Claim.objects.filter(pk=claim.pk), out)
        row = list(csv.reader(io.StringIO(out.getvalue())))[1]
        assert row[HEADER.index("as_of")] == written

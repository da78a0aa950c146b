"""On PostgreSQL, export_claims lets the database write the CSV: the same cells as Python's.

`csv_copy.copy_csv` formats in SQL what `csv_export.write_csv` formats in Python; every cell
of every row must come out the same, hostile text, numbers and timestamps included.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import csv_copy, csv_export
from factcheck.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, CompanyFactory, SourceFactory
from tests.security.hostile import PAYLOADS

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="COPY is PostgreSQL's; SQLite exports in Python"
    ),
]

TEXTS = [
    *PAYLOADS,
    '=HYPERLINK("http://evil", "click")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tindented",
    "\r\nline",
    "'=already quoted",
    "''=twice",
    "-12.5",
    "+0",
    ".5",
    "1e5",
    "-١",  # an Arabic-Indic digit: not a number to a spreadsheet, so neutralised
    'a "quoted", comma',
    "multi\nline\ncell",
    "ünïcödé — “quotes” 中文 🙂",
    "",
]
VALUES = [
    Decimal("157000000000"),
    Decimal("2.477"),
    Decimal("0"),
    Decimal("-12.5"),
    Decimal("0.000001"),
    Decimal("999999999999999999999999.999999"),
]
PUBLISHED = [
    None,
    dt.datetime(2024, 10, 2, 9, 30, tzinfo=dt.UTC),
    dt.datetime(2024, 10, 2, 9, 30, 0, 123456, tzinfo=dt.UTC),
    dt.datetime(2024, 10, 2, 23, 59, 59, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))),
]


def both(claims) -> tuple[list[list[str]], list[list[str]]]:
    python, database = io.StringIO(), io.StringIO()
    assert csv_export.write_csv(claims, python) == csv_copy.copy_csv(claims, database)
    return (
        list(csv.reader(io.StringIO(python.getvalue()))),
        list(csv.reader(io.StringIO(database.getvalue()))),
    )


def test_every_cell_is_the_one_python_writes():
    article = ArticleFactory(slug="=article")
    for n, text in enumerate(TEXTS):
        claim = ClaimFactory(
            quote=text or "q",
            note=text,
            period=text[:40],
            unit=text[:20],
            value=VALUES[n % len(VALUES)],
            corrected_value=VALUES[(n + 1) % len(VALUES)] if n % 2 else None,
            usd_value=VALUES[(n + 2) % len(VALUES)] if n % 3 else None,
            as_of=None if n % 4 == 0 else dt.date(2024, 1 + n % 12, 1 + n % 28),
            company=CompanyFactory(name=f"{text[:150]} {n}") if n % 5 else None,
            article=article if n % 2 else None,
        )
        Claim.objects.filter(pk=claim.pk).update(published_at=PUBLISHED[n % len(PUBLISHED)])
        for k in range(n % 3):
            SourceFactory(claim=claim, url=f"https://example.org/{n}/{k}?q=a,b")
    python, database = both(Claim.objects.all())
    assert len(python) == len(TEXTS) + 1
    assert database == python


def test_the_same_claims_as_the_queryset_selects():
    kept = [ClaimFactory(status="unverified"), ClaimFactory(status="unverified")]
    ClaimFactory(status="in_review")
    python, database = both(Claim.objects.filter(status="unverified"))
    assert database == python
    assert [row[0] for row in database[1:]] == [str(c.pk) for c in kept]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=60))
def test_any_text_comes_out_the_same(text):
    Claim.objects.all().delete()
    ClaimFactory(quote=text or "q", note=text)
    python, database = both(Claim.objects.all())
    assert database == python

"""On PostgreSQL, export_claims lets the database write the CSV: the same cells as Python's.

`export.copy_csv` formats in SQL what `export.write_csv` formats in Python; every cell
of every row must come out the same, hostile text, numbers, timestamps and the figure as
written (`as_written`, which SQL computes itself) included.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.csvio import export
from factcheck.csvio.columns import HEADER
from factcheck.csvio.safety import neutralise
from factcheck.figures.units import CURRENCIES
from factcheck.models import Claim, Qualifier, Status
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CompanyFactory,
    PublishedClaimFactory,
    SourceFactory,
)
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
# What the database can store: no NUL, no lone surrogates.
TEXT = st.characters(codec="utf-8", exclude_characters="\x00")
STATUSES = Status.values
QUALIFIERS = Qualifier.values
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
    assert export.write_rows(claims.order_by("pk"), python) == export.copy_csv(claims, database)
    return (
        list(csv.reader(io.StringIO(python.getvalue()))),
        list(csv.reader(io.StringIO(database.getvalue()))),
    )


def test_every_cell_is_the_one_python_writes():
    article = ArticleFactory(slug="=article", language="zh-hans")
    for n, text in enumerate(TEXTS):
        claim = ClaimFactory(
            status=STATUSES[n % len(STATUSES)],
            qualifier=QUALIFIERS[n % len(QUALIFIERS)],
            language=("", "en", "zh-hans")[n % 3],
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
@given(text=st.text(alphabet=TEXT, max_size=60))
def test_any_text_comes_out_the_same(text):
    Claim.objects.all().delete()
    ClaimFactory(quote=text or "q", note=text)
    python, database = both(Claim.objects.all())
    assert database == python


def column(rows: list[list[str]], name: str) -> list[str]:
    return [row[HEADER.index(name)] for row in rows[1:]]


# (value, unit, qualifier): every branch of format_figure and of its rounding.
FIGURES = [
    ("157000000000", "USD", "exact"),
    ("2477000000", "CNY", "about"),
    ("9.7", "HKD", "over"),
    ("168", "%", "exact"),
    ("-12.5", "%", "under"),
    ("2.5", "pp", "up_to"),
    ("54000", "GPUs", "at_least"),
    ("54321", "GPUs", "exact"),
    ("999999.9", "GPUs", "exact"),  # rounds up into the millions
    ("999999.9", "", "exact"),
    ("9999.5", "", "exact"),
    ("1234567", "", "exact"),
    ("123456.123456", "INR", "exact"),  # lakh
    ("98765432", "INR", "about"),  # crore
    ("0", "USD", "exact"),
    ("0.000001", "EUR", "exact"),
    ("0.00012345", "", "exact"),
    ("-0.5", "USD", "exact"),
    ("-157000000000", "", "exact"),
    ("999999999999999999999999.999999", "USD", "exact"),
    ("1000000000000000", "JPY", "exact"),
    ("12.3456", "usd", "exact"),  # a currency written in lower case is still one
    ("5", " hk$ ", "exact"),  # and with spaces
    ("-5", "=1+1", "exact"),  # a hostile unit
    ("-5", "", "exact"),  # "-5": a plain number, left alone
    ("7", "GPUs", "=cmd"),  # a qualifier no form knows (a raw database write)
]


@pytest.mark.parametrize(("value", "unit", "qualifier"), FIGURES)
def test_as_written_is_the_figure_as_the_desk_shows_it(value, unit, qualifier):
    claim = ClaimFactory(value=Decimal(value), unit=unit)
    Claim.objects.filter(pk=claim.pk).update(qualifier=qualifier)
    claim.refresh_from_db()
    python, database = both(Claim.objects.all())
    assert database == python
    assert column(database, "as_written") == [neutralise(claim.figure_display)]


def test_as_written_examples():
    for value, unit, qualifier in FIGURES[:14]:
        ClaimFactory(value=Decimal(value), unit=unit, qualifier=qualifier)
    _, database = both(Claim.objects.all())
    assert column(database, "as_written") == [
        "$157 billion", "about RMB 2.477 billion", "over HK$9.7", "168%", "under -12.5%",
        "up to 2.5 percentage points", "at least 54,000 GPUs", "54,321 GPUs", "1 million GPUs",
        "1 million", "10,000", "1.235 million", "₹1.23456 lakh", "about ₹9.877 crore",
    ]  # fmt: skip


UNITS = st.one_of(
    st.sampled_from(["", "%", "pp", "GPUs", "PFLOPS", *(c.code for c in CURRENCIES)]),
    st.sampled_from([form for c in CURRENCIES for form in (c.code.lower(), *c.prefixes)]),
    st.text(alphabet=TEXT, max_size=20),
)
DECIMALS = st.decimals(
    min_value=Decimal("-999999999999999999999999.999999"),
    max_value=Decimal("999999999999999999999999.999999"),
    places=6,
    allow_nan=False,
    allow_infinity=False,
)
SMALL = st.builds(Decimal, st.integers(-(10**12), 10**12)).map(lambda d: d.scaleb(-6))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.one_of(DECIMALS, SMALL),
    unit=UNITS,
    qualifier=st.one_of(st.sampled_from(QUALIFIERS), st.text(TEXT, max_size=8)),
)
def test_any_figure_comes_out_the_same(value, unit, qualifier):
    Claim.objects.all().delete()
    claim = ClaimFactory(value=value, unit=unit)
    Claim.objects.filter(pk=claim.pk).update(qualifier=qualifier)
    claim.refresh_from_db()
    python, database = both(Claim.objects.all())
    assert database == python
    assert column(database, "as_written") == [neutralise(claim.figure_display)]


@pytest.mark.parametrize("status", STATUSES)
def test_a_corrected_value_only_beside_inaccurate_and_misleading(status):
    ClaimFactory(status=status, corrected_value=Decimal("1.62"))
    python, database = both(Claim.objects.all())
    assert database == python
    expected = "1.62" if status in ("inaccurate", "misleading") else ""
    assert column(database, "corrected_value") == [expected]


def test_pending_changes_are_left_out():
    published = PublishedClaimFactory()
    ClaimFactory(draft_of=published, quote="The pending change.")
    python, database = both(Claim.objects.all())
    assert database == python
    assert column(database, "id") == [str(published.pk)]


def test_version_and_language():
    chinese = ArticleFactory(language="zh-hans")
    claims = [
        ClaimFactory(article=chinese, language=""),  # the article's
        ClaimFactory(article=chinese, language="en"),  # its own
        ClaimFactory(article=None, language=""),  # English
    ]
    Claim.objects.filter(pk=claims[0].pk).update(version=7)
    python, database = both(Claim.objects.all())
    assert database == python
    assert column(database, "language") == ["zh-hans", "en", "en"]
    versions = Claim.objects.order_by("pk").values_list("version", flat=True)
    assert column(database, "version") == [str(v) for v in versions]
    assert versions[0] == 7


@pytest.mark.django_db(transaction=True)
def test_the_command_outside_a_transaction_reads_one_snapshot():
    """export_claims in autocommit: the forms query and the COPY share a read-only snapshot."""
    ClaimFactory(value=Decimal("157000000000"), unit="USD", qualifier="about")
    out = io.StringIO()
    call_command("export_claims", stdout=out)
    python = io.StringIO()
    export.write_rows(Claim.objects.order_by("pk"), python)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == list(csv.reader(io.StringIO(python.getvalue())))
    assert column(rows, "as_written") == ["about $157 billion"]
    assert not connection.in_atomic_block

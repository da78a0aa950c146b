"""One claim becomes one CSV row in the contract's columns, the same in every export path."""

import datetime as dt
from decimal import Decimal

import pytest

from factcheck.csvio.columns import HEADER, claim_row
from factcheck.models import Claim
from tests.factories import ClaimFactory, CompanyFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_header_is_the_contract_columns():
    assert HEADER == [
        "id", "version", "article", "company", "quote", "metric", "value", "as_written", "unit",
        "usd_value", "qualifier", "as_of", "period", "status", "note", "corrected_value",
        "sources", "published_at", "language",
    ]  # fmt: skip


def test_a_published_verdict_row():
    claim = ClaimFactory(
        company=CompanyFactory(name="Zhipu AI", slug="zhipu-ai"),
        article__slug="six-tigers",
        quote="Zhipu raised RMB 2.477 billion.",
        metric="funding",
        value=Decimal("2477000000"),
        unit="CNY",
        qualifier="about",
        as_of=dt.date(2024, 6, 30),
        period="H1 2024",
        status="inaccurate",
        note="The filing says less.",
        corrected_value=Decimal("1.62"),
        published_at=dt.datetime(2024, 10, 2, 9, 30, tzinfo=dt.UTC),
    )
    Claim.objects.filter(pk=claim.pk).update(usd_value=Decimal("341000000.00"))
    SourceFactory(claim=claim, url="https://a.example/1")
    SourceFactory(claim=claim, url="https://b.example/2")
    claim = Claim.objects.select_related("article", "company").get(pk=claim.pk)

    assert claim_row(claim) == [
        str(claim.pk), str(claim.version), "six-tigers", "Zhipu AI",
        "Zhipu raised RMB 2.477 billion.", "funding", "2477000000", "about RMB 2.477 billion",
        "CNY", "341000000", "about", "2024-06-30", "H1 2024", "inaccurate",
        "The filing says less.", "1.62", "https://a.example/1 | https://b.example/2",
        "2024-10-02T09:30:00+00:00", "en",
    ]  # fmt: skip


def test_blank_optional_columns_and_neutralised_cells():
    claim = ClaimFactory(
        article=None, company=None, quote="=1+1", note="-bad", value=Decimal("-12.5"), unit=""
    )
    row = dict(zip(HEADER, claim_row(claim), strict=True))
    assert row["article"] == row["company"] == row["sources"] == row["published_at"] == ""
    assert row["quote"] == "'=1+1"
    assert row["note"] == "'-bad"
    assert row["value"] == "-12.5"

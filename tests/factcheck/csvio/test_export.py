"""export_claims streams the contract's columns in id order, chunk by chunk, cells neutralised."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from factcheck.csvio.columns import HEADER
from factcheck.csvio.export import iter_rows
from factcheck.models import Claim
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    PublishedClaimFactory,
    SourceFactory,
    VerdictClaimFactory,
)

# CONTRACT.md, "Claims CSV", in its order.
CONTRACT_COLUMNS = [
    "id", "version", "article", "company", "quote", "metric", "value", "as_written", "unit",
    "usd_value", "qualifier", "as_of", "period", "status", "note", "corrected_value", "sources",
    "published_at", "language",
]  # fmt: skip

pytestmark = pytest.mark.django_db


def export(*args) -> list[dict]:
    out = io.StringIO()
    call_command("export_claims", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_header_and_one_row_per_claim_in_id_order():
    claims = ClaimFactory.create_batch(3)
    out = io.StringIO()
    call_command("export_claims", stdout=out)
    lines = out.getvalue().splitlines()
    assert HEADER == CONTRACT_COLUMNS
    assert lines[0] == ",".join(CONTRACT_COLUMNS)
    assert [row["id"] for row in csv.DictReader(io.StringIO(out.getvalue()))] == [
        str(c.pk) for c in sorted(claims, key=lambda c: c.pk)
    ]


def test_status_and_published_filters():
    published = PublishedClaimFactory()
    verdict = VerdictClaimFactory()
    ClaimFactory()
    assert {r["id"] for r in export("--status", "verified")} == {str(published.pk), str(verdict.pk)}
    assert [r["id"] for r in export("--published")] == [str(published.pk)]


def test_an_unknown_status_is_refused():
    with pytest.raises(Exception, match="invalid choice: 'approved'"):
        call_command("export_claims", "--status", "approved", stdout=io.StringIO())


def test_published_at_and_verdict_are_exported():
    claim = PublishedClaimFactory(status="verified")
    (row,) = export()
    assert row["status"] == "verified"
    assert row["published_at"] == claim.published_at.isoformat()


def test_formula_cells_are_neutralised_plain_numbers_are_not():
    ClaimFactory(quote='=HYPERLINK("http://evil.example")', note="@SUM(A1)", value=-12.5, unit="")
    (row,) = export()
    assert row["quote"] == '\'=HYPERLINK("http://evil.example")'
    assert row["note"] == "'@SUM(A1)"
    assert row["value"] == "-12.5"


def test_writes_to_a_file(tmp_path):
    ClaimFactory.create_batch(2)
    target = tmp_path / "claims.csv"
    err = io.StringIO()
    call_command("export_claims", "-o", str(target), stdout=io.StringIO(), stderr=err)
    assert len(list(csv.DictReader(target.open(encoding="utf-8", newline="")))) == 2
    assert err.getvalue() == f"2 claims written to {target}.\n"


def test_streams_the_claims_in_one_query_and_their_sources_by_chunk(django_assert_num_queries):
    for claim in ClaimFactory.create_batch(5):
        SourceFactory(claim=claim)
    rows = []
    # One query for the claims (streamed), then one for the sources of each chunk of two
    # (the last one short).
    with django_assert_num_queries(1 + 3):
        for row in iter_rows(Claim.objects.all(), chunk_size=2):
            rows.append(row)
    assert len(rows) == 5
    assert all(row[HEADER.index("sources")].startswith("https://") for row in rows)


def test_the_admin_filters_do_not_change_the_columns():
    claim = ClaimFactory()
    rows = list(iter_rows(Claim.objects.filter(pk=claim.pk).select_related("company")))
    assert len(rows) == 1 and len(rows[0]) == len(HEADER)


def test_version_as_written_and_language():
    claim = ClaimFactory(
        value=Decimal("2477000000"),
        unit="CNY",
        qualifier="about",
        language="",
        article=ArticleFactory(language="zh-hans"),
    )
    Claim.objects.filter(pk=claim.pk).update(version=4)
    english = ClaimFactory(value=Decimal("-12.5"), unit="%", article=None, language="")
    rows = export()
    assert [r["version"] for r in rows] == ["4", "1"]
    assert rows[0]["as_written"] == "about RMB 2.477 billion" == claim.figure_display
    assert rows[1]["as_written"] == "'-12.5%"  # a spreadsheet would run "-12.5%"
    assert english.figure_display == "-12.5%"
    assert [r["language"] for r in rows] == ["zh-hans", "en"]


@pytest.mark.parametrize(
    ("status", "written"),
    [
        ("inaccurate", "1.62"),
        ("misleading", "1.62"),
        ("verified", ""),
        ("unverifiable", ""),
        ("in_review", ""),
        ("unverified", ""),
    ],
)
def test_the_corrected_value_only_beside_inaccurate_and_misleading(status, written):
    ClaimFactory(status=status, corrected_value=Decimal("1.62"))
    (row,) = export()
    assert row["corrected_value"] == written


def test_pending_changes_are_not_exported():
    published = PublishedClaimFactory()
    ClaimFactory(draft_of=published, quote="A pending change of the published claim.")
    assert [r["id"] for r in export()] == [str(published.pk)]
    assert [r["id"] for r in export("--published")] == [str(published.pk)]
    rows = list(iter_rows(Claim.objects.all()))
    assert [row[0] for row in rows] == [str(published.pk)]

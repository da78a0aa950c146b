"""Rows with an id update that claim: unchanged rows are left alone, changes raise the version."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from factcheck.models import Claim, Source
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory, SourceFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db


def test_a_row_that_matches_the_stored_claim_is_unchanged(import_file):
    claim = VerdictClaimFactory(value=Decimal("157000000000"), as_of=dt.date(2024, 10, 2))
    before = (claim.version, claim.history.count(), claim.updated_at)

    report = import_file(csv_bytes(row_for(claim)))

    assert (report.new, report.updated, report.unchanged) == (0, 0, 1)
    claim.refresh_from_db()
    assert (claim.version, claim.history.count(), claim.updated_at) == before


def test_the_same_figure_written_another_way_is_unchanged(import_file):
    claim = ClaimFactory(value=Decimal("157000000000"), unit="USD", qualifier="exact")
    report = import_file(csv_bytes(row_for(claim, value="$157 billion", unit="")))
    assert report.unchanged == 1


def test_an_update_raises_the_version_and_records_history(import_file, import_targets):
    claim = ClaimFactory(company=import_targets["openai"], quote="Old words.", note="")
    updated_at = claim.updated_at

    report = import_file(csv_bytes(row_for(claim, quote="New words.", company="zhipu")))

    assert (report.new, report.updated, report.unchanged) == (0, 1, 0)
    claim.refresh_from_db()
    assert (claim.quote, claim.company, claim.version) == ("New words.", import_targets["zhipu"], 2)
    assert claim.updated_at > updated_at  # bulk writes do not skip auto_now
    latest = claim.history.order_by("-history_id").first()
    assert (latest.history_type, latest.quote, latest.version) == ("~", "New words.", 2)
    assert latest.history_change_reason == "Imported from CSV, line 2"


def test_an_update_recomputes_usd_value(import_file):
    claim = ClaimFactory(value=Decimal("5"), unit="USD")
    import_file(csv_bytes(row_for(claim, value="$7 billion")))
    claim.refresh_from_db()
    assert claim.usd_value == Decimal("7000000000.00")


def test_sources_are_added_and_removed_keeping_the_ones_still_listed(import_file):
    claim = ClaimFactory()
    kept = SourceFactory(claim=claim, url="https://a.example/kept", title="Annual report")
    gone = SourceFactory(claim=claim, url="https://a.example/gone")

    report = import_file(
        csv_bytes(row_for(claim, sources="https://a.example/kept|https://a.example/new"))
    )

    assert report.updated == 1
    assert list(claim.sources.order_by("pk").values_list("url", "title")) == [
        ("https://a.example/kept", "Annual report"),
        ("https://a.example/new", ""),
    ]
    assert kept.pk in claim.sources.values_list("pk", flat=True)
    assert [h.history_type for h in Source.history.filter(id=gone.pk).order_by("history_id")] == [
        "+",
        "-",
    ]
    new = claim.sources.get(url="https://a.example/new")
    assert [h.history_type for h in new.history.all()] == ["+"]


def test_the_same_id_twice_is_an_error(import_file):
    claim = ClaimFactory()
    report = import_file(csv_bytes(row_for(claim), row_for(claim, quote="Again.")))
    assert [str(e) for e in report.errors] == [
        f"line 3, id: claim {claim.pk} is already on line 2: each claim once per file."
    ]


def test_an_id_that_is_not_a_number(import_file):
    report = import_file(csv_bytes({"id": "abc", "quote": "x", "value": "5"}))
    assert [e.column for e in report.errors] == ["id"]
    assert "'abc' is not a claim id" in report.errors[0].message


def test_published_at_in_the_file_is_ignored_on_update(import_file):
    published = timezone.now() - dt.timedelta(days=3)
    claim = VerdictClaimFactory(published_at=published)
    report = import_file(
        csv_bytes(row_for(claim, note="Better words.", published_at="2030-01-01T00:00:00+00:00"))
    )
    assert report.updated == 1
    claim.refresh_from_db()
    assert (claim.published_at, claim.note) == (published, "Matches the company's press release.")
    draft = claim.pending_change()  # the change waits for review; it is not published either
    assert (draft.note, draft.published_at) == ("Better words.", None)


def test_unpublished_claims_are_not_published_by_an_import(import_file):
    claim = VerdictClaimFactory()
    import_file(csv_bytes(row_for(claim, published_at="2024-01-01T00:00:00+00:00")))
    assert not Claim.objects.public().exists()

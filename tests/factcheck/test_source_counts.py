"""Claim.n_sources: each claim's number of sources, right after every way sources change."""

import io

import pytest
from django.core.management import call_command

from factcheck import csv_import, services
from factcheck.models import Claim, Source
from tests.csv.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def stored(claim) -> int:
    return Claim.objects.values_list("n_sources", flat=True).get(pk=claim.pk)


def test_saving_and_deleting_sources_one_by_one_keeps_the_count():
    claim = ClaimFactory()
    assert stored(claim) == 0
    first = SourceFactory(claim=claim)
    SourceFactory(claim=claim)
    assert stored(claim) == 2
    first.delete()
    assert stored(claim) == 1
    Source.objects.filter(claim=claim).delete()
    assert stored(claim) == 0


def test_a_stale_claim_saved_through_the_services_keeps_the_stored_count(editor):
    claim = ClaimFactory(created_by=editor)
    stale = Claim.objects.get(pk=claim.pk)  # an editor's form, opened before the sources
    SourceFactory(claim=claim)
    SourceFactory(claim=claim)
    stale.quote = "Edited words."
    services.save_claim(claim=stale, user=editor)
    assert stored(claim) == 2


def test_an_import_writes_the_count_of_the_sources_it_leaves():
    claim = ClaimFactory()
    SourceFactory(claim=claim, url="https://a.example.com/1")
    row = row_for(claim, sources="https://a.example.com/1 https://b.example.com/2")
    new = {
        **row_for(claim),
        "id": "",
        "version": "",
        "quote": "New.",
        "sources": "https://c.example.com/3",
    }
    report = csv_import.import_claims(io.BytesIO(csv_bytes(row, new)))
    assert report.ok, report.summary()
    assert stored(claim) == 2
    assert Claim.objects.get(quote="New.").n_sources == 1

    claim.refresh_from_db()  # the import raised its version: the next file is made from this one
    fewer = row_for(claim, sources="https://b.example.com/2")
    assert csv_import.import_claims(io.BytesIO(csv_bytes(fewer))).ok
    assert stored(claim) == 1


def test_every_demo_claim_has_the_count_of_its_sources():
    call_command("load_demo", stdout=io.StringIO())
    claims = Claim.objects.all()
    assert claims.count() > 20
    for claim in claims:
        assert claim.n_sources == claim.sources.count(), claim

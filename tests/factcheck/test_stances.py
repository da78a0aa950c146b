"""Verdicts at odds with every one of their sources are counted under data quality and listed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from factcheck import stances
from factcheck.admin_site import data_quality
from factcheck.models import Claim, Source, Status
from tests.factories import ClaimFactory, SourceFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:factcheck_claim_changelist")


def make(status: str, *stance_list: str) -> Claim:
    claim = VerdictClaimFactory(status=status, corrected_value=Decimal(1), source=None)
    for stance in stance_list:
        SourceFactory(claim=claim, stance=stance)
    return claim


@pytest.fixture
def claims():
    supports, contradicts = Source.Stance.SUPPORTS, Source.Stance.CONTRADICTS
    return {
        "inaccurate_supported": make(Status.INACCURATE, supports),
        "verified_contradicted": make(Status.VERIFIED, contradicts, contradicts),
        "inaccurate_mixed": make(Status.INACCURATE, supports, contradicts),
        "verified_ok": make(Status.VERIFIED, supports),
        "misleading": make(Status.MISLEADING, contradicts),
        "unsourced": make(Status.VERIFIED),
        "unverified": ClaimFactory(),
    }


def test_at_odds_means_sources_and_none_agreeing():
    assert stances.at_odds(Status.INACCURATE, ["supports"])
    assert stances.at_odds(Status.VERIFIED, ["contradicts", "contradicts"])
    assert not stances.at_odds(Status.INACCURATE, ["supports", "contradicts"])
    assert not stances.at_odds(Status.VERIFIED, [])
    assert not stances.at_odds(Status.MISLEADING, ["contradicts"])
    assert not stances.at_odds(Status.UNVERIFIED, ["contradicts"])


def test_the_filter_finds_exactly_the_claims_at_odds(claims):
    found = set(stances.claims_at_odds(Claim.objects.all()))
    assert found == {claims["inaccurate_supported"], claims["verified_contradicted"]}


def test_data_quality_counts_them_with_a_link_that_lists_them(client, publisher, claims):
    rows = {label: (count, query) for label, count, query in data_quality()}
    count, query = rows["Sources contradict the verdict"]
    assert count == 2
    client.force_login(publisher)
    index = client.get(reverse("admin:index")).content.decode()
    assert f"{LIST_URL}?{query}" in index and "Sources contradict the verdict" in index
    listed = client.get(f"{LIST_URL}?{query}")
    assert listed.status_code == 200
    assert set(listed.context["cl"].result_list) == {
        claims["inaccurate_supported"],
        claims["verified_contradicted"],
    }

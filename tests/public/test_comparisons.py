"""The claim page compares like with like, and never shows a stance that contradicts its verdict."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from factcheck.figure_checks import source_deviations
from factcheck.models import Claim, Source, Status
from tests.factories import PublishedClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

DEVIATION = re.compile(r"(overstated|understated) by ([0-9.,]+)%")


def test_no_comparison_on_the_demo_desk_is_off_by_more_than_1000_percent(client):
    call_command("load_demo", stdout=StringIO())
    for claim in Claim.objects.prefetch_related("sources"):
        for _, deviation in source_deviations(claim):
            assert deviation.relative is None or abs(deviation.relative) <= 10, (claim, deviation)
    pages = 0
    for claim in Claim.objects.public():
        body = client.get(claim.get_absolute_url()).content.decode()
        pages += 1
        for _, amount in DEVIATION.findall(body):
            assert Decimal(amount.replace(",", "")) <= 1000, (claim, amount)
    assert pages >= 5


def test_an_exchange_rate_in_the_excerpt_is_not_taken_for_the_claimed_amount(client):
    claim = PublishedClaimFactory(
        quote="worth about RMB 24 trillion",
        metric="market_cap",
        value=Decimal("24e12"),
        unit="CNY",
        qualifier="about",
    )
    SourceFactory(claim=claim, excerpt="Reference rates give about 7.115 yuan to the US dollar.")
    SourceFactory(claim=claim, excerpt="Its market value was RMB 24.1 trillion that day.")
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "7.115" in body  # the excerpt is shown…
    assert "the source says RMB 7.115" not in body  # …but not compared
    assert "rounded: about RMB 24 trillion for RMB 24.1 trillion" in body


def stance_of(body: str, excerpt: str) -> str:
    """The stance text shown for the source whose excerpt is `excerpt`."""
    item = next(li for li in body.split("<li>") if excerpt in li)
    return re.sub(r"<[^>]+>", "", re.search(r'<span class="stance[^"]*">(.*?)</span>', item)[1])


def test_the_only_source_supporting_an_inaccurate_claim_is_flagged_not_asserted(client):
    claim = PublishedClaimFactory(
        status=Status.INACCURATE, corrected_value=Decimal("5e9"), source=None
    )
    SourceFactory(claim=claim, excerpt="Valued at $5 billion.", stance=Source.Stance.SUPPORTS)
    body = client.get(claim.get_absolute_url()).content.decode()
    shown = stance_of(body, "Valued at $5 billion.")
    assert shown.startswith("Recorded as “supports the claim”, which is at odds with the verdict")
    assert "Supports the claim" not in body
    assert 'class="stance stance-at-odds"' in body


def test_a_verified_claim_whose_only_source_contradicts_it_is_flagged(client):
    claim = PublishedClaimFactory(source=None)
    SourceFactory(claim=claim, excerpt="Nothing of the sort.", stance=Source.Stance.CONTRADICTS)
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "at odds with the verdict (Verified)" in stance_of(body, "Nothing of the sort.")
    assert "Contradicts the claim" not in body


def test_a_dissenting_source_beside_agreeing_ones_says_the_verdict_rests_on_the_others(client):
    claim = PublishedClaimFactory(
        status=Status.INACCURATE, corrected_value=Decimal("5e9"), source=None
    )
    SourceFactory(claim=claim, excerpt="Filing: $5 billion.", stance=Source.Stance.CONTRADICTS)
    SourceFactory(claim=claim, excerpt="A blog agrees.", stance=Source.Stance.SUPPORTS)
    body = client.get(claim.get_absolute_url()).content.decode()
    assert stance_of(body, "Filing: $5 billion.") == "Contradicts the claim"
    assert stance_of(body, "A blog agrees.") == (
        "Supports the claim; the verdict (Inaccurate) rests on the other sources"
    )
    assert "at odds" not in body


def test_agreeing_stances_are_shown_as_recorded(client):
    claim = PublishedClaimFactory(source=None)
    SourceFactory(claim=claim, excerpt="Confirmed.", stance=Source.Stance.SUPPORTS)
    body = client.get(claim.get_absolute_url()).content.decode()
    assert stance_of(body, "Confirmed.") == "Supports the claim"


def test_a_money_figure_without_a_rate_says_so_on_the_claim_page(client):
    claim = PublishedClaimFactory(
        quote="RMB 2 billion", value=Decimal("2e9"), unit="CNY", usd_value=None
    )
    Claim.objects.filter(pk=claim.pk).update(usd_value=None)  # no FX table in this test
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "no reference rate for this date" in body

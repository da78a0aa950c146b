"""extract_claims SLUG --save uses the review screen's logic: skip claimed, report disagreements."""

import csv
import datetime as dt
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from factcheck.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, CompanyFactory

pytestmark = pytest.mark.django_db

HALDEN = Path(__file__).resolve().parents[2] / "data" / "articles" / "halden-robotics.txt"


def run(*args) -> tuple[list[dict], list[str]]:
    out, err = StringIO(), StringIO()
    call_command("extract_claims", *args, stdout=out, stderr=err)
    return list(csv.DictReader(out.getvalue().splitlines())), err.getvalue().splitlines()


@pytest.fixture
def article():
    article = ArticleFactory(slug="halden", text=HALDEN.read_text(encoding="utf-8"))
    CompanyFactory(name="Halden Robotics", slug="halden")
    return article


def test_save_skips_a_figure_that_disagrees_and_says_so(article):
    stored = ClaimFactory(
        article=article,
        company=CompanyFactory(name="Nvidia", slug="nvidia"),
        metric="market_cap",
        quote="Nvidia's market capitalisation had reached $3.39 trillion",
        value=Decimal("3390000000000"),
        unit="USD",
    )
    rows, err = run("halden", "--save")
    assert not Claim.objects.filter(value=Decimal("3420000000000")).exists()
    assert Claim.objects.filter(article=article).count() == 1 + 13
    assert err[0] == (
        f"Claim {stored.pk} disagrees with the text: the article says $3.42 trillion, the claim "
        "says $3.39 trillion (“By the end of October 2024 Nvidia's market capitalisation had "
        "reached $3.42 trillion, more than every listed robotics maker put together.”). "
        "Not saved: check which is right."
    )
    assert err[1] == (
        "14 figures found: 13 saved as unverified, 0 already there, "
        "1 disagreeing with a stored claim."
    )
    unsaved = [r for r in rows if not r["id"]]
    assert [(r["value"], r["metric"]) for r in unsaved] == [("3420000000000", "market_cap")]


def test_save_carries_the_dates_and_metrics(article):
    run("halden", "--save")
    saved = Claim.objects.get(value=Decimal("2500000000"))
    assert (saved.metric, saved.as_of, saved.as_of_precision, saved.company.slug) == (
        "valuation",
        dt.date(2024, 2, 29),
        "month",
        "halden",
    )
    again, err = run("halden", "--save")
    assert err[-1] == "14 figures found: 0 saved as unverified, 14 already there."
    assert all(r["id"] for r in again)


def test_an_edited_demo_claim_is_flagged_not_proposed(seed_article_text):
    """The report in issue 11: claim 15 ($3.39 trillion) changed in the desk; the text did not."""
    call_command("load_demo", stdout=StringIO())
    claim = Claim.objects.get(article__slug="six-little-tigers", value=Decimal("3390000000000"))
    Claim.objects.filter(pk=claim.pk).update(value=Decimal("3400000000000"))
    rows, err = run("six-little-tigers", "--save")
    assert err[0].startswith(
        f"Claim {claim.pk} disagrees with the text: the article says $3.39 trillion, "
        "the claim says $3.4 trillion"
    )
    assert err[-1] == (
        "24 figures found: 0 saved as unverified, 23 already there, "
        "1 disagreeing with a stored claim."
    )
    assert not Claim.objects.filter(value=Decimal("3390000000000")).exists()

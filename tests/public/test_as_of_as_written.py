"""Readers see a claim's date as it was written: "February 2024", "Q2 2024", "FY2024"."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import PublishedClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def february():
    return PublishedClaimFactory(
        quote="Revenue reached $2.5 billion in February.",
        value=Decimal("2500000000"),
        unit="USD",
        as_of=dt.date(2024, 2, 29),
        as_of_precision="month",
    )


def test_the_claim_page_shows_the_month_not_a_day_in_it(client, february):
    html = client.get(february.get_absolute_url()).content.decode()
    assert '<dt>As of</dt><dd><time datetime="2024-02">February 2024</time>' in html
    assert "29 Feb 2024" not in html


def test_the_tables_show_the_month(client, february):
    for path in ("/", "/claims/"):
        html = client.get(path).content.decode()
        assert '<time datetime="2024-02">February 2024</time>' in html, path


def test_a_quarter_and_a_fiscal_year(client):
    quarter = PublishedClaimFactory(as_of=dt.date(2024, 6, 30), as_of_precision="quarter")
    fiscal = PublishedClaimFactory(as_of=dt.date(2024, 12, 31), as_of_precision="fiscal_year")
    assert (
        '<time datetime="2024">Q2 2024</time>'
        in client.get(quarter.get_absolute_url()).content.decode()
    )
    assert (
        '<span class="as-of">FY2024</span>'
        in client.get(fiscal.get_absolute_url()).content.decode()
    )


def test_the_api_carries_the_precision_and_the_date_as_written(client, february):
    data = client.get(f"/api/claims/{february.pk}/").json()
    assert (data["as_of"], data["as_of_precision"], data["as_of_written"]) == (
        "2024-02-29",
        "month",
        "February 2024",
    )


def test_the_embed_card_shows_the_month(client, february):
    html = client.get(f"{february.get_absolute_url()}embed/").content.decode()
    assert "February 2024" in html

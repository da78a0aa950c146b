"""`/` (verified figures) and `/claims/` (every published verdict): rows, filters, sorting."""

import datetime as dt

import pytest

from factcheck.models import Status
from tests.factories import PublishedClaimFactory
from tests.public.helpers import api_ids, table_ids

pytestmark = pytest.mark.django_db


def ids(*claims):
    return [c.pk for c in claims]


def test_home_lists_only_published_verified_figures(client, desk):
    response = client.get("/")
    assert response.status_code == 200
    # newest as-of first
    assert table_ids(response) == ids(desk["valuation"], desk["earlier"])


def test_claims_lists_every_published_verdict_and_nothing_else(client, desk):
    response = client.get("/claims/")
    shown = table_ids(response)
    assert sorted(shown) == sorted(ids(*desk["public"]))
    body = response.content.decode()
    assert "Investors cheered" not in body  # a draft
    assert "999 million" not in body  # a verdict not yet published


def test_table_has_caption_scoped_headers_and_aria_sort(client, desk):
    body = client.get("/claims/?sort=-usd").content.decode()
    assert "<caption" in body and "sorted by ≈ USD, descending" in body
    assert body.count('<th scope="col"') == 9
    assert body.count("aria-sort=") == 1
    assert 'aria-sort="descending"><a href="?sort=usd#results">≈ USD' in body


def test_sort_links_keep_filters_and_drop_the_page(client, desk):
    body = client.get("/claims/?metric=valuation&page=1&sort=as_of").content.decode()
    assert 'href="?metric=valuation&amp;sort=-as_of#results"' in body  # the sorted column flips
    assert 'href="?metric=valuation&amp;sort=company#results"' in body


def test_verdict_badges_read_without_colour(client, desk):
    body = client.get("/claims/").content.decode()
    for word in ("Verified", "Inaccurate", "Unverifiable"):
        assert '<span class="verdict-symbol" aria-hidden="true">' in body
        assert f'</span> {word}<span class="vh">: what this verdict means</span></a>' in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("company=quill-labs", ["gpus"]),
        ("metric=valuation", ["valuation", "earlier"]),
        ("currency=CNY", ["revenue"]),
        ("currency=cny", ["revenue"]),
        ("status=inaccurate", ["revenue"]),
        ("as_of_from=2023-06-01", ["valuation", "revenue"]),
        ("as_of_to=2023-06-01", ["earlier"]),
        ("as_of_from=2023-01-01&as_of_to=2023-12-31", ["revenue", "earlier"]),
        ("q=revenue", ["revenue"]),
        ("company=lumen-robotics&metric=valuation&as_of_from=2024-01-01", ["valuation"]),
    ],
)
def test_filters(client, desk, query, expected):
    response = client.get(f"/claims/?{query}")
    assert response.status_code == 200
    assert table_ids(response) == [desk[name].pk for name in expected]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("as_of", ["earlier", "revenue", "valuation", "gpus"]),  # undated last
        ("-as_of", ["valuation", "revenue", "earlier", "gpus"]),
        ("usd", ["revenue", "earlier", "valuation", "gpus"]),  # not money: last
        ("-figure", ["valuation", "earlier", "gpus", "revenue"]),  # by unit: USD, GPUs, CNY
        (
            "company",
            ["valuation", "earlier", "revenue", "gpus"],
        ),  # Lumen, then Quill; id breaks ties
        ("-company", ["gpus", "revenue", "earlier", "valuation"]),
        ("metric", ["gpus", "revenue", "valuation", "earlier"]),
        ("status", ["revenue", "gpus", "valuation", "earlier"]),
        ("-id", ["gpus", "revenue", "earlier", "valuation"]),
    ],
)
def test_every_column_sorts_with_an_id_tie_breaker(client, desk, sort, expected):
    response = client.get(f"/claims/?sort={sort}")
    assert table_ids(response) == [desk[name].pk for name in expected]


def test_sort_by_number_of_sources(client, desk):
    from tests.factories import SourceFactory

    SourceFactory.create_batch(2, claim=desk["gpus"])
    response = client.get("/claims/?sort=-sources")
    assert table_ids(response)[0] == desk["gpus"].pk
    assert '<td class="c-sources num" data-label="Sources">3</td>' in response.content.decode()


def test_rows_show_figure_usd_date_and_link(client, desk):
    body = client.get("/claims/?status=inaccurate").content.decode()
    assert "RMB 120 million" in body
    assert "≈ $16.6 million" in body
    assert '<time datetime="2023-12-31">31 Dec 2023</time>' in body
    assert "(FY2023)" in body
    assert f'href="/claims/{desk["revenue"].pk}/"' in body
    assert 'href="/companies/lumen-robotics/"' in body


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("as_of_from=yesterday", "as_of_from", "Enter a date as YYYY-MM-DD"),
        ("as_of_from=2024-05-01&as_of_to=2024-01-01", "as_of_to", "swap them"),
        ("metric=vibes", "metric", "Select a valid choice"),
        ("status=unverified", "status", "Select a valid choice"),
        (
            "company=no-such-company",
            "company",
            "No company with published figures is called “no-such-company”",
        ),
        ("currency=XYZ", "currency", "Select a valid choice"),
        ("sort=password", "sort", "Select a valid choice"),
        ("page=abc", "page", "is not a page number"),
        ("page=99", "page", "There is no page 99"),
        ("page=0", "page", "There is no page 0"),
        ("q=" + "x" * 300, "q", "at most 200 characters"),
    ],
)
def test_bad_parameters_give_the_page_with_a_message_and_400(client, desk, query, field, message):
    response = client.get(f"/claims/?{query}")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Part of your query could not be used" in body
    assert f"<strong>{field}</strong>" in body
    assert message in body
    assert "<table" in body  # the page itself, not an error page


def test_a_bad_parameter_leaves_the_good_ones_applied(client, desk):
    response = client.get("/claims/?metric=valuation&as_of_from=nonsense")
    assert response.status_code == 400
    assert sorted(table_ids(response)) == sorted(ids(desk["valuation"], desk["earlier"]))


def test_home_ignores_a_status_parameter(client, desk):
    response = client.get("/?status=inaccurate")
    assert response.status_code == 200
    assert table_ids(response) == ids(desk["valuation"], desk["earlier"])


def test_empty_result_says_so(client, desk):
    response = client.get("/claims/?q=zeppelin")
    assert response.status_code == 200
    assert "No published figures match these filters." in response.content.decode()


def test_search_finds_words_in_the_rationale(client, desk):
    response = client.get("/claims/?q=annual report")
    assert table_ids(response) == ids(desk["revenue"])


def test_unpublished_claims_never_count_anywhere(client, desk):
    body = client.get("/claims/?company=quill-labs").content.decode()
    # Quill has a draft and an unpublished verdict besides its one public claim.
    assert "of 1," in body or "1–1 of 1" in body
    assert '<span class="count">1</span>' in body


def test_a_claim_published_later_appears_at_once(client, desk):
    assert len(table_ids(client.get("/"))) == 2
    newest = PublishedClaimFactory(company=desk["quill"], as_of=dt.date(2025, 1, 1))
    assert table_ids(client.get("/"))[0] == newest.pk
    assert newest.status == Status.VERIFIED


def test_the_company_filter_is_a_select_for_a_few_companies(client, desk):
    body = client.get("/claims/").content.decode()
    assert '<select name="company" id="id_company">' in body
    assert '<option value="lumen-robotics">Lumen Robotics (3)</option>' in body


def test_past_a_few_hundred_companies_it_is_a_search_box_taking_a_name(client, desk, monkeypatch):
    from factcheck import filters

    monkeypatch.setattr(filters, "COMPANY_SELECT_MAX", 0)
    body = client.get("/claims/").content.decode()
    assert '<select name="company"' not in body
    assert 'type="search" name="company"' in body
    by_slug = table_ids(client.get("/claims/?company=lumen-robotics"))
    assert by_slug  # the desk's Lumen Robotics has public claims
    assert table_ids(client.get("/claims/?company=lumen%20robotics")) == by_slug
    assert api_ids(client.get("/api/claims/?company=Lumen+Robotics")) == by_slug
    response = client.get("/claims/?company=Nobody")
    assert response.status_code == 400
    assert "No company with published figures is called “Nobody”" in response.content.decode()

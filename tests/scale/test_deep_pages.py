"""Deep pages read their ids first, then only their own rows: same rows, bounded cost."""

import datetime as dt
from decimal import Decimal

import pytest

from factcheck import pagination
from tests.factories import CompanyFactory, PublishedClaimFactory
from tests.public.helpers import table_ids

pytestmark = pytest.mark.django_db

SORTS = ["", "&sort=-usd", "&sort=company", "&sort=-sources", "&sort=as_of"]


@pytest.fixture
def listing(db):
    companies = [CompanyFactory(name=f"Deep {i}", slug=f"deep-{i}") for i in range(3)]
    for i in range(130):
        PublishedClaimFactory(
            company=companies[i % 3],
            as_of=None if i % 17 == 0 else dt.date(2020 + i % 4, 1 + i % 12, 1),
            usd_value=None if i % 5 == 0 else Decimal(i % 7) * 10**6,
        )


@pytest.mark.parametrize("sort", SORTS)
def test_a_deep_page_shows_the_rows_an_offset_would(client, listing, monkeypatch, sort):
    url = f"/claims/?page=2{sort}"
    offset_rows = table_ids(client.get(url))
    monkeypatch.setattr(pagination, "DEFER_AFTER", 10)
    assert table_ids(client.get(url)) == offset_rows
    assert len(offset_rows) == 50


def test_a_deep_page_costs_one_more_query(client, listing, monkeypatch, django_assert_num_queries):
    url = "/claims/?page=2&sort=-id"  # one part: the page reads from one queryset
    client.get(url)  # counts and facets cached
    with django_assert_num_queries(2):  # version, the page's rows
        client.get(url)
    monkeypatch.setattr(pagination, "DEFER_AFTER", 10)
    with django_assert_num_queries(3) as captured:  # version, the page's ids, its rows
        client.get(url)
    ids_sql = captured.captured_queries[1]["sql"]
    assert ids_sql.startswith('SELECT "factcheck_claim"."id"')
    assert "OFFSET" in ids_sql and "source" not in ids_sql


@pytest.fixture
def uneven(db):
    """Companies of very different sizes (1 to 60 claims), claims about no company, all statuses."""
    sizes = [60, 1, 1, 3, 45, 1, 2, 17]
    companies = [
        CompanyFactory(name=f"Uneven {chr(ord('A') + n)}", slug=f"uneven-{n}") for n in range(8)
    ]
    statuses = ["verified", "inaccurate", "misleading", "unverifiable"]
    metrics = ["valuation", "funding", "market_cap", "net_income", "net_loss", "change"]
    n = 0
    for company, size in zip(companies[::-1], sizes, strict=True):  # ids not in name order
        for _ in range(size):
            PublishedClaimFactory(
                company=company, status=statuses[n % 4], metric=metrics[n % 6], corrected_value=1
            )
            n += 1
    for _ in range(7):
        PublishedClaimFactory(company=None, metric=metrics[n % 6], status=statuses[n % 4])
        n += 1


@pytest.mark.parametrize("path", ["/claims/", "/"], ids=["every verdict", "verified figures"])
@pytest.mark.parametrize("sort", ["company", "-company", "metric", "-metric", "status", "-status"])
def test_grouped_sorts_page_through_in_the_database_order(client, uneven, path, sort):
    from factcheck.columns import ordering
    from factcheck.models import Claim

    expected = Claim.objects.public()
    if path == "/":
        expected = expected.verified()
    expected = list(expected.order_by(*ordering(sort)).values_list("pk", flat=True))
    shown = []
    for page in range(1, len(expected) // 50 + 2):
        shown += table_ids(client.get(f"{path}?sort={sort}&page={page}"))
    assert shown == expected


def test_a_page_sorted_by_company_costs_at_most_two_row_queries(
    client, uneven, django_assert_max_num_queries
):
    client.get("/claims/?sort=company&page=2")  # counts and facets cached
    with django_assert_max_num_queries(3):  # version, at most two parts of rows
        client.get("/claims/?sort=company&page=2")


def test_the_parts_of_a_grouped_sort_are_worked_out_once_per_version(client, uneven, monkeypatch):
    # The walk over every company is made once per summary (Summary.derive), not per page.
    walks = []
    walk = pagination._facet_chunks
    monkeypatch.setattr(
        pagination, "_facet_chunks", lambda *args: walks.append(args) or walk(*args)
    )
    for page in (1, 2, 3):
        client.get(f"/claims/?sort=company&page={page}")
    client.get("/claims/?sort=-company")
    assert [args[:2] for args in walks] == [("company", "company"), ("company", "-company")]


@pytest.mark.parametrize("sort", ["company", "-metric", "status"])
def test_a_grouped_sort_of_no_rows_is_an_empty_page(client, uneven, sort):
    # Found by the API fuzzer: no rows, so no facet values to read the parts from.
    for url in [f"/claims/?sort={sort}&q=nothing-matches", f"/api/claims/?sort={sort}&q=zzz"]:
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.fixture
def years(db):
    """Dated claims over six years of very different sizes, a few undated, ids not in date order."""
    sizes = {2015: 1, 2016: 70, 2017: 3, 2018: 2, 2019: 48, 2021: 55}
    n = 0
    for year, size in sizes.items():
        for i in range(size):
            n += 1
            PublishedClaimFactory(as_of=dt.date(year, 1 + (n * 5) % 12, 1 + i % 28))
    for _ in range(6):
        PublishedClaimFactory(as_of=None)


@pytest.mark.parametrize("path", ["/claims/", "/"], ids=["every verdict", "verified figures"])
@pytest.mark.parametrize("sort", ["", "-as_of", "as_of"])
@pytest.mark.parametrize("defer_after", [200, 10])
def test_the_date_sort_pages_through_its_years_in_order(
    client, years, monkeypatch, path, sort, defer_after
):
    # The dated rows are read in parts of consecutive years (the year facet's counts):
    # every page still shows what one ORDER BY with an OFFSET would.
    from factcheck.columns import DEFAULT_SORT, ordering
    from factcheck.models import Claim

    monkeypatch.setattr(pagination, "DEFER_AFTER", defer_after)
    expected = Claim.objects.public()
    if path == "/":
        expected = expected.verified()
    expected = list(expected.order_by(*ordering(sort or DEFAULT_SORT)).values_list("pk", flat=True))
    shown = []
    for page in range(1, len(expected) // 50 + 2):
        shown += table_ids(client.get(f"{path}?sort={sort}&page={page}"))
    assert shown == expected


def test_a_page_of_the_date_sort_reads_its_own_years(client, years, django_assert_max_num_queries):
    client.get("/claims/?page=2")  # counts and facets cached
    with django_assert_max_num_queries(3) as captured:  # version, at most two parts of rows
        client.get("/claims/?page=2")
    rows_sql = " ".join(q["sql"] for q in captured.captured_queries[1:])
    assert "BETWEEN" in rows_sql or ">=" in rows_sql

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
    client.get("/claims/?page=2")  # counts and facets cached
    with django_assert_num_queries(2):  # version, the page's rows
        client.get("/claims/?page=2")
    monkeypatch.setattr(pagination, "DEFER_AFTER", 10)
    with django_assert_num_queries(3) as captured:  # version, the page's ids, its rows
        client.get("/claims/?page=2")
    ids_sql = captured.captured_queries[1]["sql"]
    assert ids_sql.startswith('SELECT "factcheck_claim"."id"')
    assert "OFFSET" in ids_sql and "source" not in ids_sql

"""Each public page runs a fixed number of SQL queries, however many claims there are.

Counts and facets are cached per public version: the first request ("cold") computes them,
the next ("warm") reads them. Both counts are fixed. The claims tables stay within 6.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache

from factcheck.models import CheckOperand, FigureCheck
from tests.factories import ArticleFactory, CompanyFactory, PublishedClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def populate(n: int) -> dict:
    """`n` public claims over several companies and articles, each with two sources."""
    group_company = CompanyFactory(name="Count Co", slug="count-co")
    article = ArticleFactory(slug="count-article", text="Count Co was worth $1 billion. " * 3)
    claims = []
    for i in range(n):
        claim = PublishedClaimFactory(
            company=group_company if i % 2 else CompanyFactory(),
            article=article if i % 3 else ArticleFactory(),
            quote="Count Co was worth $1 billion" if i % 3 else f"Other {i} was worth $2 billion",
            as_of=dt.date(2020 + i % 5, 1 + i % 12, 1),
            value=Decimal(i + 1) * 10**9,
            usd_value=Decimal(i + 1) * 10**9,
        )
        SourceFactory(claim=claim)
        claims.append(claim)
    first, second, third = claims[:3]
    check = FigureCheck.objects.create(kind="sum", stated=first, working="1 + 2 = 3")
    CheckOperand.objects.create(check_ref=check, claim=second, position=0)
    CheckOperand.objects.create(check_ref=check, claim=third, position=1)
    return {"claims": claims, "checked": first}


# (url, cold queries, warm queries)
LIST_PAGES = [
    ("/", 4, 2),
    ("/claims/", 4, 2),
    ("/claims/?company=count-co&metric=valuation&sort=-usd&q=worth", 4, 2),
    ("/claims/?page=2", 4, 2),
    ("/api/claims/?sort=company", 5, 3),
]


@pytest.mark.parametrize("n", [3, 60])
@pytest.mark.parametrize(("url", "cold", "warm"), LIST_PAGES)
def test_claims_tables_and_api(client, django_assert_num_queries, n, url, cold, warm):
    populate(n)
    cache.clear()
    if "page=2" in url and n < 51:
        url = "/claims/?page=1"
    with django_assert_num_queries(cold):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(warm):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [4, 40])
def test_other_pages(client, django_assert_num_queries, n):
    data = populate(n)
    pages = [
        # version, claim, corrections, sources, checks, the checks' operands
        (data["checked"].get_absolute_url(), 6),
        # without a check: no operand query
        (data["claims"][-1].get_absolute_url(), 5),
        ("/articles/count-article/", 3),  # version, article, claims
        # version, the companies with public claims (then cached under the version), the
        # ones shown with their counts, their groups
        ("/companies/", 4),
        ("/companies/count-co/", 4),  # version, company, its groups, its claims
        ("/feed/", 3),  # version, the newest claims, the newest retractions
    ]
    for url, queries in pages:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("n", [3, 40])
def test_csv_reads_claims_and_sources_in_chunks(client, django_assert_num_queries, n):
    populate(n)
    cache.clear()
    # version, company choices, then one query for the claims and one for their sources
    with django_assert_num_queries(4):
        response = client.get("/claims.csv")
        b"".join(response.streaming_content)

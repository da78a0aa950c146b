"""The desk's pages cost a fixed number of queries, however many claims there are.

Each page is requested on a small desk and on a desk with more claims of every kind (with
sources, checks, assignments, companies and aliases); the query counts must be the same,
and no more than the budget written here (a change that adds a query per row, or a new
query per page, fails). Run on SQLite and on PostgreSQL.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.models import CheckOperand, FigureCheck, Status
from tests.factories import (
    ClaimFactory,
    CompanyAliasFactory,
    PublishedClaimFactory,
    SourceFactory,
    VerdictClaimFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/factcheck/claim/"
# (label, query string, at most this many queries): session, user, permissions, the capped
# count, the rows, the date hierarchy's bounds and periods, the admin log's actions...
CHANGELIST_PAGES = [
    ("page 1", "", 9),
    ("page 2", "?p=2", 9),
    ("My queue", "?queue=mine", 9),
    ("not assigned", "?queue=unassigned", 9),
    ("status", "?status__exact=in_review", 9),
    ("metric", "?metric__exact=valuation", 9),
    ("published", "?published=yes", 9),
    ("not published", "?published=no", 9),
    ("no source", "?has_sources=no", 9),
    ("has sources", "?has_sources=yes", 9),
    ("secondary only", "?secondary_only=yes", 9),
    ("stance conflict", "?stance_conflict=yes", 9),
    ("checks failing", "?checks=failing", 9),
    ("checks holding", "?checks=holding", 9),
    ("no as-of", "?as_of__isempty=1", 9),
    ("a year", "?as_of__year=2024", 9),
    ("a month", "?as_of__year=2024&as_of__month=10", 9),
    ("a company by name", "?company_name=Company", 10),
    ("search", "?q=valuation", 9),
    ("search a company alias", "?q=Alias", 9),
]


def grow_desk(n: int, checker) -> None:
    """n claims of every kind the desk lists: plain, in review, assigned, verdicts with
    sources, published, undated, with aliases and in checks that hold and fail."""
    for i in range(n):
        claim = ClaimFactory(assigned_to=checker if i % 2 else None)
        CompanyAliasFactory(company=claim.company)
        ClaimFactory(status=Status.IN_REVIEW, as_of=dt.date(2023, 1 + i % 12, 1))
        ClaimFactory(as_of=None)
        verdict = VerdictClaimFactory()
        SourceFactory(claim=verdict, kind="news")
        published = PublishedClaimFactory()
        outcome = FigureCheck.Outcome.FAILS if i % 2 else FigureCheck.Outcome.HOLDS
        check = FigureCheck.objects.create(
            kind="percent_change", outcome=outcome, working="w", stated=published
        )
        CheckOperand.objects.create(check_ref=check, claim=verdict, position=0)
        CheckOperand.objects.create(check_ref=check, claim=claim, position=1)


def queries(client, url: str) -> int:
    client.get(url)  # once before: what a process caches for good (content types) is not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts_small_and_grown(client, checker, urls: list[str]) -> tuple[list[int], list[int]]:
    grow_desk(2, checker)
    small = [queries(client, url) for url in urls]
    grow_desk(8, checker)
    return small, [queries(client, url) for url in urls]


def test_changelist_pages_cost_the_same_queries_at_any_size(client, fact_checker):
    client.force_login(fact_checker)
    urls = [LIST_URL + query for _label, query, _most in CHANGELIST_PAGES]
    small, grown = counts_small_and_grown(client, fact_checker, urls)
    for (label, _query, most), before, after in zip(CHANGELIST_PAGES, small, grown, strict=True):
        assert before == after, f"{label}: {before} queries, then {after} with more claims"
        assert after <= most, f"{label}: {after} queries (at most {most})"


def test_dashboard_costs_the_same_queries_at_any_size(client, fact_checker):
    client.force_login(fact_checker)
    small, grown = counts_small_and_grown(client, fact_checker, [reverse("admin:index")])
    assert small == grown
    # session, user, permissions, 2 review-queue reads, 5 capped counts, recent activity...
    assert grown[0] <= 13


def test_change_page_and_verdict_screen_cost_the_same_queries(client, fact_checker):
    client.force_login(fact_checker)

    def pages():
        claim = VerdictClaimFactory(status=Status.IN_REVIEW)
        SourceFactory.create_batch(3, claim=claim)
        return [
            reverse("admin:factcheck_claim_change", args=[claim.pk]),
            reverse("admin:factcheck_claim_verdict", args=[claim.pk]),
        ]

    grow_desk(2, fact_checker)
    small = [queries(client, url) for url in pages()]
    grow_desk(6, fact_checker)
    assert [queries(client, url) for url in pages()] == small


def test_source_history_is_visible(client, publisher):
    source = VerdictClaimFactory().sources.get()
    client.force_login(publisher)
    response = client.get(reverse("admin:factcheck_source_history", args=[source.pk]))
    assert response.status_code == 200
    assert "Added" in response.content.decode() or "Created" in response.content.decode()

"""No N+1 where tests/public and tests/factcheck do not already look.

tests/public/test_query_counts.py fixes the counts of the lists, the API, the CSV and a
claim page with one source and one check; tests/factcheck/admin/test_queries.py the claims
changelist. Here: a claim page with many sources, corrections and checks of many figures;
the sitemaps; and the other admin changelists (sources, checks, corrections, companies,
articles), each at two sizes.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.models import CheckOperand, Correction, FigureCheck
from tests.factories import (
    ArticleFactory,
    CompanyFactory,
    PublishedClaimFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def check_of(stated, figures):
    check = FigureCheck.objects.create(kind="sum", stated=stated, working="parts add up")
    for position, claim in enumerate(figures):
        CheckOperand.objects.create(check_ref=check, claim=claim, position=position)
    return check


def full_claim(size: int):
    """A public claim with `size` sources, corrections, and checks of `size` figures each."""
    claim = PublishedClaimFactory(as_of=dt.date(2024, 6, 30))
    SourceFactory.create_batch(size - 1, claim=claim)  # the factory made the first
    for _ in range(size):
        Correction.objects.create(
            claim=claim, old_status="unverifiable", new_status="verified", reason="A filing."
        )
        check_of(claim, PublishedClaimFactory.create_batch(size))
    return claim


@pytest.mark.parametrize("size", [1, 5])
def test_claim_page_queries_do_not_grow_with_its_evidence(client, django_assert_num_queries, size):
    claim = full_claim(size)
    # version, claim, corrections, sources, checks, the checks' operands
    with django_assert_num_queries(6):
        response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("<li>") >= 3 * size


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_sitemaps_queries_do_not_grow(client):
    PublishedClaimFactory.create_batch(2)
    small = [queries(client, url) for url in ("/sitemap.xml", "/sitemap-claims.xml")]
    PublishedClaimFactory.create_batch(30)
    assert [queries(client, url) for url in ("/sitemap.xml", "/sitemap-claims.xml")] == small


def fill(n: int) -> None:
    """`n` claims, each with a source, a correction, a company, an article and a check."""
    for _ in range(n):
        claim = PublishedClaimFactory(company=CompanyFactory(), article=ArticleFactory())
        Correction.objects.create(
            claim=claim, old_status="unverifiable", new_status="verified", reason="Filed."
        )
        check_of(claim, PublishedClaimFactory.create_batch(2))


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:factcheck_source_changelist",
        "admin:factcheck_figurecheck_changelist",
        "admin:factcheck_correction_changelist",
        "admin:factcheck_article_changelist",
        "admin:companies_company_changelist",
    ],
)
def test_admin_changelist_queries_do_not_grow(client, superuser, changelist):
    client.force_login(superuser)
    url = reverse(changelist)
    fill(2)
    small = queries(client, url)
    fill(10)
    assert queries(client, url) == small

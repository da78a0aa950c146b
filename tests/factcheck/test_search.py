"""Claim.objects.search: every word, in any order, in the quote or the company's names; Chinese
by any part of a sentence (no spaces to split on), English by word (stemmed on PostgreSQL)."""

import pytest
from django.db import connection

from factcheck.models import Claim
from tests.factories import PublishedClaimFactory


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("估值约人民币", True),  # part of a sentence with no spaces
        ("300亿", True),
        ("深度求索", True),  # the company's Chinese alias, not in the quote
        ("估值 深度", True),  # every word, in any order
        ("估值 商汤", False),
        ("翻了一番", False),  # in the article, not in the claim
    ],
)
def test_chinese_search(chinese_claim, query, found):
    assert Claim.objects.search(query).filter(pk=chinese_claim.pk).exists() is found


def test_english_search_still_by_word_and_company(chinese_claim):
    english = PublishedClaimFactory(quote="Its valuation reached $5 billion.")
    assert list(Claim.objects.search("valuations")) == (
        [english] if connection.vendor == "postgresql" else []  # stems only with full text
    ) or list(Claim.objects.search("valuation")) == [english]
    assert chinese_claim in Claim.objects.search("DeepSeek")


@pytest.mark.postgres
def test_chinese_search_reads_the_trigram_index(chinese_claim):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite searches by substring without an index")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Claim.objects.search("估值约人民币").order_by().only("pk").explain()
    assert "claim_search_trgm" in plan, plan
    plan = Claim.objects.search("valuation").order_by().only("pk").explain()
    assert "claim_search_tsv" in plan, plan


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Lumenco valued", True),  # one word names the company, the other is in the quote
        ("valued lumenco", True),  # any order, any case
        ("Lumen valued", True),  # part of the company's name
        ("Glowworks valued", True),  # its alias
        ("the Lumenco", True),  # "the" is no word to look for on PostgreSQL, in the quote here
        ("Lumenco revenue", False),  # every word must be found somewhere
        ("valued billion", True),
    ],
)
def test_every_word_in_the_quote_the_rationale_or_the_company_names(db, query, found):
    from companies.models import CompanyAlias
    from tests.factories import CompanyFactory

    company = CompanyFactory(name="Lumenco", slug="lumenco")
    CompanyAlias.objects.create(company=company, name="Glowworks")
    claim = PublishedClaimFactory(
        company=company, quote="It was valued at the level of $3 billion.", note=""
    )
    assert Claim.objects.search(query).filter(pk=claim.pk).exists() is found


def test_a_query_with_search_operators_is_read_whole(db):
    claim = PublishedClaimFactory(quote="Revenue rose to $2 billion.", note="")
    PublishedClaimFactory(quote="Revenue fell to $1 billion.", note="")
    if connection.vendor == "postgresql":
        assert list(Claim.objects.search('"revenue rose"')) == [claim]
        assert list(Claim.objects.search("revenue -fell")) == [claim]
    assert claim in Claim.objects.search("revenue")

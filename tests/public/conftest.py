"""Fixtures of the public-site tests: a small desk, many claims, a cold cache."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache

from tests.factories import CompanyFactory, PublishedClaimFactory
from tests.public.desk import build_desk


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Counts and facets are cached per public version; each test starts cold."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def desk(db):
    return build_desk()


@pytest.fixture
def many_claims(db):
    """A function making `n` public verified claims over a few companies and years.

    Every seventh has no as-of date and every fifth is not money (no ≈ USD), so sorts on
    those columns meet blanks.
    """

    def make(n: int, **kwargs):
        companies = [CompanyFactory(name=f"Maker {i}", slug=f"maker-{i}") for i in range(3)]
        claims = []
        for i in range(n):
            value = Decimal(1000 + (i * 7919) % 997) * 10**6
            money = i % 5 != 4
            claims.append(
                PublishedClaimFactory(
                    company=companies[i % 3],
                    as_of=None if i % 7 == 6 else dt.date(2020 + i % 4, 1 + i % 12, 1 + i % 28),
                    value=value,
                    unit="USD" if money else "GPUs",
                    usd_value=value if money else None,
                    **kwargs,
                )
            )
        return claims

    return make

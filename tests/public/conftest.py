"""Fixtures of the public-site tests (the small desk, `desk`, is in tests/conftest.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import CompanyFactory, PublishedClaimFactory


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request to a Chinese page leaves Chinese
    active in the thread, and a URL made outside a request (`get_absolute_url()`) would be
    the Chinese one (test_as_of_as_written failed after test_chinese_pages)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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

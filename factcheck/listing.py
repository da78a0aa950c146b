"""What the public pages list: one page of claims for a query string, and a company's latest.

`claim_listing` (rows, total, facets and what went wrong) is used by `/`, `/claims/` and
`/api/claims/`. What does not depend on the page or the sort (the companies a reader may
filter by, the total and the facet counts: a facets.Summary) is cached under the public
version (see caching.py), so it is recomputed exactly when something public changed and
shared by every page and sort order of the same filters.

No cold reader: the unfiltered summaries of `/` and `/claims/` (a GROUP BY over every public
claim, about a second at 1M claims) are counted by the writer, not by the first reader.
A write that changes what the public sees sends `signals.public_change_committed` once its
transaction has committed (services/common.py's `write`, the CSV import); on it,
`warm_public_summaries` reads
the new version from the primary (as readers do) and stores the counts under that version's
key before the writer's response returns. Only one process counts a given key at a time
(`cache.add` of a lock): one who arrives meanwhile waits for its result up to WAIT_SECONDS,
then counts itself. The counts under a key are always those of that key's version; with the
cache unreachable they are counted for the request, never waited for.

`company_latest` is a company's newest figures, for `/companies/<slug>/` and its twin in
the API.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.dispatch import receiver
from django.http import QueryDict
from redis.exceptions import RedisError

from factcheck.caching import public_version, request_version
from factcheck.facets import Summary, summarise
from factcheck.filters import ClaimQuery, public_claims, public_companies
from factcheck.models import Claim
from factcheck.pagination import Page, PageError, page_number, paginate, plan
from factcheck.routers import public_reads
from factcheck.signals import public_change_committed

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60 * 60
# What a cache that cannot be reached raises (Redis; the database cache raises DatabaseError).
CACHE_ERRORS = (RedisError, OSError, DatabaseError)
# While someone else counts a summary: how long to wait for it, and how often to look.
WAIT_SECONDS = 2.0
POLL_SECONDS = 0.05
# A lock outlives a count that died with its process by no more than this.
LOCK_SECONDS = 30


@dataclass
class Listing:
    query: ClaimQuery
    summary: Summary
    page: Page
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.summary.total


def cached_companies(version: str) -> list[tuple[str, str, int]]:
    try:
        return cache.get_or_set(f"public:company-ids:{version}", public_companies, CACHE_SECONDS)
    except CACHE_ERRORS:
        logger.warning("The cache did not answer; the companies are read for this request.")
        return public_companies()


def summary_key(query: ClaimQuery, version: str, *, verified_only: bool) -> str:
    """The cache key of the summary of `query`'s filters under public version `version`."""
    key_text = repr((verified_only, query.filter_key()))
    digest = hashlib.blake2b(key_text.encode(), digest_size=16).hexdigest()
    return f"public:facets:{version}:{digest}"  # a Summary (not the dict stored before)


def cached_summary(query: ClaimQuery, version: str, *, verified_only: bool) -> Summary:
    """The summary of `query` under `version`: from the cache, or counted once and stored."""
    key = summary_key(query, version, verified_only=verified_only)
    try:
        found = cache.get(key)
    except CACHE_ERRORS:
        logger.warning("The cache did not answer; the facet counts are counted for this request.")
        return summarise(query.filtered, with_status=not verified_only)
    if found is not None:
        return found
    return _count_once(key, lambda: summarise(query.filtered, with_status=not verified_only))


def _count_once(key: str, count) -> Summary:
    """Count the summary under `key` unless someone is counting it: then wait for theirs."""
    lock = f"{key}:counting"
    try:
        mine = cache.add(lock, 1, LOCK_SECONDS)
        if not mine:
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                found = cache.get(key)
                if found is not None:
                    return found
    except CACHE_ERRORS:
        return count()
    try:
        summary = count()
        with contextlib.suppress(*CACHE_ERRORS):  # not stored: the next reader counts
            cache.set(key, summary, CACHE_SECONDS)
    finally:
        if mine:
            with contextlib.suppress(*CACHE_ERRORS):  # else the lock expires by itself
                cache.delete(lock)
    return summary


def warm_public_summaries() -> None:
    """Count the unfiltered summaries of `/` and `/claims/` for the current public version.

    Run by the writer once its change has committed (`signals.public_change_committed`), so the first
    reader finds them. The version is read from the primary, as `request_version` reads it,
    so the key is the one readers compute; the counts come from the primary too. The labels
    are translated when the page is drawn, so one summary serves every language. A failure
    is logged, never raised: the change is committed, and a reader will count.
    """
    try:
        with public_reads(DEFAULT_DB_ALIAS):
            version = public_version()
            companies = cached_companies(version)
            for verified_only in (True, False):
                query = public_claims(QueryDict(), verified_only=verified_only, companies=companies)
                cached_summary(query, version, verified_only=verified_only)
    except (DatabaseError, *CACHE_ERRORS):
        logger.warning("The public facet counts were not counted ahead.", exc_info=True)


@receiver(public_change_committed, dispatch_uid="factcheck.listing.warm_public_summaries")
def _count_ahead(sender, **kwargs) -> None:
    warm_public_summaries()


def claim_listing(request, *, verified_only: bool) -> Listing:
    """The page of claims `request.GET` asks for. Bad parameters are left out and reported."""
    version = request_version(request)
    query = public_claims(
        request.GET, verified_only=verified_only, companies=cached_companies(version)
    )
    errors = query.errors
    summary = cached_summary(query, version, verified_only=verified_only)
    try:
        number = page_number(request.GET.get("page"), summary.total)
    except PageError as problem:
        errors["page"] = [str(problem)]
        number = 1
    page = paginate(plan(query, summary), number=number)
    return Listing(query=query, summary=summary, page=page, errors=errors)


# A company's page shows its latest figures; a desk with thousands about one company links to
# the full, paginated list (/claims/?company=…) rather than drawing them all, so the page
# costs the same however much the desk has published.
LATEST = 200


def company_latest(company) -> tuple[list[Claim], bool]:
    """The company's newest LATEST public claims, newest first, and whether there are more."""
    latest = list(
        Claim.objects.public()
        .for_company(company)
        .select_related("company", "article")
        .order_by("-as_of", "-pk")[: LATEST + 1]  # read backwards along claim_company_as_of
    )
    return latest[:LATEST], len(latest) > LATEST

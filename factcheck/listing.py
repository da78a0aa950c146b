"""What the public pages list: one page of claims for a query string, and a company's latest.

`claim_listing` (rows, total, facets and what went wrong) is used by `/`, `/claims/` and
`/api/claims/`. What does not depend on the page or the sort (the companies a reader may
filter by, the total and the facet counts: a facets.Summary) is cached under the public
version (see caching.py), so it is recomputed exactly when something public changed and
shared by every page and sort order of the same filters.

A process keeps its own copy of what it last read under each key (`shared`): at 5,000
companies the company list and a summary are about 300 kB each, a millisecond apiece to
fetch and unpickle on every request. The cache holds, under the key, only a stamp (random,
made afresh whenever the value is stored) and the value under the key and stamp together;
a process uses its copy while the cache still gives the stamp it was read under, so the copy
is exactly what the cache would return, never older: a new version is a new key, and a
version number that repeats (a restore, a test's rollback, which also empties the cache)
finds a different stamp or none. Each request pays one small GET per key.

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
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.dispatch import receiver
from django.http import QueryDict
from redis.exceptions import RedisError

from factcheck.caching import public_version, request_version
from factcheck.facets import Summary, summarise
from factcheck.filters import (
    ClaimQuery,
    CompanyList,
    public_claims,
    public_companies,
    unfiltered_key,
)
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
# How many values a process keeps its own copy of (the company list of the current version
# and the summaries of the filters asked for most recently), at most ~300 kB each.
LOCAL_COPIES = 64


@dataclass
class Listing:
    query: ClaimQuery
    summary: Summary
    page: Page
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.summary.total


_copies: OrderedDict[str, tuple[str, Any]] = OrderedDict()  # key -> (stamp, value)
_copies_lock = threading.Lock()


def _keep(key: str, stamp: str, value: Any) -> None:
    with _copies_lock:
        _copies[key] = (stamp, value)
        _copies.move_to_end(key)
        while len(_copies) > LOCAL_COPIES:
            _copies.popitem(last=False)


def shared(key: str) -> Any:
    """The value the cache holds under `key` (None if none): this process's copy if current.

    Raises what an unreachable cache raises (CACHE_ERRORS).
    """
    stamp = cache.get(key)
    if stamp is None:
        return None
    with _copies_lock:
        held = _copies.get(key)
    if held is not None and held[0] == stamp:
        return held[1]
    value = cache.get(f"{key}:{stamp}")
    if value is not None:
        _keep(key, stamp, value)
    return value


def share(key: str, value: Any) -> None:
    """Store `value` under `key` for every process, with a new stamp. Raises CACHE_ERRORS."""
    stamp = uuid.uuid4().hex
    cache.set(f"{key}:{stamp}", value, CACHE_SECONDS)  # the value first: a stamp never dangles
    cache.set(key, stamp, CACHE_SECONDS)
    _keep(key, stamp, value)


def cached_companies(version: str) -> CompanyList:
    """The companies a reader may filter by under `version` (filters.public_companies)."""
    key = f"public:companies:{version}"
    try:
        found = shared(key)
        if found is None:
            found = public_companies()
            share(key, found)
        return found
    except CACHE_ERRORS:
        logger.warning("The cache did not answer; the companies are read for this request.")
        return public_companies()


def summary_key(query: ClaimQuery, version: str, *, verified_only: bool) -> str:
    """The cache key of the summary of `query`'s filters under public version `version`."""
    return _summary_key(query.filter_key(), version, verified_only=verified_only)


def _summary_key(filter_key: tuple, version: str, *, verified_only: bool) -> str:
    key_text = repr((verified_only, filter_key))
    digest = hashlib.blake2b(key_text.encode(), digest_size=16).hexdigest()
    return f"public:summary:{version}:{digest}"  # read with shared(): a stamp, then a Summary


def cached_summary(query: ClaimQuery, version: str, *, verified_only: bool) -> Summary:
    """The summary of `query` under `version`: from the cache, or counted once and stored."""
    key = summary_key(query, version, verified_only=verified_only)
    try:
        found = shared(key)
    except CACHE_ERRORS:
        logger.warning("The cache did not answer; the facet counts are counted for this request.")
        return summarise(query.filtered, with_status=not verified_only)
    if found is not None:
        return found
    return _count_once(key, lambda: summarise(query.filtered, with_status=not verified_only))


def cached_company_counts(version: str) -> dict[str, int] | None:
    """How many public claims each company (by slug) has, if the cache holds them; else None.

    They are the company facet of `/claims/` unfiltered (every public claim), which the
    writer counts ahead (warm_public_summaries): the company list reads them there instead
    of counting each company's claims again. Not counted here when missing (that is a
    GROUP BY over every public claim): the caller counts its own few companies instead.
    """
    key = _summary_key(unfiltered_key(), version, verified_only=False)
    try:
        summary = shared(key)
    except CACHE_ERRORS:
        return None
    if summary is None:
        return None
    return summary.derive(
        ("company-counts",), lambda: {key: n for key, _, n in summary.company if key}
    )


def _count_once(key: str, count: Callable[[], Summary]) -> Summary:
    """Count the summary under `key` unless someone is counting it: then wait for theirs."""
    lock = f"{key}:counting"
    try:
        mine = cache.add(lock, 1, LOCK_SECONDS)
        if not mine:
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                found = shared(key)
                if found is not None:
                    return found
    except CACHE_ERRORS:
        return count()
    try:
        summary = count()
        with contextlib.suppress(*CACHE_ERRORS):  # not stored: the next reader counts
            share(key, summary)
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


def company_latest(company, *, with_articles: bool = True) -> tuple[list[Claim], bool]:
    """The company's newest LATEST public claims, newest first, and whether there are more.

    Each claim's `company` is `company` itself, not one more copy read per row; its article
    is read along (the API names it) unless `with_articles` is False (the company page
    shows none): 200 model instances fewer.
    """
    claims = Claim.objects.public().for_company(company)
    if with_articles:
        claims = claims.select_related("article")
    # Read backwards along claim_company_as_of.
    latest = list(claims.order_by("-as_of", "-pk")[: LATEST + 1])
    for claim in latest:
        claim.company = company
    return latest[:LATEST], len(latest) > LATEST

"""What the public pages list: one page of claims for a query string, and a company's latest.

`claim_listing` (rows, total, facets and what went wrong) is used by `/`, `/claims/` and
`/api/claims/`. What does not depend on the page or the sort (the companies a reader may
filter by, the total and the facet counts) is cached under the public version (see
caching.py), so it is recomputed exactly when something public changed and shared by every
page and sort order of the same filters.

`company_latest` is a company's newest figures, for `/companies/<slug>/` and its twin in
the API.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache

from factcheck.caching import request_version
from factcheck.facets import summarise
from factcheck.filters import ClaimQuery, public_claims, public_companies
from factcheck.models import Claim
from factcheck.pagination import Page, PageError, page_number, paginate, plan

CACHE_SECONDS = 60 * 60


@dataclass
class Listing:
    query: ClaimQuery
    summary: dict
    page: Page
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.summary["total"]


def cached_companies(version: str) -> list[tuple[str, str, int]]:
    return cache.get_or_set(f"public:company-ids:{version}", public_companies, CACHE_SECONDS)


def cached_summary(query: ClaimQuery, version: str, *, verified_only: bool) -> dict:
    key_text = repr((verified_only, query.filter_key()))
    digest = hashlib.blake2b(key_text.encode(), digest_size=16).hexdigest()
    return cache.get_or_set(
        f"public:summary:{version}:{digest}",
        lambda: summarise(query.filtered, with_status=not verified_only),
        CACHE_SECONDS,
    )


def claim_listing(request, *, verified_only: bool) -> Listing:
    """The page of claims `request.GET` asks for. Bad parameters are left out and reported."""
    version = request_version(request)
    query = public_claims(
        request.GET, verified_only=verified_only, companies=cached_companies(version)
    )
    errors = query.errors
    summary = cached_summary(query, version, verified_only=verified_only)
    try:
        number = page_number(request.GET.get("page"), summary["total"])
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

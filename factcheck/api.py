"""The JSON API (`/api/claims/`), described by OpenAPI 3 at `/api/openapi.json` (django-ninja).

`/api/claims/` returns exactly the rows of `/claims/` for the same query parameters, page
for page: both read them through factcheck/views/listing.py. The parameters are declared
here as plain strings for the OpenAPI description only; the shared filter (filters.py)
validates them, so the HTML page and the API accept and refuse exactly the same input.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from factcheck.csvio import plain_number
from factcheck.filters import SORT_KEYS
from factcheck.models import Claim, Metric, Source, Status
from factcheck.views.caching import public_page
from factcheck.views.listing import claim_listing

api = NinjaAPI(
    title="Factdesk API",
    version="1",
    description="Published fact-checks of the figures in news articles. Read-only.",
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)


def _enum(values) -> dict:
    return {"enum": list(values)}


class ClaimParams(Schema):
    """The query parameters of `/claims/`, `/claims.csv` and `/api/claims/`."""

    company: str | None = Field(None, description="A company's slug, e.g. `openai`.")
    metric: str | None = Field(None, json_schema_extra=_enum(Metric.values))
    status: str | None = Field(None, json_schema_extra=_enum(Status.verdicts()))
    currency: str | None = Field(None, description="ISO 4217 code of the figure's currency.")
    q: str | None = Field(None, description="Text search in the quote and the rationale.")
    as_of_from: str | None = Field(None, json_schema_extra={"format": "date"})
    as_of_to: str | None = Field(None, json_schema_extra={"format": "date"})
    sort: str | None = Field(
        None,
        description="A column, `-` in front for descending; ties are broken by id.",
        json_schema_extra=_enum(sorted([*SORT_KEYS, *(f"-{k}" for k in SORT_KEYS)])),
    )
    page: str | None = Field(None, description="1 to `pages`, or `last`.")


class SourceOut(Schema):
    url: str
    title: str
    publisher: str
    kind: str
    published_on: dt.date | None
    archive_url: str


class ClaimOut(Schema):
    id: int
    url: str = Field(description="The claim's public page.")
    article: str | None = Field(description="The article's slug.")
    company: str | None = Field(description="The company's slug.")
    company_name: str | None
    quote: str
    metric: str
    value: str = Field(description="A plain decimal number, in `unit`.")
    unit: str
    figure: str = Field(description='The figure as a reader writes it: "$157 billion".')
    usd_value: str | None = Field(description="≈ US dollars at `as_of`, for money.")
    qualifier: str
    as_of: dt.date | None
    period: str
    status: str
    note: str = Field(description="The fact-checker's rationale.")
    corrected_value: str | None
    published_at: dt.datetime
    sources: list[SourceOut]


class ClaimPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    next: str | None
    previous: str | None
    results: list[ClaimOut]


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    return api.create_response(
        request,
        {"detail": "Invalid query parameters.", "errors": {"query": [str(exc.errors)]}},
        status=400,
    )


def _claim_out(request, claim: Claim, sources: list[Source]) -> dict:
    company = claim.company
    return {
        "id": claim.pk,
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "article": claim.article_slug,
        "company": company.slug if company else None,
        "company_name": company.name if company else None,
        "quote": claim.quote,
        "metric": claim.metric,
        "value": plain_number(claim.value),
        "unit": claim.unit,
        "figure": claim.figure_display,
        "usd_value": plain_number(claim.usd_value) or None,
        "qualifier": claim.qualifier,
        "as_of": claim.as_of,
        "period": claim.period,
        "status": claim.status,
        "note": claim.note,
        "corrected_value": plain_number(claim.corrected_value) or None,
        "published_at": claim.published_at,
        "sources": [
            {
                "url": s.url,
                "title": s.title,
                "publisher": s.publisher,
                "kind": s.kind,
                "published_on": s.published_on,
                "archive_url": s.archive_url,
            }
            for s in sources
        ],
    }


def _page_url(request, number: int | None) -> str | None:
    if number is None:
        return None
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@api.get(
    "/claims/",
    response={200: ClaimPage, 400: ErrorOut},
    url_name="claims",
    summary="Published verdicts, filtered, sorted and paginated like /claims/",
)
@decorate_view(public_page)
def list_claims(request: HttpRequest, params: Query[ClaimParams]):
    listing = claim_listing(request, verified_only=False)
    if listing.errors:
        return 400, {"detail": "Invalid query parameters.", "errors": listing.errors}
    page = listing.page
    sources: dict[int, list[Source]] = {claim.pk: [] for claim in page.rows}
    for source in Source.objects.filter(claim_id__in=list(sources)).order_by("pk"):
        sources[source.claim_id].append(source)
    return 200, {
        "count": page.total,
        "page": page.number,
        "pages": page.num_pages,
        "per_page": page.per_page,
        "next": _page_url(request, page.number + 1 if page.has_next else None),
        "previous": _page_url(request, page.number - 1 if page.has_previous else None),
        "results": [_claim_out(request, claim, sources[claim.pk]) for claim in page.rows],
    }

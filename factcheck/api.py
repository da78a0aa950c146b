"""The JSON API (`/api/claims/`), described by OpenAPI 3 at `/api/openapi.json` (django-ninja).

`/api/claims/` returns exactly the rows of `/claims/` for the same query parameters, page
for page: both read them through factcheck/listing.py. The parameters are declared
here as plain strings for the OpenAPI description only; the shared filter (filters.py)
validates them, so the HTML page and the API accept and refuse exactly the same input.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Query, Schema, Swagger
from ninja.decorators import decorate_view
from ninja.errors import ValidationError

from companies.models import Company
from factcheck.caching import public_page
from factcheck.columns import SORTS
from factcheck.csvio.columns import plain_number
from factcheck.listing import claim_listing, company_latest
from factcheck.models import Claim, Metric, Source, Status

DESCRIPTION = """Published fact-checks of the figures in news articles. Read-only, no key needed.

Only published verdicts are here, as on the public site: an id or company the desk has not
published anything about answers 404. A claim's fields are the columns of `/claims.csv`;
`/methodology/` says what each verdict means and how figures are converted and compared.
"""

api = NinjaAPI(
    title="Factdesk API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # Swagger UI from the files django-ninja ships ("ninja" in INSTALLED_APPS): no CDN, and
    # no inline script, so it runs under the site's CSP (script-src 'self').
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    docs_decorator=public_page,
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
    q: str | None = Field(
        None, description="Words to find in the quote, the rationale or the company's names."
    )
    as_of_from: str | None = Field(None, json_schema_extra={"format": "date"})
    as_of_to: str | None = Field(None, json_schema_extra={"format": "date"})
    sort: str | None = Field(
        None,
        description="A column, `-` in front for descending; ties are broken by id.",
        json_schema_extra=_enum(sorted([*SORTS, *(f"-{name}" for name in SORTS)])),
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
    """One claim: the columns of the claims CSV (CONTRACT.md), with sources as objects."""

    id: int
    version: int = Field(description="Raised on every change; what a CSV import is made from.")
    url: str = Field(description="The claim's public page.")
    article: str | None = Field(description="The article's slug.")
    company: str | None = Field(description="The company's slug.")
    company_name: str | None
    quote: str
    metric: str
    value: str = Field(description="A plain decimal number, in `unit`.")
    unit: str
    figure: str = Field(description='The figure as a reader writes it: "$157 billion".')
    as_written: str = Field(description="The CSV's name for `figure`: the same text.")
    usd_value: str | None = Field(description="≈ US dollars at `as_of`, for money.")
    qualifier: str
    as_of: dt.date | None = Field(description="The last day of the period the figure refers to.")
    as_of_precision: str = Field(
        description="How the date was written: day, month, quarter, half, year or fiscal_year."
    )
    as_of_written: str = Field(description='The date as written: "February 2024", "Q2 2024".')
    period: str
    status: str
    note: str = Field(description="The fact-checker's rationale.")
    corrected_value: str | None
    published_at: dt.datetime
    sources: list[SourceOut]
    language: str = Field(description="`en` or `zh-hans`: the language of the claim's words.")


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
        "version": claim.version,
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "article": claim.article_slug,
        "company": company.slug if company else None,
        "company_name": company.name if company else None,
        "quote": claim.quote,
        "metric": claim.metric,
        "value": plain_number(claim.value),
        "unit": claim.unit,
        "figure": claim.figure_display,
        "as_written": claim.figure_display,
        "usd_value": plain_number(claim.usd_value) or None,
        "qualifier": claim.qualifier,
        "as_of": claim.as_of,
        "as_of_precision": claim.as_of_precision,
        "as_of_written": claim.as_of_written,
        "period": claim.period,
        "status": claim.status,
        "note": claim.note,
        "corrected_value": (
            plain_number(claim.corrected_value) if claim.shows_correction else None
        ),
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
        # Claims have no language field yet; the CSV export writes `en` for every row too.
        "language": getattr(claim, "language", "") or "en",
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


class NotFoundOut(Schema):
    detail: str


# Path parameters are bounded in the schema, so a value no row could have (a negative or
# 20-digit id, a slug with a NUL byte) is a 400 saying so, never a database error.
MAX_ID = 2**63 - 1
SLUG_PATTERN = r"^[-A-Za-z0-9_]+$"


def _sources_of(claims: list[Claim]) -> dict[int, list[Source]]:
    """Each claim's sources, in one query; sets `article_slug` as the listing rows have it."""
    for claim in claims:
        claim.article_slug = claim.article.slug if claim.article_id else None
    sources: dict[int, list[Source]] = {claim.pk: [] for claim in claims}
    for source in Source.objects.filter(claim_id__in=list(sources)).order_by("pk"):
        sources[source.claim_id].append(source)
    return sources


@api.get(
    "/claims/{claim_id}/",
    response={200: ClaimOut, 400: ErrorOut, 404: NotFoundOut},
    url_name="claim",
    summary="One published verdict, as on /claims/<id>/",
)
@decorate_view(public_page)
def get_claim(
    request: HttpRequest,
    claim_id: int = Path(..., ge=1, le=MAX_ID, description="The claim's number."),
):
    claim = Claim.objects.public().select_related("company", "article").filter(pk=claim_id).first()
    if claim is None:
        return 404, {"detail": f"No published fact-check has the id {claim_id}."}
    return 200, _claim_out(request, claim, _sources_of([claim])[claim.pk])


class CompanyOut(Schema):
    slug: str
    name: str
    kind: str
    country: str
    ticker: str
    website: str
    description: str
    groups: list[str] = Field(description="The groups the company belongs to, by name.")
    figures: int = Field(description="How many published verdicts are about the company.")
    url: str = Field(description="The company's public page.")
    api_url: str = Field(description="This company in the API, with its latest figures.")


class CompanyDetailOut(CompanyOut):
    claims: list[ClaimOut] = Field(description="The latest published verdicts, newest first.")
    more: bool = Field(description="Whether there are more than `claims` holds.")
    claims_url: str = Field(description="Every published verdict about it, paginated.")


def _company_out(request, company: Company, figures: int, groups: list[str]) -> dict:
    detail = reverse("api:company", kwargs={"slug": company.slug})
    return {
        "slug": company.slug,
        "name": company.name,
        "kind": company.kind,
        "country": company.country,
        "ticker": company.ticker,
        "website": company.website,
        "description": company.description,
        "groups": groups,
        "figures": figures,
        "url": request.build_absolute_uri(company.get_absolute_url()),
        "api_url": request.build_absolute_uri(detail),
    }


def _group_names(company_ids) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {pk: [] for pk in company_ids}
    memberships = Company.groups.through.objects.filter(company_id__in=list(names))
    for company_id, group in memberships.values_list("company_id", "companygroup__name"):
        names[company_id].append(group)
    return {pk: sorted(groups) for pk, groups in names.items()}


@api.get(
    "/companies/",
    response=list[CompanyOut],
    url_name="companies",
    summary="The companies with published verdicts, as on /companies/",
)
@decorate_view(public_page)
def list_companies(request: HttpRequest):
    companies = list(Company.objects.with_public_claims().with_figure_counts().order_by("name"))
    groups = _group_names([c.pk for c in companies])
    return [_company_out(request, c, c.figure_count, groups[c.pk]) for c in companies]


@api.get(
    "/companies/{slug}/",
    response={200: CompanyDetailOut, 400: ErrorOut, 404: NotFoundOut},
    url_name="company",
    summary="One company and its latest published verdicts, as on /companies/<slug>/",
)
@decorate_view(public_page)
def get_company(
    request: HttpRequest,
    slug: str = Path(..., max_length=200, pattern=SLUG_PATTERN, description="e.g. `openai`."),
):
    company = Company.objects.filter(slug=slug).first()
    claims, more = company_latest(company) if company else ([], False)
    if not claims:
        return 404, {"detail": f"The desk has published no figure about “{slug}”."}
    sources = _sources_of(claims)
    figures = Claim.objects.public().for_company(company).count()
    out = _company_out(request, company, figures, _group_names([company.pk])[company.pk])
    query = urlencode({"company": company.slug})
    out["claims"] = [_claim_out(request, claim, sources[claim.pk]) for claim in claims]
    out["more"] = more
    out["claims_url"] = request.build_absolute_uri(f"{reverse('api:claims')}?{query}")
    return 200, out

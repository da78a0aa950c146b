"""The verified figures (`/`), every published verdict (`/claims/`) and one claim's page.

Every query starts from `Claim.objects.public()`. Bad query parameters never raise: the
page says what was wrong, is answered with status 400, and shows the rows the valid
parameters select.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from factcheck import jsonld
from factcheck.caching import public_page
from factcheck.columns import BY_NAME
from factcheck.facets import build_facets
from factcheck.figure_checks import source_deviations, with_all_operands
from factcheck.listing import claim_listing
from factcheck.models import CheckOperand, Claim, FigureCheck, Retraction, Status
from factcheck.quotes import quote_context
from factcheck.tables import ClaimTable


def _caption(title: str, listing) -> str:
    """The table's caption: what the rows are, which of them this page shows, and the sort."""
    page, sort = listing.page, listing.query.sort
    key = BY_NAME[sort.removeprefix("-")].sorted_by
    if sort.startswith("-"):
        sorted_by = gettext("sorted by %(key)s, descending") % {"key": key}
    else:
        sorted_by = gettext("sorted by %(key)s, ascending") % {"key": key}
    if not page.rows:
        return gettext("%(title)s: none match, %(sorted_by)s") % {
            "title": title,
            "sorted_by": sorted_by,
        }
    return gettext(
        "%(title)s %(first)s–%(last)s of %(total)s, page %(number)s of %(pages)s, %(sorted_by)s"
    ) % {
        "title": title,
        "first": f"{page.start_index:,}",
        "last": f"{page.end_index:,}",
        "total": f"{page.total:,}",
        "number": page.number,
        "pages": page.num_pages,
        "sorted_by": sorted_by,
    }


def _queries(params, *, verified_only: bool, page: int) -> dict[str, str]:
    """Query strings for the pager (without page) and the CSV and JSON twins of these rows."""
    without_page = params.copy()
    without_page.pop("page", None)
    twin = without_page.copy()  # keeps the sort: the same rows in the same order
    if verified_only:
        twin["status"] = "verified"
    csv_query = twin.urlencode()
    twin["page"] = str(page)
    page_query = without_page.urlencode()
    csv_url = reverse("factcheck:claims-csv")
    return {
        "page_query": f"{page_query}&" if page_query else "",
        "csv_query": csv_query,
        "api_query": twin.urlencode(),
        "csv_href": f"{csv_url}?{csv_query}" if csv_query else csv_url,
        "api_href": f"{reverse('api:claims')}?{twin.urlencode()}",
    }


def _claims_page(request, *, verified_only: bool, title: str, template: str, nav: str):
    listing = claim_listing(request, verified_only=verified_only)
    title = listing.query.heading(title)  # names the filters: "Verified valuations of X"
    table = ClaimTable(
        listing.page.rows,
        sort=listing.query.sort,
        caption=_caption(title, listing),
        params=request.GET,
    )
    context = {
        "title": title,
        "listing": listing,
        "table": table,
        "page": listing.page,
        "form": listing.query.form,
        "errors": listing.errors,
        "facets": build_facets(listing.summary, request.GET, with_status=not verified_only),
        "nav": nav,
        **_queries(request.GET, verified_only=verified_only, page=listing.page.number),
    }
    return render(request, template, context, status=400 if listing.errors else 200)


@public_page
def home(request):
    return _claims_page(
        request,
        verified_only=True,
        title=gettext("Verified figures"),
        template="factcheck/home.html",
        nav="home",
    )


@public_page
def claim_list(request):
    return _claims_page(
        request,
        verified_only=False,
        title=gettext("Published verdicts"),
        template="factcheck/claim_list.html",
        nav="claims",
    )


def public_checks(claim: Claim):
    """The arithmetic checks involving `claim` whose every figure is public.

    A check that uses an unpublished figure is left out entirely, so its working never
    shows a number the desk has not published; so is one short of a figure (a deleted
    claim takes its operand row with it, and its stored working may still show it).
    """
    public = Claim.objects.public()
    # NOT EXISTS per operand (a primary-key probe), not NOT IN over every public claim.
    hidden_operand = CheckOperand.objects.filter(check_ref=OuterRef("pk")).filter(
        ~Exists(public.filter(pk=OuterRef("claim_id")))
    )
    involving = Q(stated=claim) | Q(
        pk__in=CheckOperand.objects.filter(claim=claim).values("check_ref")
    )
    operands = CheckOperand.objects.select_related("claim").order_by("position", "pk")
    return (
        with_all_operands(FigureCheck.objects.filter(involving, stated__in=public))
        .exclude(Exists(hidden_operand))
        .select_related("stated")
        .prefetch_related(Prefetch("inputs", queryset=operands))
        .order_by("pk")
    )


def _reviewer_name(claim: Claim) -> str:
    """The reviewer's full name; never a login name, which is half of a credential."""
    reviewer = claim.reviewed_by
    return reviewer.get_full_name() if reviewer is not None else ""


def retraction_notice(request, pk):
    """An unpublished claim's URL: the retraction (words as published, reason, date), or 404."""
    retraction = Retraction.objects.filter(claim_id=pk).order_by("-created_at", "-pk").first()
    if retraction is None:
        raise Http404("No published claim here.")
    response = render(
        request, "factcheck/claim_retracted.html", {"retraction": retraction, "claim_id": pk}
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@public_page
def claim_detail(request, pk):
    claim = (
        Claim.objects.public()
        .select_related("company", "article", "reviewed_by")
        .prefetch_related("sources")
        .filter(pk=pk)
        .first()
    )
    if claim is None:
        return retraction_notice(request, pk)
    return render(request, "factcheck/claim_detail.html", claim_page_context(request, claim))


def claim_page_context(request, claim: Claim, *, with_jsonld: bool = True) -> dict:
    """What the claim page shows; also the staff preview's (views/preview.py, no JSON-LD)."""
    deviations = {source.pk: deviation for source, deviation in source_deviations(claim)}
    corrections = list(claim.corrections.all())
    last_corrected = corrections[-1].created_at if corrections else None
    review = (
        jsonld.claim_review(claim, request, last_corrected=last_corrected) if with_jsonld else {}
    )
    return {
        "claim": claim,
        "sources": [(source, deviations.get(source.pk)) for source in claim.sources.all()],
        "corrections": corrections,
        "checks": list(public_checks(claim)),
        "context": quote_context(claim.article.text, claim.quote) if claim.article_id else None,
        "reviewer": _reviewer_name(claim),
        "canonical_url": request.build_absolute_uri(claim.get_absolute_url()),
        "jsonld": jsonld.script_tag(review) if review else "",
        "is_inaccurate": claim.status == Status.INACCURATE,
    }

"""The staff preview of a claim's public page: any claim (unpublished, a pending change) as
readers would see it once published, marked "Preview — not published".

Reached from the admin's "View on site" (ClaimAdmin.view_on_site), at a desk path
(`/admin/preview/claims/<id>/`), never under a public prefix: the page cache does not look
at it, and the public views still answer only from `Claim.objects.public()`. It is never
stored by anyone (`Cache-Control: private, no-store`) nor indexed (`noindex`).
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from factcheck.models import Claim

from .claims import claim_page_context


def _preview(request, pk):
    if not request.user.has_perm("factcheck.view_claim"):
        raise PermissionDenied("Previewing claims needs a desk role (Editor or above).")
    claim = get_object_or_404(
        Claim.objects.select_related(
            "company", "article", "reviewed_by", "draft_of"
        ).prefetch_related("sources"),
        pk=pk,
    )
    context = claim_page_context(request, claim, with_jsonld=False)
    context.update(
        {
            "preview": True,
            "live": claim.draft_of if claim.is_draft else None,
            "change_url": reverse("admin:factcheck_claim_change", args=[claim.pk]),
        }
    )
    response = render(request, "factcheck/claim_preview.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def claim_preview(request, pk):
    """The preview, for staff who may view claims; anyone else is sent to the desk's login."""
    if not (request.user.is_active and request.user.is_staff):
        response = redirect_to_login(request.get_full_path(), reverse("admin:login"))
        response["Cache-Control"] = "private, no-store"
        return response
    return admin.site.admin_view(_preview, cacheable=False)(request, pk)

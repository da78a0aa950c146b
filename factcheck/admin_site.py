"""The admin site, with the review queue and data-quality counts on its index page.

Kept outside the factcheck.admin package: importing the site class must not register
ModelAdmins while Django is still building the default site.
"""

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q

from factcheck.models import Claim, Source, Status
from factcheck.stances import AT_ODDS, at_odds_aliases


def data_quality() -> list[tuple[str, int, str]]:
    """(label, count, changelist query) for the problems an editor should clear."""
    has_source = Exists(Source.objects.filter(claim=OuterRef("pk")))
    has_primary = Exists(Source.objects.filter(claim=OuterRef("pk"), kind__in=Source.PRIMARY_KINDS))
    aliases = {"has_source": has_source, "has_primary": has_primary, **at_odds_aliases()}
    counts = Claim.objects.alias(**aliases).aggregate(
        no_source=Count("pk", filter=Q(has_source=False)),
        no_as_of=Count("pk", filter=Q(as_of__isnull=True)),
        secondary_only=Count(
            "pk", filter=Q(status=Status.VERIFIED, has_source=True, has_primary=False)
        ),
        stance_conflicts=Count("pk", filter=AT_ODDS),
        unpublished_verdicts=Count(
            "pk", filter=Q(status__in=Status.verdicts(), published_at__isnull=True)
        ),
    )
    verdicts = ",".join(Status.verdicts())
    return [
        ("Claims without a source", counts["no_source"], "has_sources=no"),
        ("Claims without an as-of date", counts["no_as_of"], "as_of__isempty=1"),
        ("Verified on secondary sources only", counts["secondary_only"], "secondary_only=yes"),
        ("Sources contradict the verdict", counts["stance_conflicts"], "stance_conflict=yes"),
        (
            "Verdicts not yet published",
            counts["unpublished_verdicts"],
            f"status__in={verdicts}&published=no",
        ),
    ]


ACTIONS = {"+": "added", "~": "changed", "-": "deleted"}


def recent_activity(limit: int = 15) -> list[dict]:
    """The desk's latest writes to claims, from their history (every path writes one)."""
    rows = Claim.history.select_related("history_user").order_by("-history_id")[:limit]
    return [
        {
            "who": row.history_user.get_username() if row.history_user else "the system",
            "what": ACTIONS.get(row.history_type, "changed"),
            "claim_id": row.id,
            "quote": row.quote,
            "status": row.status,
            "reason": row.history_change_reason or "",
            "when": row.history_date,
        }
        for row in rows
    ]


class FactdeskAdminSite(admin.AdminSite):
    site_header = "Factdesk"
    site_title = "Factdesk desk"
    index_title = "The desk"

    def index(self, request, extra_context=None):
        extra_context = extra_context or {}
        if request.user.has_perm("factcheck.view_claim"):
            extra_context["review_queue"] = Claim.objects.awaiting_review().select_related(
                "company"
            )[:15]
            extra_context["data_quality"] = data_quality()
            extra_context["recent_activity"] = recent_activity()
        return super().index(request, extra_context)

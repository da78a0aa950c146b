"""The admin site, with the review queue and data-quality counts on its index page.

Kept outside the factcheck.admin package: importing the site class must not register
ModelAdmins while Django is still building the default site.
"""

from django.contrib import admin

from factcheck.models import Claim, Status
from factcheck.models.claims import AT_ODDS, SECONDARY_ONLY

# The dashboard counts each problem up to here and then says "1,000+": enough to know how
# big it is, and a count that costs the same at any size of desk (docs/PERFORMANCE.md).
QUALITY_CAP = 1_000


class Counted(int):
    """A count that stopped at its cap when `capped` (the page shows "1,000+")."""

    capped = False


def counted(value: int, capped: bool) -> Counted:
    result = Counted(value)
    result.capped = capped
    return result


def capped_count(claims, cap: int | None = None) -> Counted:
    """How many of `claims` there are, reading at most cap + 1 of them (one query)."""
    cap = QUALITY_CAP if cap is None else cap
    found = claims.order_by().values("pk")[: cap + 1].count()
    return counted(min(found, cap), found > cap)


def data_quality() -> list[tuple[str, Counted, str]]:
    """(label, count, changelist query) for the problems an editor should clear.

    One capped count per problem, each on a partial index of exactly its condition
    (migrations 0019 and 0021: the evidence questions read flags the write path stores),
    so every count is live and costs the same at any size of desk.
    """
    claims = Claim.objects.all()
    verdicts = Status.verdicts()
    problems = [
        ("Claims without a source", claims.filter(n_sources=0), "has_sources=no"),
        ("Claims without an as-of date", claims.filter(as_of__isnull=True), "as_of__isempty=1"),
        (
            "Verified on secondary sources only",
            claims.filter(SECONDARY_ONLY),
            "secondary_only=yes",
        ),
        ("Sources contradict the verdict", claims.filter(AT_ODDS), "stance_conflict=yes"),
        (
            "Verdicts not yet published",
            claims.filter(status__in=verdicts, published_at__isnull=True),
            f"status__in={','.join(verdicts)}&published=no",
        ),
    ]
    return [(label, capped_count(queryset), query) for label, queryset, query in problems]


def review_queue(limit: int = 15) -> list[Claim]:
    """Claims in review first, then unverified ones, oldest first (as Claim.awaiting_review
    orders them), read as two index ranges of (status, created_at, id) instead of sorting
    every waiting claim by a CASE."""
    waiting = Claim.objects.select_related("company")
    queue = list(waiting.filter(status=Status.IN_REVIEW).order_by("created_at", "pk")[:limit])
    if len(queue) < limit:
        unverified = waiting.filter(status=Status.UNVERIFIED).order_by("created_at", "pk")
        queue += list(unverified[: limit - len(queue)])
    return queue


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
            extra_context["review_queue"] = review_queue()
            extra_context["data_quality"] = data_quality()
            extra_context["recent_activity"] = recent_activity()
        return super().index(request, extra_context)

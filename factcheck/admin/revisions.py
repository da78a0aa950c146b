"""What a pending change would change on its published claim, for the desk to read before acting."""

from dataclasses import dataclass

from factcheck import rules
from factcheck.models import Claim

LABELS = {
    "quote": "Quote",
    "company_id": "Company",
    "article_id": "Article",
    "metric": "Metric",
    "value": "Figure",
    "unit": "Unit",
    "qualifier": "Qualifier",
    "as_of": "As of",
    "as_of_precision": "As of, written as a",
    "period": "Period",
    "note": "Rationale",
    "corrected_value": "Corrected figure",
    "status": "Verdict",
}


@dataclass(frozen=True)
class Difference:
    field: str
    published: str
    pending: str


def _shown(claim: Claim, name: str) -> str:
    if name == "value":
        return claim.figure_display
    if name == "company_id":
        return str(claim.company or "—")
    if name == "article_id":
        return str(claim.article or "—")
    if name == "status":
        return claim.get_status_display()
    if name == "as_of":
        return claim.as_of_written or "—"
    if name == "as_of_precision":
        return claim.get_as_of_precision_display()
    value = getattr(claim, name)
    return "—" if value in (None, "") else str(value)


def revision_differences(claim: Claim) -> list[Difference]:
    """Published → pending, field by field (and the sources), for a draft or its live claim."""
    if claim.is_draft:
        live, draft = claim.draft_of, claim
    else:
        draft = claim.pending_change() if claim.is_public else None
        live = claim
    if draft is None:
        return []
    found = [
        Difference(LABELS[name], _shown(live, name), _shown(draft, name))
        for name in (*rules.CONTENT_FIELDS, "status")
        if getattr(live, name) != getattr(draft, name)
    ]
    live_urls = sorted(live.sources.values_list("url", flat=True))
    draft_urls = sorted(draft.sources.values_list("url", flat=True))
    if live_urls != draft_urls:
        found.append(Difference("Sources", "\n".join(live_urls), "\n".join(draft_urls)))
    return found

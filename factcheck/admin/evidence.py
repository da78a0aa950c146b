"""Everything a fact-checker weighs about one claim, gathered once for the desk's pages.

The claim's change page and its verdict screen both show it: the quote in its article's
sentence, the figure as written with ≈ USD, the sources with their excerpts, tiers and
stances (and how each excerpt's figure compares), the arithmetic checks involving it, and
its latest history. A fixed number of queries, however many sources and checks.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from factcheck.figure_checks import source_deviations, working_in
from factcheck.models import CheckOperand, Claim, FigureCheck
from factcheck.quotes import Context, quote_context
from factcheck.tables import usd_text

HISTORY_SHOWN = 8


@dataclass
class Evidence:
    claim: Claim
    context: Context | None
    figure: str
    usd: str
    sources: list  # (source, deviation or None)
    checks: list  # (check, working)
    history: list


def claim_evidence(claim: Claim) -> Evidence:
    claim = (
        Claim.objects.select_related("article", "company")
        .prefetch_related("sources")
        .get(pk=claim.pk)
    )
    deviations = {source.pk: deviation for source, deviation in source_deviations(claim)}
    operands = CheckOperand.objects.select_related("claim").order_by("position", "pk")
    checks = (
        FigureCheck.objects.filter(
            Q(stated=claim) | Q(pk__in=CheckOperand.objects.filter(claim=claim).values("check_ref"))
        )
        .select_related("stated")
        .prefetch_related(Prefetch("inputs", queryset=operands))
        .order_by("pk")
    )
    history = list(
        Claim.history.filter(id=claim.pk)
        .select_related("history_user")
        .order_by("-history_id")[:HISTORY_SHOWN]
    )
    text = claim.article.text if claim.article_id else ""
    return Evidence(
        claim=claim,
        context=quote_context(text, claim.quote) if text else None,
        figure=claim.figure_display,
        usd=usd_text(claim),
        sources=[(source, deviations.get(source.pk)) for source in claim.sources.all()],
        checks=[(check, working_in(check, "en")) for check in checks],
        history=history,
    )


def next_step(claim: Claim, user) -> str:
    """The claim's state and what happens next, in a sentence for the person looking at it."""
    from factcheck import rules

    may_verdict = user.has_perm("factcheck.give_verdict")
    may_publish = user.has_perm("factcheck.publish_claim")
    two_person = rules.two_person_error(basis_editors=claim.basis_editors, reviewer_id=user.pk)
    state = claim.get_status_display()
    if claim.is_draft:
        state = f"Pending change of published claim {claim.draft_of_id} — {state.lower()}"
    elif claim.published_at is not None:
        pending = claim.pending_change()
        if pending is not None:
            return f"Published — a pending change (claim {pending.pk}) waits for review."
        return "Published — readers see this version. Edits wait as a pending change."
    if claim.status == "unverified":
        return f"{state} — add its sources, then send it to review."
    if claim.status == "in_review":
        if not may_verdict:
            return f"{state} — waiting for a fact-checker."
        if two_person:
            return f"{state} — waiting for a fact-checker other than you."
        return f"{state} — you can give its verdict."
    if may_publish:
        return f"{state}, not published — you can publish it."
    return f"{state}, not published — waiting for a publisher."

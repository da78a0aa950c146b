"""A published claim's pending change, kept as a draft claim beside it.

The live claim's row is what the public sees (its public queries and indexes read it
unchanged). A change to it, from any path, is made on its draft: a claim row with
`draft_of` set, never published itself, with copies of the live claim's sources (each copy
remembers its `origin`). The draft goes through review and verdict as any claim does; a
publisher's release copies it onto the live claim — content, verdict and sources — records
a public correction, and deletes the draft. One draft per live claim at most.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck import rules
from factcheck.models import Claim, Comment, Correction, Source

from .common import changed_fields, content_of, with_partners, write

# What a release copies from the draft onto the live claim.
RELEASED_FIELDS = (
    *rules.CONTENT_FIELDS,
    "status",
    "reviewed_by_id",
    "reviewed_at",
)
SOURCE_FIELDS = tuple(
    f.attname
    for f in Source._meta.concrete_fields
    if f.attname not in ("id", "claim_id", "origin_id")
)


def open_draft(*, live: Claim, user, refuse_existing: bool) -> Claim:
    """The live claim's draft: the existing one, or a new copy (with its sources).

    `refuse_existing`: an edit made from the live claim's own page (or a CSV row naming it)
    was made without seeing the pending change, so it is refused rather than mixed in.
    """
    existing = Claim.objects.select_for_update().filter(draft_of=live).first()
    if existing is not None:
        if refuse_existing:
            raise ValidationError(
                f"This published claim already has a pending change (claim {existing.pk}): "
                "make your edit there, so that nobody's change is lost."
            )
        return existing
    draft = Claim(
        draft_of=live,
        created_by=live.created_by,
        status=live.status,
        reviewed_by=live.reviewed_by,
        reviewed_at=live.reviewed_at,
        basis_editors=[],
        **content_of(live),
    )
    write(draft, user, reason=f"Pending change of published claim {live.pk}")
    Source.objects.bulk_create(
        Source(claim=draft, origin=source, **{f: getattr(source, f) for f in SOURCE_FIELDS})
        for source in live.sources.all()
    )
    from factcheck import source_counts

    source_counts.refresh([draft.pk])
    draft.refresh_from_db(fields=["n_sources"])
    return draft


def _sync_sources(*, draft: Claim, live: Claim) -> bool:
    """Make the live claim's sources the draft's; the draft's copies are then deleted. Changed?"""
    live_sources = {source.pk: source for source in live.sources.all()}
    kept, changed = set(), False
    for copy in draft.sources.all():
        original = live_sources.get(copy.origin_id)
        if original is None:  # added on the draft: it moves to the live claim
            copy.claim, copy.origin = live, None
            copy.save()
            changed = True
            continue
        kept.add(original.pk)
        differs = [f for f in SOURCE_FIELDS if getattr(original, f) != getattr(copy, f)]
        if differs:
            for name in differs:
                setattr(original, name, getattr(copy, name))
            original.full_clean()
            original.save()
            changed = True
    for pk, original in live_sources.items():
        if pk not in kept:
            original.delete()
            changed = True
    return changed


def fold(*, draft: Claim, live: Claim) -> None:
    """Copy the draft onto the live claim in memory (sources in the database), delete it.

    The desk's conversation about the change goes on with the live claim: each comment moves
    to it (saved, so its history says so) before the draft is deleted.
    """
    for name in RELEASED_FIELDS:
        setattr(live, name, getattr(draft, name))
    live.basis_editors = list(draft.basis_editors)
    _sync_sources(draft=draft, live=live)
    for comment in Comment.objects.filter(claim=draft):
        comment.claim = live
        comment.save(update_fields=["claim"])
    draft.delete()


@transaction.atomic
def release(*, draft: Claim, user) -> Claim:
    """Publish a pending change: the live claim takes its content, verdict and sources."""
    live = with_partners(draft.draft_of_id)
    problem = rules.two_person_error(
        basis_editors=[draft.reviewed_by_id], reviewer_id=getattr(user, "pk", None)
    )
    if problem:
        # A published claim changes only when two people agree: whoever gave the change
        # its verdict (and so wrote its rationale) does not also release it.
        raise ValidationError(
            "You gave this change its verdict, so another publisher must publish it "
            "(the two-person rule)."
        )
    sources = list(draft.sources.values_list("stance", flat=True))
    problem = rules.publish_error(
        status=draft.status,
        source_count=len(sources),
        corrected_value=draft.corrected_value,
        note=draft.note,
        stances=sources,
    )
    if problem:
        raise ValidationError(problem)
    reason = draft.correction_reason.strip()
    if not reason:
        raise ValidationError(
            "This change has no reason for readers: give the verdict again with the reason."
        )
    before_content, before_status = content_of(live), live.status
    old_figure = live.figure_display
    fold(draft=draft, live=live)
    figure_moved = any(
        name in rules.BASIS_FIELDS for name in changed_fields(before_content, content_of(live))
    )
    Correction.objects.create(
        claim=live,
        old_status=before_status,
        new_status=live.status,
        old_figure=old_figure if figure_moved else "",
        new_figure=live.figure_display if figure_moved else "",
        reason=reason,
        created_by=user,
    )
    live.basis_editors = []
    return write(live, user, reason="Pending change published")  # recomputes the checks

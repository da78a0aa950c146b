"""A claim's way through the desk: entered, reviewed, given a verdict, published, retracted.

A published claim is never edited in place: every change to it (its figure, words, verdict
or sources, from any path) becomes its pending change (services/revisions.py), which the
public does not see until someone other than its author has given it a verdict and a
publisher has released it.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from factcheck import rules
from factcheck.models import Claim, Correction, Retraction, Status

from . import revisions
from .common import (
    add_basis_editor,
    changed_fields,
    content_of,
    locked,
    require,
    write,
)


@transaction.atomic
def save_claim(*, claim: Claim, user, expected_version: int | None = None) -> Claim:
    """Create or edit a claim's content; returns the claim written (a published one's draft).

    Status and publication move only by the services below; an edit after a verdict sends
    the claim back to review, and its author may not give the next verdict.
    """
    if claim.pk is None:
        require(user, "add_claim", "add claims")
        if claim.created_by_id is None and user is not None:
            claim.created_by = user
        if claim.status in rules.VERDICTS or claim.published_at or claim.draft_of_id:
            raise ValidationError({"status": "A new claim starts unverified or in review."})
        claim.basis_editors = []
        add_basis_editor(claim, user)
        return write(claim, user)
    require(user, "change_claim", "edit claims")
    current = locked(claim.pk, expected_version)
    assignee = claim.assigned_to if claim.assigned_to_id else None
    reassigned = claim.assigned_to_id != current.assigned_to_id
    written = revise_claim(claim=current, user=user, values=content_of(claim))
    if reassigned:
        from .desk import assign_claim

        assign_claim(claim=current, user=user, assignee=assignee)
        if written.pk == current.pk:
            written = Claim.objects.get(pk=current.pk)
    return written


@transaction.atomic
def revise_claim(
    *,
    claim: Claim,
    user,
    values: dict,
    source_urls: Iterable[str] | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Claim:
    """Apply new content `values` (and, if given, exactly these source URLs) to a claim.

    A published claim's values go to its pending change; anything else is edited in place.
    Returns the claim that was written, or the claim itself when nothing changed.
    """
    require(user, "change_claim", "edit claims")
    current = locked(claim.pk, expected_version)
    if current.is_public:
        before = content_of(current)
        if not changed_fields(before, {**before, **values}) and (
            source_urls is None
            or set(source_urls) == set(current.sources.values_list("url", flat=True))
        ):
            return current
        target = revisions.open_draft(live=current, user=user, refuse_existing=True)
    else:
        target = current
    edited = apply_content(target, values, user)
    sources_changed = source_urls is not None and _set_sources(target, source_urls)
    if sources_changed:
        add_basis_editor(target, user)
        target.status = rules.status_after_edit(
            status=target.status, basis_changed=True, content_changed=True
        )
    if not edited and not sources_changed:
        return target
    return write(target, user, reason=reason)  # recomputes the checks that read its figure


def apply_content(target: Claim, values: dict, user) -> bool:
    """Set `values` on `target`; an edit after a verdict sends it back to review. Changed?"""
    before = content_of(target)
    after = {**before, **{k: v for k, v in values.items() if k in before}}
    changed = changed_fields(before, after)
    if not changed:
        return False
    for name in changed:
        setattr(target, name, after[name])
    basis = [name for name in changed if name in rules.BASIS_FIELDS]
    # Whoever changed the verdict's basis may not give it; on a published claim's pending
    # change, whoever changed anything readers will see (the rationale too) may not.
    if basis or target.is_draft:
        add_basis_editor(target, user)
    target.status = rules.status_after_edit(
        status=target.status, basis_changed=bool(basis), content_changed=True
    )
    return True


def _set_sources(claim: Claim, urls: Iterable[str]) -> bool:
    """Make the claim's sources exactly these URLs (keeping the ones it has). Changed?"""
    wanted = list(dict.fromkeys(urls))
    stored = list(claim.sources.all())
    gone = [source for source in stored if source.url not in wanted]
    have = {source.url for source in stored}
    for source in gone:
        source.delete()
    for url in wanted:
        if url not in have:
            claim.sources.create(url=url)
    return bool(gone) or any(url not in have for url in wanted)


@transaction.atomic
def send_to_review(*, claim: Claim, user, expected_version: int | None = None) -> Claim:
    require(user, "change_claim", "send claims to review")
    current = locked(claim.pk, expected_version)
    if current.status != Status.UNVERIFIED:
        raise ValidationError(
            f"Only unverified claims go to review; this one is {current.get_status_display().lower()}."
        )
    current.status = Status.IN_REVIEW
    return write(current, user)


def _stances(claim: Claim) -> list[str]:
    return list(claim.sources.values_list("stance", flat=True))


@transaction.atomic
def give_verdict(
    *,
    claim: Claim,
    reviewer,
    status: str,
    note: str = "",
    corrected_value=None,
    reason: str = "",
    expected_version: int | None = None,
) -> Claim:
    """Give (or change) a claim's verdict: sources, rationale, correction, two persons.

    On a published claim the verdict goes to its pending change, with `reason` (required:
    readers see it in the correction log once a publisher releases the change).
    """
    require(reviewer, "give_verdict", "give verdicts")
    current = locked(claim.pk, expected_version)
    if status not in rules.VERDICTS:
        raise ValidationError({"status": f"'{status}' is not a verdict."})
    target = current
    if current.is_public:
        target = revisions.open_draft(live=current, user=reviewer, refuse_existing=False)
    if target.is_draft and not (reason or target.correction_reason).strip():
        raise ValidationError(
            {"reason": "This claim is published: say what changes and why, for readers."}
        )
    note = note or target.note
    corrected_value = corrected_value if corrected_value is not None else target.corrected_value
    errors = rules.verdict_errors(
        status=status,
        source_count=target.sources.count(),
        corrected_value=corrected_value,
        note=note,
        stances=_stances(target),
    )
    two_person = rules.two_person_error(
        basis_editors=target.basis_editors, reviewer_id=getattr(reviewer, "pk", None)
    )
    if two_person:
        errors.setdefault("status", two_person)
    if errors:
        raise ValidationError(errors)
    target.status = status
    target.note = note
    target.corrected_value = corrected_value
    target.reviewed_by = reviewer
    target.reviewed_at = timezone.now()
    target.basis_editors = []
    if reason.strip():
        target.correction_reason = reason.strip()
    return write(target, reviewer)


@transaction.atomic
def publish_claim(*, claim: Claim, user, expected_version: int | None = None) -> Claim:
    """Publish a verdict, or release a published claim's pending change. Returns the live claim."""
    require(user, "publish_claim", "publish claims")
    current = locked(claim.pk, expected_version)
    if current.is_draft:
        return revisions.release(draft=current, user=user)
    if current.published_at is not None:
        pending = current.pending_change()
        if pending is None:
            raise ValidationError("This claim is already published and no change of it waits.")
        if expected_version is not None:
            # The page showed the published claim, not its pending change: publish that
            # from its own page, which shows what will go public (and its version).
            raise ValidationError(
                f"This claim is already published. Its pending change is claim {pending.pk}: "
                "open it, check what will change, and publish it from there."
            )
        return revisions.release(draft=locked(pending.pk), user=user)
    problem = rules.publish_error(
        status=current.status,
        source_count=current.sources.count(),
        corrected_value=current.corrected_value,
        note=current.note,
        stances=_stances(current),
    )
    if problem:
        raise ValidationError(problem)
    retraction = current.retractions.first()  # the latest: readers saw the claim before
    if retraction is not None:
        _republish(current, retraction, user)
    current.published_at = timezone.now()
    current.published_by = user
    return write(current, user)


def _republish(claim: Claim, retraction: Retraction, user) -> None:
    """Publishing again a claim readers saw: as for a published claim's change, two people
    agree (who gave the verdict does not publish it), and what changed since is corrected
    in public, so taking a claim back and publishing it again is no way round either."""
    if rules.two_person_error(
        basis_editors=[claim.reviewed_by_id], reviewer_id=getattr(user, "pk", None)
    ):
        raise ValidationError(
            "Readers saw this claim before it was taken back, and you gave it its verdict "
            "since: another publisher must publish it again (the two-person rule)."
        )
    figure = claim.figure_display
    if figure == retraction.figure and claim.status == retraction.old_status:
        return
    Correction.objects.create(
        claim=claim,
        old_status=retraction.old_status,
        new_status=claim.status,
        old_figure=retraction.figure if figure != retraction.figure else "",
        new_figure=figure if figure != retraction.figure else "",
        reason=claim.correction_reason.strip()
        or f"Published again after it was taken back ({retraction.reason})",
        created_by=user,
    )


@transaction.atomic
def unpublish_claim(
    *, claim: Claim, user, reason: str = "", expected_version: int | None = None
) -> Claim:
    """Take a published claim back: its URL then shows a retraction notice with `reason`."""
    require(user, "publish_claim", "unpublish claims")
    current = locked(claim.pk, expected_version)
    if current.is_draft:
        raise ValidationError(
            "A pending change is not published: delete it to throw the change away."
        )
    if current.published_at is None:
        raise ValidationError("This claim is not published.")
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": "Say why the claim is taken back: readers who follow its link see this."}
        )
    Retraction.objects.create(
        claim=current,
        quote=current.quote,
        figure=current.figure_display,
        old_status=current.status,
        reason=reason.strip(),
        created_by=user,
    )
    pending = current.pending_change()
    if pending is not None:
        draft = locked(pending.pk)
        revisions.fold(draft=draft, live=current)
        # Kept for readers: published again, the claim's correction says why it changed.
        current.correction_reason = draft.correction_reason
    current.published_at = None
    current.published_by = None
    return write(current, user, reason="Unpublished: " + reason.strip())

"""A claim's sources: every add, edit, move and removal, from the inline, the Source admin or code.

A source is part of what a verdict was given on. Changing one sends its claim back to
review (its author may not give the next verdict); on a published claim the change is
made on the claim's pending change, never on the sources readers see.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck import rules
from factcheck.models import Claim, Source

from . import revisions
from .common import add_basis_editor, locked, require, write

SOURCE_FIELDS = revisions.SOURCE_FIELDS


def _editable(claim_pk: int, user) -> Claim:
    """The claim a source change is made on: the claim, or a published claim's draft."""
    claim = locked(claim_pk)
    if claim.is_public:
        return revisions.open_draft(live=claim, user=user, refuse_existing=False)
    return claim


def _basis_changed(claim: Claim, user, reason: str) -> None:
    add_basis_editor(claim, user)
    claim.status = rules.status_after_edit(
        status=claim.status, basis_changed=True, content_changed=True
    )
    write(claim, user, reason=reason)


def _copy_of(draft: Claim, original: Source) -> Source:
    copy = draft.sources.filter(origin=original).first()
    if copy is None:
        raise ValidationError(
            "The pending change of this claim has already removed this source: "
            f"edit the pending change (claim {draft.pk}) instead."
        )
    return copy


@transaction.atomic
def save_source(*, source: Source, user, expected_claim_version: int | None = None) -> Source:
    """Add or edit `source` (moving it when its claim changed). Returns the row written.

    `expected_claim_version`: the version of the source's (stored) claim the editor's page
    showed; a claim changed since — its sources included — refuses the save as stale.
    """
    require(user, "change_source" if source.pk else "add_source", "edit sources")
    stored = Source.objects.select_for_update().filter(pk=source.pk).first() if source.pk else None
    if expected_claim_version is not None:
        locked(stored.claim_id if stored else source.claim_id, expected_claim_version)
    if stored is not None and stored.claim_id != source.claim_id:  # moved to another claim
        delete_source(source=stored, user=user)
        source = Source(**{f: getattr(source, f) for f in SOURCE_FIELDS}, claim_id=source.claim_id)
        stored = None
    target = _editable(source.claim_id, user)
    if stored is not None and not any(
        getattr(stored, f) != getattr(source, f) for f in SOURCE_FIELDS
    ):
        return stored
    if target.pk != source.claim_id:  # a published claim's: edit its pending change's copy
        written = _copy_of(target, stored) if stored is not None else Source(claim=target)
        for name in SOURCE_FIELDS:
            setattr(written, name, getattr(source, name))
    else:
        written = source
    written.full_clean()
    written.save()
    _basis_changed(target, user, f"Source {'edited' if stored else 'added'}: {written.url}")
    return written


@transaction.atomic
def delete_source(*, source: Source, user) -> None:
    """Remove `source` from its claim (from a published claim's pending change)."""
    require(user, "delete_source", "remove sources")
    stored = Source.objects.select_for_update().filter(pk=source.pk).first()
    if stored is None:
        return
    target = _editable(stored.claim_id, user)
    if target.pk != stored.claim_id:
        _copy_of(target, stored).delete()
    else:
        stored.delete()
    _basis_changed(target, user, f"Source removed: {stored.url}")

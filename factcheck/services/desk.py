"""The desk's own work around a claim: who has it in their queue, and what people said about it.

Neither is public nor part of a verdict's basis, so neither sends a claim back to review.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck.models import Claim, Comment

from .common import locked, require, write


@transaction.atomic
def assign_claim(*, claim: Claim, user, assignee, expected_version: int | None = None) -> Claim:
    """Put the claim in `assignee`'s queue (None: nobody's)."""
    require(user, "change_claim", "assign claims")
    current = locked(claim.pk, expected_version)
    if assignee is not None and not (
        assignee.is_active
        and (assignee.is_superuser or assignee.has_perm("factcheck.give_verdict"))
    ):
        raise ValidationError(
            {
                "assigned_to": f"{assignee.get_username()} cannot give verdicts: assign a fact-checker."
            }
        )
    if current.assigned_to_id == getattr(assignee, "pk", None):
        return current
    current.assigned_to = assignee
    return write(
        current, user, reason=f"Assigned to {assignee.get_username()}" if assignee else "Unassigned"
    )


def add_comment(*, claim: Claim, user, text: str) -> Comment | None:
    """A comment in the claim's discussion; blank text adds nothing."""
    require(user, "change_claim", "comment on claims")
    text = (text or "").replace("\x00", "").strip()
    if not text:
        return None
    comment = Comment(claim=claim, author=user, text=text)
    comment.full_clean()
    comment.save()
    return comment

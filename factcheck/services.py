"""Writes that carry the desk's rules: saving, reviewing, publishing and correcting claims.

Admin views, actions, the CSV import and management commands call these; none of them
changes a claim's status or publication any other way. Every write raises the claim's
version under a row lock, so an editor working from a stale copy is refused, not obeyed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from factcheck import checks, fx, rules
from factcheck.models import Claim, Correction, Status

TRACKED_FIELDS = [
    "quote",
    "company_id",
    "article_id",
    "metric",
    "value",
    "unit",
    "qualifier",
    "as_of",
    "period",
    "status",
    "note",
    "corrected_value",
    "published_at",
]


class StaleEdit(ValidationError):
    """Someone else saved the claim after this editor loaded it."""


def _require(user, perm: str, action: str) -> None:
    """Refuse a person without `perm`; `user=None` is the system (commands, migrations)."""
    if user is not None and not user.has_perm(f"factcheck.{perm}"):
        raise PermissionDenied(f"You do not have permission to {action}.")


def describe_changes(pk: int, seen_version: int, current: Claim) -> str:
    """Tell the editor who changed the claim since `seen_version`, and which fields."""
    seen = Claim.history.filter(id=pk, version=seen_version).order_by("-history_id").first()
    latest = Claim.history.filter(id=pk).order_by("-history_id").first()
    who = ""
    if latest is not None and latest.history_user is not None:
        who = f" by {latest.history_user.get_username()}"
    changed = []
    if seen is not None:
        for field in TRACKED_FIELDS:
            before, after = getattr(seen, field), getattr(current, field)
            if before != after:
                changed.append(f"{field.removesuffix('_id')}: {before or '—'} → {after or '—'}")
    detail = f" ({'; '.join(changed)})" if changed else ""
    return (
        f"This claim was changed{who} while you were editing it{detail}. "
        "Your changes were not saved: reload the claim and apply them again."
    )


def _locked(claim: Claim, expected_version: int | None) -> Claim:
    """Lock the claim's row and refuse if it moved past the version the editor saw."""
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit(describe_changes(claim.pk, expected_version, current))
    return current


def _write(claim: Claim, current: Claim | None, user) -> Claim:
    if user is not None:
        claim._history_user = user  # the audit trail names who, outside requests too
    claim.version = (current.version if current else 0) + 1
    if current is not None:
        claim.n_sources = current.n_sources  # the locked row's count, never a stale form's
    claim.usd_value = fx.to_usd(claim.value, claim.unit, claim.as_of)
    claim.full_clean()
    claim.save()
    return claim


@transaction.atomic
def save_claim(*, claim: Claim, user, expected_version: int | None = None) -> Claim:
    """Create or edit a claim's content. Status and publication move only by the services below."""
    if claim.pk is None:
        _require(user, "add_claim", "add claims")
        if claim.created_by_id is None and user is not None:
            claim.created_by = user
        if claim.status in rules.VERDICTS or claim.published_at:
            raise ValidationError({"status": "A new claim starts unverified or in review."})
        return _write(claim, None, user)
    _require(user, "change_claim", "edit claims")
    current = _locked(claim, expected_version)
    # The workflow fields are the services' alone: keep what is stored.
    for field in ("status", "published_at", "published_by_id", "reviewed_by_id", "reviewed_at"):
        setattr(claim, field, getattr(current, field))
    if claim.status in rules.VERDICTS:
        errors = rules.verdict_errors(
            status=claim.status,
            source_count=claim.sources.count(),
            corrected_value=claim.corrected_value,
        )
        if errors:
            raise ValidationError(errors)
    saved = _write(claim, current, user)
    if checks.figure_changed(current, saved):
        checks.recompute_for_claim(saved)  # the arithmetic checks that read this figure
    return saved


@transaction.atomic
def send_to_review(*, claim: Claim, user, expected_version: int | None = None) -> Claim:
    _require(user, "change_claim", "send claims to review")
    current = _locked(claim, expected_version)
    if current.status != Status.UNVERIFIED:
        raise ValidationError(
            f"Only unverified claims go to review; this one is {current.get_status_display().lower()}."
        )
    current.status = Status.IN_REVIEW
    return _write(current, current, user)


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
    """Give (or change) a claim's verdict, enforcing sources, correction and two persons.

    Changing the verdict of a published claim keeps it published and records a
    correction with `reason`, which the public page shows.
    """
    _require(reviewer, "give_verdict", "give verdicts")
    current = _locked(claim, expected_version)
    if status not in rules.VERDICTS:
        raise ValidationError({"status": f"'{status}' is not a verdict."})
    errors = rules.verdict_errors(
        status=status,
        source_count=current.sources.count(),
        corrected_value=corrected_value if corrected_value is not None else current.corrected_value,
    )
    two_person = rules.two_person_error(
        created_by_id=current.created_by_id, reviewer_id=getattr(reviewer, "pk", None)
    )
    if two_person:
        errors.setdefault("status", two_person)
    if errors:
        raise ValidationError(errors)
    if current.published_at and current.status != status:
        if not reason.strip():
            raise ValidationError(
                {"reason": "This claim is published: say why the verdict changed, for readers."}
            )
        Correction.objects.create(
            claim=current,
            old_status=current.status,
            new_status=status,
            reason=reason.strip(),
            created_by=reviewer,
        )
    current.status = status
    if note:
        current.note = note
    if corrected_value is not None:
        current.corrected_value = corrected_value
    current.reviewed_by = reviewer
    current.reviewed_at = timezone.now()
    return _write(current, current, reviewer)


@transaction.atomic
def publish_claim(*, claim: Claim, user, expected_version: int | None = None) -> Claim:
    _require(user, "publish_claim", "publish claims")
    current = _locked(claim, expected_version)
    problem = rules.publish_error(status=current.status)
    if problem:
        raise ValidationError(problem)
    if current.published_at is None:
        current.published_at = timezone.now()
        current.published_by = user
    return _write(current, current, user)


@transaction.atomic
def unpublish_claim(*, claim: Claim, user, expected_version: int | None = None) -> Claim:
    _require(user, "publish_claim", "unpublish claims")
    current = _locked(claim, expected_version)
    current.published_at = None
    current.published_by = None
    return _write(current, current, user)

"""What every write shares: permissions, the row lock, the version check, the save, and
the public facet counts recounted ahead once a public change commits."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from factcheck import figure_checks, fx_rates, rules, signals, source_counts
from factcheck.models import CheckOperand, Claim, FigureCheck

# The fields a person changes and the history compares (stale-edit messages).
TRACKED_FIELDS = (*rules.CONTENT_FIELDS, "status", "published_at")


# Set by `locked` on the claim it loads: whether the public could see it before this write
# (an unpublication makes it private, and the public counts change all the same).
WAS_PUBLIC = "_public_when_locked"
# Set by `locked` too: what the arithmetic checks read of it (figure_checks.FIGURE_FIELDS).
FIGURE_WHEN_LOCKED = "_figure_when_locked"


class StaleEdit(ValidationError):
    """Someone else saved the claim after this editor loaded it."""


def require(user, perm: str, action: str) -> None:
    """Refuse a person without `perm`; `user=None` is the system (commands, migrations)."""
    if user is not None and not user.has_perm(f"factcheck.{perm}"):
        raise PermissionDenied(f"You do not have permission to {action}.")


def changes_since(pk: int, version: int) -> tuple[str, list[str]]:
    """Who last changed claim `pk` after `version`, and what changed ("value: 5 → 6")."""
    history = Claim.history.filter(id=pk)
    seen = history.filter(version=version).order_by("-history_id").first()
    latest = history.order_by("-history_id").first()
    who = ""
    if latest is not None and latest.history_user is not None:
        who = latest.history_user.get_username()
    changed = []
    if seen is not None and latest is not None:
        for field in TRACKED_FIELDS:
            before, after = getattr(seen, field), getattr(latest, field)
            if before != after:
                changed.append(f"{field.removesuffix('_id')}: {before or '—'} → {after or '—'}")
    return who, changed


def describe_changes(pk: int, seen_version: int) -> str:
    """Tell the editor who changed the claim since `seen_version`, and which fields."""
    who, changed = changes_since(pk, seen_version)
    by = f" by {who}" if who else ""
    detail = f" ({'; '.join(changed)})" if changed else ""
    return (
        f"This claim was changed{by} while you were editing it{detail}. "
        "Your changes were not saved: reload the claim and apply them again."
    )


def with_partners(pk: int) -> Claim:
    """Lock the claim's row, and those of the claims an arithmetic check ties to it, in id order.

    A write whose figure moves recomputes the checks on it and the stored `checks_state` of
    every claim they state or use, so it needs those rows too. Taking them all at once, in
    one order whoever writes, means two editors saving claims tied by a check wait for each
    other instead of each holding one claim and waiting for the other's (a deadlock).
    One statement; the claims come back in id order, the one asked for among them.
    """
    touching = FigureCheck.objects.filter(
        models.Q(stated_id=pk) | models.Q(inputs__claim_id=pk)
    ).values("pk")
    partners = models.Q(
        pk__in=CheckOperand.objects.filter(check_ref__in=touching).values("claim_id")
    )
    partners |= models.Q(pk__in=FigureCheck.objects.filter(pk__in=touching).values("stated_id"))
    rows = Claim.objects.select_for_update().filter(models.Q(pk=pk) | partners).order_by("pk")
    for claim in rows:
        if claim.pk == pk:
            return claim
    raise Claim.DoesNotExist


def locked(pk: int, expected_version: int | None = None) -> Claim:
    """Lock the claim's row (and its check partners', `with_partners`) and refuse if it moved
    past the version the editor saw."""
    try:
        current = with_partners(pk)
    except Claim.DoesNotExist:
        raise ValidationError(f"Claim {pk} no longer exists: someone deleted it.") from None
    if expected_version is not None and current.version != expected_version:
        raise StaleEdit(describe_changes(pk, expected_version))
    setattr(current, WAS_PUBLIC, current.is_public)
    setattr(current, FIGURE_WHEN_LOCKED, figure_checks.figure_of(current))
    return current


def add_basis_editor(claim: Claim, user) -> None:
    if user is not None and user.pk not in claim.basis_editors:
        claim.basis_editors = [*claim.basis_editors, user.pk]


def write(claim: Claim, user, *, reason: str = "") -> Claim:
    """Validate and save `claim` as `user`, raising its version (the row is locked), with
    the fields stored for the lists recomputed (source_counts.derived), and the arithmetic
    checks that read its figure recomputed when the figure moved (a revision, a pending
    change folded in on release or unpublication)."""
    if user is not None:
        claim._history_user = user  # the audit trail names who, outside requests too
    if reason:
        claim._change_reason = reason[:100]
    claim.version = (claim.version or 0) + 1 if claim.pk else 1
    # What the lists filter on, from the stored sources and this status, never a stale
    # in-memory copy (sources may have moved in this write).
    for name, value in source_counts.derived(claim).items():
        setattr(claim, name, value)
    claim.corrected_value = rules.kept_correction(claim.status, claim.corrected_value)
    claim.usd_value = fx_rates.to_usd(claim.value, claim.unit, claim.as_of)
    claim.full_clean()
    before = _stored_figure(claim)
    claim.save()
    setattr(claim, FIGURE_WHEN_LOCKED, figure_checks.figure_of(claim))
    if figure_checks.figure_changed(before, claim):
        figure_checks.recompute_for_claim(claim)
    if claim.is_public or getattr(claim, WAS_PUBLIC, False):
        # What the public sees changed: the writer counts the public pages' facets for the
        # new version once it commits, not their first reader (listing.py).
        signals.on_public_change_commit()
    return claim


def _stored_figure(claim: Claim) -> dict | None:
    """The claim's figure as stored: as `locked` read it, else read now (None if new)."""
    if claim.pk is None:
        return None
    seen = getattr(claim, FIGURE_WHEN_LOCKED, None)
    if seen is not None:
        return seen
    return Claim.objects.filter(pk=claim.pk).values(*figure_checks.FIGURE_FIELDS).first()


def content_of(claim: Claim) -> dict:
    return {name: getattr(claim, name) for name in rules.CONTENT_FIELDS}


def changed_fields(before: dict, after: dict) -> list[str]:
    return [name for name in rules.CONTENT_FIELDS if before.get(name) != after.get(name)]

"""Where each claim stands in the arithmetic checks, stored on the claim (`checks_state`).

The desk lists "checks failing" and "checks all hold"; at a million claims, asking every
claim of the list which checks touch it read the whole desk for a rare answer. So the
state is kept on the claim: `checks.recompute` refreshes the claims of the checks it
stored, and a check or operand saved or deleted one at a time refreshes the claims it
touched, before and after (a check moved from one claim to another leaves neither stale).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from factcheck.models import CheckOperand, Claim, FigureCheck
from factcheck.models.claims import ChecksState

BATCH = 5000
FAILING = (FigureCheck.Outcome.FAILS, FigureCheck.Outcome.ERROR)  # as checks.FAILING


def state_expression():
    """`checks_state` of the claim `OuterRef("pk")` names: failing wins over holding."""
    used = CheckOperand.objects.filter(claim=OuterRef(OuterRef("pk"))).values("check_ref")
    touching = FigureCheck.objects.filter(Q(stated=OuterRef("pk")) | Q(pk__in=used))
    return Case(
        When(Exists(touching.filter(outcome__in=FAILING)), then=Value(ChecksState.FAILING)),
        When(
            Exists(touching.filter(outcome=FigureCheck.Outcome.HOLDS)),
            then=Value(ChecksState.HOLDING),
        ),
        default=Value(ChecksState.NONE),
        output_field=CharField(),
    )


def claims_of(checks) -> set[int]:
    """The ids of the claims these checks (a queryset or instances) state or use."""
    check_ids = [check.pk for check in checks] if isinstance(checks, list) else checks.values("pk")
    stated = FigureCheck.objects.filter(pk__in=check_ids, stated__isnull=False)
    used = CheckOperand.objects.filter(check_ref__in=check_ids)
    return set(stated.values_list("stated_id", flat=True)) | set(
        used.values_list("claim_id", flat=True)
    )


def refresh(claim_ids: Iterable[int]) -> None:
    """Recompute `checks_state` of these claims."""
    ids = sorted({pk for pk in claim_ids if pk is not None})
    for start in range(0, len(ids), BATCH):
        Claim.objects.filter(pk__in=ids[start : start + BATCH]).update(
            checks_state=state_expression()
        )


def refresh_checks(checks) -> None:
    """After `checks` were (re)computed: their claims' state."""
    refresh(claims_of(checks))


def _before(instance) -> set[int]:
    """The claims a check or operand touched as stored (before this save or delete)."""
    if instance.pk is None:
        return set()
    if isinstance(instance, CheckOperand):
        return set(CheckOperand.objects.filter(pk=instance.pk).values_list("claim_id", flat=True))
    return claims_of(FigureCheck.objects.filter(pk=instance.pk))


@receiver(pre_save, sender=FigureCheck, dispatch_uid="check_counts_check_before")
@receiver(pre_save, sender=CheckOperand, dispatch_uid="check_counts_operand_before")
@receiver(pre_delete, sender=FigureCheck, dispatch_uid="check_counts_check_deleting")
@receiver(pre_delete, sender=CheckOperand, dispatch_uid="check_counts_operand_deleting")
def _remember(sender, instance, **kwargs) -> None:
    instance._claims_before = _before(instance)


@receiver(post_save, sender=FigureCheck, dispatch_uid="check_counts_check_saved")
@receiver(post_save, sender=CheckOperand, dispatch_uid="check_counts_operand_saved")
@receiver(post_delete, sender=FigureCheck, dispatch_uid="check_counts_check_deleted")
@receiver(post_delete, sender=CheckOperand, dispatch_uid="check_counts_operand_deleted")
def _touched(sender, instance, **kwargs) -> None:
    now = {instance.claim_id} if isinstance(instance, CheckOperand) else {instance.stated_id}
    refresh(getattr(instance, "_claims_before", set()) | now)

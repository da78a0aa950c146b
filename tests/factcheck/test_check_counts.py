"""Claim.checks_state: where a claim stands in the arithmetic checks, exact after every way
checks change (computed, recomputed, an operand moved, a check or a claim deleted)."""

import pytest

from factcheck import check_counts, figure_checks
from factcheck.models import CheckOperand, Claim, FigureCheck
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
FAILING = {FigureCheck.Outcome.FAILS, FigureCheck.Outcome.ERROR}


def fresh(claim: Claim) -> str:
    """The state as the checks say now: failing wins over holding, else none."""
    touching = FigureCheck.objects.filter(stated=claim) | FigureCheck.objects.filter(
        inputs__claim=claim
    )
    outcomes = set(touching.values_list("outcome", flat=True))
    if outcomes & FAILING:
        return "failing"
    return "holding" if FigureCheck.Outcome.HOLDS in outcomes else ""


def assert_exact() -> None:
    claims = list(Claim.objects.all())
    assert claims
    for claim in claims:
        assert claim.checks_state == fresh(claim), claim


def check(outcome: str, stated=None, *used) -> FigureCheck:
    made = FigureCheck.objects.create(kind="ratio", outcome=outcome, working="w", stated=stated)
    for position, claim in enumerate(used):
        CheckOperand.objects.create(check_ref=made, claim=claim, position=position)
    return made


def state(claim) -> str:
    return Claim.objects.values_list("checks_state", flat=True).get(pk=claim.pk)


def test_saving_checks_and_operands_one_by_one_keeps_the_state():
    a, b, c, d = (ClaimFactory() for _ in range(4))
    holds = check("holds", a, b)
    assert (state(a), state(b), state(c)) == ("holding", "holding", "")
    fails = check("fails", c, b)
    assert (state(b), state(c)) == ("failing", "failing")
    operand = fails.inputs.get()
    operand.claim = d  # the operand moves: the claim it left and the one it reached
    operand.save()
    assert (state(b), state(d)) == ("holding", "failing")
    holds.stated = d
    holds.save()
    assert state(a) == ""
    assert_exact()


def test_recomputing_stores_the_state_of_every_claim_it_touched():
    a, b = ClaimFactory(value=10), ClaimFactory(value=20)
    ratio = check("", a, b)  # not computed yet
    assert state(a) == ""
    figure_checks.recompute(FigureCheck.objects.filter(pk=ratio.pk))
    assert FigureCheck.objects.get(pk=ratio.pk).outcome
    assert_exact()


def test_deleting_a_check_or_its_claim_clears_the_state():
    a, b, c = (ClaimFactory() for _ in range(3))
    first = check("fails", a, b)
    check("holds", c, b)
    first.delete()
    assert (state(a), state(b)) == ("", "holding")
    c.delete()  # its check goes with it (CASCADE)
    assert state(b) == ""
    assert_exact()


def test_refresh_recomputes_whatever_wrote_before_it():
    a, b = ClaimFactory(), ClaimFactory()
    check("error", a, b)
    Claim.objects.update(checks_state="holding")
    check_counts.refresh([a.pk, b.pk])
    assert_exact()

"""Arithmetic checks between claims: compute them, store the outcome, recompute when figures move.

The arithmetic itself is pure (factcheck.figures.checks); this module turns claims into
figures, finds the exchange rate for conversions in the FX table, and stores what came
out (outcome, expected value, the working in words, when). Every service write
(services.common.write) calls `recompute_for_claim` when a claim's figure changes, the CSV
importer calls `recompute_for_claims` for the claims it updated, and deleting a claim
recomputes the checks it was a figure of (the receivers at the end); load_fx and the FX
admin call `recompute_conversions` when rates change; `check_figures` recomputes everything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from factcheck import check_counts, figures, fx_rates
from factcheck.figures import checks as arithmetic
from factcheck.figures.figure import Figure
from factcheck.models import CheckOperand, Claim, FigureCheck, Source
from factcheck.models.claims import ChecksState

Kind = FigureCheck.Kind
Outcome = FigureCheck.Outcome

# Figures a check needs, by kind: (fewest, most); None is "no limit".
OPERAND_COUNTS = {
    Kind.PERCENT_CHANGE: (2, 2),
    Kind.DIFFERENCE: (2, 2),
    Kind.RATIO: (2, 2),
    Kind.CONVERSION: (1, 1),
    Kind.SUM: (1, None),
}
OPERAND_NAMES = {
    Kind.PERCENT_CHANGE: "two figures, from and to",
    Kind.DIFFERENCE: "two figures, the larger then the smaller",
    Kind.RATIO: "two figures, the multiple then the base",
    Kind.CONVERSION: "one figure, the amount in the first currency",
    Kind.SUM: "at least one part",
}
FIGURE_FIELDS = ("value", "unit", "qualifier", "as_of", "quote")
EXPECTED_PLACES = Decimal("0.000001")  # FigureCheck.expected's decimal places


class CheckError(ValueError):
    """The check cannot be computed; the message says what to fix."""


def claim_figure(claim: Claim) -> Figure:
    """The claim's figure with the text it was written as, which sets its precision.

    "80%" stored as 80.000000 is good to ±0.5 points because the article wrote "80%":
    the written form is found in the quote, else rebuilt by format_figure.
    """
    value = Decimal(claim.value)
    for candidate in figures.find_figures(claim.quote or ""):
        found = candidate.figure
        if found.value == value and found.unit == claim.unit:
            return Figure(value, claim.unit, claim.qualifier, found.text)
    return Figure(value, claim.unit, claim.qualifier, figures.format_figure(value, claim.unit))


def _operands(check: FigureCheck) -> list[Claim]:
    return [operand.claim for operand in check.inputs.all()]


def _conversion(
    amount: Claim, stated: Claim | None, quote, language: str = "en"
) -> arithmetic.CheckResult:
    if stated is None:
        raise CheckError("a conversion needs the stated figure in the other currency")
    for claim in (amount, stated):
        if not figures.is_currency(claim.unit):
            raise CheckError(f"{claim.figure_display} is not money, so it cannot be converted")
    on = amount.as_of or stated.as_of
    try:
        rate, cited = fx_rates.cross_quote(
            amount.unit, stated.unit, on, lookup=quote or fx_rates.quote
        )
    except fx_rates.MissingRate as error:
        raise CheckError(str(error)) from error
    if on is None:
        cited += ", the latest: neither figure has a date"
    return arithmetic.conversion(
        claim_figure(amount), claim_figure(stated), rate, cited, language=language
    )


def compute(check: FigureCheck, *, quote=None, language: str = "en") -> arithmetic.CheckResult:
    """Run the check's arithmetic on its claims. Raises CheckError saying what is wrong.

    `quote` is a rate lookup (fx_rates.UsdConverter().quote) for bulk work; by default each
    conversion queries the FX table. `language`: the working's ("en", "zh-hans").
    """
    operands = _operands(check)
    fewest, most = OPERAND_COUNTS[check.kind]
    if len(operands) < fewest or (most is not None and len(operands) > most):
        raise CheckError(
            f"a {check.get_kind_display().lower()} check takes {OPERAND_NAMES[check.kind]}; "
            f"this one has {len(operands)}"
        )
    stated = check.stated
    if check.kind == Kind.CONVERSION:
        return _conversion(operands[0], stated, quote, language)
    given = claim_figure(stated) if stated is not None else None
    shown = [claim_figure(claim) for claim in operands]
    try:
        if check.kind == Kind.PERCENT_CHANGE:
            return arithmetic.percent_change(shown[0], shown[1], given, language=language)
        if check.kind == Kind.DIFFERENCE:
            return arithmetic.difference(shown[0], shown[1], given, language=language)
        if check.kind == Kind.RATIO:
            return arithmetic.ratio(shown[0], shown[1], given, language=language)
        return arithmetic.sum_of_parts(shown, given, language=language)
    except ValueError as error:  # different units, division by zero
        raise CheckError(str(error)) from error


def evaluate(check: FigureCheck, *, quote=None, now=None) -> FigureCheck:
    """Compute the check and set its outcome, expected value, working and time (not saved)."""
    try:
        result = compute(check, quote=quote)
    except CheckError as error:
        check.outcome, check.expected = Outcome.ERROR, None
        check.working = f"Cannot compute: {error}."
    else:
        check.outcome = {True: Outcome.HOLDS, False: Outcome.FAILS, None: Outcome.SHOWN}[result.ok]
        check.expected = result.expected.quantize(EXPECTED_PLACES)
        check.working = result.working[0].upper() + result.working[1:]
    check.computed_at = now or timezone.now()
    return check


def working_in(check: FigureCheck, language: str) -> str:
    """The check's working in the page's language.

    The stored working is English; in another language it is worked out again from the
    same claims (the outcome does not change with the words, so it is the stored one).
    """
    if language == "en" or check.outcome == Outcome.ERROR or check.computed_at is None:
        return check.working
    try:
        result = compute(check, language=language)
    except CheckError:
        return check.working
    return result.working


def with_figures(checks):
    """The checks with their stated claim and operands loaded (three queries in all)."""
    # Any prefetch the caller made (the admin's list) is replaced, not doubled.
    return (
        checks.prefetch_related(None)
        .select_related("stated")
        .prefetch_related(Prefetch("inputs", queryset=CheckOperand.objects.select_related("claim")))
    )


def recompute(checks=None) -> Counter:
    """Recompute and store `checks` (all when None); returns the count of each outcome."""
    checks = list(with_figures(checks if checks is not None else FigureCheck.objects.all()))
    converter, now = fx_rates.UsdConverter(), timezone.now()
    for check in checks:
        evaluate(check, quote=converter.quote, now=now)
    FigureCheck.objects.bulk_update(
        checks, ["outcome", "expected", "working", "computed_at"], batch_size=500
    )
    check_counts.refresh_checks(checks)  # the claims' stored checks_state
    return Counter(check.outcome for check in checks)


def touching(claim_ids: Iterable[int]):
    """The checks that state or use any of these claims."""
    claim_ids = list(claim_ids)
    used = CheckOperand.objects.filter(claim_id__in=claim_ids).values("check_ref_id")
    return FigureCheck.objects.filter(Q(stated_id__in=claim_ids) | Q(pk__in=used))


FAILING = [Outcome.FAILS, Outcome.ERROR]  # both need an editor's attention


def _count_touching(outcomes: list[str]):
    """COUNT of the checks with these outcomes that state or use the outer query's claim.

    Those it states, plus those it is a figure of that state another claim (or none), each
    once: two index reads per claim, where one OR over both read every check per claim.
    """
    stated = FigureCheck.objects.filter(stated=OuterRef("pk"), outcome__in=outcomes)
    used = CheckOperand.objects.filter(
        claim=OuterRef("pk"), check_ref__outcome__in=outcomes
    ).exclude(check_ref__stated=OuterRef("pk"))
    # Plain COUNTs with no GROUP BY: one row per outer claim (a check may use it twice).
    n_stated = stated.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    n_used = (
        used.order_by()
        .annotate(
            n=Func(F("check_ref"), function="COUNT", template="COUNT(DISTINCT %(expressions)s)")
        )
        .values("n")
    )
    return Subquery(n_stated, output_field=IntegerField()) + Subquery(
        n_used, output_field=IntegerField()
    )


def with_check_counts(claims):
    """Claims annotated with `checks_failing` and `checks_holding`, in the same query.

    A claim whose stored checks_state is blank (check_counts) is in no check that holds or
    fails: it counts 0 without the subqueries, which a list of 50 claims otherwise ran 100
    times over every check (47 ms at 1M claims)."""

    def counted(outcomes):
        return Case(
            When(checks_state=ChecksState.NONE, then=Value(0)),
            default=_count_touching(outcomes),
            output_field=IntegerField(),
        )

    return claims.annotate(checks_failing=counted(FAILING), checks_holding=counted([Outcome.HOLDS]))


def recompute_for_claim(claim: Claim) -> Counter:
    return recompute_for_claims([claim.pk])


CLAIM_BATCH = 5000  # claim ids per lookup (SQLite's bound parameters)


def recompute_for_claims(claim_ids: Iterable[int]) -> Counter:
    """Recompute the checks that state or use any of these claims.

    The checks are found by their operands and stated claims first (two index reads per
    batch of ids), so an import of claims that are in no check recomputes nothing.
    """
    ids = sorted({pk for pk in claim_ids if pk is not None})
    check_ids: set[int] = set()
    for start in range(0, len(ids), CLAIM_BATCH):
        chunk = ids[start : start + CLAIM_BATCH]
        check_ids.update(
            CheckOperand.objects.filter(claim_id__in=chunk).values_list("check_ref_id", flat=True)
        )
        check_ids.update(
            FigureCheck.objects.filter(stated_id__in=chunk).values_list("pk", flat=True)
        )
    if not check_ids:
        return Counter()
    return recompute(FigureCheck.objects.filter(pk__in=sorted(check_ids)))


def recompute_conversions() -> Counter:
    """After exchange rates change: conversions are the only checks that read them."""
    return recompute(FigureCheck.objects.filter(kind=Kind.CONVERSION))


def figure_changed(before: Claim | dict | None, after: Claim) -> bool:
    """Whether a save moved anything a check reads (value, unit, qualifier, date, quote).

    `before` is the claim as stored, or its FIGURE_FIELDS in a dict (`figure_of`)."""
    if before is None:
        return False  # a new claim is in no check yet
    if not isinstance(before, dict):
        before = figure_of(before)
    return any(before[name] != getattr(after, name) for name in FIGURE_FIELDS)


def figure_of(claim: Claim) -> dict:
    """What the checks read of a claim (FIGURE_FIELDS), to compare after a write."""
    return {name: getattr(claim, name) for name in FIGURE_FIELDS}


def with_all_operands(checks):
    """Those of `checks` that have as many operands as their kind takes.

    An operand's row goes with its claim, so a check whose figure was deleted has too few:
    the public page shows no such check, whatever its stored working says."""
    n = Subquery(
        CheckOperand.objects.filter(check_ref=OuterRef("pk"))
        .order_by()
        .values("check_ref")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )
    fits = Q()
    for kind, (fewest, most) in OPERAND_COUNTS.items():
        bounds = Q(kind=kind, operand_count__gte=fewest)
        if most is not None:
            bounds &= Q(operand_count__lte=most)
        fits |= bounds
    return checks.annotate(operand_count=n).filter(fits)


# A claim deleted takes its operand rows with it (CASCADE), and the checks it stated: the
# checks it was a figure of stay, with a figure fewer, and are recomputed (an error saying
# how many figures they have now), so no stored working still shows the deleted figure.
_CHECKS_OF_DELETED = "_figure_checks_using"


@receiver(pre_delete, sender=Claim, dispatch_uid="figure_checks_claim_deleting")
def _remember_checks(sender, instance, **kwargs) -> None:
    setattr(
        instance,
        _CHECKS_OF_DELETED,
        set(CheckOperand.objects.filter(claim=instance).values_list("check_ref_id", flat=True)),
    )


@receiver(post_delete, sender=Claim, dispatch_uid="figure_checks_claim_deleted")
def _recompute_after_delete(sender, instance, **kwargs) -> None:
    check_ids = getattr(instance, _CHECKS_OF_DELETED, set())
    if check_ids:
        recompute(FigureCheck.objects.filter(pk__in=sorted(check_ids)))


def source_deviations(claim: Claim) -> list[tuple[Source, figures.Deviation]]:
    """How the claim's figure compares with each source excerpt that states one like it.

    From each excerpt the figure of the claim's unit, kind and metric nearest to the claim's
    value is taken ("overstated by 4.1%", "rounded: $157 billion for $157.3 billion"); an
    exchange rate is never taken for an amount, nor one metric for another, and a figure
    out of scale only where the excerpt names the metric (figures.compare_with_excerpt).
    Sources without such a figure are left out. Reads `claim.sources.all()`, so prefetch
    it for lists.
    """
    claimed = claim_figure(claim)
    found = []
    for source in claim.sources.all():
        deviation = figures.compare_with_excerpt(
            claimed, source.excerpt, metric=claim.metric, quote=claim.quote or ""
        )
        if deviation is not None:
            found.append((source, deviation))
    return found

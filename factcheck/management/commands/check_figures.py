from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from factcheck import figure_checks, figures
from factcheck.models import FigureCheck

# What each operand is, by kind and position (a sum's operands are all parts).
ROLES = {
    "percent_change": ["from", "to"],
    "difference": ["larger", "smaller"],
    "ratio": ["multiple", "base"],
    "conversion": ["amount"],
}
OUTCOME_WORDS = [
    ("holds", "hold"),
    ("fails", "fail"),
    ("error", "cannot be computed"),
    ("shown", "show working only"),
]


def claim_line(role: str, claim) -> str:
    return f"  {role + ':':<9} claim {claim.pk}  {claim.figure_display}  “{claim.quote}”"


def expected_text(check: FigureCheck) -> str:
    if check.expected is None:
        return ""
    if check.kind == "ratio":
        return f"{check.expected.normalize():f} times"
    unit = "%" if check.kind == "percent_change" else (check.stated.unit if check.stated else "")
    return figures.format_figure(Decimal(check.expected), unit, digits=4)


class Command(BaseCommand):
    help = (
        "Recompute every arithmetic check, list the ones that fail or cannot be computed, "
        "with their claims and numbers, and print a summary. Exits non-zero when any check "
        "fails or cannot be computed."
    )

    def handle(self, *args, **options):
        outcomes = figure_checks.recompute()
        problems = figure_checks.with_figures(
            FigureCheck.objects.filter(outcome__in=["fails", "error"])
        ).order_by("outcome", "pk")
        for check in problems:
            self.write_check(check)
        total = sum(outcomes.values())
        summary = ", ".join(f"{outcomes.get(key, 0)} {words}" for key, words in OUTCOME_WORDS)
        self.stdout.write(f"{total} checks: {summary}.")
        failing = outcomes.get("fails", 0) + outcomes.get("error", 0)
        if failing:
            raise CommandError(f"{failing} check(s) do not hold; see above.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Every check holds."))

    def write_check(self, check: FigureCheck) -> None:
        heading = check.label or check.get_kind_display()
        mark = "FAILS" if check.outcome == "fails" else "ERROR"
        self.stdout.write(f"{mark}  check {check.pk}: {heading} ({check.get_kind_display()})")
        if check.stated is not None:
            self.stdout.write(claim_line("stated", check.stated))
        roles = ROLES.get(check.kind, [])
        for position, operand in enumerate(check.inputs.all()):
            role = roles[position] if position < len(roles) else "part"
            self.stdout.write(claim_line(role, operand.claim))
        if check.expected is not None:
            self.stdout.write(f"  expected: {expected_text(check)}")
        self.stdout.write(f"  {check.working}\n")

"""Arithmetic checks an editor links between figures: "from A to B is a fall of C"."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FigureCheck(models.Model):
    class Kind(models.TextChoices):
        PERCENT_CHANGE = "percent_change", _("Percent change (from A to B)")
        DIFFERENCE = "difference", _("Difference (A − B)")
        RATIO = "ratio", _("Ratio or multiple (A ÷ B)")
        CONVERSION = "conversion", _("Same figure in another currency")
        SUM = "sum", _("Sum of parts")

    class Outcome(models.TextChoices):
        HOLDS = "holds", _("Holds")
        FAILS = "fails", _("Fails")
        ERROR = "error", _("Cannot compute")
        SHOWN = "shown", _("Working shown (no stated figure)")

    kind = models.CharField(max_length=14, choices=Kind.choices)
    stated = models.ForeignKey(
        "factcheck.Claim",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="checks_stated",
        help_text="The claim whose figure the arithmetic should produce. Leave it empty to "
        "show the working only (the article states no figure for it).",
    )
    operands = models.ManyToManyField(
        "factcheck.Claim", through="CheckOperand", related_name="checks_used_in"
    )
    label = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=5, choices=Outcome.choices, blank=True, db_index=True)
    expected = models.DecimalField(max_digits=30, decimal_places=6, null=True, blank=True)
    working = models.TextField(blank=True, help_text="The computation in words.")
    computed_at = models.DateTimeField(null=True, blank=True)
    # Who changed or deleted a check, and when; the public version reads its newest row.
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        # The public version (caching.py) reads MAX(computed_at) on every request.
        indexes = [models.Index(fields=["computed_at"], name="check_computed")]

    def __str__(self):
        target = f"claim {self.stated_id}" if self.stated_id else "working only"
        return self.label or f"{self.get_kind_display()} → {target}"


class CheckOperand(models.Model):
    """One input of a check, in order: A then B (from, to), or the parts of a sum."""

    check_ref = models.ForeignKey(FigureCheck, on_delete=models.CASCADE, related_name="inputs")
    claim = models.ForeignKey("factcheck.Claim", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["check_ref", "position"], name="operand_position"),
        ]

    def __str__(self):
        return f"operand {self.position} of check {self.check_ref_id}"

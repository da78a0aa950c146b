from django.db import models

from factcheck.figures import format_day


class FxRate(models.Model):
    """One daily reference rate: how many units of `currency` one euro bought on `date`.

    Loaded from the ECB series (manage.py load_fx); editors may amend or add rates, which
    are then marked with their own source.
    """

    currency = models.CharField(max_length=3, help_text="ISO 4217 code.")
    date = models.DateField()
    per_eur = models.DecimalField(
        "units per euro",
        max_digits=20,
        decimal_places=8,
        help_text="Units of this currency one euro bought (the ECB's quotation).",
    )
    source = models.CharField(max_length=120, default="ECB reference rate")

    class Meta:
        ordering = ["currency", "-date"]
        verbose_name = "FX rate"
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="fxrate_currency_date"),
        ]

    def __str__(self):
        return f"EUR 1 = {self.currency} {self.per_eur} ({format_day(self.date)})"

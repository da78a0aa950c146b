"""A claim: one figure an article states, and the desk's verdict on it."""

import functools
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from factcheck import figures
from factcheck.figures.as_of import as_of_text
from factcheck.models.articles import Language
from factcheck.models.fields import desk_user
from factcheck.search import search_claims


class Status(models.TextChoices):
    UNVERIFIED = "unverified", _("Unverified")
    IN_REVIEW = "in_review", _("In review")
    VERIFIED = "verified", _("Verified")
    INACCURATE = "inaccurate", _("Inaccurate")
    MISLEADING = "misleading", _("Misleading")
    UNVERIFIABLE = "unverifiable", _("Unverifiable")

    @classmethod
    def verdicts(cls) -> list[str]:
        """The statuses that are a verdict, and so may be published."""
        return [cls.VERIFIED, cls.INACCURATE, cls.MISLEADING, cls.UNVERIFIABLE]


class Metric(models.TextChoices):
    VALUATION = "valuation", _("Valuation")
    FUNDING = "funding", _("Funding")
    MARKET_CAP = "market_cap", _("Market cap")
    REVENUE = "revenue", _("Revenue")
    NET_INCOME = "net_income", _("Net income")
    NET_LOSS = "net_loss", _("Net loss")
    SHARE_PRICE = "share_price", _("Share price")
    CHANGE = "change", _("Change")
    COMPUTE = "compute", _("Compute")
    COUNT = "count", _("Count")
    FORECAST = "forecast", _("Forecast")
    OTHER = "other", _("Other")


class DatePrecision(models.TextChoices):
    """How precisely a claim's date is written (factcheck/figures/as_of.py)."""

    DAY = "day", "day"
    MONTH = "month", "month"
    QUARTER = "quarter", "quarter"
    HALF = "half", "half year"
    YEAR = "year", "year"
    FISCAL_YEAR = "fiscal_year", "fiscal year"


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    ABOUT = "about", _("about")
    OVER = "over", _("over")
    UNDER = "under", _("under")
    UP_TO = "up_to", _("up to")
    AT_LEAST = "at_least", _("at least")


@functools.cache
def _labels(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    """A choices class's labels in one language, translated once (not once per cell).

    Django's get_FOO_display() hashes every lazy label on each call, translating them all:
    50 rows of a table paid milliseconds for it.
    """
    return {value: str(label) for value, label in choices.choices}


def label(choices: type[models.TextChoices], value: str) -> str:
    """`value`'s label in the active language; the value itself if it is not a choice."""
    return _labels(choices, get_language()).get(value, value)


# What the public may see: a verdict that has been published. The only definition; the
# partial indexes of the public pages use it too, so their rows are exactly the public ones.
PUBLIC = models.Q(status__in=Status.verdicts(), published_at__isnull=False)
VERIFIED = models.Q(status=Status.VERIFIED, published_at__isnull=False)
# The verdicts beside which a corrected figure is shown; for any other it is never output.
CORRECTABLE = frozenset({Status.INACCURATE, Status.MISLEADING})


class ChecksState(models.TextChoices):
    """Where a claim stands in the arithmetic checks that state or use it (stored)."""

    NONE = "", "in no computed check"
    FAILING = "failing", "a check fails or cannot be computed"
    HOLDING = "holding", "every check holds"


# The desk's questions about evidence, on stored per-claim flags (kept by
# factcheck/source_counts.py and factcheck/check_counts.py); each has a partial index of
# exactly this condition, so its list and count read only the claims that match. Each flag
# is true for the few claims with the problem, so filling it in writes those rows only.
SECONDARY_ONLY = models.Q(secondary_only=True)
AT_ODDS = models.Q(sources_at_odds=True)
CHECKS_FAILING = models.Q(checks_state=ChecksState.FAILING)
CHECKS_HOLDING = models.Q(checks_state=ChecksState.HOLDING)


# Stored per claim for the lists, computed from its sources and checks, never typed.
DERIVED_FIELDS = ("n_sources", "secondary_only", "sources_at_odds", "checks_state")


class ClaimQuerySet(models.QuerySet):
    def public(self):
        """What the public may see (PUBLIC): a verdict that has been published."""
        return self.filter(PUBLIC)

    def verified(self):
        """The "verified figures" table: published claims whose verdict is verified."""
        return self.filter(VERIFIED)

    def desk(self):
        """The desk's claims without their pending changes (those are reached from their claim)."""
        return self.filter(draft_of__isnull=True)

    def for_company(self, company):
        return self.filter(company=company)

    def awaiting_review(self):
        """The review queue: claims in review first, then unverified ones, oldest first."""
        return self.filter(status__in=[Status.IN_REVIEW, Status.UNVERIFIED]).order_by(
            models.Case(
                models.When(status=Status.IN_REVIEW, then=0),
                default=1,
                output_field=models.IntegerField(),
            ),
            "created_at",
            "pk",
        )

    def search(self, query: str):
        """Text search over quote, rationale and company names: English by word, Chinese by
        substring, on the indexes PostgreSQL has for each (factcheck/search.py)."""
        return search_claims(self, query)

    def _db_vendor(self) -> str:
        from django.db import connections

        return connections[self.db].vendor


class Claim(models.Model):
    article = models.ForeignKey(
        "factcheck.Article",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    quote = models.TextField(help_text="The claim as the article words it.")
    metric = models.CharField(max_length=12, choices=Metric.choices, default=Metric.OTHER)
    value = models.DecimalField(
        max_digits=30,
        decimal_places=6,
        help_text='The figure as a plain number; type "$157 billion" or "RMB 2.477 billion" '
        "and the unit and qualifier are filled in.",
    )
    unit = models.CharField(
        max_length=20,
        blank=True,
        help_text="ISO 4217 currency code (USD, CNY, HKD…) or a unit (%, GPUs, PFLOPS…).",
    )
    qualifier = models.CharField(max_length=8, choices=Qualifier.choices, default=Qualifier.EXACT)
    as_of = models.DateField(
        null=True,
        blank=True,
        help_text="The date the figure refers to: the last day of its period (end of period "
        "for flows), so February 2024 is kept as 29 Feb 2024 with precision month.",
    )
    as_of_precision = models.CharField(
        "as-of precision",
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        db_default=DatePrecision.DAY,
        help_text="How precisely the date was written: a day, or the month, quarter, half, "
        "year or fiscal year that ends on `as_of`; the date is shown as written.",
    )
    period = models.CharField(max_length=40, blank=True, help_text="e.g. FY2024, H1 2024.")
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        blank=True,
        help_text="The language the quote is in; blank takes the article's (else English).",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.UNVERIFIED, db_index=True
    )
    note = models.TextField("rationale", blank=True, help_text="The fact-checker's rationale.")
    corrected_value = models.DecimalField(
        max_digits=30,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The right figure, for inaccurate claims (same unit).",
    )
    usd_value = models.DecimalField(
        "≈ USD",
        max_digits=30,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text="The value in US dollars at the as-of date; money figures only.",
    )
    created_by = desk_user()
    reviewed_by = desk_user()
    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = desk_user()
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    assigned_to = desk_user(
        editable=True, help_text="The fact-checker who has this claim in their queue."
    )
    draft_of = models.OneToOneField(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pending",
        editable=False,
        help_text="Set on a pending change of a published claim: the claim it will replace "
        "once it has a verdict and is published again. Never public itself.",
    )
    basis_editors = models.JSONField(
        default=list,
        db_default=[],  # rows written by COPY (benchmarks, restores) start with none too
        blank=True,
        editable=False,
        help_text="Who changed the figure, quote or sources since the last verdict (user ids): "
        "none of them may give the next verdict.",
    )
    correction_reason = models.TextField(
        blank=True,
        db_default="",
        editable=False,
        help_text="On a pending change: why the published claim changes, in words for readers.",
    )
    n_sources = models.PositiveIntegerField(
        "sources",
        default=0,
        db_default=0,  # rows written by COPY (benchmarks, restores) start at 0 too
        editable=False,
        help_text="How many sources the claim has; kept by factcheck/source_counts.py.",
    )
    secondary_only = models.BooleanField(
        "verified on secondary sources only",
        default=False,
        db_default=False,
        editable=False,
        help_text="A verified claim with sources, none of them a filing, press release or "
        "official data; kept by factcheck/source_counts.py and the services' write.",
    )
    sources_at_odds = models.BooleanField(
        default=False,
        db_default=False,
        editable=False,
        help_text="A verdict none of whose sources agrees with it (rules.at_odds); kept by "
        "factcheck/source_counts.py and the services' write.",
    )
    checks_state = models.CharField(
        max_length=8,
        choices=ChecksState.choices,
        blank=True,
        default=ChecksState.NONE,
        db_default=ChecksState.NONE,
        editable=False,
        help_text="Whether the arithmetic checks on this claim fail or all hold; kept by "
        "factcheck/check_counts.py.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        editable=False,
        help_text="Raised on every save, so an editor's stale form cannot overwrite a newer one.",
    )

    history = HistoricalRecords(excluded_fields=["updated_at", *DERIVED_FIELDS, "basis_editors"])
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "-pk"]
        permissions = [
            ("give_verdict", "Can give a claim its verdict"),
            ("publish_claim", "Can publish and unpublish claims"),
            ("import_claim", "Can import claims from CSV"),
            ("export_claim", "Can export claims to CSV"),
        ]
        indexes = [
            models.Index(fields=["published_at", "status"], name="claim_public"),
            models.Index(fields=["as_of", "id"], name="claim_as_of"),
            models.Index(fields=["usd_value", "id"], name="claim_usd_value"),
            models.Index(fields=["metric", "as_of"], name="claim_metric"),
            models.Index(fields=["unit", "as_of"], name="claim_unit"),
            models.Index(fields=["company", "metric", "as_of"], name="claim_company_metric"),
            # A company's page: its latest figures, newest first, read from the index's end.
            models.Index(fields=["company", "as_of", "id"], name="claim_company_as_of"),
            # Deep pages of / and /claims/ read their ids from these alone (index-only scans).
            models.Index(
                fields=["as_of", "id"],
                condition=VERIFIED,
                name="claim_verified_as_of",
            ),
            models.Index(
                fields=["as_of", "id"],
                condition=PUBLIC,
                name="claim_public_as_of",
            ),
            # Every other sort of / (verified) and /claims/ (public), read along an index:
            # ?sort=sources, figure and usd on both; status on /claims/ only (one value on /).
            *[
                models.Index(
                    fields=[column, "id"], condition=condition, name=f"claim_{where}_{name}"
                )
                for name, column in (
                    ("sources", "n_sources"),
                    ("usd", "usd_value"),
                )
                for where, condition in (("verified", VERIFIED), ("public", PUBLIC))
            ],
            # ?sort=figure reads one unit at a time (figures in different units do not
            # compare), each part along (unit, value, id): deep pages stay index-only.
            *[
                models.Index(
                    fields=["unit", "value", "id"],
                    condition=condition,
                    name=f"claim_{where}_unit_value",
                )
                for where, condition in (("verified", VERIFIED), ("public", PUBLIC))
            ],
            models.Index(fields=["status", "id"], condition=PUBLIC, name="claim_public_status"),
            # A company's public figures, newest first (/claims/?company=), and how many
            # each company has (/companies/), from this alone.
            models.Index(
                fields=["company", "as_of", "id"],
                condition=PUBLIC,
                name="claim_public_company",
            ),
            models.Index(fields=["created_at"], name="claim_created"),
            # The desk's status filter, newest first, and its date hierarchy's years.
            models.Index(fields=["status", "as_of", "id"], name="claim_status_as_of"),
            # The desk's evidence filters, newest first, and the dashboard's counts of them.
            *[
                models.Index(fields=["as_of", "id"], condition=condition, name=name)
                for name, condition in (
                    ("claim_desk_secondary_only", SECONDARY_ONLY),
                    ("claim_desk_at_odds", AT_ODDS),
                    ("claim_desk_checks_failing", CHECKS_FAILING),
                    ("claim_desk_checks_holding", CHECKS_HOLDING),
                )
            ],
        ]

    def __str__(self):
        return f"{self.figure_display}: {self.quote[:60]}"

    def get_absolute_url(self):
        return reverse("factcheck:claim", kwargs={"pk": self.pk})

    # The choice labels, translated once per language (see `label`).
    def get_status_display(self) -> str:
        return label(Status, self.status)

    def get_metric_display(self) -> str:
        return label(Metric, self.metric)

    def get_qualifier_display(self) -> str:
        return label(Qualifier, self.qualifier)

    @property
    def is_public(self) -> bool:
        return self.status in Status.verdicts() and self.published_at is not None

    @property
    def is_draft(self) -> bool:
        """A pending change of a published claim (never public itself)."""
        return self.draft_of_id is not None

    def pending_change(self) -> "Claim | None":
        """The pending change of this published claim, if someone has started one."""
        if self.pk is None or self.is_draft:
            return None
        return Claim.objects.filter(draft_of=self).first()

    @property
    def shows_correction(self) -> bool:
        """A corrected figure means something only beside an inaccurate or misleading verdict."""
        return self.corrected_value is not None and self.status in CORRECTABLE

    @property
    def text_language(self) -> str:
        """The quote's language: the claim's own, else its article's, else English."""
        return Language.resolve(self.language, self.article.language if self.article_id else "")

    @property
    def as_of_written(self) -> str:
        """The date as written: "February 2024", "Q2 2024", "15 Oct 2024"; blank when undated."""
        return as_of_text(self.as_of, self.as_of_precision)

    @property
    def is_money(self) -> bool:
        return figures.is_currency(self.unit)

    @property
    def figure_display(self) -> str:
        """The figure as a reader writes it: "$157 billion", "RMB 2.477 billion", "168%"."""
        if self.value is None:
            return ""
        return figures.format_figure(Decimal(self.value), self.unit, self.qualifier)

    @property
    def corrected_display(self) -> str:
        """The right figure, shown only beside an inaccurate or misleading verdict."""
        if not self.shows_correction:
            return ""
        return figures.format_figure(Decimal(self.corrected_value), self.unit)

"""Companies the desk writes about, the other names articles give them, and their groups."""

from django.apps import apps
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CompanyQuerySet(models.QuerySet):
    def with_public_claims(self) -> "CompanyQuerySet":
        """The companies with at least one public claim: the ones the public site names.

        The one place that derives them (the company list, the company filter, the
        sitemap and the API read it). Public is `Claim.objects.public()`'s to decide.
        """
        claims = apps.get_model("factcheck", "Claim").objects.public()
        return self.filter(pk__in=claims.values("company"))

    def with_figure_counts(self) -> "CompanyQuerySet":
        """Each company with `figure_count`: how many public claims are about it."""
        counted = (
            apps.get_model("factcheck", "Claim")
            .objects.public()
            .filter(company=models.OuterRef("pk"))
            .order_by()
            .values("company")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            figure_count=Coalesce(models.Subquery(counted, output_field=models.IntegerField()), 0)
        )

    def lookup(self, text: str) -> "Company | None":
        """The company called `text` by name, slug or alias, ignoring case; None if none.

        This is the one place that decides what a company name in an article or a CSV means.
        """
        text = (text or "").strip()
        if not text or "\x00" in text:  # PostgreSQL text cannot hold NUL: no name has one
            return None
        match = (
            self.filter(
                models.Q(name__iexact=text)
                | models.Q(slug__iexact=text)
                | models.Q(aliases__name__iexact=text)
            )
            .distinct()
            .first()
        )
        return match

    def name_index(self) -> dict[str, "Company"]:
        """Every lower-cased name, slug and alias mapped to its company, in two queries.

        Bulk work (CSV import, the figure finder) resolves names from this instead of
        querying once per row.
        """
        index: dict[str, Company] = {}
        companies = {c.pk: c for c in self.all()}
        for company in companies.values():
            index[company.slug.lower()] = company
            index[company.name.lower()] = company
        for alias in CompanyAlias.objects.filter(company__in=companies).values_list(
            "company_id", "name"
        ):
            index.setdefault(alias[1].lower(), companies[alias[0]])
        return index


class CompanyGroup(models.Model):
    """A label the press gives a set of companies, such as "Six Little Tigers"."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)  # the public version reads it

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Company(models.Model):
    class Kind(models.TextChoices):
        STARTUP = "startup", _("Start-up")
        LISTED = "listed", _("Listed company")
        OTHER = "other", _("Other organisation")

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STARTUP)
    country = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, e.g. CN, US."
    )
    ticker = models.CharField(max_length=40, blank=True, help_text="e.g. 0020.HK, NVDA.")
    website = models.URLField(blank=True)
    description = models.CharField(max_length=500, blank=True)
    groups = models.ManyToManyField(CompanyGroup, blank=True, related_name="companies")
    updated_at = models.DateTimeField(auto_now=True, db_index=True)  # the public version reads it

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        indexes = [models.Index(Lower("name"), name="company_name_lower")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("companies:detail", kwargs={"slug": self.slug})


class CompanyAlias(models.Model):
    """Another name for a company: "Dark Side of the Moon" for Moonshot AI."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="alias_name_unique_ci"),
        ]

    def __str__(self):
        return self.name

"""The evidence behind a verdict."""

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

http_url = URLValidator(schemes=["http", "https"], message="Enter an http:// or https:// URL.")


class Source(models.Model):
    class Kind(models.TextChoices):
        FILING = "filing", _("Filing")
        PRESS_RELEASE = "press_release", _("Press release")
        OFFICIAL_DATA = "official_data", _("Official data")
        NEWS = "news", _("News report")
        ANALYST = "analyst", _("Analyst or research")

    PRIMARY_KINDS = (Kind.FILING, Kind.PRESS_RELEASE, Kind.OFFICIAL_DATA)

    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports the claim")
        CONTRADICTS = "contradicts", _("Contradicts the claim")

    claim = models.ForeignKey("factcheck.Claim", on_delete=models.CASCADE, related_name="sources")
    url = models.URLField("URL", max_length=1000, validators=[http_url])
    title = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    accessed_on = models.DateField(null=True, blank=True)
    archive_url = models.URLField(
        "archive URL",
        max_length=1000,
        blank=True,
        validators=[http_url],
        help_text="A snapshot (e.g. web.archive.org) in case the page changes.",
    )
    kind = models.CharField(
        max_length=14,
        choices=Kind.choices,
        default=Kind.NEWS,
        help_text="Filings, press releases and official data are primary; the rest secondary.",
    )
    excerpt = models.TextField(blank=True, help_text="The passage that settles the claim.")
    stance = models.CharField(max_length=11, choices=Stance.choices, default=Stance.SUPPORTS)
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="On a pending change's copy: the published source it will replace.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title or self.url

    @property
    def is_primary(self) -> bool:
        return self.kind in self.PRIMARY_KINDS

    @property
    def tier(self) -> str:
        return "primary" if self.is_primary else "secondary"

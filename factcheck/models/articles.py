from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """The languages the desk checks articles in, and the public site speaks (settings.LANGUAGES)."""

    EN = "en", _("English")
    ZH_HANS = "zh-hans", _("Simplified Chinese")

    @classmethod
    def resolve(cls, *candidates: str) -> str:
        """The first language given that is set, else English: a claim's own, then its article's."""
        return next((code for code in candidates if code), cls.EN)


class Article(models.Model):
    """A published article whose figures the desk checks."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    author = models.CharField(max_length=200, blank=True)
    publication = models.CharField(max_length=200, blank=True, help_text="e.g. Forbes China.")
    published_on = models.DateField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True, help_text="Where the article appeared.")
    text = models.TextField(
        blank=True,
        help_text="Full text, for the annotated article page and the figure finder.",
    )
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        default=Language.EN,
        help_text="The language the article is written in; its claims take it unless they say.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "title"]
        # The public version (caching.py) reads MAX(updated_at) on every request.
        indexes = [models.Index(fields=["updated_at"], name="article_updated")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("factcheck:article", kwargs={"slug": self.slug})

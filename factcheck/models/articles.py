from django.db import models
from django.urls import reverse


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "title"]
        # The public version (views/caching.py) reads MAX(updated_at) on every request.
        indexes = [models.Index(fields=["updated_at"], name="article_updated")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("factcheck:article", kwargs={"slug": self.slug})

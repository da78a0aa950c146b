"""`/sitemap.xml`: the public pages, as a sitemap index with one sitemap per kind of page.

A section of more than 50,000 URLs is split into pages by Django, so a million claims
still make valid sitemaps.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from companies.models import Company
from factcheck.models import Article, Claim


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["factcheck:home", "factcheck:claims", "companies:list"]

    def location(self, name):
        return reverse(name)


class ClaimSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Claim.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, claim):
        return claim.updated_at


class CompanySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Company.objects.filter(pk__in=Claim.objects.public().values("company")).order_by(
            "pk"
        )


class ArticleSitemap(Sitemap):
    """Articles have a page once one of their claims is public."""

    changefreq = "weekly"

    def items(self):
        return Article.objects.filter(pk__in=Claim.objects.public().values("article")).order_by(
            "pk"
        )

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {
    "pages": StaticSitemap,
    "claims": ClaimSitemap,
    "companies": CompanySitemap,
    "articles": ArticleSitemap,
}

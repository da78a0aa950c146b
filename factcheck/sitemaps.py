"""`/sitemap.xml`: the public pages, as a sitemap index with one sitemap per kind of page.

A section of more than 50,000 URLs is split into pages by Django, so a million claims
still make valid sitemaps. Every page is listed in each language of the site (English,
then /zh-hans/), each entry with its `hreflang` alternates and an x-default (English).
"""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from companies.models import Company
from factcheck.models import Article, Claim


class Sitemap(DjangoSitemap):
    """A page per language (settings.LANGUAGES), announced as alternates of one another."""

    i18n = True
    alternates = True
    x_default = True


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
        return Company.objects.with_public_claims().order_by("pk")


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

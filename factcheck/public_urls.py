"""The public site's URLs (CONTRACT.md, "Public URLs")."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from factcheck.caching import public_page
from factcheck.feeds import LatestVerdictsFeed
from factcheck.sitemaps import SITEMAPS
from factcheck.views import articles, claims, embed, export, health, methodology, reports

app_name = "factcheck"

urlpatterns = [
    path("", claims.home, name="home"),
    path("claims/", claims.claim_list, name="claims"),
    path("claims.csv", export.claims_csv, name="claims-csv"),
    path("claims/<int:pk>/", claims.claim_detail, name="claim"),
    path("claims/<int:pk>/embed/", embed.claim_embed, name="claim-embed"),
    path("claims/<int:pk>/report/", reports.report_error, name="claim-report"),
    path("methodology/", methodology.methodology, name="methodology"),
    path("articles/<slug:slug>/", articles.article_detail, name="article"),
    path("feed/", public_page(LatestVerdictsFeed()), name="feed"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "factcheck:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("healthz", health.healthz, name="healthz"),
]

"""Root URLs: the public site (CONTRACT.md, "Public URLs") and the editors' desk."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("companies/", include("companies.urls")),
    path("", include("factcheck.public_urls")),
]

handler404 = "factcheck.views.errors.not_found"
handler500 = "factcheck.views.errors.server_error"

"""Root URLs: the public site (CONTRACT.md, "Public URLs") and the editors' desk."""

from django.contrib import admin
from django.urls import include, path

from factcheck.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("companies/", include("companies.urls")),
    path("", include("factcheck.public_urls")),
]

handler400 = "factcheck.views.errors.bad_request"
handler404 = "factcheck.views.errors.not_found"
handler500 = "factcheck.views.errors.server_error"

"""Root URLs: the public site (CONTRACT.md, "Public URLs") and the editors' desk.

The public pages exist in English at the paths CONTRACT.md lists and in Simplified Chinese
under `/zh-hans/` (`i18n_patterns` without a prefix for the default language): the path
alone says the language, so a page is the same for everyone who asks for that path (the
page cache keys by it). The desk, the API and the health check have one language-free path.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from factcheck.api import api
from factcheck.views import preview

urlpatterns = [
    # Staff only, never cached or indexed; outside every public prefix (views/preview.py).
    path("admin/preview/claims/<int:pk>/", preview.claim_preview, name="claim-preview"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("companies/", include("companies.urls")),
    path("", include("factcheck.public_urls")),
    prefix_default_language=False,
)

handler400 = "factcheck.views.errors.bad_request"
# Inside /admin/ in the admin's look (with the role a 403 needs); elsewhere the public pages.
handler403 = "factcheck.views.desk_errors.permission_denied"
handler404 = "factcheck.views.desk_errors.not_found"
handler500 = "factcheck.views.desk_errors.server_error"

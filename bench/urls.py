"""The app's URLs plus the two bench-only reference pages (see views.py)."""

from django.urls import path

from factcheck.urls import handler400, handler404, handler500
from factcheck.urls import urlpatterns as app_urlpatterns

from . import views

urlpatterns = [
    path("bench/trivial/", views.trivial, name="bench-trivial"),
    path("bench/plain/", views.plain_list, name="bench-plain"),
    *app_urlpatterns,
]

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

"""Test settings: fast hashing, in-memory cache, no manifest needed for static files."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pages are rendered on every request, so query counts are those of rendering; the page
# cache is tested on its own (tests/scale/test_page_cache.py).
FACTDESK_PAGE_CACHE_SECONDS = 0
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# A second alias on the test database itself, for the read-replica tests (tests/scale/):
# public reads go to it only where a test sets FACTDESK_REPLICA = "replica".
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
FACTDESK_REPLICA = ""
# The seed article is read from ../shared when present; tests that need it skip otherwise.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

"""Settings for the benchmarks: production's shape on loopback, plus bench-only reference views.

What matters for the figures is kept as in production: DEBUG off, persistent database
connections (CONN_MAX_AGE from base), the full middleware stack, a cache shared by every
worker (Redis, as `CACHE_URL` gives production). What is dropped is only what needs a real
host: HTTPS redirects and the static-files manifest (so no `collectstatic` is needed).

The database defaults to `factdesk_bench`, never the `test` database other people's test
runs use; bench/seed.py refuses any database whose name does not say "bench".
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/factdesk_bench")
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/7")

from factcheck.settings.base import *  # noqa: E402, F403
from factcheck.settings.base import STORAGES  # noqa: E402

SECRET_KEY = "bench-only-not-secret-bench-only-not-secret"  # noqa: S105 - loopback only
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
LOGGING = {"version": 1, "disable_existing_loggers": False}
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405

"""Local development: DEBUG on, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret")  # noqa: S105 - dev only
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# runserver answers each request in a thread of its own: a persistent connection per thread
# would outlive it and pile up (the shared PostgreSQL ran out of connections).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

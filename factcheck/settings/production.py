"""Production: everything from the environment; refuses to start without a real SECRET_KEY."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, redis_backend

DEBUG = env.bool("DEBUG", default=False)

_INSECURE_KEYS = {"", "change-me", "changeme", "secret", "dev-only-not-secret"}
SECRET_KEY = env.str("SECRET_KEY", default="")
if SECRET_KEY in _INSECURE_KEYS or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or a default: set SECRET_KEY in the environment to a random "
        "string of at least 32 characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# Every worker, on every machine, shares one cache: pages, counts and facets, and
# django-import-export's uploads between preview and confirm (CacheStorage), which the next
# request may bring to another worker. Redis via CACHE_URL (docker-compose.yml); else the
# database (`manage.py createcachetable`). A per-process cache would lose those uploads.
CACHES = redis_backend({"default": env.cache("CACHE_URL", default="dbcache://factdesk_cache")})
if CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache")):
    raise ImproperlyConfigured(
        "CACHE_URL names a per-process cache, which workers cannot share: use "
        "redis://HOST:6379/0, or leave CACHE_URL unset for the database cache "
        "(run `manage.py createcachetable` once)."
    )

# HTTPS, driven by the environment so a proxy that terminates TLS works.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Secure cookies unless explicitly serving plain HTTP (docker compose on localhost).
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_HTTPONLY = True

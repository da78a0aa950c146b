"""Settings shared by every environment; each environment module imports these and adjusts.

Configuration comes from the environment only (django-environ), so the same image runs
anywhere: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS.
"""

from pathlib import Path

import environ

from factcheck.redis_cache import redis_backend

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "factcheck.apps.FactdeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "django_tables2",
    "import_export",
    "simple_history",
    "axes",
    "ninja",  # serves /api/docs with the Swagger UI files it ships (no CDN)
    "companies",
    "factcheck",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A public page made before is answered here, before sessions, auth and CSP run again.
    "factcheck.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the path alone (i18n_patterns, no prefix for English), so the
    # page cache above, keyed by the full path, keeps each language's page apart.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its process_exception runs first: database down -> friendly 503.
    "factcheck.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "factcheck.context_processors.desk",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# An optional read replica (factcheck/routers.py): public pages read from it; the admin and
# every write use the primary. Tests point it at the test database itself (TEST MIRROR).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# PostgreSQL's JIT compiles a query when its estimated cost is high, and the estimates of
# the desk's correlated subqueries are: at a million claims it spent 190 ms compiling a
# query that runs in 2 ms (docs/PERFORMANCE.md). The desk's queries are short; no JIT.
for _alias in DATABASES.values():
    if _alias["ENGINE"] == "django.db.backends.postgresql" and env.bool("DATABASE_JIT_OFF", True):
        _alias.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
FACTDESK_REPLICA = "replica" if "replica" in DATABASES else ""
DATABASE_ROUTERS = ["factcheck.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The public site speaks English (unprefixed paths, CONTRACT.md) and Simplified Chinese
# (/zh-hans/…; factcheck/urls.py). The codes are Article.language's and Claim.language's.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English formats stay British ("2 Oct 2024", 15/10/2024 in forms): factcheck/formats/en.
FORMAT_MODULE_PATH = ["factcheck.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Redis through factcheck/redis_cache.py: Django's backend with one client per pool.
CACHES = redis_backend({"default": env.cache("CACHE_URL", default="locmemcache://factdesk")})
# Public pages are kept this long in the cache above, keyed by the public version, so a
# publication or correction shows on the next request (factcheck/caching.py). 0: off.
FACTDESK_PAGE_CACHE_SECONDS = env.int("FACTDESK_PAGE_CACHE_SECONDS", default=600)

# Security headers that hold in every environment; production adds HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # One style attribute, by its hash: django-simple-history's history page writes
        # style="border-top: 0" on its paginator. Nothing else inline is allowed.
        "style-src-attr": [
            "'unsafe-hashes'",
            "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
        ],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Admin brute-force protection: lock a username+IP pair after a few failures, for a while.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# django-import-export: permissions are checked per action, never "any staff user".
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"

DJANGO_TABLES2_TEMPLATE = "includes/table.html"

LOGIN_URL = "admin:login"

# --- Factdesk ---------------------------------------------------------------
# Two-person rule: whoever entered a claim may not give it its verdict.
FACTDESK_TWO_PERSON_RULE = env.bool("FACTDESK_TWO_PERSON_RULE", default=True)
# Readers' error reports (factcheck/views/reports.py): reports accepted per client per hour,
# and how many proxies in front set X-Forwarded-For (0: the client is REMOTE_ADDR).
FACTDESK_REPORTS_PER_HOUR = env.int("FACTDESK_REPORTS_PER_HOUR", default=5)
FACTDESK_TRUSTED_PROXIES = env.int("FACTDESK_TRUSTED_PROXIES", default=0)
# Who may frame /claims/<id>/embed/ (CSP frame-ancestors); every other page: nobody.
FACTDESK_EMBED_FRAME_ANCESTORS = env.list("FACTDESK_EMBED_FRAME_ANCESTORS", default=["*"])
# Who signs the verdicts (schema.org ClaimReview author).
FACTDESK_DESK_NAME = env.str("FACTDESK_DESK_NAME", default="Factdesk")
FACTDESK_DESK_URL = env.str("FACTDESK_DESK_URL", default="")
# Where load_demo looks for the seed article's full text (CONTRACT.md, "The seed article").
FACTDESK_SEED_ARTICLE = env.path(
    "FACTDESK_SEED_ARTICLE",
    default=BASE_DIR.parent / "shared" / "seed" / "article-six-little-tigers.txt",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

"""Any worker can answer any request: production refuses a cache the workers cannot share.

django-import-export keeps an upload in the cache between its preview and its confirmation,
which may reach another worker; sessions live in the database; the page cache must be one.
"""

import pytest
from django.conf import settings

from tests.production import manage_in_production

GOOD_KEY = "s" * 20 + "Zq8-uR2_vX5yT1wP0sL9mN3bV7cH4gJ6"
PRINT_CACHE = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"


def production(*args, **env):
    return manage_in_production(*args, **{"SECRET_KEY": GOOD_KEY, **env})


@pytest.mark.parametrize("url", ["locmemcache://", "dummycache://"])
def test_production_refuses_a_per_process_cache(url):
    result = production("check", CACHE_URL=url)
    assert result.returncode != 0
    assert "CACHE_URL names a per-process cache" in result.stderr


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({}, "django.core.cache.backends.db.DatabaseCache"),
        # Django's Redis backend, one client per pool (factcheck/redis_cache.py)
        ({"CACHE_URL": "redis://127.0.0.1:6379/0"}, "factcheck.redis_cache.RedisCache"),
    ],
)
def test_production_shares_its_cache_between_workers(env, backend):
    result = production("shell", "-c", PRINT_CACHE, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == backend


def test_uploads_wait_in_the_shared_cache_and_sessions_in_the_database():
    assert settings.IMPORT_EXPORT_TMP_STORAGE_CLASS == "import_export.tmp_storages.CacheStorage"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"

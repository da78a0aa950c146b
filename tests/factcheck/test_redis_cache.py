"""The Redis cache backend shares one client per connection pool (factcheck/redis_cache.py)."""

import pytest

from factcheck.redis_cache import RedisCache, redis_backend


def test_one_client_serves_every_call():
    backend = RedisCache("redis://127.0.0.1:6379/0", {})  # no connection is made yet
    client = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is client
    assert backend._cache.get_client("c", write=True) is client  # one server: one pool


def test_only_djangos_redis_backend_is_replaced():
    caches = redis_backend(
        {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"},
            "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    )
    assert caches["default"]["BACKEND"] == "factcheck.redis_cache.RedisCache"
    assert caches["local"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


DOWN = {  # a port nothing listens on: every connection is refused
    "default": {"BACKEND": "factcheck.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
}


def test_a_cache_that_is_down_reads_as_empty():
    backend = RedisCache(DOWN["default"]["LOCATION"], {})
    assert backend.get("a", "missing") == "missing"
    assert backend.get_many(["a"]) == {}
    assert backend.get_or_set("a", lambda: 7) == 7
    backend.set("a", 1)
    assert backend.delete("a") is False


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/claims/", "/companies/", "/zh-hans/claims/"])
def test_public_pages_are_made_from_the_database_when_redis_is_down(client, desk, settings, path):
    settings.CACHES = DOWN
    settings.FACTDESK_PAGE_CACHE_SECONDS = 300  # production's page cache, on
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 200
    assert client.get(desk["valuation"].get_absolute_url()).status_code == 200

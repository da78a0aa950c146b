"""The Redis cache backend shares one client per connection pool (factcheck/redis_cache.py)."""

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

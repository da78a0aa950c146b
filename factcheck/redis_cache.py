"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's backend builds a new `redis.Redis` client for every cache call: a few hundred
dictionary writes each time (its response callbacks), about a tenth of what a page-cache
hit costs in all (docs/PERFORMANCE.md). The client only wraps the pool, which is what holds
the connections, and is safe to share, so each pool's client is made once. Settings use
this class wherever `CACHE_URL` names Redis (`redis_backend`).
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

DJANGO_BACKEND = "django.core.cache.backends.redis.RedisCache"


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient


def redis_backend(caches: dict) -> dict:
    """`caches` (the CACHES setting) with Django's Redis backend replaced by this one."""
    for config in caches.values():
        if config.get("BACKEND") == DJANGO_BACKEND:
            config["BACKEND"] = f"{__name__}.RedisCache"
    return caches

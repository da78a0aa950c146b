"""Django's Redis cache backend, keeping one Redis client per connection pool.

Django's backend builds a new `redis.Redis` client for every cache call: a few hundred
dictionary writes each time (its response callbacks), about a tenth of what a page-cache
hit costs in all (docs/PERFORMANCE.md). The client only wraps the pool, which is what holds
the connections, and is safe to share, so each pool's client is made once. Settings use
this class wherever `CACHE_URL` names Redis (`redis_backend`).

A Redis that is down or slow reads as an empty cache: reads miss, writes are dropped, and a
warning is logged, so every page is made from the database, its source of truth, instead of
failing. `add` and `incr` still raise: their callers use them as locks and counters and say
what to do without them (listing.py counts for itself). Connections give up after
`TIMEOUT_SECONDS`, so a Redis that does not answer costs a request that much at worst.
"""

from __future__ import annotations

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("factcheck.cache")

DJANGO_BACKEND = "django.core.cache.backends.redis.RedisCache"
TIMEOUT_SECONDS = 0.5


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
        options = {
            "socket_connect_timeout": TIMEOUT_SECONDS,
            "socket_timeout": TIMEOUT_SECONDS,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = SharedClientRedisCacheClient

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError:
            _down("read")
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError:
            _down("read")
            return {}

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().get_or_set(key, default, timeout, version)
        except RedisError:
            _down("read")
            return default() if callable(default) else default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError:
            _down("write")

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError:
            _down("write")
            return list(data)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError:
            _down("write")
            return False


def _down(what: str) -> None:
    logger.warning("The cache could not %s (Redis down?): the database answers.", what)


def redis_backend(caches: dict) -> dict:
    """`caches` (the CACHES setting) with Django's Redis backend replaced by this one."""
    for config in caches.values():
        if config.get("BACKEND") == DJANGO_BACKEND:
            config["BACKEND"] = f"{__name__}.RedisCache"
    return caches

"""The Redis cache backend of ``settings.CACHES``: Django's ``RedisCache``, with one ``redis.Redis``
client kept per connection pool.

Django's client builds a new ``redis.Redis`` object for every operation. With redis-py 8 that costs
about 50 µs, a third of a ``GET`` on loopback (measured 177 µs against 108 µs with the client
kept), and a page asks the cache several times (the session, the read cache). A ``redis.Redis``
holds no connection of its own (it takes one from the pool for each command), so one client per
pool is safe across threads, and after a fork the pool itself reconnects.
"""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[object, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient

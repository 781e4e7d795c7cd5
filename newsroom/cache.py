"""Django's Redis cache, keeping its Redis clients instead of building one for every call.

Django's ``RedisCacheClient.get_client()`` makes a new ``redis.Redis`` around the shared
connection pool on each cache call; building one sets up its table of response callbacks,
which costs about as much as the round trip itself. A ``redis.Redis`` is safe to share
between threads (every command borrows a connection from the pool), so one per pool will do.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

"""Django's Redis cache, keeping its Redis clients instead of building one for every call.

Django's ``RedisCacheClient.get_client()`` makes a new ``redis.Redis`` around the shared
connection pool on each cache call; building one sets up its table of response callbacks,
which costs about 55 µs here, nearly half of a whole GET round trip to a local Redis
(about 130 µs). A ``redis.Redis`` is safe to share between threads (every command borrows a
connection from the pool), so one per pool will do.

Why this overrides private API: Django offers no documented way to do it. The backend's
``OPTIONS`` are passed to the connection pool (documented: ``db``, ``pool_class`` and
redis-py's pool and connection arguments; the source also reads ``parser_class`` and
``serializer``): each shapes the pool, its connections or the stored values, none the
``redis.Redis`` made on top of the pool. ``RedisCacheClient.__init__`` sets
``self._client = redis.Redis`` and ``RedisCache.__init__`` sets ``self._class``, neither from
a setting (Django 5.2). A whole backend of our own (``BACKEND`` may name any ``BaseCache``)
would copy Django's ~200 lines to change three. So this module relies on these, which
``tests/test_cache.py`` checks against the installed Django:

* ``RedisCache.__init__`` sets ``self._class``, which its ``_cache`` property instantiates;
* ``RedisCacheClient.get_client(key=None, *, write=False)`` is what every cache operation
  calls for its client, and ``_get_connection_pool(write)`` returns the pool for it;
* ``RedisCacheClient._client`` is the client class (``redis.Redis``).

If a Django upgrade changes any of these the test fails; then compare this file with
``django/core/cache/backends/redis.py`` again.
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

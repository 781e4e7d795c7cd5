"""Redis, the production cache, for tests: one database per test process, and its clock.

Tests take the ``cache_backend`` fixture (``tests/articles/conftest.py``) to run once with the
local-memory cache and once with Redis; ``redis_only`` and ``locmem_only`` pick one of them.
Django's ``RedisCache.clear()`` empties the whole Redis database, so every test process has a
database of its own: 8 without pytest-xdist, 8 + n for worker ``gw<n>`` (up to 15).
.ci/run starts Redis; without it the Redis cases are skipped with the reason, the others run.
"""

import functools
import os
import re

import pytest
import redis

REDIS_SERVER = "redis://127.0.0.1:6379"
FIRST_DATABASE, LAST_DATABASE = 8, 15

locmem_only = pytest.mark.parametrize("cache_backend", ["locmem"], indirect=True)
redis_only = pytest.mark.parametrize("cache_backend", ["redis"], indirect=True)


def redis_database(worker=None):
    """This test process's Redis database, from its pytest-xdist worker name (gw0, gw1...)."""
    if worker is None:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker:
        return FIRST_DATABASE
    number = re.fullmatch(r"gw(\d+)", worker)
    if number is None:
        raise pytest.UsageError(f"Unexpected pytest-xdist worker name {worker!r}.")
    database = FIRST_DATABASE + int(number[1])
    if database > LAST_DATABASE:
        workers = LAST_DATABASE - FIRST_DATABASE + 1
        raise pytest.UsageError(
            f"Worker {worker} has no Redis database of its own (databases "
            f"{FIRST_DATABASE}-{LAST_DATABASE} serve gw0-gw{workers - 1}): run at most "
            f"{workers} workers."
        )
    return database


@functools.cache
def redis_url():
    """The one Redis URL every test in this process uses."""
    return f"{REDIS_SERVER}/{redis_database()}"


@functools.cache
def redis_is_running(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        return False


def skip_without_redis(url):
    if not redis_is_running(url):
        pytest.skip(f"Redis is not running on {REDIS_SERVER} (.ci/run starts it)")


def redis_caches(url):
    return {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "newsroom-tests",
        }
    }


def locmem_caches():
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom-tests",
            "KEY_PREFIX": "newsroom-tests",
        }
    }


def age_keys(server, seconds):
    """Shorten every key's remaining lifetime by ``seconds``, as if Redis's clock moved on.

    Redis expires keys by its own clock, which time-machine cannot move: a test that lets time
    pass (the ``clock`` fixture) ages the keys instead, and removes those whose time is up.
    """
    elapsed = round(seconds * 1000)
    for key in server.scan_iter():
        left = server.pttl(key)
        if left < 0:  # kept for good (-1), or gone meanwhile (-2)
            continue
        if left <= elapsed:
            server.delete(key)
        else:
            server.pexpire(key, left - elapsed)

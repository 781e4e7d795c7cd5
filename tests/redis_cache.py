"""Running a test module against Redis, the production cache, in its own Redis database.

    pytestmark = [pytest.mark.django_db, needs_redis(URL)]
    settings.CACHES = redis_caches(URL)   # in the module's autouse fixture

.ci/run starts Redis; without it these modules are skipped with the reason.
"""

import pytest
import redis


def redis_is_running(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        return False


def needs_redis(url):
    return pytest.mark.skipif(
        not redis_is_running(url),
        reason="Redis is not running on 127.0.0.1:6379 (.ci/run starts it)",
    )


def redis_caches(url):
    return {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "newsroom-tests",
        }
    }

"""newsroom/cache.py on a real Redis: Django's Redis cache, keeping one client per pool.

It overrides private parts of Django's backend (its docstring says why no documented option
does this): these tests fail if a Django upgrade changes them under it.
"""

import inspect
import uuid

import pytest
import redis
from django.core.cache.backends import redis as django_redis

from newsroom import cache as newsroom_cache
from tests.redis_cache import redis_url, skip_without_redis


@pytest.fixture
def location():
    url = redis_url()
    skip_without_redis(url)
    return url


def redis_cache(location):
    # A prefix of its own: this process's Redis database is shared with the other tests.
    return newsroom_cache.RedisCache(location, {"KEY_PREFIX": f"cache-test-{uuid.uuid4().hex}"})


def count_clients(cache):
    """Make the backend's clients with a class that counts how many it makes."""
    made = []

    class CountingRedis(redis.Redis):
        def __init__(self, *args, **kwargs):
            made.append(kwargs.get("connection_pool"))
            super().__init__(*args, **kwargs)

    cache._cache._client = CountingRedis
    return made


def test_every_cache_operation_goes_through_one_client(location):
    cache = redis_cache(location)
    made = count_clients(cache)

    cache.set("headline", "Crossing reopens", 30)
    assert cache.get("headline") == "Crossing reopens"
    assert cache.add("headline", "Something else", 30) is False
    assert cache.add("standfirst", "After two years", 30) is True
    cache.set_many({"reads": 1, "shares": 5}, 30)
    assert cache.get_many(["headline", "reads", "shares", "missing"]) == {
        "headline": "Crossing reopens",
        "reads": 1,
        "shares": 5,
    }
    assert cache.incr("reads", 2) == 3
    with pytest.raises(ValueError):
        cache.incr("missing")
    assert cache.has_key("shares")
    assert cache.touch("shares", 60)
    assert cache.delete("headline") is True
    assert cache.get("headline") is None
    cache.delete_many(["standfirst", "reads", "shares"])
    assert cache.get_many(["standfirst", "reads", "shares"]) == {}

    assert len(made) == 1, f"{len(made)} Redis clients made for one connection pool"
    assert made[0] is cache._cache._get_connection_pool(True)


def test_reads_and_writes_keep_a_client_each_with_a_replica(location):
    # Two servers: writes go to the first, reads to the other (here the same Redis twice).
    cache = redis_cache(f"{location};{location}")
    made = count_clients(cache)
    client = cache._cache

    writer = client.get_client(write=True)
    reader = client.get_client()
    assert writer is not reader
    assert writer.connection_pool is client._get_connection_pool(True)
    assert reader.connection_pool is client._get_connection_pool(False)
    assert client.get_client(write=True) is writer
    assert client.get_client("any key") is reader
    cache.set("region", "Georgia", 30)
    assert cache.get("region") == "Georgia"
    cache.delete("region")
    assert len(made) == 2


def test_the_private_parts_of_djangos_backend_it_relies_on_are_still_there(location):
    get_client = inspect.signature(django_redis.RedisCacheClient.get_client)
    assert list(get_client.parameters) == ["self", "key", "write"]
    assert get_client.parameters["write"].kind is inspect.Parameter.KEYWORD_ONLY
    assert callable(django_redis.RedisCacheClient._get_connection_pool)
    pool_of = inspect.signature(django_redis.RedisCacheClient._get_connection_pool)
    assert list(pool_of.parameters) == ["self", "write"]

    cache = redis_cache(location)
    # RedisCache builds its client from self._class, which our backend sets...
    assert type(cache._cache) is newsroom_cache.RedisCacheClient
    # ...and that client makes its Redis clients from self._client.
    assert cache._cache._client is redis.Redis
    # Django's own client still makes a new one on every call: the reason for all this.
    plain = django_redis.RedisCacheClient([location])
    assert plain.get_client() is not plain.get_client()

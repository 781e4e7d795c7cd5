import time
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone

from articles.rails import counting
from articles.reader_cache import local_copies
from tests.redis_cache import age_keys, locmem_caches, redis_caches, redis_url, skip_without_redis


def _start_empty():
    caches["default"].clear()  # with Redis: this process's whole database (tests/redis_cache.py)
    local_copies.forget()  # this worker's copies of pages from the previous test
    counting._salts.clear()  # and of the daily salts, which the cache no longer holds


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    """Run the test on the local-memory cache (tests, development) and on Redis (production).

    ``@redis_only`` or ``@locmem_only`` (tests/redis_cache.py) keeps a test to one of them.
    """
    if request.param == "redis":
        url = redis_url()
        skip_without_redis(url)
        settings.CACHES = redis_caches(url)
    else:
        settings.CACHES = locmem_caches()
    _start_empty()
    yield request.param
    _start_empty()


class Clock:
    """The time the code under test sees, standing still until the test lets it pass.

    time-machine holds and moves wall-clock time (``timezone.now()``, ``time.time()``) but
    leaves ``time.monotonic()`` alone, which the reader cache and the beacon's salt use for
    their intervals: the clock holds and moves that one too. And since Redis expires keys by
    its own clock, letting time pass also ages the keys of a Redis cache.
    """

    def __init__(self, traveller, patch):
        self._traveller = traveller
        self._monotonic = time.monotonic()
        patch.setattr(time, "monotonic", lambda: self._monotonic)

    def move_to(self, moment):
        """Set the time to ``moment``, before the test makes or stores anything."""
        self._traveller.move_to(moment)

    def advance(self, **delta):
        """Let time pass: ``clock.advance(seconds=1)``, ``clock.advance(minutes=20)``."""
        seconds = timedelta(**delta).total_seconds()
        self._traveller.shift(seconds)
        self._monotonic += seconds
        cache = caches["default"]
        if isinstance(cache, RedisCache):
            age_keys(cache._cache.get_client(write=True), seconds)


@pytest.fixture
def clock():
    """Time stands still at the present moment until the test moves it (see ``Clock``)."""
    with (
        pytest.MonkeyPatch.context() as patch,  # its own, safe from a test's monkeypatch.undo()
        time_machine.travel(timezone.now(), tick=False) as traveller,
    ):
        yield Clock(traveller, patch)

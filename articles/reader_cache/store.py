"""Where the reader cache keeps things: this worker's copies in front of the shared cache.

Two kinds of entry:

* **Generation entries** (pages, fragments, rail data) are keyed on the content *generation*,
  a number every reader-visible change advances (see ``registry``): one change makes every
  one of them stale at once.
* **Versioned entries** (prepared cards) carry in their name the version of what they were
  made from, so they stay right across generations and are never outdated, only unused.

With Redis, each worker keeps recently used entries in its own memory (``local_copies``), so a
hit costs no round trip. The shared generation is looked up at most every ``LOCAL_SECONDS``,
so a change saved through another worker reaches this one within that time; a change saved in
this worker reaches it at once. With the local-memory cache, which already lives in the
process, there are no second copies.

A cache outage never fails a reader page: whatever cannot be fetched is made again.
"""

import hashlib
import logging
import pickle
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import translation

from articles.reader_cache import clock
from articles.reader_cache.conf import setting

logger = logging.getLogger(__name__)

GENERATION_KEY = "reader:generation"
# A local item that belongs to no generation (a versioned entry).
ANY_GENERATION = "*"


def shared():
    return caches[setting("ALIAS")]


def digest(name):
    return hashlib.blake2b(name.encode(), digest_size=16).hexdigest()


# This worker's copies ------------------------------------------------------------------------


class LocalCopies:
    """Recently used entries kept in this worker, on two shelves with a budget each: whole
    pages (``page:`` keys, ``LOCAL_BYTES``) and what pages are made of (fragments, data,
    cards: ``LOCAL_DATA_BYTES``). On each, the least recently used go first once its budget
    is reached, so a flood of addresses asked for once (a bot's random parameters) pushes out
    other pages but never the data every page is made from. Each item is kept with its
    generation (or ANY_GENERATION), when it expires and its size."""

    SHELVES = {"page": "LOCAL_BYTES", "data": "LOCAL_DATA_BYTES"}

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.checked_at = 0.0
        self.shelves = {shelf: OrderedDict() for shelf in self.SHELVES}
        self.sizes = dict.fromkeys(self.SHELVES, 0)

    @staticmethod
    def _shelf(key):
        return "page" if key.startswith("page:") else "data"

    def observe(self, generation):
        with self.lock:
            if generation != self.generation:
                for shelf, items in self.shelves.items():
                    for key in [k for k, item in items.items() if item[0] != ANY_GENERATION]:
                        self.sizes[shelf] -= items.pop(key)[2]
                self.generation = generation
            self.checked_at = time.monotonic()

    def forget(self):
        with self.lock:
            for items in self.shelves.values():
                items.clear()
            self.sizes = dict.fromkeys(self.SHELVES, 0)
            self.generation = None
            self.checked_at = 0.0

    def get(self, key, generation=ANY_GENERATION):
        items = self.shelves[self._shelf(key)]
        item = items.get(key)
        if item is None or item[0] != generation or item[1] <= time.time():
            return None
        try:
            items.move_to_end(key)
        except KeyError:  # dropped by another thread meanwhile
            pass
        return item[3]

    def put(self, key, value, *, expires, size, generation=ANY_GENERATION):
        shelf = self._shelf(key)
        budget = setting(self.SHELVES[shelf])
        with self.lock:
            if (generation != ANY_GENERATION and generation != self.generation) or size > budget:
                return
            items = self.shelves[shelf]
            previous = items.pop(key, None)
            if previous is not None:
                self.sizes[shelf] -= previous[2]
            items[key] = (generation, expires, size, value)
            self.sizes[shelf] += size
            while self.sizes[shelf] > budget:
                _key, oldest = items.popitem(last=False)
                self.sizes[shelf] -= oldest[2]


local_copies = LocalCopies()


def local_copies_in_use():
    return setting("LOCAL_SECONDS") > 0 and not isinstance(shared(), LocMemCache)


def size_of(value):
    if isinstance(value, str | bytes):
        return len(value)
    try:
        return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    except Exception:
        return setting("LOCAL_DATA_BYTES") + 1  # never kept locally


# The generation -----------------------------------------------------------------------------


def _fresh_generation():
    # Milliseconds since the epoch: if the counter is evicted or Redis restarts, the new
    # generation is still larger than any an entry was stored under, so none comes back.
    return int(time.time() * 1000)


def _shared_generation():
    cache = shared()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY) or _fresh_generation()
    return generation


def current_generation(use_local=None):
    if use_local is None:
        use_local = local_copies_in_use()
    if not use_local:
        return _shared_generation()
    if local_copies.generation is not None and time.monotonic() - local_copies.checked_at < setting(
        "LOCAL_SECONDS"
    ):
        return local_copies.generation
    generation = _shared_generation()
    local_copies.observe(generation)
    return generation


def advance_generation():
    """Make every generation entry stale. Never raises: a cache outage must not fail a save."""
    cache = shared()
    try:
        try:
            generation = cache.incr(GENERATION_KEY)
        except ValueError:  # no counter yet (the cache was emptied)
            cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
            generation = cache.get(GENERATION_KEY)
    except Exception:
        logger.exception("Could not advance the reader cache's generation")
        local_copies.forget()
        return
    local_copies.observe(generation)


# The next scheduled change ------------------------------------------------------------------


def next_change():
    """When the next scheduled change happens (a timestamp, 0 for none).

    Worked out once per generation (nothing but a save, which advances it, or the clock can
    change it) and kept until that moment.
    """
    use_local = local_copies_in_use()
    generation = current_generation(use_local)
    if use_local:
        moment = local_copies.get("next-change", generation)
        if moment is not None:
            return moment
    key = f"reader:next-change:{generation}"
    now = time.time()
    moment = shared().get(key)
    if moment is None or (moment and moment <= now):
        upcoming = clock.upcoming(datetime.fromtimestamp(now, tz=UTC))
        moment = upcoming.timestamp() if upcoming else 0
        keep = clock.lifetime(setting("SECONDS"), moment, now)
        if keep >= 1:
            shared().set(key, moment, timeout=keep)
    if use_local:
        until = now + setting("SECONDS")
        local_copies.put(
            "next-change",
            moment,
            expires=min(moment or until, until),
            size=0,
            generation=generation,
        )
    return moment


def bounded_lifetime(timeout, *, now=None):
    """``timeout`` seconds, or fewer if a scheduled change comes sooner (0: do not keep)."""
    return clock.lifetime(timeout, next_change(), now or time.time())


# Get or make ---------------------------------------------------------------------------------


def get_or_make(name, make, *, timeout=None, shared=True):
    """The value called ``name`` in this generation and the edition being read (the active
    language), made by ``make()`` when missing.

    For fragments of HTML and for data (rail lists): kept until the next content change,
    at most ``timeout`` seconds (default ``SECONDS``) and never past the next scheduled
    change (``clock``). A cache outage makes it every time.

    ``shared=False`` is for values that cost hardly more to make than to fetch (one short
    query), as for pages: with Redis they are kept in this worker's copies only, so making
    one costs no round trip and a long tail of values used once does not crowd Redis.
    """
    timeout = timeout if timeout is not None else setting("SECONDS")
    # Each edition's fragments and rails are its own: made in its language, of its stories.
    name = f"{translation.get_language()}:{name}"
    local_key = "data:" + name
    try:
        use_local = local_copies_in_use()
        generation = current_generation(use_local)
        cache = caches[setting("ALIAS")]  # shared(), which the argument's name hides
        key = value = None
        if use_local:
            value = local_copies.get(local_key, generation)
            if value is not None:
                return value
        if shared or not use_local:
            key = f"reader:data:{generation}:{digest(name)}"
            value = cache.get(key)
        lifetime = bounded_lifetime(timeout)
    except Exception:
        logger.exception("Reader cache unavailable")
        return make()
    if lifetime < 1:
        return value if value is not None else make()
    if value is None:
        value = make()
        try:
            if key is not None:
                cache.set(key, value, timeout=lifetime)
        except Exception:
            logger.exception("Could not store %s in the reader cache", name)
            return value
    if use_local:
        local_copies.put(
            local_key,
            value,
            expires=time.time() + lifetime,
            size=size_of(value),
            generation=generation,
        )
    return value


def get_or_make_versioned(names, make_missing, *, timeout=None):
    """``{name: value}`` for ``names`` that carry their own version, in one round trip;
    ``make_missing(missing_names)`` returns the values of those not found, which are kept.

    Nothing outdates these entries: a changed version is a different name.
    """
    timeout = timeout if timeout is not None else setting("PREPARED_MAX_AGE")
    found, wanted = {}, []
    use_local = False
    try:
        use_local = local_copies_in_use()
        for name in names:
            value = local_copies.get("versioned:" + name) if use_local else None
            if value is None:
                wanted.append(name)
            else:
                found[name] = value
        if wanted:
            keys = {f"reader:versioned:{digest(name)}": name for name in wanted}
            for key, value in shared().get_many(list(keys)).items():
                found[keys[key]] = value
    except Exception:
        logger.exception("Reader cache unavailable")
        return {**found, **make_missing([name for name in names if name not in found])}
    missing = [name for name in names if name not in found]
    made = make_missing(missing) if missing else {}
    if made:
        try:
            shared().set_many(
                {f"reader:versioned:{digest(name)}": value for name, value in made.items()},
                timeout=timeout,
            )
        except Exception:
            logger.exception("Could not store prepared entries in the reader cache")
    if use_local:
        expires = time.time() + timeout
        for name in wanted:
            value = found.get(name) or made.get(name)
            if value is not None:
                local_copies.put("versioned:" + name, value, expires=expires, size=len(value))
    return {**found, **made}

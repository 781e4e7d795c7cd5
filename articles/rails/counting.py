"""Counting reads: one per reader and story per 30 minutes, bots and floods left out.

Counting never needs the article HTML to be uncached: the page is the same for every reader
and, once loaded, posts the story's id to the beacon (``articles.rails.beacon``). A reader is
their address as ``newsroom.clients`` finds it (an IPv6 address by its /64), whatever browser
they claim to use: a script rotating its User-Agent is still one reader. One reader adds reads
to at most BEACON_STORIES_PER_CLIENT different stories a day, so no single address can push
stories up Most Popular; different addresses always count separately. De-duplication and the
cap know readers only by a hash made with a random salt that lives in the cache for one day,
so nothing they store can be traced back to a reader once the day is over (the flood limit,
``newsroom.clients.hit``, keeps a keyed hash for one window). No address is ever written to
the database.

Buffering: with Redis as the cache (production), a beacon touches neither the database nor
Django's cache API. One Lua script, in one round trip, applies the flood limit (under the key
``newsroom.clients.hit`` uses), the 30-minute de-duplication and the daily cap and, for a new
read, adds one to a hash of pending reads for the local day (``article id -> reads``).
``flush_pending_reads`` moves those hashes into ``DailyViews``: a beacon runs it at most once
per BEACON_FLUSH_SECONDS across all workers, and so do ``manage.py flush_reads`` and the Most
Popular ranking. Whether a story is published is checked when flushing, so a draft's or an
unknown id's reads are dropped there. Hostile input cannot grow the pending hashes faster than
the flood limit lets beacons through (BEACON_RATE_LIMIT per client per window), and each flush
empties them. With any other cache (local memory in tests and development, none at all) every
read is checked and written to the database at once.
"""

import hashlib
import logging
import re
import secrets
import time
from datetime import datetime, timedelta
from typing import NamedTuple

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import IntegrityError, connection, transaction
from django.db.models import (
    F,
)
from django.utils import timezone
from django.utils.module_loading import import_string

from articles.models import Article, DailyViews
from newsroom.clients import client_network, rate_key

BEACON_LIMIT_SCOPE = "beacon"

REPEAT_READ_SECONDS = 30 * 60

# Crawlers, link previewers, monitors and scripted clients. "(?<!cu)bot" spares Cubot phones.
BOT_USER_AGENT = re.compile(
    r"(?<!cu)bot|crawl|spider|slurp|archiver|scrap|preview|monitor|uptime|pingdom|lighthouse"
    r"|headless|phantomjs|selenium|puppeteer|playwright|facebookexternalhit|embedly|whatsapp"
    r"|curl/|wget/|python|httpx|aiohttp|go-http-client|java/|okhttp|axios|node-fetch|libwww"
    r"|http_request|feedfetcher|rss|validator|google-inspectiontool|bingpreview"
)  # matched against the lower-cased agent: five times faster than re.IGNORECASE
_PROCESS_SALT = secrets.token_hex(16)
# Each process keeps its copy of the shared daily salt and checks the cache again this often,
# so that after the cache loses it (a restart) all processes soon agree on one salt again.
SALT_RECHECK_SECONDS = 300
# Pending reads older than the weekly window are not worth keeping if nothing flushes them.
PENDING_DAYS = 8
FLUSH_CHUNK = 500

logger = logging.getLogger(__name__)


# Counting ------------------------------------------------------------------------------


def count_read(*, article_id, day=None):
    """Add one read to the story's total for ``day`` (today, local date), atomically.

    The UPDATE increments in the database, so parallel beacons cannot overwrite each
    other. The first read of the day inserts the row; if another beacon inserted it in the
    meantime the unique constraint refuses ours, and we increment theirs instead.
    """
    day = day or timezone.localdate()
    rows = DailyViews.objects.filter(article_id=article_id, day=day)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            DailyViews.objects.create(article_id=article_id, day=day, views=1)
    except IntegrityError:
        rows.update(views=F("views") + 1)


def is_bot(request):
    user_agent = request.META.get("HTTP_USER_AGENT", "").strip()
    if not user_agent or BOT_USER_AGENT.search(user_agent.lower()):
        return True
    # Prefetches and prerenders that were never shown are not reads.
    purpose = " ".join(
        request.META.get(header, "")
        for header in ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
    ).lower()
    return "prefetch" in purpose or "preview" in purpose


_salts = {}  # local day -> (salt, when this process last read it from the cache)


def _daily_salt(day, *, create=True):
    """A random salt for one local day, forgotten shortly after the day ends.

    Every process shares it through the cache and keeps a copy, so it costs a cache round
    trip only every SALT_RECHECK_SECONDS, not on every beacon.
    """
    known, checked = _salts.get(day, (None, 0.0))
    if known is not None and time.monotonic() - checked < SALT_RECHECK_SECONDS:
        return known
    key = f"popularity:salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is None and create:
        next_midnight = datetime.combine(
            day + timedelta(days=1), datetime.min.time(), tzinfo=timezone.get_current_timezone()
        )
        end_of_use = next_midnight + timedelta(seconds=REPEAT_READ_SECONDS + 60)
        lifetime = max(60, int((end_of_use - timezone.now()).total_seconds()))
        cache.add(key, known or secrets.token_hex(16), timeout=lifetime)
        # A cache that keeps nothing (dummy://) cannot share a salt; nothing is kept either.
        salt = cache.get(key) or _PROCESS_SALT
    if salt is not None:
        for other in list(_salts):
            if abs((other - day).days) > 1:
                _salts.pop(other, None)
        _salts[day] = (salt, time.monotonic())
    return salt


def _fingerprint(salt, *parts):
    message = "\n".join([salt, *map(str, parts)]).encode()
    return hashlib.sha256(message).hexdigest()[:32]


def _just_after_midnight(local):
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return (local - midnight).total_seconds() < REPEAT_READ_SECONDS


def _seconds_left_today(now):
    """How long a reader's list of today's stories is kept: until just after local midnight."""
    next_midnight = datetime.combine(
        timezone.localdate(now) + timedelta(days=1),
        datetime.min.time(),
        tzinfo=timezone.get_current_timezone(),
    )
    return max(60, int((next_midnight - now).total_seconds()) + 60)


def _seen_key(salt, reader, article_id):
    return f"popularity:seen:{_fingerprint(salt, reader, article_id)}"


def _stories_key(salt, reader):
    return f"popularity:stories:{_fingerprint(salt, 'stories', reader)}"


def is_new_read(request, *, article_id, now):
    """True when this read counts, and then remember it (only under salted hashes).

    It counts when this reader (``client_network``: the address, an IPv6 address by its /64)
    has not counted for this story in the last 30 minutes, and the story is one of the first
    BEACON_STORIES_PER_CLIENT different stories the reader added reads to today. This is the
    path without Redis (one process): two beacons of one reader at the same moment may both
    find room under the cap. With Redis the Lua script does the same atomically.
    """
    local = timezone.localtime(now)
    today = local.date()
    reader = client_network(request)
    if _just_after_midnight(local):
        # A reload just after midnight is looked up under yesterday's salt too.
        yesterday_salt = _daily_salt(today - timedelta(days=1), create=False)
        if yesterday_salt and cache.get(_seen_key(yesterday_salt, reader, article_id)):
            return False
    salt = _daily_salt(today)
    cap = settings.BEACON_STORIES_PER_CLIENT
    stories_key = _stories_key(salt, reader)
    stories = (cache.get(stories_key) or frozenset()) if cap > 0 else frozenset()
    new_story = article_id not in stories
    if cap > 0 and new_story and len(stories) >= cap:
        return False
    if not cache.add(_seen_key(salt, reader, article_id), 1, timeout=REPEAT_READ_SECONDS):
        return False
    if cap > 0 and new_story:
        cache.set(stories_key, stories | {article_id}, timeout=_seconds_left_today(now))
    return True


# Buffered counting (Redis) -----------------------------------------------------------

# One beacon, atomically. KEYS: the client's rate-limit counter, today's "seen" key for this
# reader and story, today's pending reads, the flush lock, the set of stories this reader added
# reads to today[, yesterday's "seen" key]. ARGV: the limit, the counter's lifetime, 1 if the
# beacon may count, the article id, the repeat window, the pending reads' lifetime, the flush
# interval, the cap of stories per reader and day (0: none), the set's lifetime.
# Returns {outcome, 1 if this beacon flushes}. A reader at the cap leaves no "seen" key.
COUNT_READ_SCRIPT = """
local hits = redis.call("INCR", KEYS[1])
if hits == 1 then redis.call("EXPIRE", KEYS[1], ARGV[2]) end
if hits > tonumber(ARGV[1]) then return {3, 0} end
if ARGV[3] ~= "1" then return {2, 0} end
if KEYS[6] and redis.call("EXISTS", KEYS[6]) == 1 then return {1, 0} end
local cap = tonumber(ARGV[8])
if cap > 0 and redis.call("SISMEMBER", KEYS[5], ARGV[4]) == 0
    and redis.call("SCARD", KEYS[5]) >= cap then
  return {4, 0}
end
if not redis.call("SET", KEYS[2], 1, "NX", "EX", ARGV[5]) then return {1, 0} end
if cap > 0 and redis.call("SADD", KEYS[5], ARGV[4]) == 1 then
  redis.call("EXPIRE", KEYS[5], ARGV[9])
end
redis.call("HINCRBY", KEYS[3], ARGV[4], 1)
redis.call("EXPIRE", KEYS[3], ARGV[6])
local flush = 0
if tonumber(ARGV[7]) > 0 and redis.call("SET", KEYS[4], 1, "NX", "EX", ARGV[7]) then
  flush = 1
end
return {0, flush}
"""
COUNTED, REPEAT, NOT_COUNTED, LIMITED, OVER_DAILY_CAP = 0, 1, 2, 3, 4

# Takes the pending reads of each day in KEYS and deletes them, atomically, so two flushes can
# never both take the same reads. Returns {key's position, {id, reads, ...}, ...}.
TAKE_PENDING_SCRIPT = """
local taken = {}
for position, key in ipairs(KEYS) do
  local reads = redis.call("HGETALL", key)
  if #reads > 0 then
    redis.call("DEL", key)
    table.insert(taken, position)
    table.insert(taken, reads)
  end
end
return taken
"""


class ReadBuffer:
    """Reads counted in Redis and not yet in the database, through one client per process.

    Django's RedisCache builds a client object for every operation; this one keeps a
    connection pool and the scripts, loaded once and then run by their hash.
    """

    def __init__(self, url):
        self.client = redis.Redis.from_url(url)
        self.count_script = self.client.register_script(COUNT_READ_SCRIPT)
        self.take_script = self.client.register_script(TAKE_PENDING_SCRIPT)

    def count(self, request, *, article_id, countable, now):
        """Rate-limit one beacon and, if it is a new read, add it to today's pending reads.

        The same rules as ``newsroom.clients.hit`` and ``is_new_read``, under the same keys.
        Returns the outcome (COUNTED, REPEAT, NOT_COUNTED, LIMITED or OVER_DAILY_CAP) and
        whether this beacon should flush the pending reads.
        """
        local = timezone.localtime(now)
        today = local.date()
        salt = _daily_salt(today)
        reader = client_network(request)
        window = max(1, settings.BEACON_RATE_WINDOW)
        keys = [
            cache.make_key(rate_key(BEACON_LIMIT_SCOPE, reader, window=window)),
            cache.make_key(_seen_key(salt, reader, article_id)),
            _pending_key(today),
            _key("flush-lock"),
            cache.make_key(_stories_key(salt, reader)),
        ]
        if countable and _just_after_midnight(local):
            # A reload just after midnight is looked up under yesterday's salt too.
            yesterday_salt = _daily_salt(today - timedelta(days=1), create=False)
            if yesterday_salt:
                keys.append(cache.make_key(_seen_key(yesterday_salt, reader, article_id)))
        outcome, flush = self.count_script(
            keys=keys,
            args=[
                settings.BEACON_RATE_LIMIT,
                window + 5,
                1 if countable else 0,
                article_id or 0,
                REPEAT_READ_SECONDS,
                PENDING_DAYS * 86400,
                max(0, settings.BEACON_FLUSH_SECONDS),
                max(0, settings.BEACON_STORIES_PER_CLIENT),
                _seconds_left_today(now),
            ],
        )
        return outcome, bool(flush)

    def take(self, days):
        """Remove and return the pending reads of ``days``: ``{(article_id, day): reads}``."""
        taken = self.take_script(keys=[_pending_key(day) for day in days])
        reads = {}
        for position, fields in zip(taken[::2], taken[1::2], strict=True):
            day = days[position - 1]
            for article_id, count in zip(fields[::2], fields[1::2], strict=True):
                reads[(int(article_id), day)] = int(count)
        return reads

    def put_back(self, reads):
        """Return reads taken by a flush that could not write them, for the next flush."""
        with self.client.pipeline(transaction=True) as pipe:
            for (article_id, day), count in reads.items():
                pipe.hincrby(_pending_key(day), article_id, count)
            for day in {day for _, day in reads}:
                pipe.expire(_pending_key(day), PENDING_DAYS * 86400)
            pipe.execute()


_buffers = {}


def read_buffer():
    """The Redis read buffer when the cache is Redis (on its first server), else None."""
    config = settings.CACHES["default"]
    if not issubclass(import_string(config["BACKEND"]), RedisCache):
        return None
    location = config["LOCATION"]
    url = (location.split(",") if isinstance(location, str) else location)[0]
    buffer = _buffers.get(url)
    if buffer is None:
        buffer = _buffers[url] = ReadBuffer(url)
    return buffer


def _key(name):
    # In the cache's namespace (KEY_PREFIX), under the names the direct path uses too.
    return cache.make_key(f"popularity:{name}")


def _pending_key(day):
    return _key(f"pending:{day.isoformat()}")


class Flushed(NamedTuple):
    reads: int = 0  # reads added to the daily totals
    totals: int = 0  # daily totals (story and day) they went to
    dropped: int = 0  # reads of stories not published (drafts, unknown ids)


def flush_pending_reads(*, today=None):
    """Move the reads buffered in Redis into DailyViews; nothing to do without Redis.

    Each day's pending reads are taken whole in one atomic step, so flushes running at the
    same time (beacons in every worker, ``manage.py flush_reads``) never write a read twice.
    Only stories published now are written. If the database refuses, the reads are put back
    for the next flush and the error is raised; only a process killed between taking and
    writing loses its batch (the few seconds of reads since the previous flush).
    """
    buffer = read_buffer()
    if buffer is None:
        return Flushed()
    today = today or timezone.localdate()
    taken = buffer.take([today - timedelta(days=age) for age in range(PENDING_DAYS)])
    if not taken:
        return Flushed()
    try:
        ids = sorted({article_id for article_id, _ in taken})
        published = set()
        for start in range(0, len(ids), FLUSH_CHUNK):
            chunk = ids[start : start + FLUSH_CHUNK]
            published.update(
                Article.objects.published().filter(pk__in=chunk).values_list("pk", flat=True)
            )
        reads = {key: count for key, count in taken.items() if key[0] in published}
        add_reads(reads)
    except Exception:
        try:
            buffer.put_back(taken)
        except redis.RedisError:
            logger.exception("Lost %d buffered reads: could not put them back", sum(taken.values()))
        raise
    written = sum(reads.values())
    return Flushed(reads=written, totals=len(reads), dropped=sum(taken.values()) - written)


def add_reads(reads):
    """Add ``{(article_id, day): reads}`` to the daily totals, one statement per 500 totals.

    An upsert that increments in the database (PostgreSQL, and SQLite 3.24 or later), so it
    never overwrites reads another flush or a direct count added meanwhile.
    """
    quote = connection.ops.quote_name
    table = quote(DailyViews._meta.db_table)
    article, day, views = (
        quote(DailyViews._meta.get_field(name).column) for name in ("article", "day", "views")
    )
    # The same order in every flush, so two flushes lock rows in one order and never deadlock.
    rows = [
        (article_id, connection.ops.adapt_datefield_value(on_day), count)
        for (article_id, on_day), count in sorted(reads.items())
    ]
    if not rows:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), FLUSH_CHUNK):
            chunk = rows[start : start + FLUSH_CHUNK]
            cursor.execute(
                f"INSERT INTO {table} ({article}, {day}, {views}) "
                f"VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))} "
                f"ON CONFLICT ({article}, {day}) "
                f"DO UPDATE SET {views} = {table}.{views} + excluded.{views}",
                [value for row in chunk for value in row],
            )


def flush_and_log():
    """Flush pending reads where an error must not fail the request: they stay pending."""
    try:
        flush_pending_reads()
    except Exception:
        logger.exception("Could not write buffered reads to the database; they stay pending")

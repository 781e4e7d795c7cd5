"""The reader page cache: whole pages for anonymous readers, invalidated by any content change.

How it stays correct:

* Every cached page is stored under a *generation* number kept in the cache. Saving or deleting
  any piece of reader-visible content (an article, photo, rendition, pick, region, author, tag…)
  bumps the generation, so every cached page is invalidated at once. For a small newsroom that
  is simpler and safer than tracking which page shows which object: an edit is live on the next
  request, and the cost is one re-render per page after each edit.
* A page's lifetime never runs past the next scheduled change that no save announces: the next
  scheduled publication and the next start or end of an Editor's Pick. A story scheduled for
  09:00 is on every page at 09:00, not at the next expiry.
* Only anonymous GET/HEAD requests without a session cookie read or fill the cache; signed-in
  staff and members always get a freshly rendered page marked ``private, no-cache``.
* Responses that set a cookie, use a CSRF token, vary on anything but Cookie, or are not a plain
  200 are never stored, so a per-reader page (the join form) cannot leak through the cache.

Bulk updates (``QuerySet.update()``, ``bulk_create``) send no signals: code that changes reader
content that way calls :func:`invalidate_reader_pages` itself.
"""

import functools
import hashlib
import logging
import math
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "reader:generation"
ENTRY_FORMAT = 2
# A stored entry is a tuple, cheap to pickle and to keep in memory.
(FORMAT, CONTENT, CONTENT_TYPE, HEADERS, VARY, ETAG, STORED, LAST_MODIFIED, EXPIRES, BOUND) = range(
    10
)

# Tracking parameters never change what a page shows; dropping them from the key lets a story
# shared with ?utm_source=… hit the same cached copy.
IGNORED_QUERY_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid"}
IGNORED_QUERY_PREFIXES = ("utm_",)

# Headers the cache computes itself or that must never be replayed to another reader.
UNSTORED_HEADERS = {
    "cache-control",
    "etag",
    "expires",
    "last-modified",
    "set-cookie",
    "vary",
    "content-length",
}


def _cache():
    return caches[getattr(settings, "READER_CACHE_ALIAS", "default")]


def _setting(name, default):
    return getattr(settings, name, default)


# This process's copies ---------------------------------------------------------------------


class _LocalCopies:
    """Recently used pages and fragments kept in this process, in front of the shared cache.

    A hit then costs no network round trip at all. The shared generation is looked up at most
    every READER_CACHE_LOCAL_SECONDS (default 1), so an edit saved through another app server
    or worker reaches this one's readers within that time; an edit saved in this process
    reaches them at once. Unused with the local-memory cache, which already is in-process.
    Each item is kept with the generation it belongs to, when it expires and its size; the
    least recently used go first once READER_CACHE_LOCAL_BYTES is reached.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.generation = None
        self.checked_at = 0.0
        self.items = OrderedDict()
        self.size = 0

    def observe(self, generation):
        with self.lock:
            if generation != self.generation:
                self.items.clear()
                self.size = 0
                self.generation = generation
            self.checked_at = time.monotonic()

    def forget(self):
        with self.lock:
            self.items.clear()
            self.size = 0
            self.generation = None
            self.checked_at = 0.0

    def get(self, key, generation):
        item = self.items.get(key)
        if item is None or item[0] != generation or item[1] <= time.time():
            return None
        try:
            self.items.move_to_end(key)
        except KeyError:  # evicted by another thread meanwhile
            pass
        return item[3]

    def put(self, key, generation, value, *, expires, size):
        budget = _setting("READER_CACHE_LOCAL_BYTES", 4 * 1024 * 1024)
        with self.lock:
            if generation != self.generation or size > budget:
                return
            previous = self.items.pop(key, None)
            if previous is not None:
                self.size -= previous[2]
            self.items[key] = (generation, expires, size, value)
            self.size += size
            while self.size > budget:
                _key, oldest = self.items.popitem(last=False)
                self.size -= oldest[2]


local_copies = _LocalCopies()


def _local_copies_in_use():
    return _setting("READER_CACHE_LOCAL_SECONDS", 1) > 0 and not isinstance(_cache(), LocMemCache)


# Generation ------------------------------------------------------------------------------


def _fresh_generation():
    # Milliseconds since the epoch: if the counter is ever evicted or Redis restarts, the new
    # generation is still larger than any a stored page was keyed under, so none comes back.
    return int(time.time() * 1000)


def _shared_generation():
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY) or _fresh_generation()
    return generation


def current_generation(use_local=None):
    if use_local is None:
        use_local = _local_copies_in_use()
    if not use_local:
        return _shared_generation()
    interval = _setting("READER_CACHE_LOCAL_SECONDS", 1)
    if (
        local_copies.generation is not None
        and time.monotonic() - local_copies.checked_at < interval
    ):
        return local_copies.generation
    generation = _shared_generation()
    local_copies.observe(generation)
    return generation


def _bump_generation():
    cache = _cache()
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        # No counter yet (first edit since the cache was emptied): start a new one.
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    except Exception:
        # A cache outage must never make an editor's save fail; pages expire on their own.
        logger.exception("Could not invalidate the reader page cache")
        local_copies.forget()
        return
    local_copies.observe(generation)


def invalidate_reader_pages(using=None):
    """Make every cached reader page stale now, and again when the transaction commits.

    The second bump matters: a reader request running while the editor's transaction is still
    open renders the old content, and would otherwise store it under the new generation.
    """
    _bump_generation()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_bump_generation, using=using)


# Scheduled changes ---------------------------------------------------------------------


def next_scheduled_change():
    """When the next time-triggered change to reader pages happens, as an aware datetime or None.

    Computed once per generation and moment (two small indexed queries), then cached until that
    time, since nothing but a save (which bumps the generation) or the clock can change it.
    """
    use_local = _local_copies_in_use()
    generation = current_generation(use_local)
    moment = None
    if use_local:
        moment = local_copies.get("next-change", generation)
    if moment is None:
        moment = _shared_next_change(generation)
        if use_local:
            now = time.time()
            until = now + _setting("READER_CACHE_SECONDS", 600)
            local_copies.put(
                "next-change", generation, moment, expires=min(moment or until, until), size=0
            )
    return datetime.fromtimestamp(moment, tz=UTC) if moment else None


def _shared_next_change(generation):
    """The next change as a timestamp (0 for none), from the shared cache or the database."""
    from articles.models import Article, EditorsPick

    cache = _cache()
    key = f"reader:next-change:{generation}"
    now = time.time()
    cached = cache.get(key)
    if cached is not None and (cached == 0 or cached > now):
        return cached

    moment = timezone.now()
    candidates = [
        Article.objects.scheduled(at=moment)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    ]
    picks = EditorsPick.objects.aggregate(
        next_start=Min("starts_at", filter=Q(starts_at__gt=moment)),
        next_end=Min("ends_at", filter=Q(ends_at__gt=moment)),
    )
    candidates += [picks["next_start"], picks["next_end"]]
    upcoming = min((when for when in candidates if when is not None), default=None)
    if upcoming is None:
        cache.set(key, 0, timeout=_setting("READER_CACHE_SECONDS", 600))
        return 0
    seconds = upcoming.timestamp() - now
    if seconds >= 1:
        cache.set(key, upcoming.timestamp(), timeout=math.floor(seconds))
    return upcoming.timestamp()


_LOOK_UP = object()


def bounded_lifetime(timeout, upcoming=_LOOK_UP, now=None):
    """``timeout`` seconds, or fewer if a scheduled change comes sooner (0: do not cache).

    ``upcoming`` is the next scheduled change (or None) when the caller already looked it up.
    """
    if upcoming is _LOOK_UP:
        upcoming = next_scheduled_change()
    if upcoming is None:
        return math.floor(timeout)
    now = now or time.time()
    return max(0, math.floor(min(timeout, upcoming.timestamp() - now)))


# Fragments ------------------------------------------------------------------------------


def cached_fragment(name, render, *, timeout=None):
    """A piece of a reader page (usually HTML), made by ``render()`` once per generation.

    Shared by every page and reader that shows it: kept under the content generation, so any
    content change makes it stale at once, and never past the next scheduled change. With
    Redis it is also kept in this process (see ``_LocalCopies``), so a page rebuilt around
    its fragments costs no round trip for them. A cache outage renders it every time.
    """
    timeout = timeout if timeout is not None else _setting("READER_CACHE_SECONDS", 600)
    local_key = "fragment:" + name
    try:
        use_local = _local_copies_in_use()
        generation = current_generation(use_local)
        if use_local:
            value = local_copies.get(local_key, generation)
            if value is not None:
                return value
        digest = hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
        key = f"reader:fragment:{generation}:{digest}"
        value = _cache().get(key)
        lifetime = bounded_lifetime(timeout)
    except Exception:
        logger.exception("Reader fragment cache unavailable")
        return render()
    if lifetime < 1:
        return value if value is not None else render()
    if value is None:
        value = render()
        try:
            _cache().set(key, value, timeout=lifetime)
        except Exception:
            logger.exception("Could not store a reader fragment")
            return value
    if use_local:
        local_copies.put(
            local_key, generation, value, expires=time.time() + lifetime, size=len(value)
        )
    return value


# The decorator ----------------------------------------------------------------------------


def _bypass_cookies():
    return {settings.SESSION_COOKIE_NAME, *_setting("READER_CACHE_BYPASS_COOKIES", ())}


def _wants_fresh_page(request):
    """Signed-in staff and members (anyone with a session) never see a shared copy."""
    cookies = request.COOKIES
    return any(name in cookies for name in _bypass_cookies())


def is_staff_request(request):
    """A signed-in member of staff (looked up only when the request carries a session)."""
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def _address(request):
    """The page's address as the cache sees it: tracking parameters dropped, order ignored."""
    raw_query = request.META.get("QUERY_STRING", "")
    query = ""
    if raw_query:
        query = urlencode(
            sorted(
                (name, value)
                for name, value in parse_qsl(raw_query, keep_blank_values=True)
                if name not in IGNORED_QUERY_PARAMS and not name.startswith(IGNORED_QUERY_PREFIXES)
            )
        )
    return f"{request.scheme}://{request.get_host()}{request.path}?{query}"


def _shared_key(address, generation):
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"reader:page:{generation}:{digest}"


def _etag(content):
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def _cache_control_directives(response):
    header = response.get("Cache-Control", "")
    return {part.strip().split("=", 1)[0].lower() for part in header.split(",") if part.strip()}


def _is_shareable(request, response):
    """Whether this response may be shown to every anonymous reader."""
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "added_new", False):
        return False
    if _cache_control_directives(response) & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= {"cookie", "accept-encoding"}


def _public_cache_control(entry):
    now = time.time()
    remaining = max(0, math.floor(entry[EXPIRES] - now))
    browser = min(_setting("READER_CACHE_BROWSER_SECONDS", 60), remaining)
    shared = min(_setting("READER_CACHE_CDN_SECONDS", 60), remaining)
    value = f"public, max-age={browser}, s-maxage={shared}"
    stale = _setting("READER_CACHE_STALE_SECONDS", 30)
    if entry[BOUND]:
        # A CDN serving stale copies must not hold back a scheduled story either.
        stale = min(stale, max(0, math.floor(entry[BOUND] - now - shared)))
    if stale:
        value += f", stale-while-revalidate={stale}"
    return value


def _answer(request, response, entry, how):
    response["Cache-Control"] = _public_cache_control(entry)
    response["Vary"] = entry[VARY]
    response["ETag"] = entry[ETAG]
    response["Last-Modified"] = entry[LAST_MODIFIED]
    response["X-Reader-Cache"] = how
    meta = request.META
    if (
        "HTTP_IF_NONE_MATCH" in meta
        or "HTTP_IF_MODIFIED_SINCE" in meta
        or "HTTP_IF_MATCH" in meta
        or "HTTP_IF_UNMODIFIED_SINCE" in meta
    ):
        return get_conditional_response(
            request, etag=entry[ETAG], last_modified=int(entry[STORED]), response=response
        )
    return response


def _serve_stored(request, entry):
    response = HttpResponse(entry[CONTENT], content_type=entry[CONTENT_TYPE])
    for name, value in entry[HEADERS]:
        response[name] = value
    return _answer(request, response, entry, "hit")


def _store(response, key, timeout):
    """Store a shareable response, bounded by the next scheduled change. Returns the entry.

    With ``key`` None the entry is made but not put in the shared cache (the caller keeps it
    in this worker only).
    """
    content = response.content
    now = time.time()
    upcoming = next_scheduled_change()
    bound_at = upcoming.timestamp() if upcoming else 0
    lifetime = bounded_lifetime(timeout, upcoming, now)
    if lifetime < 1:
        return None
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in UNSTORED_HEADERS and name.lower() != "content-type"
    ]
    patch_vary_headers(response, ["Cookie"])
    entry = (
        ENTRY_FORMAT,
        content,
        response["Content-Type"],
        headers,
        response["Vary"],
        _etag(content),
        now,
        http_date(now),
        now + lifetime,
        bound_at,
    )
    if key is not None:
        _cache().set(key, entry, timeout=lifetime)
    return entry


def _keep_locally(address, generation, entry):
    local_copies.put(
        "page:" + address, generation, entry, expires=entry[EXPIRES], size=len(entry[CONTENT])
    )


def _mark_fresh_only(response):
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    if not has_vary_header(response, "Cookie"):
        patch_vary_headers(response, ["Cookie"])


def cache_reader_page(view=None, *, timeout=None, shared=True):
    """Serve a reader page to anonymous readers from the shared cache.

    Use as ``cache_reader_page(views.home)`` or ``cache_reader_page(timeout=60)(views.search)``.
    ``timeout`` (seconds, default ``READER_CACHE_SECONDS``) is an upper bound: scheduled
    publications and content changes end an entry sooner.

    ``shared=False`` is for pages that cost hardly more to make than to fetch (a story made
    from its prepared parts: one query): with Redis they are kept in each worker's own copies
    only, so making one costs no round trip to Redis and the long tail of stories read once
    does not crowd the shared cache. Invalidation, headers and 304s are the same.
    """

    def decorator(view_func):
        @functools.wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or _wants_fresh_page(request):
                response = view_func(request, *args, **kwargs)
                if request.method in ("GET", "HEAD") and response.status_code == 200:
                    response.headers.pop("Cache-Control", None)
                    patch_cache_control(response, private=True, no_cache=True)
                    patch_vary_headers(response, ["Cookie"])
                    if not response.streaming and "ETag" not in response:
                        response["ETag"] = _etag(response.content)
                    response["X-Reader-Cache"] = "bypass"
                    return get_conditional_response(
                        request, etag=response["ETag"], response=response
                    )
                return response

            available, key, entry = True, None, None
            try:
                use_local = _local_copies_in_use()
                generation = current_generation(use_local)
                address = _address(request)
                entry = local_copies.get("page:" + address, generation) if use_local else None
                if entry is not None:
                    return _serve_stored(request, entry)
                if shared or not use_local:  # else: kept in this worker only
                    key = _shared_key(address, generation)
                    entry = _cache().get(key)
            except Exception:
                # The cache is an optimisation: an outage serves pages uncached, not errors.
                logger.exception("Reader page cache unavailable")
                available, entry = False, None
            if entry is not None and entry[FORMAT] == ENTRY_FORMAT:
                if use_local:
                    _keep_locally(address, generation, entry)
                return _serve_stored(request, entry)

            response = view_func(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if not available or not _is_shareable(request, response):
                if response.status_code == 200:
                    _mark_fresh_only(response)
                return response
            try:
                entry = _store(
                    response,
                    key,
                    timeout if timeout is not None else _setting("READER_CACHE_SECONDS", 600),
                )
            except Exception:
                logger.exception("Could not store a reader page")
                entry = None
            if entry is None:
                patch_cache_control(response, no_cache=True)
                return response
            if use_local:
                _keep_locally(address, generation, entry)
            return _answer(request, response, entry, "miss")

        wrapper.reader_page_cache = True
        return wrapper

    if view is not None:
        return decorator(view)
    return decorator


# Signals ------------------------------------------------------------------------------------


def _content_saved_or_deleted(sender, using=None, **kwargs):
    invalidate_reader_pages(using=using)


def _relation_changed(sender, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate_reader_pages(using=using)


def reader_content_models():
    """Every model whose change can alter what a reader page shows.

    DailyViews is deliberately absent: the beacon writes it on every read, and the Most Popular
    rail is allowed to lag by one page lifetime.
    """
    from taggit.models import Tag, TaggedItem

    from articles.models import (
        Article,
        Author,
        Byline,
        Correction,
        EditorsPick,
        Photo,
        PinnedRelated,
        Region,
        Rendition,
    )

    return [
        Article,
        Author,
        Byline,
        Correction,
        EditorsPick,
        Photo,
        PinnedRelated,
        Region,
        Rendition,
        Tag,
        TaggedItem,
    ]


def connect_invalidation_signals():
    from articles.models import story_relations

    for model in reader_content_models():
        uid = f"reader-cache-{model._meta.label_lower}"
        post_save.connect(_content_saved_or_deleted, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_content_saved_or_deleted, sender=model, dispatch_uid=uid + "-delete")
    for through in story_relations():
        m2m_changed.connect(
            _relation_changed,
            sender=through,
            dispatch_uid=f"reader-cache-m2m-{through._meta.label_lower}",
        )

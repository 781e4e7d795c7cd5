"""Whole reader pages for anonymous readers: ``cache_reader_page``.

* Only anonymous GET/HEAD requests without a session cookie (or a ``BYPASS_COOKIES`` cookie)
  read or fill it; signed-in staff and members always get a page made for them, marked
  ``private, no-cache``.
* A response that sets a cookie, uses a CSRF token, adds a message, varies on anything but
  Cookie, or is not a plain 200 is never stored, so a per-reader page cannot leak.
* A page is keyed on its address as the view reads it (tracking parameters dropped) and the
  content generation, so any change makes it stale at once; it never outlives the next
  scheduled change; browsers and CDNs get an ETag, Last-Modified and a short max-age.
"""

import functools
import hashlib
import logging
import math
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date

from articles.reader_cache import clock, store
from articles.reader_cache.conf import setting
from articles.reader_cache.store import local_copies

logger = logging.getLogger(__name__)

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


# The decorator ----------------------------------------------------------------------------


def _bypass_cookies():
    return {settings.SESSION_COOKIE_NAME, *setting("BYPASS_COOKIES")}


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
    """The page's address as the view reads it: tracking parameters dropped, and parameters
    put in order of their names, but the values of one name kept in their own order (a view
    reading ``request.GET["q"]`` sees the last ``q``, so ``?q=A&q=B`` is not ``?q=B&q=A``)."""
    raw_query = request.META.get("QUERY_STRING", "")
    query = ""
    if raw_query:
        query = urlencode(
            sorted(
                (
                    (name, value)
                    for name, value in parse_qsl(raw_query, keep_blank_values=True)
                    if name not in IGNORED_QUERY_PARAMS
                    and not name.startswith(IGNORED_QUERY_PREFIXES)
                ),
                key=lambda pair: pair[0],
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
    browser = min(setting("BROWSER_SECONDS"), remaining)
    shared = min(setting("CDN_SECONDS"), remaining)
    value = f"public, max-age={browser}, s-maxage={shared}"
    stale = setting("STALE_SECONDS")
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


def _local_copy(request):
    """``(use_local, generation, address, entry)``: this worker's copy of the page at the
    request's address in the current generation, or ``entry`` None."""
    use_local = store.local_copies_in_use()
    generation = store.current_generation(use_local)
    address = _address(request)
    entry = local_copies.get("page:" + address, generation) if use_local else None
    return use_local, generation, address, entry


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
    bound_at = store.next_change()
    lifetime = clock.lifetime(timeout, bound_at, now)
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
        store.shared().set(key, entry, timeout=lifetime)
    return entry


def _keep_locally(address, generation, entry):
    local_copies.put(
        "page:" + address,
        entry,
        expires=entry[EXPIRES],
        size=len(entry[CONTENT]),
        generation=generation,
    )


def _mark_fresh_only(response):
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    if not has_vary_header(response, "Cookie"):
        patch_vary_headers(response, ["Cookie"])


def _rendered(response):
    """A template response (class-based views answer with one) rendered, so it has content."""
    if hasattr(response, "render") and callable(response.render):
        return response.render()
    return response


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
                    response = _rendered(response)  # its ETag is made from its content
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
                use_local, generation, address, entry = _local_copy(request)
                if entry is not None:
                    return _serve_stored(request, entry)
                if shared or not use_local:  # else: kept in this worker only
                    key = _shared_key(address, generation)
                    entry = store.shared().get(key)
            except Exception:
                # The cache is an optimisation: an outage serves pages uncached, not errors.
                logger.exception("Reader page cache unavailable")
                available, entry = False, None
            if entry is not None and entry[FORMAT] == ENTRY_FORMAT:
                if use_local:
                    _keep_locally(address, generation, entry)
                return _serve_stored(request, entry)

            response = _rendered(view_func(request, *args, **kwargs))
            if not available or not _is_shareable(request, response):
                if response.status_code == 200:
                    _mark_fresh_only(response)
                return response
            try:
                entry = _store(
                    response,
                    key,
                    timeout if timeout is not None else setting("SECONDS"),
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


class ReaderPageMiddleware:
    """Answer an anonymous reader from this worker's copy of the page before anything else
    runs: no session, no CSRF, no sign-in, no URL resolution, only the copy
    ``cache_reader_page`` made. Everything it does not hold (a miss, a request with a session
    or a ``BYPASS_COOKIES`` cookie, anything but GET/HEAD) goes on to the view and its
    decorator, which decide what is kept.

    Only the middleware that shape every reader's response (security headers, the edition's
    language, Content-Length, X-Frame-Options) sit in front of it (``MIDDLEWARE`` in
    ``newsroom/settings.py``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not _wants_fresh_page(request):
            try:
                entry = _local_copy(request)[3]
            except Exception:
                logger.exception("Reader page cache unavailable")
                entry = None
            if entry is not None and entry[FORMAT] == ENTRY_FORMAT:
                return _serve_stored(request, entry)
        return self.get_response(request)

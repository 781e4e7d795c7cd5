"""What the shared rails (Editor's Picks, Most Popular) use: a short-lived cache. A story's
Related rail is chosen when its page is prepared (articles/prepared.py).

Each rail is computed by one small query and kept in the cache for a few minutes, so the
pages that show it cost nothing extra most of the time. Every key carries the reader pages'
content generation (``articles.caching``), which any saved or deleted story, photo, pick or
pin advances, so a story taken down or a pick added shows at once rather than when the cache
expires. Pages keep the rendered rails as fragments for at most ``fragment_seconds()``.
"""

from django.conf import settings
from django.core.cache import cache

from articles.caching import current_generation


def cached(parts, *, timeout, compute):
    """Return the cached value for ``parts``, computing and storing it when missing.

    ``timeout`` is in seconds, or a function of the computed value returning seconds (for
    values that know when they go stale).
    """
    key = ":".join(["rails", str(current_generation()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout(value) if callable(timeout) else timeout)
    return value


def fragment_seconds():
    """How long rendered rails may be kept: no longer than the briefest rail's own lifetime."""
    return min(settings.RAILS_CACHE_SECONDS, settings.POPULAR_CACHE_SECONDS)

"""The reader cache's settings, and their defaults, in one place.

Each is read as ``READER_CACHE_<NAME>`` from Django's settings (and so from the environment,
see ``newsroom/settings.py``), falling back to the default here.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULTS = {
    # The cache alias holding the shared copies (Redis in production).
    "ALIAS": "default",
    # The longest any page, fragment or rail is kept; changes and scheduled times end it sooner.
    "SECONDS": 600,
    # How long browsers and CDNs may keep a page, and serve it stale while they ask again.
    "BROWSER_SECONDS": 60,
    "CDN_SECONDS": 60,
    "STALE_SECONDS": 30,
    # Cookies (besides the session) whose readers always get a page made for them.
    "BYPASS_COOKIES": (),
    # With Redis, each worker keeps its recent copies in memory and checks the shared
    # generation at most this often: a change reaches every worker within that many seconds.
    "LOCAL_SECONDS": 1,
    # The memory each worker gives its copies of whole pages, and apart from them its copies
    # of what pages are made of (fragments, data, cards), which pages cannot push out.
    "LOCAL_BYTES": 4 * 1024 * 1024,
    "LOCAL_DATA_BYTES": 2 * 1024 * 1024,
    # Most Popular may lag the reads by this long (reads are not content changes).
    "POPULAR_SECONDS": 300,
    # Prepared story parts and cards older than this are made again, so an older story's
    # Related rail takes in newer stories that only share a region with it.
    "PREPARED_MAX_AGE": 24 * 3600,
}


_values = {}  # read once per process: every cached page asks for several


def setting(name):
    try:
        return _values[name]
    except KeyError:
        value = _values[name] = getattr(settings, f"READER_CACHE_{name}", DEFAULTS[name])
        return value


@receiver(setting_changed, dispatch_uid="articles.reader_cache.conf.forget")
def _forget_values(*, setting, **kwargs):
    if setting.startswith("READER_CACHE_"):
        _values.clear()

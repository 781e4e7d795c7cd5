"""The reader cache: everything kept so reader pages cost little, in one mechanism.

* ``registry``: what each change outdates. Models register themselves; any registered change
  advances the content generation, and may outdate the prepared stories that show it.
* ``store``: this worker's copies in front of the shared cache; ``get_or_make`` for fragments
  and data under the generation, ``get_or_make_versioned`` for prepared cards.
* ``clock``: the one rule for time: nothing is kept past the next scheduled change.
* ``pages``: whole pages for anonymous readers (``cache_reader_page``), answered from this
  worker's copies ahead of the rest of the request (``ReaderPageMiddleware``).
* ``conf``: its settings and their defaults.

It imports no models: the content registers with it (``articles/prepared.py``).
"""

from articles.reader_cache.clock import register_boundary
from articles.reader_cache.conf import setting
from articles.reader_cache.pages import ReaderPageMiddleware, cache_reader_page, is_staff_request
from articles.reader_cache.registry import outdate_everything, register, register_relation
from articles.reader_cache.store import (
    bounded_lifetime,
    get_or_make,
    get_or_make_versioned,
    local_copies,
)

__all__ = [
    "ReaderPageMiddleware",
    "bounded_lifetime",
    "cache_reader_page",
    "get_or_make",
    "get_or_make_versioned",
    "is_staff_request",
    "local_copies",
    "outdate_everything",
    "register",
    "register_boundary",
    "register_relation",
    "setting",
]

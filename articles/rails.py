"""What the three rails (Editor's Picks, Most Popular, Related) share: a short-lived cache.

Each rail is computed by one small query and kept in the cache for a few minutes, so the
pages that show it cost nothing extra most of the time. Every key carries a version that
changes whenever an editor saves or deletes a story, a pick or a pin (after the transaction
commits), so a story taken down or a pick added shows at once rather than when the cache
expires. The receivers below are connected in ``ArticlesConfig.ready()``.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from articles.models import Article, EditorsPick, Photo, PinnedRelated, Rendition

VERSION_KEY = "rails:version"


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


def cached(parts, *, timeout, compute):
    """Return the cached value for ``parts``, computing and storing it when missing.

    ``timeout`` is in seconds, or a function of the computed value returning seconds (for
    values that know when they go stale).
    """
    key = ":".join(["rails", str(_version()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout(value) if callable(timeout) else timeout)
    return value


def invalidate():
    """Forget every cached rail (they are recomputed on the next page view)."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def _invalidate_after_commit(**kwargs):
    # Now, and again once the change is committed: a reader who recomputed a rail between the
    # save and the commit saw the old data, and must not keep it.
    invalidate()
    transaction.on_commit(invalidate)


for _model in (Article, EditorsPick, PinnedRelated, Photo, Rendition):
    post_save.connect(_invalidate_after_commit, sender=_model, dispatch_uid=f"rails-save-{_model}")
    post_delete.connect(
        _invalidate_after_commit, sender=_model, dispatch_uid=f"rails-delete-{_model}"
    )


@receiver(m2m_changed, dispatch_uid="rails-m2m")
def _article_tags_or_regions_changed(sender, instance, action, **kwargs):
    # Tags and extra regions are saved after the story itself; related lists depend on them.
    if isinstance(instance, Article) and action in {"post_add", "post_remove", "post_clear"}:
        _invalidate_after_commit()

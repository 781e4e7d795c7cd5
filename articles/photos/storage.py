"""Where photo originals are kept, and when their files go.

Originals live in ``STORAGES["originals"]``: by default a folder outside MEDIA_ROOT
(``ORIGINALS_ROOT``) whose files have no address at all, so nothing a reader can fetch ever
points at one. Renditions stay in the default, public storage.

A file is written before its row is saved, so the files follow the transaction: one written for
a save that rolls back is deleted, and one that a save or a delete makes obsolete is deleted
only once that commits (a rollback then still finds it).
"""

import logging
import weakref

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

logger = logging.getLogger(__name__)

ORIGINALS = "originals"


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder whose files have no URL: asking for one is a mistake, and fails loudly.

    The staff see an original through the admin's preview (``PhotoAdmin.preview_view``),
    readers only through its renditions.
    """

    def url(self, name):
        raise ValueError(
            f"{name!r} is a photo original, which has no public address: show a rendition "
            "(articles.images.picture_for) or link the admin's preview."
        )


class OriginalsStorage(LazyObject):
    """``STORAGES["originals"]``, looked up when first used and again after a settings change
    (as Django's own ``default_storage`` is), so tests and settings overrides reach it."""

    def _setup(self):
        self._wrapped = storages[ORIGINALS]


originals = OriginalsStorage()


def originals_storage():
    """The storage of ``Photo.image``: a callable, so migrations name it rather than a backend."""
    return originals


@receiver(setting_changed, dispatch_uid="articles.photos.storage.settings")
def _forget_originals_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        originals._wrapped = empty


def resolved(storage):
    """The storage behind a lazy one: a file is deleted where it was written, even if the
    settings changed in between."""
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        return storage._wrapped
    return storage


def _delete(storage, name):
    try:
        storage.delete(name)
    except Exception:  # A file left behind is tidied by hand; the caller's work stands.
        logger.exception("Could not delete %s", name)


def delete_after_commit(storage, name, *, using=None):
    """Delete ``name`` once the current transaction commits (at once outside one)."""
    storage = resolved(storage)
    transaction.on_commit(lambda: _delete(storage, name), using=using)


class _KeepOnCommit:
    """Registered with ``on_commit``: called on commit, it keeps the file; dropped unrun, when
    the transaction or the savepoint it was registered in rolls back, it deletes it.

    Django has no hook for a rollback, but a rollback discards the callbacks registered inside
    it, and this one is then collected at once (nothing else refers to it): the finalizer runs.
    """

    def __init__(self, storage, name):
        self._finalizer = weakref.finalize(self, _delete, storage, name)
        self._finalizer.atexit = False  # a process that stops mid-transaction deletes nothing

    def __call__(self):
        self._finalizer.detach()


def delete_if_rolled_back(storage, name, *, using=None):
    """Delete ``name``, just written, if the transaction it was written for rolls back."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return  # autocommit: there is nothing to roll back
    transaction.on_commit(_KeepOnCommit(resolved(storage), name), using=using)

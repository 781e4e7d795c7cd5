"""What each change outdates: the one registry.

Every model whose change can alter what a reader sees registers itself here (the reader cache
knows no models). Any save or delete of one, or any change to a registered many-to-many
table, advances the content generation (``store``) now and again when the transaction commits;
the second time matters, because a reader request running while the editor's transaction is
open renders the old content and would otherwise store it under the new generation. A model
may also name what else its change outdates (``outdates``): the prepared parts and cards of
the stories that show it.

Bulk updates (``QuerySet.update()``, ``bulk_create``) send no signals: code changing reader
content that way calls ``outdate_everything()`` (and outdates the stories it changed).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from articles.reader_cache import store

_registered = {}


def outdate_everything(using=None):
    """Make every page, fragment and rail stale now, and again when the transaction commits."""
    store.advance_generation()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(store.advance_generation, using=using)


def register(model, outdates=None, *, before_delete=None):
    """Outdate reader pages whenever a ``model`` row is saved or deleted.

    ``outdates(instance, deleted=…)`` outdates what else shows the row (not for fixtures
    loaded raw); ``before_delete(instance)`` runs before a delete, while the row's relations
    can still be read.
    """
    uid = f"reader-cache-{model._meta.label_lower}"
    _registered[model] = outdates

    def saved(sender, instance, raw=False, using=None, **kwargs):
        outdate_everything(using)
        if outdates is not None and not raw:
            outdates(instance, deleted=False)

    def deleted(sender, instance, using=None, **kwargs):
        outdate_everything(using)
        if outdates is not None:
            outdates(instance, deleted=True)

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid + "-delete")
    if before_delete is not None:
        pre_delete.connect(
            lambda sender, instance, **kwargs: before_delete(instance),
            sender=model,
            weak=False,
            dispatch_uid=uid + "-before-delete",
        )


def register_relation(through, outdates=None):
    """Outdate reader pages when rows are added to or taken from a many-to-many table;
    ``outdates(instance, action=…, model=…, pk_set=…)`` as for ``register``."""

    def changed(sender, instance, action, model, pk_set, using=None, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        outdate_everything(using)
        if outdates is not None:
            outdates(instance, action=action, model=model, pk_set=pk_set)

    _registered[through] = outdates
    m2m_changed.connect(
        changed,
        sender=through,
        weak=False,
        dispatch_uid=f"reader-cache-m2m-{through._meta.label_lower}",
    )


def registered_models():
    """Every registered model and many-to-many table."""
    return list(_registered)

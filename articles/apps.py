from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        # Signal handlers: rendition upkeep and the search document; revisions' comments.
        from articles import images, outdating, revisions, search  # noqa: F401

        # What each change outdates, in the reader cache's one registry.
        outdating.connect()
        # A release migrates: its templates and catalogues may word every cached page anew.
        post_migrate.connect(_new_release, sender=self)
        # Every save of a story through the desk keeps a revision of it.
        revisions.register()


def _new_release(using, **kwargs):
    """Every page, fragment and rail the reader cache keeps was made by the code before this
    ``migrate``; none is served again (prepared parts know their own: their fingerprint)."""
    from articles import reader_cache

    reader_cache.outdate_everything(using=using)

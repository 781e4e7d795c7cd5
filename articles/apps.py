from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        # Signal handlers: rendition upkeep and the search document; revisions' comments.
        from articles import images, outdating, revisions, search  # noqa: F401

        # What each change outdates, in the reader cache's one registry.
        outdating.connect()
        # Every save of a story through the desk keeps a revision of it.
        revisions.register()

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        # Signal handlers: rendition upkeep and the search document.
        from articles import images, prepared, search  # noqa: F401
        from articles.caching import connect_invalidation_signals

        # Reader pages are cached; any content change makes them fresh at once.
        connect_invalidation_signals()
        # Story pages are prepared ahead of readers; a change outdates the pages showing it.
        prepared.connect_signals()

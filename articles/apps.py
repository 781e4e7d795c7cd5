from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        # Signal handlers: rendition upkeep and the search document.
        from articles import images, outdating, search  # noqa: F401

        # What each change outdates, in the reader cache's one registry.
        outdating.connect()

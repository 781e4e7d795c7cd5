from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        from articles.caching import connect_invalidation_signals

        connect_invalidation_signals()

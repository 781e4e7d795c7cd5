from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        from articles import (
            rails,  # noqa: F401  (connects the rails' cache invalidation)
            search,  # noqa: F401  keeps the search document current on save
        )

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        # Connects the signal handlers that keep a photo's renditions in step with it.
        from articles import images  # noqa: F401

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom site"

    def ready(self):
        from newsroom import identity  # noqa: F401  (registers the logo's and icons' check)

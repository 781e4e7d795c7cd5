from django.apps import AppConfig


class MembershipsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "memberships"
    verbose_name = "Memberships"

    def ready(self):
        from articles import reader_cache
        from memberships.models import Plan

        # The join box under every story shows the plans on offer.
        reader_cache.register(Plan)

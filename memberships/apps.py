from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class MembershipsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "memberships"
    verbose_name = "Memberships"

    def ready(self):
        from memberships.models import Plan
        from memberships.templatetags.memberships import forget_offered_plans

        post_save.connect(forget_offered_plans, sender=Plan, dispatch_uid="plans-changed")
        post_delete.connect(forget_offered_plans, sender=Plan, dispatch_uid="plans-deleted")

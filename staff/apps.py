from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff sign-in"

    def ready(self):
        from staff import checks  # noqa: F401  (registers the system check)

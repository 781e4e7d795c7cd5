from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "newsroom-local"


class Command(BaseCommand):
    help = "Create (or reuse) the local development admin account and say how to log in."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "local_admin only runs with DEBUG on: it sets a well-known password. "
                "In production use `manage.py createsuperuser`."
            )
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.org"}
        )
        if created or not user.has_usable_password():
            user.set_password(PASSWORD)
        user.is_staff = user.is_superuser = user.is_active = True
        user.save()
        verb = "Created" if created else "Reusing"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the local admin account. Log in at http://127.0.0.1:8000/admin/ "
                f"as “{USERNAME}” with the password “{PASSWORD}”"
                + ("" if created else " (unless you changed it)")
                + "."
            )
        )

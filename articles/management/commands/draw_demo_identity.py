from django.core.management.base import BaseCommand

from articles.demo.identity import write_icons


class Command(BaseCommand):
    help = (
        "Draw the demo newsroom's icons (browser tab, home screen, web app manifest) into "
        "MEDIA_ROOT/identity/, for SITE_ICONS=/media/identity/ as `make run` sets it. "
        "Safe to run again: it draws them afresh."
    )

    def handle(self, *args, **options):
        names = write_icons()
        self.stdout.write(
            self.style.SUCCESS(f"Drew {len(names)} icons in {names[0].rsplit('/', 1)[0]}/.")
        )

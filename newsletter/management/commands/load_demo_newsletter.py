from django.core.management.base import BaseCommand

from newsletter.demo import FIRST_NAMES, load_demo_newsletter


class Command(BaseCommand):
    help = (
        "Add the demo newsroom's newsletter readers (where they signed up, most confirmed) and "
        "yesterday's daily digest as sent to them. Safe to run again."
    )

    def handle(self, *args, **options):
        if not load_demo_newsletter():
            self.stdout.write("The demo newsletter readers are already there; nothing to add.")
            return
        self.stdout.write(
            self.style.SUCCESS(f"Added {len(FIRST_NAMES)} newsletter readers and a sent digest.")
        )

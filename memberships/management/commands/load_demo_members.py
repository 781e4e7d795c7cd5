from django.core.management.base import BaseCommand

from memberships.demo import MEMBERS, load_demo_members


class Command(BaseCommand):
    help = (
        "Add the demo newsroom's members: a dozen readers with a few months of payments, some "
        "past due, some cancelling, some canceled. Safe to run again: known members are left "
        "as they are."
    )

    def handle(self, *args, **options):
        added = load_demo_members()
        if not added:
            self.stdout.write("The demo members are already there; nothing to add.")
            return
        self.stdout.write(self.style.SUCCESS(f"Added {added} of the {len(MEMBERS)} demo members."))

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter import scheduling
from newsletter.tasks import plan_digests


class Command(BaseCommand):
    help = (
        "Make the next daily and weekly digests and queue their sending for the task worker "
        "(`make run` and `make serve` run it before the worker starts). Safe to run again."
    )

    def handle(self, *args, **options):
        plan_digests.enqueue()
        for digest in scheduling.waiting():
            when = timezone.localtime(digest.send_at)
            self.stdout.write(
                f"{digest} ({digest.edition}): {digest.status}, {when:%Y-%m-%d %H:%M %Z}"
            )

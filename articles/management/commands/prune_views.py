from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import DailyViews

# The 7-day window reads today and the seven days before it.
SHORTEST_RETENTION = 8


class Command(BaseCommand):
    help = (
        "Delete daily read totals older than POPULARITY_RETENTION_DAYS (or --days). "
        "Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.POPULARITY_RETENTION_DAYS,
            help="Keep this many days of totals, today included "
            f"(default {settings.POPULARITY_RETENTION_DAYS}, at least {SHORTEST_RETENTION}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be deleted, delete nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < SHORTEST_RETENTION:
            raise CommandError(
                f"--days must be at least {SHORTEST_RETENTION}: Most Popular's 7-day window "
                "needs that many days of totals."
            )
        cutoff = timezone.localdate() - timedelta(days=days - 1)
        old = DailyViews.objects.filter(day__lt=cutoff)
        if dry_run:
            self.stdout.write(f"Would delete {old.count()} daily totals from before {cutoff}.")
            return
        deleted, _ = old.delete()
        self.stdout.write(
            self.style.SUCCESS(f"Deleted {deleted} daily totals from before {cutoff}.")
        )

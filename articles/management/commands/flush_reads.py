from django.core.management.base import BaseCommand

from articles.rails.counting import flush_pending_reads, read_buffer


class Command(BaseCommand):
    help = (
        "Add the reads that beacons counted in Redis to the daily totals. Beacons do this "
        "themselves every BEACON_FLUSH_SECONDS while readers are around; run this from cron "
        "(e.g. every minute) when BEACON_FLUSH_SECONDS is 0, or to flush before a report."
    )

    def handle(self, *args, **options):
        if read_buffer() is None:
            self.stdout.write("The cache is not Redis: reads go straight to the database.")
            return
        flushed = flush_pending_reads()
        message = f"Added {flushed.reads} reads to {flushed.totals} daily totals."
        if flushed.dropped:
            message += f" Dropped {flushed.dropped} reads of stories that are not published."
        self.stdout.write(self.style.SUCCESS(message))

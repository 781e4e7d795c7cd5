import multiprocessing
import time

from django.core.management.base import BaseCommand
from django.db import connections

from articles.prepared import outdated_story_ids, prepare_stories


def _prepare_share(ids):
    # A forked worker must not share the parent's database connection.
    connections.close_all()
    return prepare_stories(ids)


class Command(BaseCommand):
    help = (
        "Prepare the page of every published or scheduled story whose page is missing or out "
        "of date: after importing stories in bulk, or after a release, so that no reader has "
        "to wait for a story to be rendered. Readers prepare a missing page themselves too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Processes to prepare pages in (one per core is fastest).",
        )

    def handle(self, *args, jobs, **options):
        started = time.monotonic()
        ids = outdated_story_ids()
        if jobs > 1 and len(ids) > jobs:
            shares = [ids[n::jobs] for n in range(jobs)]
            connections.close_all()
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                count = sum(pool.map(_prepare_share, shares))
        else:
            count = prepare_stories(ids)
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Prepared {count} story pages in {seconds:.1f} s."))

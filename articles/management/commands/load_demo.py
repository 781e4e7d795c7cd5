from django.core.management.base import BaseCommand

from articles.demo.loader import load_demo
from articles.models import Article
from articles.prepared import outdated_story_ids, prepare_stories

# What the summary reports, in this order: (key in load_demo's counts, singular, plural).
SUMMARY = [
    ("regions", "region", "regions"),
    ("authors", "author", "authors"),
    ("photos", "photo", "photos"),
    ("published articles", "published story", "published stories"),
    ("live blogs", "live blog", "live blogs"),
    ("scheduled articles", "scheduled story", "scheduled stories"),
    ("in review articles", "story in review", "stories in review"),
    ("draft articles", "draft", "drafts"),
    ("corrections", "correction", "corrections"),
    ("live updates", "live update", "live updates"),
    ("story revisions", "story revision", "story revisions"),
    ("desk accounts", "desk account", "desk accounts"),
    ("editor's picks", "Editor's Pick", "Editor's Picks"),
    ("pinned related stories", "pinned related story", "pinned related stories"),
    ("daily view counts", "daily read count", "daily read counts"),
    ("words in Russian", "name or caption in Russian", "names and captions in Russian"),
]


class Command(BaseCommand):
    help = (
        "Create the demo newsroom (regions, authors, about eighty-five stories in English and "
        "Russian with drawn photos, Editor's Picks and two weeks of read history). Safe to run "
        "again: it only adds what is missing and never changes what exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds any article.",
        )
        parser.add_argument(
            "--renditions-by-worker",
            action="store_true",
            help="Leave the photos' renditions to the task worker: quicker to load, and pages "
            "show each photo once the worker has made its sizes.",
        )

    def handle(self, *args, if_empty=False, renditions_by_worker=False, **options):
        if if_empty and Article.objects.exists():
            self.stdout.write(
                "The database already has articles; the demo newsroom was not loaded."
            )
            return
        created = load_demo(renditions=not renditions_by_worker)
        if not created:
            self.stdout.write("The demo newsroom is already loaded; nothing to add.")
            return
        # Stories added later made their neighbours' Related rails out of date: prepare them
        # all now, as cron's prepare_pages would, so no demo reader waits for a story.
        prepare_stories(outdated_story_ids())
        listed = ", ".join(
            f"{count} {singular if count == 1 else plural}"
            for key, singular, plural in SUMMARY
            if (count := created.get(key))
        )
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo newsroom: {listed}."))

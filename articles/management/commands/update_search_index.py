from django.core.management.base import BaseCommand

from articles.fulltext import is_full_text, update_search_vectors
from articles.models import Article
from articles.reader_cache import outdate_everything


class Command(BaseCommand):
    help = (
        "Rebuild every article's full-text search document (PostgreSQL). Run once after "
        "importing articles with raw SQL or after changing how the document is built."
    )

    def handle(self, *args, **options):
        articles = Article.objects.all()
        if not is_full_text(articles):
            self.stdout.write("This database has no full-text search; nothing to update.")
            return
        count = update_search_vectors(articles)
        # Bulk updates send no signals: cached search pages must learn of the new documents.
        outdate_everything()
        self.stdout.write(self.style.SUCCESS(f"Updated the search document of {count} articles."))

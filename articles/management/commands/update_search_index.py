from django.core.management.base import BaseCommand

from articles.caching import invalidate_reader_pages
from articles.models import Article
from articles.search import is_full_text, update_search_vectors


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
        invalidate_reader_pages()
        self.stdout.write(self.style.SUCCESS(f"Updated the search document of {count} articles."))

"""The search page, and keeping each story's stored search document current (PostgreSQL).

How stories are matched, ranked and excerpted is ``articles.fulltext``.
"""

from django.core.paginator import Paginator
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.shortcuts import render

from articles import prepared
from articles.fulltext import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_PAGE,
    SEARCHED_FIELDS,
    clean_query,
    excerpt,
    is_full_text,
    query_terms,
    update_search_vectors,
)
from articles.models import Article
from articles.reader_cache import is_staff_request

__all__ = ["MAX_QUERY_LENGTH", "RESULTS_PER_PAGE", "search"]


@receiver(post_save, sender=Article, dispatch_uid="articles.search.document")
def keep_search_document_current(sender, instance, using, update_fields=None, **kwargs):
    if update_fields is not None and not SEARCHED_FIELDS.intersection(update_fields):
        return
    update_search_vectors(sender._base_manager.using(using).filter(pk=instance.pk))


def search(request):
    """The search page: a form, and when there is a query, one page of ranked results."""
    query, shortened = clean_query(request.GET.get("q", ""))
    newest_first = request.GET.get("sort") == "newest"
    has_words = bool(query_terms(query))
    page = None
    if has_words:
        results = Article.objects.published().search(query)
        # The cards are prepared: only what finds them, and what the excerpt is made from.
        excerpt_fields = () if is_full_text(results) else ("standfirst", "body")
        results = results.only("pk", *excerpt_fields).annotate(card_version=F("prepared__version"))
        if newest_first:
            results = results.latest_first()
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        for article, card in zip(
            page.object_list,
            prepared.cards(page.object_list, "result", fresh=is_staff_request(request)),
            strict=True,
        ):
            article.excerpt = excerpt(article, query)
            article.card = card
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "shortened": shortened,
            "newest_first": newest_first,
            "has_words": has_words,
            "page_obj": page,
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )

"""The search page, and keeping each story's stored search document current (PostgreSQL).

How stories are matched, ranked and excerpted is ``articles.fulltext``.
"""

from typing import NamedTuple

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.safestring import mark_safe

from articles import prepared, reader_cache
from articles.fulltext import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_PAGE,
    SEARCHED_FIELDS,
    clean_query,
    excerpts,
    query_terms,
    update_search_vectors,
)
from articles.models import Article
from articles.pagination import CountedPaginator
from articles.reader_cache import is_staff_request
from articles.reader_cache.store import digest
from newsroom import editions

__all__ = ["KEPT_SECONDS", "MAX_QUERY_LENGTH", "RESULTS_PER_PAGE", "search"]

# How long a page of results, its count and its ranking are kept: a query is the reader's own
# words, so random ones from a bot must not fill the shared cache for long.
KEPT_SECONDS = 60


@receiver(post_save, sender=Article, dispatch_uid="articles.search.document")
def keep_search_document_current(sender, instance, using, update_fields=None, **kwargs):
    if update_fields is not None and not SEARCHED_FIELDS.intersection(update_fields):
        return
    update_search_vectors(sender._base_manager.using(using).filter(pk=instance.pk))


def search(request):
    """The search page: a form, and when there is a query, one page of ranked results.

    The ranking is one query over the stories' ids; how many match, each page of the ranking
    (until the next change), each result's card and each excerpt (per story version and
    query) are kept by the reader cache.
    """
    query, shortened = clean_query(request.GET.get("q", ""))
    newest_first = request.GET.get("sort") == "newest"
    has_words = bool(query_terms(query))
    page = None
    if has_words:
        edition = editions.current()
        published = Article.objects.published().in_edition(edition)
        asked = digest(query)

        def results():
            found = published.search(query, edition)
            return found.latest_first() if newest_first else found

        def rows():
            return (
                results()
                .with_card("result", prepared.fingerprint())
                .values_list("pk", "card_version", "result_card", named=True)
            )

        count = reader_cache.get_or_make(
            f"search:count:{asked}", lambda: results().count(), timeout=KEPT_SECONDS
        )
        order = "newest" if newest_first else "best"
        page = CountedPaginator(
            rows,
            RESULTS_PER_PAGE,
            count=count,
            kept_as=f"search:{order}:{asked}",
            timeout=KEPT_SECONDS,
        ).get_page(request.GET.get("page"))
        listed = list(page.object_list)
        cards = prepared.cards(listed, "result", fresh=is_staff_request(request))
        names = {f"excerpt:{asked}:{row.pk}:{row.card_version}": row.pk for row in listed}

        def make(missing):
            made = excerpts(published, [names[name] for name in missing], query, edition)
            return {name: made[names[name]] for name in missing if names[name] in made}

        found = (
            reader_cache.get_or_make_versioned(list(names), make, timeout=KEPT_SECONDS)
            if all(row.card_version is not None for row in listed)
            else make(list(names))  # a story never prepared: its excerpt is made for now
        )
        page.object_list = [
            Result(row.pk, card, mark_safe(found.get(name, "")))  # made by fulltext, escaped
            for row, card, name in zip(listed, cards, names, strict=True)
        ]
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


class Result(NamedTuple):
    pk: int
    card: str
    excerpt: str

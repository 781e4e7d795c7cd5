"""Reader pages cost a fixed number of queries, however many stories, authors and tags they show.

This is the one table of what each reader page may cost. Other tests that count a page's
queries (the rails, search) read their budget from it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    DailyViewsFactory,
    EditorsPickFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

# Queries per page, in three states:
# - cold: nothing cached (no page, fragment or rail) and, for a story, a page nobody prepared
#   yet (tests run no commit hooks): the page itself with the region navigation and the join
#   box's plans, its rails (picks with their fallbacks, most read, related), the page cache
#   asking when the next scheduled change is due, and a story's first reader storing its
#   prepared page for the next, with its published translations (for hreflang and the
#   language switcher); a list page counts its stories in every edition at once (a tag's
#   page links only the editions that list the tag);
# - parts: the page at an address never served (another page number, a new query string, a
#   signed-in reader) while its shared parts are cached: header, footer, join box, rails,
#   a story's prepared page, every story's prepared cards, and the data kept until the next
#   change (a list's subject, count and the stories each of its pages shows, the home page's
#   latest stories and region sections): a list page then costs no query at all, but for
#   search excerpts of stories never prepared (kept once their page is);
# - cached: the page itself served from the page cache.
BUDGETS = {
    #          cold  parts  cached
    "home": (12, 0, 0),
    "article": (22, 1, 0),
    "region": (13, 0, 0),
    "tag": (9, 0, 0),
    "author": (9, 0, 0),
    "search": (9, 1, 0),
}
COLD, PARTS, CACHED = 0, 1, 2
# Another edition's pages made cold also fetch its words: one query per kind of row the reader
# cache keeps whole (regions, tags, authors; until the next content change) and one for the
# photos of each set of cards or parts made. Never more with more stories.
WORDING = {"home": 5, "article": 7, "region": 2, "tag": 4, "author": 3, "search": 3}


def budget_in(edition, page):
    cold, parts, cached = BUDGETS[page]
    return (cold + (WORDING[page] if edition != "en" else 0), parts, cached)


def budget(page, state=COLD):
    return BUDGETS[page][state]


def newsroom(settings):
    settings.POPULAR_MIN_READS = 1
    regions = [RegionFactory(slug=f"region-{n}", name=f"Region {n}") for n in range(3)]
    star = AuthorFactory(slug="star", name="Star Reporter")
    # Unpublished stories cost nothing either.
    ArticleFactory(draft=True, primary_region=regions[0], authors=[star], tag_names=["politics"])
    ArticleFactory(scheduled=True, primary_region=regions[0], tag_names=["politics"])
    return regions, star


def add_stories(regions, star, per_region, language="en"):
    """More stories in every region, each with its own authors, tags, corrections and reads;
    some picked. In the Russian edition, regions have Russian names."""
    for region in regions:
        if language != "en" and not region.wording.filter(language=language).exists():
            region.wording.create(language=language, name=f"Регион {region.pk}")
        for n in range(per_region):
            article = ArticleFactory(
                language=language,
                primary_region=region,
                authors=[star, AuthorFactory(), AuthorFactory()],
                tag_names=["politics", f"tag-{region.pk}-{n}-{article_count()}", "elections"],
            )
            article.regions.add(*[r for r in regions if r != region])
            CorrectionFactory(article=article)
            CorrectionFactory(article=article)
            DailyViewsFactory(article=article, views=10 + n)
            if n % 4 == 0:
                EditorsPickFactory(article=article)


def article_count():
    from articles.models import Article

    return Article.objects.count()


def pages(language="en"):
    from articles.models import Article

    with translation.override(language):
        newest = Article.objects.published().in_edition(language).latest_first().first()
        return _pages(newest)


def _pages(newest):
    return {
        "home": reverse("articles:home"),
        "article": newest.get_absolute_url(),
        "region": reverse("articles:region", kwargs={"slug": "region-0"}),
        "tag": reverse("articles:tag", kwargs={"slug": "politics"}),
        "author": reverse("articles:author", kwargs={"slug": "star"}),
        "search": reverse("articles:search") + "?q=story",
    }


def another_address(url):
    # Not a tracking parameter: those share the page's cached copy.
    return url + ("&" if "?" in url else "?") + "shared-from=elsewhere"


def costs(client, url):
    """Queries of the page cold, at a new address with its parts cached, then cached itself."""
    counts = []
    for address in (url, another_address(url), url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, address
        counts.append(len(queries))
    return tuple(counts)


@pytest.mark.parametrize("edition", ["en", "ru"])
@pytest.mark.parametrize("page", list(BUDGETS))
def test_reader_page_queries_do_not_grow_with_content(client, settings, page, edition):
    regions, star = newsroom(settings)
    add_stories(regions, star, per_region=4, language=edition)
    few = costs(client, pages(edition)[page])

    regions += [RegionFactory(), RegionFactory()]  # more home sections, still one query
    # 37 stories: more than a whole page of every list
    add_stories(regions, star, per_region=5, language=edition)
    many = costs(client, pages(edition)[page])

    limits = budget_in(edition, page)
    assert all(cost <= limit for cost, limit in zip(few, limits, strict=True)), (
        f"{edition} {page}: {few} queries (cold, parts cached, cached) against a budget of {limits}"
    )
    # Fewer is fine: with few stories the Related rail needs a second query to fill up.
    assert all(m <= f for m, f in zip(many, few, strict=True)), (
        f"{page}: {few} queries with a few stories, {many} with many"
    )

"""Reader pages cost a fixed number of queries, however many stories, authors and tags they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, RegionFactory

pytestmark = pytest.mark.django_db

# Everything cold (no page, fragment or rail cached): the page itself with the region
# navigation and the join box's plans, its rails (picks with their fallbacks, most read,
# related) and the page cache asking when the next scheduled change is due. The article page
# here is one nobody prepared yet (tests run no commit hooks): its reader looks the story up,
# loads it whole, and stores the prepared page (four writes) for the next. Once prepared,
# the lookup is all it costs (tests/articles/test_prepared.py).
BUDGET = {"home": 17, "article": 25, "region": 11, "tag": 10, "author": 9}


def newsroom():
    regions = [RegionFactory(slug=f"region-{n}", name=f"Region {n}") for n in range(3)]
    star = AuthorFactory(slug="star", name="Star Reporter")
    # Unpublished stories cost nothing either.
    ArticleFactory(draft=True, primary_region=regions[0], authors=[star], tag_names=["politics"])
    ArticleFactory(scheduled=True, primary_region=regions[0], tag_names=["politics"])
    return regions, star


def add_stories(regions, star, per_region):
    """More stories in every region, each with its own photo, authors, tags and correction."""
    for region in regions:
        for _ in range(per_region):
            article = ArticleFactory(
                primary_region=region,
                authors=[star, AuthorFactory(), AuthorFactory()],
                tag_names=["politics", f"tag-{region.pk}-{_}-{article_count()}", "elections"],
            )
            article.regions.add(*[r for r in regions if r != region])
            CorrectionFactory(article=article)
            CorrectionFactory(article=article)


def article_count():
    from articles.models import Article

    return Article.objects.count()


def pages():
    from articles.models import Article

    newest = Article.objects.published().latest_first().first()
    return {
        "home": reverse("articles:home"),
        "article": newest.get_absolute_url(),
        "region": reverse("articles:region", kwargs={"slug": "region-0"}),
        "tag": reverse("articles:tag", kwargs={"slug": "politics"}),
        "author": reverse("articles:author", kwargs={"slug": "star"}),
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", list(BUDGET))
def test_reader_page_queries_do_not_grow_with_content(client, page, django_assert_max_num_queries):
    regions, star = newsroom()
    add_stories(regions, star, per_region=4)
    with django_assert_max_num_queries(BUDGET[page]):
        assert client.get(pages()[page]).status_code == 200
    few = count_queries(client, pages()[page])

    regions += [RegionFactory(), RegionFactory()]  # more home sections, still one query
    add_stories(regions, star, per_region=12)  # enough to fill a whole page of every list
    with django_assert_max_num_queries(BUDGET[page]):
        assert client.get(pages()[page]).status_code == 200
    many = count_queries(client, pages()[page])
    assert many == few, f"{page}: {few} queries with a few stories, {many} with many"

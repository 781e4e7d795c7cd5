"""The rails on the reader's pages: what they show, and what they cost."""

from datetime import timedelta

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.rails.related import choose_related
from tests.articles.test_query_budgets import PARTS, budget
from tests.dom import active_content, one, parse, text, texts
from tests.factories import (
    ArticleFactory,
    DailyViewsFactory,
    EditorsPickFactory,
    PinnedRelatedFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def rail(page, name):
    """The rail (picks, popular or related) of a parsed page, by the heading that labels it."""
    return one(page, f'section[aria-labelledby="rail-{name}-heading"]')


def heading_and_headlines(rail):
    return text(one(rail, "h2")), texts(rail, ".rail__headline")


def newsroom(size, settings):
    """A newsroom with ``size`` stories, some picked, some read, some pinned."""
    settings.POPULAR_MIN_READS = 1
    regions = RegionFactory.create_batch(3)
    stories = [
        ArticleFactory(
            primary_region=regions[n % 3],
            tag_names=["energy"] if n % 2 else ["border", "energy"],
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
        for n in range(size)
    ]
    for n, article in enumerate(stories):
        DailyViewsFactory(article=article, views=10 + n)
        stories[0].regions.add(regions[(n + 1) % 3])
    for article in stories[1:5]:
        EditorsPickFactory(article=article)
    PinnedRelatedFactory(article=stories[0], related=stories[-1])
    return regions, stories


def test_home_shows_editors_picks_and_most_read(client, settings):
    settings.POPULAR_MIN_READS = 1
    picked = EditorsPickFactory(article__headline="Why the pass closes in winter").article
    read = DailyViewsFactory(article__headline="Queues at the border", views=99).article
    page = parse(client.get(reverse("articles:home")))
    assert heading_and_headlines(rail(page, "picks")) == ("Editor’s Picks", [picked.headline])
    assert heading_and_headlines(rail(page, "popular")) == ("Most read", [read.headline])


def test_article_page_shows_the_three_rails_and_the_beacon(client, settings):
    settings.POPULAR_MIN_READS = 1
    region = RegionFactory()
    reading = ArticleFactory(primary_region=region, tag_names=["wine"])
    related = ArticleFactory(primary_region=region, tag_names=["wine"], headline="Harvest late")
    picked = EditorsPickFactory(article__headline="Picked piece").article
    EditorsPickFactory(article=reading)
    DailyViewsFactory(article__headline="Much read", views=50)
    page = parse(client.get(reading.get_absolute_url()))
    assert heading_and_headlines(rail(page, "related")) == ("Related stories", [related.headline])
    # The story being read is not among its own picks.
    assert heading_and_headlines(rail(page, "picks")) == ("Editor’s Picks", [picked.headline])
    most_read = rail(page, "popular")
    assert text(one(most_read, "h2")) == "Most read"
    assert "Much read" in texts(most_read, ".rail__headline")
    beacon = one(page, 'script[src="/static/js/beacon.js"]')
    assert beacon["data-article"] == str(reading.pk)
    assert beacon.has_attr("defer")
    # The beacon is the only script that runs; the other one is JSON-LD data.
    assert active_content(page) == [beacon]
    assert len(page.select('script[type="application/ld+json"]')) == 1


def test_region_page_shows_that_regions_most_read(client, settings):
    settings.POPULAR_MIN_READS = 1
    georgia, armenia = RegionFactory.create_batch(2)
    local = DailyViewsFactory(article__primary_region=georgia, article__headline="Tbilisi").article
    DailyViewsFactory(article__primary_region=armenia, article__headline="Yerevan", views=500)
    page = parse(client.get(georgia.get_absolute_url()))
    most_read = rail(page, "popular")
    assert heading_and_headlines(most_read) == (f"Most read in {georgia.name}", [local.headline])


def test_no_empty_most_read_box_on_a_site_nobody_has_read_yet(client):
    ArticleFactory()
    response = client.get(reverse("articles:home"))
    page = parse(response)
    assert page.select('[aria-labelledby="rail-popular-heading"]') == []
    assert "Most read" not in response.text
    assert text(one(rail(page, "picks"), "h2")) == "Latest stories"  # it falls back to the newest


def test_a_new_pick_shows_as_soon_as_it_is_saved(client, django_capture_on_commit_callbacks):
    EditorsPickFactory(article__headline="Yesterday's pick")
    client.get(reverse("articles:home"))  # fills the cache
    with django_capture_on_commit_callbacks(execute=True):
        EditorsPickFactory(article__headline="Fresh pick", order=0)
    assert "Fresh pick" in client.get(reverse("articles:home")).text


def test_a_story_taken_down_leaves_the_rails_at_once(client, django_capture_on_commit_callbacks):
    pulled = EditorsPickFactory(article__headline="Story with a legal problem").article
    assert pulled.headline in client.get(reverse("articles:home")).text
    with django_capture_on_commit_callbacks(execute=True):
        pulled.status = pulled.Status.DRAFT
        pulled.save()
    assert pulled.headline not in client.get(reverse("articles:home")).text


# What the rails cost, within the pages' budgets (tests/articles/test_query_budgets.py): the
# rails add a handful of queries when they are computed and none while they are cached.


@pytest.mark.parametrize("size", [6, 40])
def test_home_page_rails_stay_within_the_query_budget(
    client, settings, django_assert_max_num_queries, size
):
    newsroom(size, settings)
    with django_assert_max_num_queries(budget("home")):
        client.get(reverse("articles:home"))
    with django_assert_max_num_queries(budget("home", PARTS)):  # the rails come from the cache
        response = client.get(reverse("articles:home") + "?page=1")
    page = parse(response)
    assert text(one(rail(page, "picks"), "h2")) == "Editor’s Picks"
    assert text(one(rail(page, "popular"), "h2")) == "Most read"


@pytest.mark.parametrize("size", [6, 40])
def test_article_page_rails_stay_within_the_query_budget(
    client, settings, django_assert_max_num_queries, size
):
    _, stories = newsroom(size, settings)
    url = stories[0].get_absolute_url()
    with django_assert_max_num_queries(budget("article")):  # also stores the prepared page
        client.get(url)
    with django_assert_max_num_queries(budget("article", PARTS)):
        response = client.get(url + "?shared-from=elsewhere")
    heading, headlines = heading_and_headlines(rail(parse(response), "related"))
    assert heading == "Related stories"
    assert headlines[0] == stories[-1].headline  # pinned, so first


@pytest.mark.parametrize("size", [6, 40])
def test_region_page_rail_stays_within_the_query_budget(
    client, settings, django_assert_max_num_queries, size
):
    regions, _ = newsroom(size, settings)
    with django_assert_max_num_queries(budget("region")):
        client.get(regions[0].get_absolute_url())
    with django_assert_max_num_queries(budget("region", PARTS)):
        response = client.get(regions[0].get_absolute_url() + "?page=1")
    most_read = rail(parse(response), "popular")
    assert text(one(most_read, "h2")) == f"Most read in {regions[0].name}"


@pytest.mark.parametrize("size", [6, 40])
def test_the_rails_themselves_cost_a_fixed_few_queries_and_none_once_cached(
    settings, django_assert_max_num_queries, django_assert_num_queries, size
):
    regions, stories = newsroom(size, settings)
    reading = Article.objects.prefetch_related("tags", "regions").get(pk=stories[0].pk)
    beside_a_story = (
        "{% load rails %}{% editors_picks exclude=article as picks %}{% most_popular as popular %}"
        '{% include "includes/rails/picks.html" with rail=picks %}'
        '{% include "includes/rails/popular.html" with rail=popular %}'
    )
    # related 2 (the story's tags and regions are loaded with it), picks 2, most read 2-4
    with django_assert_max_num_queries(8):
        related = render_to_string(
            "articles/_rails_related.html", {"related": choose_related(reading)}
        )
        cold = engines["django"].from_string(beside_a_story).render({"article": reading})
    with django_assert_num_queries(0):
        warm = engines["django"].from_string(beside_a_story).render({"article": reading})
    assert cold == warm
    assert texts(parse(related), ".rail__headline")[0] == stories[-1].headline  # pinned, first
    with django_assert_num_queries(0):
        render_to_string("articles/_rails_home.html")
    with django_assert_max_num_queries(4):
        render_to_string("articles/_rails_region.html", {"subject": regions[1]})

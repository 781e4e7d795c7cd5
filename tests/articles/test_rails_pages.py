"""The rails on the reader's pages: what they show, and what they cost."""

from datetime import timedelta

import pytest
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.related import choose_related
from tests.factories import (
    ArticleFactory,
    DailyViewsFactory,
    EditorsPickFactory,
    PinnedRelatedFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


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
    response = client.get(reverse("articles:home"))
    assert "Editor’s Picks" in response.text
    assert picked.headline in response.text
    assert "Most read" in response.text
    assert read.headline in response.text


def test_article_page_shows_the_three_rails_and_the_beacon(client, settings):
    settings.POPULAR_MIN_READS = 1
    region = RegionFactory()
    reading = ArticleFactory(primary_region=region, tag_names=["wine"])
    related = ArticleFactory(primary_region=region, tag_names=["wine"], headline="Harvest late")
    picked = EditorsPickFactory(article__headline="Picked piece").article
    EditorsPickFactory(article=reading)
    DailyViewsFactory(article__headline="Much read", views=50)
    response = client.get(reading.get_absolute_url())
    text = response.text
    assert "Related stories" in text and related.headline in text
    assert "Editor’s Picks" in text and picked.headline in text
    assert "Most read" in text and "Much read" in text
    picks_rail = text.split('id="rail-picks-heading"')[1].split("</section>")[0]
    assert reading.headline not in picks_rail
    assert f'data-article="{reading.pk}"' in text
    assert 'src="/static/js/beacon.js"' in text and " defer>" in text
    # The beacon is the only script that runs; the other one is JSON-LD data.
    assert text.count("<script") - text.count('<script type="application/ld+json"') == 1


def test_region_page_shows_that_regions_most_read(client, settings):
    settings.POPULAR_MIN_READS = 1
    georgia, armenia = RegionFactory.create_batch(2)
    local = DailyViewsFactory(article__primary_region=georgia, article__headline="Tbilisi").article
    DailyViewsFactory(article__primary_region=armenia, article__headline="Yerevan", views=500)
    response = client.get(georgia.get_absolute_url())
    rail = response.text.split('id="rail-popular-heading"')[1]
    assert f"Most read in {georgia.name}" in rail
    assert local.headline in rail
    assert "Yerevan" not in rail


def test_no_empty_most_read_box_on_a_site_nobody_has_read_yet(client):
    ArticleFactory()
    response = client.get(reverse("articles:home"))
    assert "Most read" not in response.text
    assert "Latest stories" in response.text  # the picks rail falls back to the newest


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


# What the rails cost. The pages' own queries come first; the rails add a handful when
# they are computed and none while they are cached.


@pytest.mark.parametrize("size", [6, 40])
def test_home_page_rails_stay_within_the_query_budget(
    client, settings, django_assert_max_num_queries, size
):
    newsroom(size, settings)
    with django_assert_max_num_queries(18):
        client.get(reverse("articles:home"))
    with django_assert_max_num_queries(9):  # the page's own queries: the rails come from cache
        response = client.get(reverse("articles:home"))
    assert "Editor’s Picks" in response.text and "Most read" in response.text


@pytest.mark.parametrize("size", [6, 40])
def test_article_page_rails_stay_within_the_query_budget(
    client, settings, django_assert_max_num_queries, size
):
    _, stories = newsroom(size, settings)
    url = stories[0].get_absolute_url()
    with django_assert_max_num_queries(22):  # its first reader also stores the prepared page
        client.get(url)
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert "Related stories" in response.text
    assert stories[-1].headline in response.text.split('id="rail-related-heading"')[1]


@pytest.mark.parametrize("size", [6, 40])
def test_region_page_rail_stays_within_the_query_budget(
    client, settings, django_assert_max_num_queries, size
):
    regions, _ = newsroom(size, settings)
    with django_assert_max_num_queries(13):
        client.get(regions[0].get_absolute_url())
    with django_assert_max_num_queries(8):
        response = client.get(regions[0].get_absolute_url())
    assert "Most read in" in response.text


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
    assert stories[-1].headline in related  # pinned
    with django_assert_num_queries(0):
        render_to_string("articles/_rails_home.html")
    with django_assert_max_num_queries(4):
        render_to_string("articles/_rails_region.html", {"subject": regions[1]})

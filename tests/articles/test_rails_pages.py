"""The rails on the reader's pages: what they show, and what they cost."""

from datetime import timedelta

import pytest
from django.core.cache import cache
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
    assert heading_and_headlines(rail(page, "popular")) == ("Most Popular", [read.headline])


def test_article_page_shows_the_three_rails_and_the_beacon(client, settings):
    settings.POPULAR_MIN_READS = 1
    region = RegionFactory()
    reading = ArticleFactory(primary_region=region, tag_names=["wine"])
    related = ArticleFactory(primary_region=region, tag_names=["wine"], headline="Harvest late")
    picked = EditorsPickFactory(article__headline="Picked piece").article
    EditorsPickFactory(article=reading)
    DailyViewsFactory(article__headline="Much read", views=50)
    page = parse(client.get(reading.get_absolute_url()))
    assert heading_and_headlines(rail(page, "related")) == ("Related Articles", [related.headline])
    # The story being read is not among its own picks.
    assert heading_and_headlines(rail(page, "picks")) == ("Editor’s Picks", [picked.headline])
    most_read = rail(page, "popular")
    assert text(one(most_read, "h2")) == "Most Popular"
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
    assert heading_and_headlines(most_read) == (f"Most Popular in {georgia.name}", [local.headline])


def test_no_empty_most_read_box_on_a_site_nobody_has_read_yet(client):
    ArticleFactory()
    response = client.get(reverse("articles:home"))
    page = parse(response)
    assert page.select('[aria-labelledby="rail-popular-heading"]') == []
    assert "Most Popular" not in response.text
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
    assert text(one(rail(page, "popular"), "h2")) == "Most Popular"


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
    assert heading == "Related Articles"
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
    assert text(one(most_read, "h2")) == f"Most Popular in {regions[0].name}"


@pytest.mark.parametrize("size", [6, 40])
def test_the_rails_themselves_cost_a_fixed_few_queries_and_none_once_cached(
    settings, django_assert_max_num_queries, django_assert_num_queries, size
):
    regions, stories = newsroom(size, settings)
    reading = Article.objects.prefetch_related("tags", "regions").get(pk=stories[0].pk)
    beside_a_story = (
        "{% load rails %}{% rails_beside article related as beside %}"
        '{% include "includes/rails/picks.html" with rail=beside.picks %}'
        '{% include "includes/rails/popular.html" with rail=beside.popular %}'
    )
    # related 2 (the story's tags and regions are loaded with it), picks 2, most read 2-4
    with django_assert_max_num_queries(8):
        related = render_to_string(
            "articles/_rails_related.html", {"related": choose_related(reading)}
        )
        context = {"article": reading, "related": related}
        cold = engines["django"].from_string(beside_a_story).render(context)
    with django_assert_num_queries(0):
        warm = engines["django"].from_string(beside_a_story).render(context)
    assert cold == warm
    assert texts(parse(related), ".rail__headline")[0] == stories[-1].headline  # pinned, first
    with django_assert_num_queries(0):
        render_to_string("articles/_rails_home.html")
    with django_assert_max_num_queries(4):
        render_to_string("articles/_rails_region.html", {"subject": regions[1]})


# One story once: Related first, then Editor's Picks, then Most Popular.


def headlines_of(page, name):
    found = page.select(f'section[aria-labelledby="rail-{name}-heading"]')
    return texts(found[0], ".rail__headline") if found else []


def test_a_story_is_never_in_its_own_most_popular_and_the_rail_keeps_its_length(client, settings):
    settings.POPULAR_MIN_READS = 1
    settings.POPULAR_COUNT = 3
    reading = DailyViewsFactory(article__headline="The most read story", views=500).article
    others = [
        DailyViewsFactory(article__headline=f"Read {n}", views=100 - n).article for n in range(4)
    ]
    page = parse(client.get(reading.get_absolute_url()))
    assert headlines_of(page, "popular") == ["Read 0", "Read 1", "Read 2"]
    # With nothing picked, the picks rail shows the newest stories not shown already.
    assert text(one(rail(page, "picks"), "h2")) == "Latest stories"
    assert headlines_of(page, "picks") == ["Read 3"]
    # Beside another story it is there, first.
    page = parse(client.get(others[3].get_absolute_url()))
    assert headlines_of(page, "popular") == ["The most read story", "Read 0", "Read 1"]


def test_beside_a_story_no_other_story_is_shown_twice(client, settings):
    settings.POPULAR_MIN_READS = 1
    settings.EDITORS_PICKS_COUNT = 2
    settings.POPULAR_COUNT = 2
    region = RegionFactory()
    reading = ArticleFactory(primary_region=region, tag_names=["gas"], headline="Reading")
    related = ArticleFactory(primary_region=region, tag_names=["gas"], headline="Related one")
    picked = [EditorsPickFactory(article__headline=f"Pick {n}").article for n in range(3)]
    EditorsPickFactory(article=related, order=0)
    for article, views in [(related, 90), (picked[0], 80), (picked[1], 70)]:
        DailyViewsFactory(article=article, views=views)
    for n in range(3):
        DailyViewsFactory(article__headline=f"Popular {n}", views=60 - n)

    page = parse(client.get(reading.get_absolute_url()))
    related_rail = headlines_of(page, "related")
    picks_rail = headlines_of(page, "picks")
    popular_rail = headlines_of(page, "popular")
    assert "Related one" in related_rail
    # Picked and most read, but already in Related: the other rails top themselves up.
    assert picks_rail == ["Pick 0", "Pick 1"]
    assert popular_rail == ["Popular 0", "Popular 1"]
    shown = related_rail + picks_rail + popular_rail
    assert len(shown) == len(set(shown))
    assert "Reading" not in shown


def test_the_home_page_shows_a_picked_story_in_picks_only(client, settings):
    settings.POPULAR_MIN_READS = 1
    picked = EditorsPickFactory(article__headline="Picked and read").article
    DailyViewsFactory(article=picked, views=99)
    DailyViewsFactory(article__headline="Only read", views=50)
    page = parse(client.get(reverse("articles:home")))
    assert headlines_of(page, "picks") == ["Picked and read"]
    assert headlines_of(page, "popular") == ["Only read"]


def test_rails_are_named_as_the_newsroom_names_them_and_a_new_name_shows(
    client, settings, django_capture_on_commit_callbacks
):
    settings.POPULAR_MIN_READS = 1
    region = RegionFactory()
    reading = ArticleFactory(primary_region=region, tag_names=["wine"])
    ArticleFactory(primary_region=region, tag_names=["wine"])
    EditorsPickFactory()
    DailyViewsFactory(views=40)
    page = parse(client.get(reading.get_absolute_url()))
    assert [text(one(rail(page, name), "h2")) for name in ("related", "picks", "popular")] == [
        "Related Articles",
        "Editor’s Picks",
        "Most Popular",
    ]

    settings.RAIL_HEADINGS = {"related": "More on this", "picks": "Our choice", "popular": "Top"}
    # Restarted with the new setting: the shared fragments are kept minutes at most, but the
    # Related rail was prepared with the story and kept in the database, so its heading is part
    # of what it is made with.
    cache.clear()
    page = parse(client.get(reading.get_absolute_url() + "?after=renaming"))
    assert [text(one(rail(page, name), "h2")) for name in ("related", "picks", "popular")] == [
        "More on this",
        "Our choice",
        "Top",
    ]

"""Related Articles: stories sharing tags and regions, pinned ones first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import PinnedRelated
from articles.rails.related import choose_related
from tests.articles.desk import change_form, management_form
from tests.factories import ArticleFactory, PinnedRelatedFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


def story(now, *, age_days=30, tags=(), region=None, **kwargs):
    if region is not None:
        kwargs["primary_region"] = region
    return ArticleFactory(
        published_at=now - timedelta(days=age_days), tag_names=list(tags), **kwargs
    )


def test_more_shared_tags_rank_higher(now):
    here, elsewhere = RegionFactory.create_batch(2)
    reading = story(now, tags=["gas", "pipeline", "turkey"], region=here)
    one_tag = story(now, tags=["gas"], region=elsewhere)
    three_tags = story(now, tags=["gas", "pipeline", "turkey"], region=elsewhere)
    two_tags = story(now, tags=["pipeline", "turkey"], region=elsewhere)
    story(now, tags=["elections"], region=elsewhere)  # shares nothing
    assert choose_related(reading, count=5) == [three_tags, two_tags, one_tag]


def test_among_equally_close_stories_the_newer_comes_first(now):
    region = RegionFactory()
    reading = story(now, tags=["border"], region=region)
    old = story(now, age_days=400, tags=["border"], region=region)
    this_week = story(now, age_days=2, tags=["border"], region=region)
    this_season = story(now, age_days=40, tags=["border"], region=region)
    assert choose_related(reading, count=3) == [this_week, this_season, old]


def test_shared_tags_outweigh_a_shared_region_even_for_newer_stories(now):
    region, elsewhere = RegionFactory.create_batch(2)
    reading = story(now, tags=["wine"], region=region)
    same_region_new = story(now, age_days=1, tags=["football"], region=region)
    same_tag_old = story(now, age_days=300, tags=["wine"], region=elsewhere)
    assert choose_related(reading, count=2) == [same_tag_old, same_region_new]


def test_regions_are_shared_through_secondary_regions_too(now):
    georgia, armenia, azerbaijan = RegionFactory.create_batch(3)
    reading = story(now, region=georgia)
    reading.regions.add(armenia)
    via_secondary = story(now, region=azerbaijan)
    via_secondary.regions.add(armenia)
    story(now, region=azerbaijan)
    assert choose_related(reading, count=5) == [via_secondary]


def test_never_the_story_itself_nor_drafts_or_scheduled_stories(now):
    region = RegionFactory()
    reading = story(now, tags=["energy"], region=region)
    shown = story(now, tags=["energy"], region=region)
    ArticleFactory(primary_region=region, tag_names=["energy"], draft=True)
    ArticleFactory(primary_region=region, tag_names=["energy"], scheduled=True)
    assert choose_related(reading, count=5) == [shown]


def test_no_more_than_the_setting_allows(now, settings):
    settings.RELATED_ARTICLES_COUNT = 2
    region = RegionFactory()
    reading = story(now, region=region)
    for _ in range(4):
        story(now, region=region)
    assert len(choose_related(reading)) == 2


def test_pinned_stories_come_first_in_the_editors_order(now):
    region, elsewhere = RegionFactory.create_batch(2)
    reading = story(now, tags=["gas"], region=region)
    close = story(now, age_days=1, tags=["gas"], region=region)
    pinned_second = story(now, age_days=900, region=elsewhere)
    pinned_first = story(now, age_days=500, region=elsewhere)
    PinnedRelatedFactory(article=reading, related=pinned_second, order=2)
    PinnedRelatedFactory(article=reading, related=pinned_first, order=1)
    assert choose_related(reading, count=3) == [pinned_first, pinned_second, close]


def test_a_pinned_story_that_is_unpublished_is_not_shown(now):
    reading = story(now)
    pinned = story(now, region=RegionFactory())
    PinnedRelatedFactory(article=reading, related=pinned)
    pinned.status = pinned.Status.DRAFT
    pinned.save()
    assert pinned not in choose_related(reading, count=5)


@pytest.mark.parametrize("archive_size", [5, 40])
def test_related_takes_a_fixed_number_of_queries(now, django_assert_num_queries, archive_size):
    region = RegionFactory()
    reading = story(now, tags=["a", "b"], region=region)
    reading.regions.add(RegionFactory())
    for n in range(archive_size):
        story(now, age_days=n, tags=["a"] if n % 2 else ["b", "a"], region=region)
    PinnedRelatedFactory(article=reading, related=story(now, region=RegionFactory()))
    # tags, extra regions, the ranked list, the thumbnails' renditions.
    with django_assert_num_queries(4):
        assert len(choose_related(reading, count=4)) == 4


# The admin ---------------------------------------------------------------------------


def change_article(admin_client, article, *rows):
    """Resubmit the story's admin form as it is, with ``rows`` of (related story, order) pinned."""
    data = change_form(article)
    data.update(management_form("pins", len(rows)))
    for index, (related, order) in enumerate(rows):
        data[f"pins-{index}-related"] = related.pk
        data[f"pins-{index}-order"] = order
    return admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def test_editors_pin_related_stories_on_the_story_page(admin_client):
    article, first, second = ArticleFactory.create_batch(3)
    response = change_article(admin_client, article, (second, 2), (first, 1))
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    pins = PinnedRelated.objects.filter(article=article).order_by("order")
    assert [pin.related for pin in pins] == [first, second]


def test_a_story_cannot_be_pinned_to_itself(admin_client):
    article = ArticleFactory()
    response = change_article(admin_client, article, (article, 1))
    assert response.status_code == 200
    assert "A story cannot be related to itself." in response.text
    assert not PinnedRelated.objects.exists()


def test_only_published_stories_can_be_pinned(admin_client):
    article, draft = ArticleFactory(), ArticleFactory(draft=True)
    response = change_article(admin_client, article, (draft, 1))
    assert "Only published stories can be pinned." in response.text
    assert not PinnedRelated.objects.exists()


def test_the_pin_search_offers_only_published_stories(admin_client):
    live = ArticleFactory(headline="Pipeline opens")
    ArticleFactory(headline="Pipeline draft", draft=True)
    response = admin_client.get(
        reverse("admin:articles_published_article_autocomplete"),
        {
            "term": "Pipeline",
            "app_label": "articles",
            "model_name": "pinnedrelated",
            "field_name": "related",
        },
    )
    assert [r["id"] for r in response.json()["results"]] == [str(live.pk)]
    change_page = admin_client.get(reverse("admin:articles_article_change", args=[live.pk]))
    assert reverse("admin:articles_published_article_autocomplete") in change_page.text


def test_the_article_search_is_for_staff_only(client):
    ArticleFactory(headline="Pipeline opens")
    response = client.get(
        reverse("admin:articles_published_article_autocomplete"),
        {
            "term": "Pipe",
            "app_label": "articles",
            "model_name": "pinnedrelated",
            "field_name": "related",
        },
    )
    assert response.status_code == 302  # to the admin login
    assert "Pipeline" not in response.text


def test_old_stories_sharing_only_a_region_are_not_suggested(now):
    region = RegionFactory()
    reading = story(now, tags=["ferry"], region=region)
    old_same_tag = story(now, age_days=800, tags=["ferry"], region=RegionFactory())
    story(now, age_days=800, region=region)
    recent_same_region = story(now, age_days=100, region=region)
    assert choose_related(reading, count=5) == [old_same_tag, recent_same_region]

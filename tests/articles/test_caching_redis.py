"""The reader page cache behaves the same on Redis, the production cache (database 7)."""

import time

import pytest
from django.core.cache import caches

from articles.caching import GENERATION_KEY, local_copies
from articles.models import Article
from articles.prepared import outdate_pages
from tests.articles.test_caching import (  # noqa: F401  (collected here again, on Redis)
    story,
    test_a_cached_page_is_served_without_touching_the_database,
    test_a_new_price_shows_in_the_join_box_under_cached_stories_at_once,
    test_a_page_missing_from_the_cache_is_rebuilt_from_its_parts_with_one_query,
    test_a_scheduled_article_appears_on_cached_pages_at_its_publication_time,
    test_a_signed_in_member_sees_a_saved_edit_at_once_though_fragments_are_cached,
    test_adding_a_region_to_an_article_lists_it_on_that_regions_cached_page,
    test_an_edited_page_answers_200_to_the_old_etag,
    test_an_unchanged_page_answers_304_to_a_conditional_get,
    test_editing_an_article_changes_its_page_the_home_page_and_its_region_page_at_once,
    test_editing_the_lead_photo_caption_refreshes_the_article_page,
    test_renaming_a_region_changes_the_navigation_on_every_cached_page,
    test_staff_see_a_fresh_page_while_readers_get_the_cached_one,
    test_unpublishing_an_article_removes_it_from_cached_pages_at_once,
)
from tests.redis_cache import needs_redis, redis_caches

REDIS_URL = "redis://127.0.0.1:6379/7"


pytestmark = [pytest.mark.django_db, needs_redis(REDIS_URL)]


@pytest.fixture(autouse=True)
def redis_cache(settings):
    settings.CACHES = redis_caches(REDIS_URL)
    cache = caches["default"]
    assert cache.__class__.__name__ == "RedisCache"
    cache.clear()
    local_copies.forget()
    yield
    cache.clear()
    local_copies.forget()


def test_an_edit_saved_on_another_app_server_reaches_this_one_within_a_second(
    client,
    story,  # noqa: F811  (the fixture imported above)
    settings,
):
    settings.READER_CACHE_LOCAL_SECONDS = 0.3
    url = story.get_absolute_url()
    assert client.get(url)["X-Reader-Cache"] == "miss"
    assert client.get(url)["X-Reader-Cache"] == "hit"
    # Another server saves the edit: the database changes, the story's prepared page is out of
    # date, and the shared generation moves on.
    Article.objects.filter(pk=story.pk).update(headline="Talks collapse overnight")
    outdate_pages([story.pk])
    caches["default"].incr(GENERATION_KEY)
    time.sleep(0.35)
    assert '<h1 class="story__headline">Talks collapse overnight</h1>' in client.get(url).text


def test_story_pages_stay_in_each_worker_while_costlier_pages_are_shared_through_redis(
    client,
    story,  # noqa: F811  (the fixture imported above)
    django_assert_num_queries,
):
    redis = caches["default"]._cache.get_client()
    stored = f"{caches['default'].key_prefix}:*reader:page:*"
    client.get(story.get_absolute_url())
    # A story is made from its prepared parts in one query: no round trip to Redis for it.
    assert redis.keys(stored) == []
    with django_assert_num_queries(0):
        assert client.get(story.get_absolute_url())["X-Reader-Cache"] == "hit"
    client.get(story.primary_region.get_absolute_url())
    assert len(redis.keys(stored)) == 1

"""Reader pages are cached for anonymous readers and never shown stale after an edit.

The tests that take ``cache_backend`` run on the local-memory cache and on Redis, the
production cache, where each worker also keeps its own copies of recent pages.
"""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.template import engines
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

from articles.models import Article, DailyViews
from articles.prepared import outdate_pages
from articles.reader_cache import cache_reader_page
from articles.reader_cache.store import GENERATION_KEY, current_generation, digest
from tests.dom import fields_in, one, parse, text, texts
from tests.factories import ArticleFactory, RegionFactory
from tests.redis_cache import redis_only
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture
def story():
    region = RegionFactory(name="Georgia", slug="georgia")
    return ArticleFactory(headline="Parliament passes the budget", primary_region=region)


def reader_pages(article):
    return [
        article.get_absolute_url(),
        reverse("articles:home"),
        article.primary_region.get_absolute_url(),
    ]


def headline(response):
    return text(one(parse(response), "h1.story__headline"))


def navigation(response):
    return texts(parse(response), "nav.site-nav a")


def join_box_plans(response):
    return texts(one(parse(response), "aside.join-box"), ".join-box__plan")


def test_a_cached_page_is_served_without_touching_the_database(
    cache_backend, client, story, django_assert_num_queries
):
    url = story.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_editing_an_article_changes_its_page_the_home_page_and_its_region_page_at_once(
    cache_backend, client, story
):
    for url in reader_pages(story):
        assert "Parliament passes the budget" in client.get(url).text
    story.headline = "Parliament rejects the budget"
    story.save()
    for url in reader_pages(story):
        page = client.get(url).text
        assert "Parliament rejects the budget" in page, url
        assert "Parliament passes the budget" not in page, url


def test_unpublishing_an_article_removes_it_from_cached_pages_at_once(cache_backend, client, story):
    home = reverse("articles:home")
    assert story.headline in client.get(home).text
    story.status = Article.Status.DRAFT
    story.save()
    assert story.headline not in client.get(home).text
    assert client.get(story.get_absolute_url()).status_code == 404


def test_editing_the_lead_photo_caption_refreshes_the_article_page(cache_backend, client, story):
    url = story.get_absolute_url()
    assert "Delegates arrive for the summit." in client.get(url).text
    story.lead_photo.caption = "Delegates leave the summit early."
    story.lead_photo.save()
    assert "Delegates leave the summit early." in client.get(url).text


def test_adding_a_region_to_an_article_lists_it_on_that_regions_cached_page(
    cache_backend, client, story
):
    armenia = RegionFactory(name="Armenia", slug="armenia")
    url = armenia.get_absolute_url()
    assert story.headline not in client.get(url).text
    story.regions.add(armenia)
    assert story.headline in client.get(url).text


def test_staff_see_a_fresh_page_while_readers_get_the_cached_one(
    cache_backend, client, story, admin_user
):
    url = story.get_absolute_url()
    client.get(url)
    # A bulk update sends no signal, so only a page that bypasses the cache can show it.
    Article.objects.filter(pk=story.pk).update(headline="Budget vote postponed")
    assert "Budget vote postponed" not in client.get(url).text

    editor = Client()
    sign_in(editor, admin_user)
    response = editor.get(url)
    # The whole story, not only the page title, comes fresh from the database.
    assert headline(response) == "Budget vote postponed"
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_signed_in_members_see_fresh_pages(client, story, django_user_model):
    member = django_user_model.objects.create_user("supporter", "supporter@example.org", "pw")
    client.get(reverse("articles:home"))
    story.headline = "Late-night vote on the budget"
    story.save()
    signed_in = Client()
    signed_in.force_login(member)
    assert "Late-night vote on the budget" in signed_in.get(reverse("articles:home")).text


def test_anonymous_pages_carry_cache_headers_a_cdn_can_honour(client, story):
    response = client.get(story.get_absolute_url())
    directives = {part.strip().split("=")[0] for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age", "s-maxage"} <= directives
    assert "Cookie" in response["Vary"]
    assert response["ETag"]
    assert response["Last-Modified"]


def test_an_unchanged_page_answers_304_to_a_conditional_get(cache_backend, client, story):
    url = story.get_absolute_url()
    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_an_edited_page_answers_200_to_the_old_etag(cache_backend, client, story):
    url = story.get_absolute_url()
    old_etag = client.get(url)["ETag"]
    story.standfirst = "The vote was closer than expected."
    story.save()
    response = client.get(url, headers={"if-none-match": old_etag})
    assert response.status_code == 200
    assert "The vote was closer than expected." in response.text


def test_a_scheduled_article_appears_on_cached_pages_at_its_publication_time(
    cache_backend, client, story, clock
):
    home = reverse("articles:home")
    region_page = story.primary_region.get_absolute_url()
    publication = timezone.now() + timedelta(seconds=2)
    ArticleFactory(
        headline="Ceasefire talks resume in Geneva",
        primary_region=story.primary_region,
        published_at=publication,
    )
    for url in (home, region_page):
        response = client.get(url)
        assert "Ceasefire talks resume" not in response.text
        max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
        assert max_age <= 2

    clock.advance(seconds=2)
    for url in (home, region_page):
        assert "Ceasefire talks resume" in client.get(url).text, url


def test_tracking_parameters_share_the_cached_copy(client, story, django_assert_num_queries):
    url = story.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url + "?utm_source=newsletter&fbclid=abc")
    assert response.status_code == 200


# A reader page that carries a CSRF-protected form: it must never reach the shared cache.
def form_page(request):
    template = engines["django"].from_string(
        "<form method='post'>{% csrf_token %}<button>Join</button></form>"
    )
    return HttpResponse(template.render({}, request))


def plain_page(request):
    return HttpResponse(f"<p>Rendered at {time.monotonic_ns()}</p>")


urlpatterns = [
    path("form/", cache_reader_page(form_page)),
    path("plain/", cache_reader_page(plain_page)),
]


@pytest.mark.urls(__name__)
def test_a_page_with_a_csrf_token_is_never_shared_between_readers():
    first, second = Client(), Client()
    one = first.get("/form/")
    two = second.get("/form/")
    assert "csrftoken" in one.cookies and "csrftoken" in two.cookies
    assert one.content != two.content
    assert "private" in two["Cache-Control"]


@pytest.mark.urls(__name__)
def test_posting_to_a_cached_address_is_never_answered_from_the_cache(client):
    cached = client.get("/plain/").content
    assert client.get("/plain/").content == cached
    assert client.post("/plain/").content != cached


def test_the_beacon_still_counts_reads_while_the_article_page_comes_from_the_cache(
    client, story, django_assert_num_queries
):
    beacon = reverse("articles:beacon")
    url = story.get_absolute_url()
    client.get(url)
    for reader in range(3):
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200
        Client(headers={"user-agent": f"{BROWSER} reader/{reader}"}).post(
            beacon, {"article": story.pk}, REMOTE_ADDR=f"203.0.113.{reader + 1}"
        )
    total = sum(DailyViews.objects.filter(article=story).values_list("views", flat=True))
    assert total == 3


# Fragments: what a page is rebuilt from when the page itself is not cached --------------------


def test_a_page_missing_from_the_cache_is_rebuilt_from_its_parts_with_one_query(
    cache_backend, client, story, django_assert_num_queries
):
    url = story.get_absolute_url()
    first = client.get(url)
    # Another address of the same story (a campaign link) is a new page for the page cache,
    # but the story's prepared parts, the rails, header and footer are already rendered.
    with django_assert_num_queries(1):
        again = client.get(url + "?ref=newsletter")
    assert again["X-Reader-Cache"] == "miss"
    assert again.content == first.content


def test_the_boxes_under_every_story_are_made_once_and_still_name_the_story_read(
    cache_backend, client, story
):
    other = ArticleFactory(headline="Frost on the vineyards", primary_region=story.primary_region)
    client.get(story.get_absolute_url())
    page = client.get(other.get_absolute_url())
    made = [template.name for template in page.templates]
    assert "memberships/_join_box.html" not in made
    assert "newsletter/_signup_box.html" not in made
    for box in ("aside.join-box form", ".signup-box form"):
        sent = {field["name"]: field.get("value") for field in fields_in(one(parse(page), box))}
        assert sent["from"] == str(other.pk), box
        assert sent["via"] == "story", box


def test_a_signed_in_member_sees_a_saved_edit_at_once_though_fragments_are_cached(
    cache_backend, story, django_user_model
):
    member = Client()
    member.force_login(django_user_model.objects.create_user("supporter", "s@example.org", "pw"))
    url = story.get_absolute_url()
    assert headline(member.get(url)) == "Parliament passes the budget"
    story.headline = "Parliament delays the budget"
    story.save()
    page = member.get(url)
    assert headline(page) == "Parliament delays the budget"
    assert "Parliament passes the budget" not in text(parse(page))


def test_renaming_a_region_changes_the_navigation_on_every_cached_page(
    cache_backend, client, story
):
    for url in reader_pages(story):
        assert "Georgia" in navigation(client.get(url)), url
    story.primary_region.name = "Sakartvelo"
    story.primary_region.save()
    for url in reader_pages(story):
        regions = navigation(client.get(url))
        assert "Sakartvelo" in regions and "Georgia" not in regions, url


def test_a_new_price_shows_in_the_join_box_under_cached_stories_at_once(
    cache_backend, client, story
):
    from memberships.models import Plan

    url = story.get_absolute_url()
    assert "$7" not in " ".join(join_box_plans(client.get(url)))
    plan = Plan.objects.offered().first()
    plan.amount = "7.00"
    plan.save()
    assert any("$7" in label for label in join_box_plans(client.get(url)))


def test_the_navigation_marks_the_region_being_read(client, story):
    other = RegionFactory(name="Armenia", slug="armenia")

    def current(page):
        return [
            (link["href"], text(link))
            for link in parse(page).select('nav.site-nav a[aria-current="page"]')
        ]

    georgia_page = client.get(story.primary_region.get_absolute_url())
    armenia_page = client.get(other.get_absolute_url())
    assert current(georgia_page) == [("/region/georgia/", "Georgia")]
    assert current(armenia_page) == [("/region/armenia/", "Armenia")]


# Redis: pages shared between app servers, and each worker's own copies --------------------


@redis_only
def test_an_edit_saved_on_another_app_server_reaches_this_one_within_a_second(
    cache_backend, client, story, settings, clock
):
    settings.READER_CACHE_LOCAL_SECONDS = 1
    url = story.get_absolute_url()
    assert client.get(url)["X-Reader-Cache"] == "miss"
    assert client.get(url)["X-Reader-Cache"] == "hit"
    # Another server saves the edit: the database changes, the story's prepared page is out of
    # date, and the shared generation moves on.
    Article.objects.filter(pk=story.pk).update(headline="Talks collapse overnight")
    outdate_pages([story.pk])
    caches["default"].incr(GENERATION_KEY)
    clock.advance(seconds=1)
    assert headline(client.get(url)) == "Talks collapse overnight"


@redis_only
def test_pages_made_of_prepared_parts_and_kept_lists_stay_in_each_worker(
    cache_backend, client, story, django_assert_num_queries
):
    story.tags.add("budget")
    redis = caches["default"]._cache.get_client()
    stored = f"{caches['default'].key_prefix}:*reader:page:*"
    # Stories, lists and search results are made from prepared parts, cards and kept lists
    # (a search's ranking is kept in the shared cache as data): no page round trip to Redis.
    search = reverse("articles:search") + "?q=budget"
    for page in (story.get_absolute_url(), story.primary_region.get_absolute_url(), "/", search):
        client.get(page)
        with django_assert_num_queries(0):
            assert client.get(page)["X-Reader-Cache"] == "hit"
    assert redis.keys(stored) == []

    # So is what a tag's page is made of (its tag, counts and stories: one short query
    # each); what costs more, a region's list or a search's ranking, is shared by every worker.
    def shared(name):
        key = f"reader:data:{current_generation()}:{digest('en:' + name)}"
        return bool(redis.exists(caches["default"].make_key(key)))

    tag = story.tags.get()
    client.get(reverse("articles:tag", args=[tag.slug]))
    assert not shared(f"subject:taggit.tag:{tag.slug}")
    assert not shared(f"counts:taggit.tag:{tag.pk}")
    assert not shared(f"list:taggit.tag:{tag.pk}:page:1")
    assert shared(f"list:articles.region:{story.primary_region.pk}:page:1")
    assert shared(f"search:best:{digest('budget')}:page:1")


@redis_only
def test_a_flood_of_addresses_asked_for_once_leaves_what_pages_are_made_of(
    cache_backend, client, story, settings, django_assert_num_queries
):
    """A bot asking for a page under endless new parameters fills this worker's copies of
    pages, not those of the data every page is made from."""
    settings.READER_CACHE_LOCAL_BYTES = 100_000  # room for a few pages
    story.tags.add("budget")
    url = reverse("articles:tag", args=["budget"])
    client.get(url)
    for n in range(30):
        flooded = client.get(f"{story.get_absolute_url()}?flood={n}")
        assert flooded["X-Reader-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get(f"{url}?after-the-flood").status_code == 200


class RecordRequests:
    """The last middleware, noting every request that gets that far."""

    seen = []

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.seen.append((request.method, request.path))
        return self.get_response(request)


@redis_only
def test_a_page_this_worker_keeps_is_answered_before_sessions_and_sign_in_run(
    cache_backend, client, story, settings, admin_user
):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.articles.test_caching.RecordRequests"]
    RecordRequests.seen = []
    url = story.get_absolute_url()
    ru_home = "/ru/"
    for page in (url, ru_home):
        assert client.get(page)["X-Reader-Cache"] == "miss"
    assert RecordRequests.seen == [("GET", url), ("GET", ru_home)]

    RecordRequests.seen = []
    hit, ru_hit = client.get(url), client.get(ru_home)
    assert (hit["X-Reader-Cache"], ru_hit["X-Reader-Cache"]) == ("hit", "hit")
    assert RecordRequests.seen == []  # neither reached the session, CSRF or sign-in
    assert headline(hit) == "Parliament passes the budget"
    # It still carries what every page carries: its edition, framing and content policies.
    assert (hit["Content-Language"], ru_hit["Content-Language"]) == ("en", "ru")
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert "default-src" in hit["Content-Security-Policy"]
    assert int(hit["Content-Length"]) == len(hit.content)
    assert client.get(url, headers={"if-none-match": hit["ETag"]}).status_code == 304

    # A signed-in editor and a form post go the whole way, to a page made for them.
    editor = Client()
    sign_in(editor, admin_user)
    RecordRequests.seen = []
    assert editor.get(url)["X-Reader-Cache"] == "bypass"
    client.post(url)
    assert RecordRequests.seen == [("GET", url), ("POST", url)]

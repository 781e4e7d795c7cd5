"""Most Popular: the beacon that counts reads, and the ranking built from them.

The beacon's tests run on both caches (``cache_backend``): with local memory (tests,
development) a read is checked and written to the database at once; with Redis (production)
reads wait in Redis and are flushed into the daily totals in batches. Where the two differ a
reader can notice, the test says so; what only one of them does runs on that one alone.
"""

import threading
import time
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.cache import cache_page

from articles import views
from articles.models import Article, DailyViews
from articles.rails import counting
from articles.rails.counting import count_read, flush_pending_reads
from articles.rails.ranking import rank_most_popular
from newsroom import urls as site_urls
from tests.factories import ArticleFactory, DailyViewsFactory, RegionFactory
from tests.redis_cache import locmem_only, redis_only
from tests.test_settings import run_python

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def beacons_leave_flushing_to_the_test(settings):
    """With Redis a beacon flushes pending reads itself now and then; here the test does it."""
    settings.BEACON_FLUSH_SECONDS = 0


def local(*args):
    return datetime(*args, tzinfo=timezone.get_current_timezone())


def send_beacon(client, article_id, *, address="198.51.100.20", agent=BROWSER, **headers):
    return client.post(
        reverse("articles:beacon"),
        {"article": article_id},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
        **headers,
    )


def reads_written_today(article):
    """Today's reads of the story in the daily totals, not counting reads pending in Redis."""
    row = DailyViews.objects.filter(article=article, day=timezone.localdate()).first()
    return row.views if row else 0


def reads_today(article):
    """Today's reads of the story as Most Popular counts them, reads pending in Redis too."""
    flush_pending_reads()  # nothing to do without Redis
    return reads_written_today(article)


def reads_by_day(article):
    flush_pending_reads()
    return sorted(DailyViews.objects.filter(article=article).values_list("day", "views"))


def everything_the_cache_holds(cache_backend):
    """Every key and value the cache holds, as bytes (local memory keeps values pickled)."""
    if cache_backend == "locmem":
        return [key.encode() + value for key, value in list(cache._cache.items())]
    server = cache._cache.get_client()
    stored = []
    for key in server.scan_iter():
        kind = server.type(key)
        if kind == b"string":
            stored.append(key + server.get(key))
        elif kind == b"hash":
            stored.append(key + b"".join(k + v for k, v in server.hgetall(key).items()))
        elif kind == b"set":
            stored.append(key + b"".join(sorted(server.smembers(key))))
        else:
            pytest.fail(f"unexpected {kind} {key}")
    return stored


# Counting ------------------------------------------------------------------------------


def test_a_read_is_counted_for_today(cache_backend, client):
    article = ArticleFactory()
    response = send_beacon(client, article.pk)
    assert response.status_code == 204
    assert reads_today(article) == 1


@redis_only
def test_a_read_reaches_the_daily_totals_when_pending_reads_are_flushed(cache_backend, client):
    article = ArticleFactory()
    assert send_beacon(client, article.pk).status_code == 204
    assert reads_written_today(article) == 0  # still waiting in Redis
    flush_pending_reads()
    assert reads_written_today(article) == 1
    flush_pending_reads()  # nothing is written twice
    assert reads_written_today(article) == 1


@redis_only
def test_a_read_costs_no_database_query(cache_backend, client, django_assert_num_queries):
    article = ArticleFactory()
    with django_assert_num_queries(0):
        assert send_beacon(client, article.pk).status_code == 204
    assert reads_today(article) == 1


def test_reloading_the_same_story_within_half_an_hour_counts_once(cache_backend, client):
    article = ArticleFactory()
    for _ in range(3):
        assert send_beacon(client, article.pk).status_code == 204
    assert reads_today(article) == 1


def test_a_reader_back_after_half_an_hour_is_counted_again(cache_backend, client, clock):
    clock.move_to(local(2026, 3, 10, 12, 0))
    article = ArticleFactory()
    send_beacon(client, article.pk)
    clock.advance(minutes=29)
    send_beacon(client, article.pk)
    assert reads_today(article) == 1
    clock.advance(minutes=1)
    send_beacon(client, article.pk)
    assert reads_today(article) == 2


def test_other_readers_and_other_stories_are_counted_separately(cache_backend, client):
    article, other = ArticleFactory(), ArticleFactory()
    send_beacon(client, article.pk, address="198.51.100.20")
    send_beacon(client, article.pk, address="198.51.100.21")
    send_beacon(client, other.pk, address="198.51.100.20")
    assert reads_today(article) == 2
    assert reads_today(other) == 1


def test_reload_just_after_midnight_still_counts_once(cache_backend, client, clock):
    clock.move_to(local(2026, 3, 9, 23, 50))
    article = ArticleFactory()
    send_beacon(client, article.pk)
    clock.advance(minutes=20)
    send_beacon(client, article.pk)
    assert reads_by_day(article) == [(date(2026, 3, 9), 1)]


def test_reads_from_before_midnight_go_to_their_own_day(cache_backend, client, clock):
    clock.move_to(local(2026, 3, 9, 23, 59))
    article = ArticleFactory()
    send_beacon(client, article.pk, address="198.51.100.1")
    clock.advance(minutes=2)
    send_beacon(client, article.pk, address="198.51.100.2")
    assert reads_by_day(article) == [(date(2026, 3, 9), 1), (date(2026, 3, 10), 1)]


@redis_only
def test_pending_reads_count_in_most_popular(cache_backend, client, settings):
    settings.POPULAR_MIN_READS = 2
    read, barely = ArticleFactory(), ArticleFactory()
    for reader in range(3):
        send_beacon(client, read.pk, address=f"198.51.100.{reader}")
    send_beacon(client, barely.pk)
    assert reads_written_today(read) == 0
    assert rank_most_popular(window="24h").articles == [read]


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "python-requests/2.32.3",
        "curl/8.5.0",
        "",
    ],
)
def test_bots_and_crawlers_are_not_counted(cache_backend, client, agent):
    article = ArticleFactory()
    assert send_beacon(client, article.pk, agent=agent).status_code == 204
    assert reads_today(article) == 0


def test_prefetched_pages_are_not_counted(cache_backend, client):
    article = ArticleFactory()
    assert send_beacon(client, article.pk, HTTP_SEC_PURPOSE="prefetch;prerender").status_code == 204
    assert reads_today(article) == 0


def test_a_phone_whose_name_ends_in_bot_is_still_a_reader(cache_backend, client):
    article = ArticleFactory()
    agent = "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 Chrome/120 Mobile"
    send_beacon(client, article.pk, agent=agent)
    assert reads_today(article) == 1


def test_no_reader_address_is_kept_anywhere(cache_backend, client):
    article = ArticleFactory()
    send_beacon(client, article.pk, address="203.0.113.77")
    stored = everything_the_cache_holds(cache_backend)
    assert any(b"popularity:seen:" in entry for entry in stored)  # as a salted hash
    assert not any(b"203.0.113.77" in entry for entry in stored)
    assert not any(BROWSER.encode() in entry for entry in stored)
    flush_pending_reads()
    assert list(DailyViews.objects.values_list("article", "views")) == [(article.pk, 1)]


def test_counting_holds_when_the_page_itself_comes_from_a_cache(
    cache_backend, client, settings, django_assert_num_queries
):
    """The HTML is identical for everyone, so a cache or CDN may serve it: reads still count."""
    article = ArticleFactory()
    settings.ROOT_URLCONF = CachedPagesUrls
    first = client.get(f"/cached/news/{article.slug}/")
    with django_assert_num_queries(0):  # served from the cache, not by Django's view
        second = Client().get(f"/cached/news/{article.slug}/")
    assert first.content == second.content
    assert f'data-article="{article.pk}"' in first.text
    send_beacon(client, article.pk, address="198.51.100.1")
    send_beacon(Client(), article.pk, address="198.51.100.2")
    assert reads_today(article) == 2


class CachedPagesUrls:
    """The article page behind a whole-page cache, as a CDN would serve it."""

    urlpatterns = [
        path("cached/news/<slug:slug>/", cache_page(300)(views.article_detail)),
        *site_urls.urlpatterns,
    ]


# The beacon refuses what it is not for -------------------------------------------------


def test_beacon_accepts_only_post(cache_backend, client):
    article = ArticleFactory()
    response = client.get(reverse("articles:beacon"), {"article": article.pk})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert reads_today(article) == 0


@pytest.mark.parametrize(
    "raw", ["", "abc", "-1", "0", "1.5", "1e3", "99999999999999999999999", "1; DROP TABLE"]
)
def test_beacon_refuses_malformed_article_ids_without_revealing_anything(
    cache_backend, client, settings, raw
):
    settings.DEBUG = True  # even then, no technical error page
    response = send_beacon(client, raw)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.text == "Unknown article."


def test_drafts_scheduled_and_missing_stories_are_never_counted(cache_backend, client):
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    # Without Redis the beacon looks the story up and refuses it. With Redis it asks no
    # database and answers as for any story; the flush then leaves these reads out.
    answer = {"locmem": 400, "redis": 204}[cache_backend]
    for article_id in (draft.pk, scheduled.pk, scheduled.pk + 1000):
        assert send_beacon(client, article_id).status_code == answer
    assert flush_pending_reads().dropped == {"locmem": 0, "redis": 3}[cache_backend]
    assert not DailyViews.objects.exists()


def test_beacon_refuses_a_broken_multipart_body(cache_backend, client):
    article = ArticleFactory()
    response = client.generic(
        "POST",
        reverse("articles:beacon"),
        b"--x\r\nnot really multipart",
        content_type="multipart/form-data; boundary=x",
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 400
    assert reads_today(article) == 0


def test_beacons_posted_from_other_sites_are_not_counted(cache_backend, client):
    article = ArticleFactory()
    response = send_beacon(client, article.pk, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert reads_today(article) == 0
    assert send_beacon(client, article.pk, HTTP_SEC_FETCH_SITE="same-origin").status_code == 204
    assert reads_today(article) == 1


def test_a_flood_from_one_client_is_rate_limited(cache_backend, client, settings, clock):
    # The clock stands still, so every beacon here falls in one rate-limit window.
    settings.BEACON_RATE_LIMIT = 5
    articles = ArticleFactory.create_batch(7)
    statuses = [send_beacon(client, a.pk, address="198.51.100.9").status_code for a in articles]
    assert statuses == [204] * 5 + [429] * 2
    limited = send_beacon(client, articles[0].pk, address="198.51.100.9")
    assert limited["Retry-After"] == str(settings.BEACON_RATE_WINDOW)
    assert send_beacon(client, articles[6].pk, address="198.51.100.10").status_code == 204
    flush_pending_reads()
    assert DailyViews.objects.count() == 6


def test_a_rate_limited_client_is_counted_again_once_the_window_is_over(
    cache_backend, client, settings, clock
):
    settings.BEACON_RATE_LIMIT = 1
    first, second = ArticleFactory.create_batch(2)
    assert send_beacon(client, first.pk).status_code == 204
    assert send_beacon(client, second.pk).status_code == 429
    clock.advance(seconds=settings.BEACON_RATE_WINDOW)
    assert send_beacon(client, second.pk).status_code == 204
    assert (reads_today(first), reads_today(second)) == (1, 1)


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(cache_backend, client, settings):
    settings.BEACON_RATE_LIMIT = 2
    article = ArticleFactory()
    statuses = [
        send_beacon(client, article.pk, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [204, 204, 429, 429]


def test_behind_a_trusted_proxy_readers_are_told_apart_by_forwarded_address(
    cache_backend, client, settings
):
    settings.TRUSTED_PROXIES = 1
    article = ArticleFactory()
    for reader in ("198.51.100.1", "198.51.100.2", "198.51.100.2"):
        send_beacon(
            client, article.pk, address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.4, {reader}"
        )
    assert reads_today(article) == 2


# One address is one reader ---------------------------------------------------------------


def test_one_address_rotating_its_user_agent_counts_once_per_story_and_half_hour(
    cache_backend, client, clock
):
    """Changing the browser it claims to be on every beacon does not pump a story."""
    clock.move_to(local(2026, 3, 10, 12, 0))
    article = ArticleFactory()
    for build in range(40):
        agent = BROWSER.replace("Chrome/131.0", f"Chrome/131.0.{build}.{build * 7}")
        assert send_beacon(client, article.pk, agent=agent).status_code == 204
        clock.advance(seconds=40)  # 40 beacons over 26 minutes 40 seconds
    assert reads_today(article) == 1
    clock.advance(minutes=4)
    send_beacon(client, article.pk, agent=BROWSER.replace("Android 14", "Android 15"))
    assert reads_today(article) == 2


def test_addresses_of_one_ipv6_network_are_one_reader(cache_backend, client):
    article = ArticleFactory()
    for address in ("2001:db8:5:6::1", "2001:db8:5:6:9a3f:2c1:77e0:14", "2001:db8:5:7::1"):
        send_beacon(client, article.pk, address=address)
    assert reads_today(article) == 2  # the /64 ending in 6 once, the one ending in 7 once


def test_two_addresses_with_the_same_browser_are_two_readers(cache_backend, client):
    article = ArticleFactory()
    send_beacon(client, article.pk, address="198.51.100.30")
    send_beacon(client, article.pk, address="198.51.100.31")
    assert reads_today(article) == 2


def test_one_address_adds_reads_to_at_most_the_daily_cap_of_stories(
    cache_backend, client, settings, clock
):
    settings.BEACON_STORIES_PER_CLIENT = 3
    clock.move_to(local(2026, 3, 10, 9, 0))
    stories = ArticleFactory.create_batch(5)
    for story in stories:
        assert send_beacon(client, story.pk).status_code == 204  # it notices nothing
    assert [reads_today(story) for story in stories] == [1, 1, 1, 0, 0]
    # Half an hour later its first three stories count again; the others still do not.
    clock.advance(minutes=30)
    for story in stories:
        send_beacon(client, story.pk)
    assert [reads_today(story) for story in stories] == [2, 2, 2, 0, 0]
    # Every other reader still counts, for any story.
    send_beacon(client, stories[4].pk, address="198.51.100.99")
    assert reads_today(stories[4]) == 1
    # The next day the address starts again.
    clock.advance(hours=24)
    send_beacon(client, stories[4].pk)
    assert reads_by_day(stories[4]) == [(date(2026, 3, 10), 1), (date(2026, 3, 11), 1)]


def test_one_address_reading_everything_cannot_fill_most_popular(
    cache_backend, client, settings, clock
):
    """The review's pumping run: 320 beacons from one address, a new browser each time."""
    settings.POPULAR_MIN_READS = 1
    clock.move_to(local(2026, 3, 10, 9, 0))
    stories = ArticleFactory.create_batch(80)
    for n in range(320):
        agent = BROWSER.replace("Chrome/131.0", f"Chrome/{100 + n}.0")
        send_beacon(client, stories[n % 80].pk, agent=agent)
        clock.advance(seconds=1)
    assert sum(reads_today(story) for story in stories) == settings.BEACON_STORIES_PER_CLIENT == 50


def test_reads_are_still_counted_with_caching_switched_off(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    article = ArticleFactory()
    assert send_beacon(client, article.pk).status_code == 204
    assert reads_today(article) == 1


# Flushing pending reads (Redis) --------------------------------------------------------


@redis_only
def test_a_beacon_writes_pending_reads_itself_at_most_once_per_interval(
    cache_backend, client, settings, clock
):
    settings.BEACON_FLUSH_SECONDS = 10
    article = ArticleFactory()
    send_beacon(client, article.pk, address="198.51.100.1")
    assert reads_written_today(article) == 1  # the first beacon in a while flushes at once
    send_beacon(client, article.pk, address="198.51.100.2")
    clock.advance(seconds=9)
    send_beacon(client, article.pk, address="198.51.100.3")
    assert reads_written_today(article) == 1  # the next ones wait for the interval
    clock.advance(seconds=1)
    send_beacon(client, article.pk, address="198.51.100.4")
    assert reads_written_today(article) == 4


@redis_only
def test_reads_survive_a_database_failure_while_a_beacon_flushes(
    cache_backend, client, settings, monkeypatch, clock
):
    settings.BEACON_FLUSH_SECONDS = 10
    article = ArticleFactory()

    def database_down(reads):
        raise DatabaseError("server closed the connection unexpectedly")

    with monkeypatch.context() as database:
        database.setattr(counting, "add_reads", database_down)
        # The reader notices nothing; the reads stay pending.
        assert send_beacon(client, article.pk, address="198.51.100.1").status_code == 204
        assert send_beacon(client, article.pk, address="198.51.100.2").status_code == 204
        assert reads_written_today(article) == 0
    clock.advance(seconds=10)
    send_beacon(client, article.pk, address="198.51.100.3")
    assert reads_written_today(article) == 3


@redis_only
def test_a_write_that_fails_halfway_is_neither_lost_nor_counted_twice(
    cache_backend, monkeypatch, client
):
    monkeypatch.setattr(counting, "FLUSH_CHUNK", 1)  # one statement per daily total
    first, second = ArticleFactory(), ArticleFactory()
    send_beacon(client, first.pk)
    send_beacon(client, second.pk)
    statements = []

    def refuse_the_second_insert(execute, sql, params, many, context):
        if sql.startswith("INSERT INTO"):
            statements.append(sql)
            if len(statements) == 2:
                raise DatabaseError("could not extend file: No space left on device")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_the_second_insert), pytest.raises(DatabaseError):
        flush_pending_reads()
    assert not DailyViews.objects.exists()  # the first total was rolled back with it
    flush_pending_reads()
    assert (reads_written_today(first), reads_written_today(second)) == (1, 1)


@redis_only
def test_flush_reads_command_writes_pending_reads(cache_backend, client):
    article, draft = ArticleFactory(), ArticleFactory(draft=True)
    send_beacon(client, article.pk, address="198.51.100.1")
    send_beacon(client, article.pk, address="198.51.100.2")
    send_beacon(client, draft.pk)
    out = StringIO()
    call_command("flush_reads", stdout=out)
    assert reads_written_today(article) == 2
    assert "Added 2 reads to 1 daily totals." in out.getvalue()
    assert "Dropped 1 reads of stories that are not published." in out.getvalue()


@locmem_only
def test_flush_reads_has_nothing_to_do_when_reads_go_straight_to_the_database(
    cache_backend, client, capsys
):
    article = ArticleFactory()
    send_beacon(client, article.pk)
    call_command("flush_reads")
    assert "reads go straight to the database" in capsys.readouterr().out
    assert reads_written_today(article) == 1


# Concurrency ---------------------------------------------------------------------------

on_postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers, so it cannot show lost updates or racing flushes; "
    "run the suite with DATABASE_URL=postgres://... to exercise this.",
)


@pytest.mark.django_db(transaction=True)
@on_postgresql_only
def test_parallel_reads_lose_no_increments_on_postgresql():
    article = ArticleFactory()
    threads_count, reads_each = 8, 25
    start = threading.Barrier(threads_count)
    errors = []

    def reader():
        try:
            start.wait()
            for _ in range(reads_each):
                count_read(article_id=article.pk)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert DailyViews.objects.get(article=article).views == threads_count * reads_each


@pytest.mark.django_db(transaction=True)
@on_postgresql_only
def test_parallel_beacons_from_many_readers_all_count_on_postgresql(cache_backend):
    article = ArticleFactory()
    readers = 12
    start = threading.Barrier(readers)
    statuses = []

    def read(n):
        try:
            start.wait()
            statuses.append(
                send_beacon(Client(), article.pk, address=f"198.51.100.{n}").status_code
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [204] * readers
    assert reads_today(article) == readers


@redis_only
@pytest.mark.django_db(transaction=True)
@on_postgresql_only
def test_flushes_racing_with_beacons_count_every_read_exactly_once_on_postgresql(
    cache_backend, settings
):
    settings.BEACON_FLUSH_SECONDS = 1  # beacons flush too, besides the two flushing threads
    articles = ArticleFactory.create_batch(3)
    readers, reads_each = 6, 20
    start = threading.Barrier(readers + 2)
    reading_done = threading.Event()
    statuses, errors = [], []

    def reader(n):
        try:
            start.wait()
            client = Client()
            for i in range(reads_each):
                response = send_beacon(client, articles[i % 3].pk, address=f"198.51.{n}.{i}")
                statuses.append(response.status_code)
        except Exception as error:  # surfaced by the assertions below
            errors.append(error)
        finally:
            connections.close_all()

    def flusher():
        try:
            start.wait()
            while not reading_done.is_set():
                flush_pending_reads()
                # Not waiting for anything: a breath between flushes lets reads pile up for
                # the next one (as between real flushes) instead of two threads spinning.
                time.sleep(0.002)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    readers_threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    flushers = [threading.Thread(target=flusher) for _ in range(2)]
    for thread in readers_threads + flushers:
        thread.start()
    for thread in readers_threads:
        thread.join()
    reading_done.set()
    for thread in flushers:
        thread.join()
    flush_pending_reads()
    assert errors == []
    assert statuses == [204] * readers * reads_each
    counted = dict(DailyViews.objects.values_list("article", "views"))
    assert counted == {
        article.pk: sum(1 for _ in range(readers) for i in range(reads_each) if i % 3 == index)
        for index, article in enumerate(articles)
    }


# Ranking -------------------------------------------------------------------------------


def test_most_read_stories_come_first(settings):
    settings.POPULAR_MIN_READS = 1
    quiet, busy, middling = ArticleFactory.create_batch(3)
    for article, reads in ((quiet, 3), (busy, 50), (middling, 12)):
        DailyViewsFactory(article=article, views=reads)
    assert rank_most_popular(window="24h").articles == [busy, middling, quiet]


def test_last_24_hours_counts_yesterday_in_proportion_to_its_hours_still_inside(settings):
    settings.POPULAR_MIN_READS = 1
    now = local(2026, 3, 10, 18, 0)  # a quarter of yesterday is within the last 24 hours
    morning_story = ArticleFactory(published_at=now - timedelta(days=3))
    evening_story = ArticleFactory(published_at=now - timedelta(days=3))
    DailyViewsFactory(article=morning_story, day=now.date() - timedelta(days=1), views=100)
    DailyViewsFactory(article=evening_story, day=now.date(), views=30)
    ranked = Article.objects.published(at=now).most_read(days=1, now=now)
    assert [(a, a.reads) for a in ranked] == [(evening_story, 30.0), (morning_story, 25.0)]


def test_reads_before_the_window_do_not_count(settings):
    settings.POPULAR_MIN_READS = 1
    now = local(2026, 3, 10, 9, 0)
    article = ArticleFactory(published_at=now - timedelta(days=30))
    DailyViewsFactory(article=article, day=now.date() - timedelta(days=2), views=40)
    DailyViewsFactory(article=article, day=now.date() - timedelta(days=8), views=1000)
    assert rank_most_popular(window="24h", now=now).window == "7d"
    week = Article.objects.published(at=now).most_read(days=7, now=now).get()
    assert week.reads == 40
    assert not Article.objects.published(at=now).most_read(days=1, now=now).exists()


def test_the_week_counts_its_oldest_day_in_proportion_too(settings):
    now = local(2026, 3, 10, 6, 0)  # three quarters of 3 March is within the last 7 days
    article = ArticleFactory(published_at=now - timedelta(days=20))
    for age, reads in ((0, 1), (1, 50), (6, 10), (7, 100), (8, 1000)):
        DailyViewsFactory(article=article, day=now.date() - timedelta(days=age), views=reads)
    week = Article.objects.published(at=now).most_read(days=7, now=now).get()
    assert week.reads == 1 + 50 + 10 + 75
    midnight = local(2026, 3, 10, 0, 0)  # all of yesterday is within the last 24 hours
    day = Article.objects.published(at=midnight).most_read(days=1, now=midnight).get()
    assert day.reads == 1 + 50


def test_drafts_and_scheduled_stories_are_never_popular(settings):
    settings.POPULAR_MIN_READS = 1
    live = ArticleFactory()
    for article in (live, ArticleFactory(draft=True), ArticleFactory(scheduled=True)):
        DailyViewsFactory(article=article, views=500)
    assert rank_most_popular().articles == [live]


def test_barely_read_stories_stay_off_the_list(settings):
    settings.POPULAR_MIN_READS = 10
    settings.POPULAR_COUNT = 2
    read, barely = ArticleFactory(), ArticleFactory()
    DailyViewsFactory(article=read, views=10)
    DailyViewsFactory(article=barely, views=9)
    assert rank_most_popular(window="7d").articles == [read]


def test_a_quiet_day_falls_back_to_the_week(settings):
    settings.POPULAR_MIN_READS = 10
    settings.POPULAR_COUNT = 2
    today = timezone.localdate()
    todays, weeks = ArticleFactory(), ArticleFactory()
    DailyViewsFactory(article=todays, day=today, views=15)
    DailyViewsFactory(article=weeks, day=today - timedelta(days=4), views=80)
    popular = rank_most_popular(window="24h")
    assert popular.window == "7d"
    assert popular.label == "in the last 7 days"
    assert popular.articles == [weeks, todays]


def test_a_busy_day_keeps_the_24_hour_list(settings):
    settings.POPULAR_MIN_READS = 10
    settings.POPULAR_COUNT = 2
    today = timezone.localdate()
    a, b, older = ArticleFactory.create_batch(3)
    DailyViewsFactory(article=a, day=today, views=30)
    DailyViewsFactory(article=b, day=today, views=20)
    DailyViewsFactory(article=older, day=today - timedelta(days=3), views=900)
    popular = rank_most_popular(window="24h")
    assert (popular.window, popular.articles) == ("24h", [a, b])


def test_region_ranking_counts_only_its_stories_and_each_once(settings):
    settings.POPULAR_MIN_READS = 1
    georgia, armenia, abkhazia = RegionFactory.create_batch(3)
    primary = ArticleFactory(primary_region=georgia)
    primary.regions.add(armenia, abkhazia)  # extra regions must not multiply its reads
    secondary = ArticleFactory(primary_region=armenia)
    secondary.regions.add(georgia)
    elsewhere = ArticleFactory(primary_region=armenia)
    DailyViewsFactory(article=primary, views=30)
    DailyViewsFactory(article=secondary, views=40)
    DailyViewsFactory(article=elsewhere, views=90)
    popular = rank_most_popular(region=georgia, window="24h")
    assert [(a, a.reads) for a in popular.articles] == [(secondary, 40.0), (primary, 30.0)]


def test_ranking_is_one_query(settings, django_assert_num_queries):
    settings.POPULAR_MIN_READS = 1
    settings.POPULAR_COUNT = 3
    for article in ArticleFactory.create_batch(5):
        DailyViewsFactory(article=article)
    # The ranking itself, then the thumbnails' renditions.
    with django_assert_num_queries(2):
        assert len(rank_most_popular(window="24h").articles) == 3


# Keeping and showing the numbers --------------------------------------------------------


def test_prune_views_deletes_totals_older_than_the_retention(settings):
    settings.POPULARITY_RETENTION_DAYS = 30
    today = timezone.localdate()
    article = ArticleFactory()
    for age in (0, 7, 29, 30, 200):
        DailyViewsFactory(article=article, day=today - timedelta(days=age))
    call_command("prune_views", "--days", "30")
    kept = sorted((today - day).days for day in DailyViews.objects.values_list("day", flat=True))
    assert kept == [0, 7, 29]


def test_prune_views_refuses_to_cut_into_the_weekly_window():
    with pytest.raises(CommandError, match="at least 8"):
        call_command("prune_views", "--days", "3")


def test_prune_views_dry_run_deletes_nothing(capsys):
    DailyViewsFactory(day=timezone.localdate() - timedelta(days=400))
    call_command("prune_views", "--dry-run")
    assert "Would delete 1" in capsys.readouterr().out
    assert DailyViews.objects.count() == 1


@pytest.mark.parametrize("stories", [3, 30])
def test_staff_see_each_storys_views_in_the_admin_list(
    admin_client, django_assert_max_num_queries, stories
):
    today = timezone.localdate()
    articles = ArticleFactory.create_batch(stories)
    DailyViewsFactory(article=articles[0], day=today, views=1234)
    DailyViewsFactory(article=articles[0], day=today - timedelta(days=5), views=4000)
    # 14 with the check of the session's second factor, which every desk request makes, and
    # the stories' translations (the "in other editions" column).
    with django_assert_max_num_queries(14):
        response = admin_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert "Views 24h" in response.text and "Views 7d" in response.text
    assert ">1234<" in response.text.replace(",", "")
    assert ">5234<" in response.text.replace(",", "")


def test_a_mistyped_popularity_setting_stops_the_site_with_a_clear_error():
    result = run_python("from newsroom import settings", DEBUG="1", POPULAR_WINDOW="1 week")
    assert result.returncode != 0
    assert "POPULAR_WINDOW must be 24h or 7d" in result.stderr
    result = run_python("from newsroom import settings", DEBUG="1", POPULARITY_RETENTION_DAYS="3")
    assert "POPULARITY_RETENTION_DAYS must be at least 8" in result.stderr

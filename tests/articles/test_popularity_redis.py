"""Most Popular with Redis, the production cache (database 8): reads are buffered, then flushed."""

import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
import redis
from django.core.management import call_command
from django.db import DatabaseError, connection, connections
from django.test import Client

from articles import popularity
from articles.models import DailyViews
from articles.popularity import flush_pending_reads, rank_most_popular, read_buffer
from tests.articles.test_popularity import BROWSER, local, reads_today, send_beacon
from tests.factories import ArticleFactory
from tests.redis_cache import needs_redis, redis_caches

REDIS_URL = "redis://127.0.0.1:6379/8"


pytestmark = [pytest.mark.django_db, needs_redis(REDIS_URL)]


@pytest.fixture(autouse=True)
def redis_cache(settings):
    settings.CACHES = redis_caches(REDIS_URL)
    # Beacons leave flushing to the test, unless a test says otherwise.
    settings.BEACON_FLUSH_SECONDS = 0
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    yield server
    server.flushdb()


# Counting ------------------------------------------------------------------------------


def test_a_read_reaches_the_daily_totals_when_pending_reads_are_flushed(client):
    article = ArticleFactory()
    assert send_beacon(client, article.pk).status_code == 204
    assert reads_today(article) == 0  # still waiting in Redis
    flush_pending_reads()
    assert reads_today(article) == 1


def test_a_read_costs_no_database_query(client, django_assert_num_queries):
    article = ArticleFactory()
    with django_assert_num_queries(0):
        assert send_beacon(client, article.pk).status_code == 204
    flush_pending_reads()
    assert reads_today(article) == 1


def test_repeat_reads_count_once_and_other_readers_and_stories_separately(client):
    article, other = ArticleFactory(), ArticleFactory()
    for _ in range(3):
        send_beacon(client, article.pk, address="198.51.100.20")
    send_beacon(client, article.pk, address="198.51.100.21")
    send_beacon(client, other.pk, address="198.51.100.20")
    flush_pending_reads()
    flush_pending_reads()  # nothing is written twice
    assert reads_today(article) == 2
    assert reads_today(other) == 1


def test_reload_just_after_midnight_still_counts_once(rf):
    article = ArticleFactory(published_at=local(2026, 3, 1, 9, 0))
    request = rf.post("/beacon/", REMOTE_ADDR="198.51.100.20", HTTP_USER_AGENT=BROWSER)
    before = local(2026, 3, 9, 23, 50)
    for now in (before, before + timedelta(minutes=20)):
        read_buffer().count(request, article_id=article.pk, countable=True, now=now)
    flush_pending_reads(today=before.date() + timedelta(days=1))
    assert list(DailyViews.objects.values_list("day", "views")) == [(before.date(), 1)]


def test_pending_reads_count_in_most_popular(client, settings):
    settings.POPULAR_MIN_READS = 2
    read, barely = ArticleFactory(), ArticleFactory()
    for reader in range(3):
        send_beacon(client, read.pk, address=f"198.51.100.{reader}")
    send_beacon(client, barely.pk)
    assert rank_most_popular(window="24h").articles == [read]


@pytest.mark.parametrize(
    "headers",
    [
        {"agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
        {"agent": "curl/8.5.0"},
        {"agent": ""},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
    ],
)
def test_bots_and_prefetches_are_not_counted(client, headers):
    article = ArticleFactory()
    assert send_beacon(client, article.pk, **headers).status_code == 204
    flush_pending_reads()
    assert reads_today(article) == 0


def test_no_reader_address_is_kept_in_redis(client, redis_cache):
    article = ArticleFactory()
    send_beacon(client, article.pk, address="203.0.113.77")
    stored = []
    for key in redis_cache.scan_iter():
        kind = redis_cache.type(key)
        if kind == b"string":
            stored.append(key + redis_cache.get(key))
        elif kind == b"hash":
            stored.append(key + b"".join(k + v for k, v in redis_cache.hgetall(key).items()))
        else:
            pytest.fail(f"unexpected {kind} {key}")
    assert any(b"popularity:seen:" in entry for entry in stored)  # as a salted hash
    assert not any(b"203.0.113.77" in entry for entry in stored)
    assert not any(BROWSER.encode() in entry for entry in stored)


# The beacon refuses what it is not for -------------------------------------------------


def test_drafts_scheduled_and_missing_stories_are_never_counted(client):
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    for article_id in (draft.pk, scheduled.pk, scheduled.pk + 1000):
        # The beacon no longer asks the database; the flush leaves them out.
        assert send_beacon(client, article_id).status_code == 204
    assert flush_pending_reads().dropped == 3
    assert not DailyViews.objects.exists()


@pytest.mark.parametrize("raw", ["", "abc", "0", "1.5", "99999999999999999999999"])
def test_malformed_article_ids_are_refused(client, raw):
    response = send_beacon(client, raw)
    assert response.status_code == 400
    assert response.text == "Unknown article."


def test_beacons_posted_from_other_sites_are_not_counted(client):
    article = ArticleFactory()
    assert send_beacon(client, article.pk, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    flush_pending_reads()
    assert reads_today(article) == 0


def test_a_flood_from_one_client_is_rate_limited(client, settings):
    settings.BEACON_RATE_LIMIT = 5
    articles = ArticleFactory.create_batch(7)
    statuses = [send_beacon(client, a.pk, address="198.51.100.9").status_code for a in articles]
    assert statuses == [204] * 5 + [429] * 2
    limited = send_beacon(client, articles[0].pk, address="198.51.100.9")
    assert limited["Retry-After"] == str(settings.BEACON_RATE_WINDOW)
    assert send_beacon(client, articles[6].pk, address="198.51.100.10").status_code == 204
    flush_pending_reads()
    assert DailyViews.objects.count() == 6


# Flushing ------------------------------------------------------------------------------


def test_a_beacon_writes_pending_reads_itself_at_most_once_per_interval(client, settings):
    settings.BEACON_FLUSH_SECONDS = 1
    article = ArticleFactory()
    send_beacon(client, article.pk, address="198.51.100.1")
    assert reads_today(article) == 1  # the first beacon in a while flushes at once
    send_beacon(client, article.pk, address="198.51.100.2")
    assert reads_today(article) == 1  # the next ones wait for the interval
    time.sleep(1.1)
    send_beacon(client, article.pk, address="198.51.100.3")
    assert reads_today(article) == 3


def test_reads_survive_a_database_failure_while_a_beacon_flushes(client, settings, monkeypatch):
    settings.BEACON_FLUSH_SECONDS = 1
    article = ArticleFactory()

    def database_down(reads):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(popularity, "add_reads", database_down)
    # The reader notices nothing; the reads stay pending.
    assert send_beacon(client, article.pk, address="198.51.100.1").status_code == 204
    assert send_beacon(client, article.pk, address="198.51.100.2").status_code == 204
    assert reads_today(article) == 0
    monkeypatch.undo()
    time.sleep(1.1)
    send_beacon(client, article.pk, address="198.51.100.3")
    assert reads_today(article) == 3


def test_a_write_that_fails_halfway_is_neither_lost_nor_counted_twice(monkeypatch, client):
    monkeypatch.setattr(popularity, "FLUSH_CHUNK", 1)  # one statement per daily total
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
    assert (reads_today(first), reads_today(second)) == (1, 1)


def test_flush_reads_command_writes_pending_reads(client):
    article, draft = ArticleFactory(), ArticleFactory(draft=True)
    send_beacon(client, article.pk, address="198.51.100.1")
    send_beacon(client, article.pk, address="198.51.100.2")
    send_beacon(client, draft.pk)
    out = StringIO()
    call_command("flush_reads", stdout=out)
    assert reads_today(article) == 2
    assert "Added 2 reads to 1 daily totals." in out.getvalue()
    assert "Dropped 1 reads of stories that are not published." in out.getvalue()


def test_reads_from_before_midnight_go_to_their_own_day(rf):
    article = ArticleFactory(published_at=local(2026, 3, 1, 9, 0))
    late = local(2026, 3, 9, 23, 59)
    for reader, now in (("198.51.100.1", late), ("198.51.100.2", late + timedelta(minutes=2))):
        request = rf.post("/beacon/", REMOTE_ADDR=reader, HTTP_USER_AGENT=BROWSER)
        read_buffer().count(request, article_id=article.pk, countable=True, now=now)
    flush_pending_reads(today=late.date() + timedelta(days=1))
    assert sorted(DailyViews.objects.values_list("day", "views")) == [
        (late.date(), 1),
        (late.date() + timedelta(days=1), 1),
    ]


# Concurrency ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers, so it cannot show two flushes racing; "
    "run the suite with DATABASE_URL=postgres://... to exercise this.",
)
def test_flushes_racing_with_beacons_count_every_read_exactly_once_on_postgresql(settings):
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

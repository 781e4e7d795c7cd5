"""The one reader cache: prepared cards, get-or-make, its clock, and what a page is keyed on."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import prepared, reader_cache
from articles import search as search_view
from articles.models import ArticlePage
from articles.prepared import ROOT
from articles.reader_cache import local_copies
from tests.dom import parse, texts
from tests.factories import ArticleFactory, AuthorFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_renders(monkeypatch):
    """The (story, variant) of every card rendered from here on."""
    made = []
    render_card = prepared.render_card

    def counted(article, variant):
        made.append((article.headline, variant))
        return render_card(article, variant)

    monkeypatch.setattr(prepared, "render_card", counted)
    return made


def test_a_card_is_made_once_per_story_version_and_shared_by_every_list_page(
    cache_backend, client, card_renders
):
    region = RegionFactory(name="Lori", slug="lori")
    author = AuthorFactory(name="Ani Hakobyan", slug="ani-hakobyan")
    story = ArticleFactory(
        headline="Copper mine expansion approved", primary_region=region, authors=[author]
    )
    client.get(region.get_absolute_url())
    client.get(f"{author.get_absolute_url()}")
    client.get(f"{region.get_absolute_url()}?page=1")  # another address: the page is made again
    assert card_renders.count(("Copper mine expansion approved", "list")) == 1

    story.headline = "Copper mine expansion approved after a night session"
    story.save()
    page = parse(client.get(f"{region.get_absolute_url()}?again"))
    assert texts(page, ".card__headline") == [
        "Copper mine expansion approved after a night session"
    ]
    assert card_renders.count(("Copper mine expansion approved after a night session", "list")) == 1


def test_a_cards_byline_follows_its_author_being_renamed(cache_backend, client):
    author = AuthorFactory(name="Ani Hakobyan", slug="ani-hakobyan")
    region = RegionFactory(name="Lori", slug="lori")
    ArticleFactory(primary_region=region, authors=[author])
    assert texts(parse(client.get(region.get_absolute_url())), ".card__byline") == [
        "By Ani Hakobyan"
    ]
    author.name = "Anahit Hakobyan"
    author.save()
    assert texts(parse(client.get(region.get_absolute_url())), ".card__byline") == [
        "By Anahit Hakobyan"
    ]


def test_a_cache_outage_still_serves_list_pages_with_their_cards(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    region = RegionFactory(name="Lori", slug="lori")
    ArticleFactory(headline="Copper mine expansion approved", primary_region=region)
    response = client.get(region.get_absolute_url())
    assert response.status_code == 200
    assert texts(parse(response), ".card__headline") == ["Copper mine expansion approved"]
    home = parse(client.get(reverse("articles:home")))
    assert "Copper mine expansion approved" in texts(home, ".card__headline")


def test_what_is_kept_is_made_again_at_the_next_scheduled_change(cache_backend, clock):
    clock.move_to(timezone.now())
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=90))
    made = []

    def make():
        made.append(timezone.now())
        return f"fragment {len(made)}"

    assert reader_cache.get_or_make("fragment:test", make) == "fragment 1"
    clock.advance(seconds=60)
    assert reader_cache.get_or_make("fragment:test", make) == "fragment 1"
    clock.advance(seconds=31)  # the story went live: every page may show it
    assert reader_cache.get_or_make("fragment:test", make) == "fragment 2"


def test_a_saved_change_outdates_what_was_kept(cache_backend):
    region = RegionFactory(name="Lori")
    values = iter(["before", "after"])
    assert reader_cache.get_or_make("data:test", lambda: next(values)) == "before"
    assert reader_cache.get_or_make("data:test", lambda: next(values)) == "before"
    region.name = "Lori province"
    region.save()
    assert reader_cache.get_or_make("data:test", lambda: next(values)) == "after"


def test_a_release_migrating_its_database_serves_nothing_the_last_one_made(cache_backend):
    """A deploy's new templates or catalogues (a Russian word changed) reach every page at
    once, not when the content next changes."""
    values = iter(["in the old words", "in the new words"])
    assert reader_cache.get_or_make("fragment:test", lambda: next(values)) == "in the old words"
    call_command("migrate", verbosity=0)
    assert reader_cache.get_or_make("fragment:test", lambda: next(values)) == "in the new words"


def test_which_stories_a_list_shows_is_kept_until_the_next_change_or_scheduled_time(
    cache_backend, client, clock, django_assert_num_queries
):
    region = RegionFactory(name="Lori", slug="lori")
    ArticleFactory(headline="Copper mine expansion approved", primary_region=region)
    ArticleFactory(
        headline="Night trains to Tbilisi return",
        primary_region=region,
        published_at=timezone.now() + timedelta(seconds=90),
    )
    url = region.get_absolute_url()
    assert texts(parse(client.get(url)), ".card__headline") == ["Copper mine expansion approved"]
    # Another address of the same page (a link shared with its own parameter): nothing to ask.
    with django_assert_num_queries(0):
        shared = client.get(f"{url}?shared-from=elsewhere")
    assert texts(parse(shared), ".card__headline") == ["Copper mine expansion approved"]

    clock.advance(seconds=91)  # the scheduled story goes live, with no job and no save
    assert texts(parse(client.get(f"{url}?after-the-train")), ".card__headline") == [
        "Night trains to Tbilisi return",
        "Copper mine expansion approved",
    ]
    ArticleFactory(headline="Hail hits the vineyards", primary_region=region)  # a minute ago
    assert texts(parse(client.get(f"{url}?after-the-hail")), ".card__headline") == [
        "Night trains to Tbilisi return",
        "Hail hits the vineyards",
        "Copper mine expansion approved",
    ]


def test_a_list_of_prepared_stories_brings_their_cards_with_it(
    cache_backend, client, card_renders, monkeypatch
):
    """A tag, region or author page never served finds its stories and their stored cards
    in one query: no second look-up of the prepared pages, and no card made again."""
    region = RegionFactory(name="Lori", slug="lori")
    stories = [
        ArticleFactory(headline=headline, primary_region=region, tag_names=["mining"])
        for headline in ("Copper mine expansion approved", "Tailings dam inspected")
    ]
    prepared.prepare_stories([story.pk for story in stories])
    caches["default"].clear()
    local_copies.forget()
    card_renders.clear()
    looked_up = []
    stored_cards = prepared._stored_cards

    def counted(wanted):
        looked_up.extend(variant for _article, variant in wanted)
        return stored_cards(wanted)

    monkeypatch.setattr(prepared, "_stored_cards", counted)

    for url in (region.get_absolute_url(), reverse("articles:tag", args=["mining"])):
        assert texts(parse(client.get(url)), ".card__headline") == [
            "Tailings dam inspected",
            "Copper mine expansion approved",
        ]
    assert "list" not in looked_up
    assert "list" not in [variant for _headline, variant in card_renders]

    stories[0].headline = "Copper mine expansion approved after a night session"
    stories[0].save()  # its prepared page is now out of date: its card is made afresh
    assert texts(parse(client.get(f"{region.get_absolute_url()}?again")), ".card__headline") == [
        "Tailings dam inspected",
        "Copper mine expansion approved after a night session",
    ]


def test_each_order_and_page_of_a_search_is_kept_apart(cache_backend, client, monkeypatch):
    monkeypatch.setattr(search_view, "RESULTS_PER_PAGE", 1)
    ArticleFactory(
        headline="Border crossing reopens", published_at=timezone.now() - timedelta(days=2)
    )
    ArticleFactory(
        headline="Trucks wait for days",
        body="<p>Queues at the border reach ten kilometres.</p>",
        published_at=timezone.now() - timedelta(days=1),
    )
    search = reverse("articles:search")
    best = [
        texts(parse(client.get(f"{search}?q=border&page={n}")), ".card__headline") for n in (1, 2)
    ]
    newest = [
        texts(parse(client.get(f"{search}?q=border&sort=newest&page={n}")), ".card__headline")
        for n in (1, 2)
    ]
    assert best == [["Border crossing reopens"], ["Trucks wait for days"]]
    assert newest == [["Trucks wait for days"], ["Border crossing reopens"]]


def test_a_searchs_results_are_kept_a_minute_like_its_page(cache_backend, client, clock):
    """A query is the reader's own words: what a bot's random ones make (count, ranking,
    results and excerpts) leaves the cache with their page, not with the stories' parts."""
    story = ArticleFactory(headline="Border crossing reopens")
    prepared.prepare_stories([story.pk])
    search = reverse("articles:search")
    client.get(f"{search}?q=border")
    clock.advance(seconds=search_view.KEPT_SECONDS - 10)
    with CaptureQueriesContext(connection) as kept:
        shown = client.get(f"{search}?q=border&shared-from=elsewhere")
    assert texts(parse(shown), ".card__headline") == ["Border crossing reopens"]
    assert len(kept) == 0
    clock.advance(seconds=11)
    with CaptureQueriesContext(connection) as made_again:
        client.get(f"{search}?q=border&again")
    assert any('"articles_article"' in query["sql"] for query in made_again)


def test_the_page_cache_keeps_apart_what_the_view_reads_apart(cache_backend, client):
    ArticleFactory(headline="Vineyards count the cost of the hail")
    ArticleFactory(headline="Border crossing reopens")
    search = reverse("articles:search")
    # The view reads the last q: these are two different searches.
    first = parse(client.get(f"{search}?q=border&q=vineyards"))
    second = parse(client.get(f"{search}?q=vineyards&q=border"))
    assert texts(first, ".card__headline") == ["Vineyards count the cost of the hail"]
    assert texts(second, ".card__headline") == ["Border crossing reopens"]
    # Other parameters in another order are still the same page.
    assert client.get(f"{search}?q=border&sort=newest")["X-Reader-Cache"] == "miss"
    assert client.get(f"{search}?sort=newest&q=border")["X-Reader-Cache"] == "hit"


def test_the_prepared_parts_fingerprint_covers_what_they_are_made_from_and_nothing_else():
    sources = {str(path.relative_to(ROOT)) for path in prepared.sources()}
    for made_from in (
        "templates/articles/_story.html",
        "templates/articles/_article_meta.html",
        "templates/includes/article_card.html",
        "templates/includes/rails/item.html",
        "articles/templatetags/pictures.py",
        "articles/templatetags/rail_headings.py",
        "articles/images.py",
        "articles/rails/related.py",
    ):
        assert made_from in sources
    for not_made_from in (
        "templates/articles/home.html",
        "templates/base.html",
        "articles/views.py",
        "articles/rails/ranking.py",
        "articles/rails/beside.py",
        "articles/admin/content.py",
    ):
        assert not_made_from not in sources


def _page_is_current(story):
    page = ArticlePage.objects.get(pk=story.pk)
    return page.prepared_version == page.version


def test_an_author_rename_remakes_every_story_page_of_theirs_at_once(
    django_capture_on_commit_callbacks,
):
    author = AuthorFactory(name="Ani Hakobyan")
    stories = [ArticleFactory(authors=[author]) for _ in range(3)]
    prepared.prepare_stories([story.pk for story in stories])
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Anahit Hakobyan"
        author.save()
    # No reader has asked for them: the pages were made again in a task after the commit.
    for story in stories:
        assert _page_is_current(story)
        assert "Anahit Hakobyan" in ArticlePage.objects.get(pk=story.pk).story


def test_a_new_story_enters_its_neighbours_related_rails_before_anyone_reads_them(
    django_capture_on_commit_callbacks,
):
    older = ArticleFactory(headline="Wine exports rise", tag_names=["wine"])
    prepared.prepare_stories([older.pk])
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(headline="Harvest starts early in Kakheti", tag_names=["wine"])
    assert _page_is_current(older)
    assert "Harvest starts early in Kakheti" in ArticlePage.objects.get(pk=older.pk).related


def test_remaking_pages_twice_does_no_harm(django_assert_max_num_queries):
    story = ArticleFactory()
    prepared.prepare_stories([story.pk])
    before = ArticlePage.objects.get(pk=story.pk)
    with django_assert_max_num_queries(1):  # it finds the page current, and stops
        prepared.remake_pages.call([story.pk])
    assert ArticlePage.objects.get(pk=story.pk).prepared_at == before.prepared_at

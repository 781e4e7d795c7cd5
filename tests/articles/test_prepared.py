"""Story pages are prepared ahead of their readers, and never shown out of date."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from articles import prepared
from articles.models import Article, ArticlePage, Byline, Rendition
from articles.reader_cache import local_copies
from tests.dom import one, parse, text, texts
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    PinnedRelatedFactory,
    RegionFactory,
    SmallPhotoFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(
        headline="Vineyards count the cost of the hail",
        primary_region=RegionFactory(name="Kakheti", slug="kakheti"),
        authors=[AuthorFactory(name="Nino Beridze")],
        tag_names=["wine", "weather"],
        lead_photo=SmallPhotoFactory(caption="Hail-damaged vines near Telavi."),
    )


def related_rail(page):
    """The headlines of the page's Related stories rail, in order; none when it has no rail."""
    rail = parse(page).select_one('section[aria-labelledby="rail-related-heading"]')
    return texts(rail, ".rail__headline") if rail else []


def read(client, article, ref="x"):
    """A reader whose address no one used yet: the page cache cannot answer it."""
    return client.get(f"{article.get_absolute_url()}?ref={ref}").text


def test_saving_a_story_prepares_its_page_for_its_first_reader(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    other = ArticleFactory()
    fresh = ArticleFactory(headline="Border crossing to reopen")  # tests run no commit hooks
    assert not ArticlePage.objects.filter(article=fresh).exists()
    with django_capture_on_commit_callbacks(execute=True):
        _save(fresh, headline="Border crossing reopens after three weeks")
    assert ArticlePage.objects.filter(article=fresh).exists()
    client.get(other.get_absolute_url())  # what every page shares is now rendered
    # Nobody has read it yet, and the page cache has never seen it: one query.
    with django_assert_num_queries(1):
        response = client.get(fresh.get_absolute_url())
    assert response.status_code == 200
    assert text(one(parse(response), "h1")) == "Border crossing reopens after three weeks"


def test_the_first_reader_of_an_unprepared_story_prepares_it_for_the_next(
    client, story, django_assert_num_queries
):
    ArticlePage.objects.all().delete()  # as after importing stories in bulk
    first = read(client, story, "first")
    with django_assert_num_queries(1):
        again = read(client, story, "again")
    assert again == first
    assert "Nino Beridze" in again and "Hail-damaged vines near Telavi." in again


def test_a_saved_edit_is_on_the_story_page_at_once(client, story):
    read(client, story)
    story.headline = "Hail: vineyards ask for help"
    story.save()
    page = read(client, story, "after")
    assert text(one(parse(page), "h1")) == "Hail: vineyards ask for help"
    assert "Vineyards count the cost of the hail" not in page


@pytest.mark.parametrize(
    "edit, where, shown",
    [
        pytest.param(
            lambda s: _rename_author(s, "Nino Beridze-Kvaratskhelia"),
            ".story__byline a[rel=author]",
            "Nino Beridze-Kvaratskhelia",
            id="author renamed",
        ),
        pytest.param(
            lambda s: _save(s.lead_photo, caption="Vines stripped bare near Telavi."),
            ".story__lead figcaption .caption",
            "Vines stripped bare near Telavi.",
            id="photo caption",
        ),
        pytest.param(
            lambda s: _save(s.primary_region, name="Kakheti region"),
            ".story__header .kicker a",
            "Kakheti region",
            id="region renamed",
        ),
        pytest.param(
            lambda s: _save(Tag.objects.get(name="wine"), name="winemaking"),
            ".story__topics a[rel=tag]",
            "winemaking",
            id="tag renamed",
        ),
        pytest.param(
            lambda s: CorrectionFactory(article=s, text="The hail fell on Tuesday, not Monday."),
            ".corrections li",
            "The hail fell on Tuesday, not Monday.",
            id="correction added",
        ),
        pytest.param(
            lambda s: s.tags.add("agriculture"),
            ".story__topics a[rel=tag]",
            "agriculture",
            id="tag added",
        ),
        pytest.param(
            lambda s: s.regions.add(RegionFactory(name="Imereti")),
            ".story__topics a.chip",
            "Imereti",
            id="region added",
        ),
    ],
)
def test_a_change_to_anything_a_story_shows_reaches_its_prepared_page(
    client, story, edit, where, shown
):
    assert shown not in read(client, story)
    edit(story)
    # Shown where a reader looks for it, as the whole text of a link or the end of a correction.
    assert any(found.endswith(shown) for found in texts(parse(read(client, story, "after")), where))


def _save(obj, **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()


def _rename_author(story, name):
    author = story.authors.get()
    _save(author, name=name)


def test_an_edited_related_story_is_shown_as_it_is_now_in_every_rail(client, story):
    # Pinned, and sharing no tag or region: only the rail's own link to it can tell.
    neighbour = PinnedRelatedFactory(
        article=story, related__headline="Frost threatens the harvest"
    ).related
    assert "Frost threatens the harvest" in related_rail(read(client, story))
    _save(neighbour, headline="Frost spares the harvest")
    rail = related_rail(read(client, story, "after"))
    assert "Frost spares the harvest" in rail
    assert "Frost threatens the harvest" not in rail


@pytest.mark.parametrize("how", ["taken down", "deleted"])
def test_a_story_taken_down_or_deleted_leaves_every_related_rail_at_once(client, story, how):
    pulled = ArticleFactory(headline="A story with a legal problem", tag_names=["wine"])
    assert pulled.headline in related_rail(read(client, story))
    if how == "deleted":
        pulled.delete()
    else:
        _save(pulled, status=Article.Status.DRAFT)
    assert pulled.headline not in read(client, story, "after")


def test_a_new_story_sharing_tags_joins_older_stories_rails_at_once(client, story):
    assert related_rail(read(client, story)) == []
    ArticleFactory(headline="Insurers refuse hail claims", tag_names=["wine"])
    assert "Insurers refuse hail claims" in related_rail(read(client, story, "after"))


def test_a_pinned_story_shows_first_in_the_rail_at_once(client, story):
    ArticleFactory(headline="Another wine story", tag_names=["wine"])
    read(client, story)
    pin = PinnedRelatedFactory(article=story, related__headline="Editors chose this one")
    rail = related_rail(read(client, story, "after"))
    assert rail.index(pin.related.headline) < rail.index("Another wine story")


def test_an_edit_saved_while_a_reader_prepares_the_page_is_not_lost(client, story, monkeypatch):
    ArticlePage.objects.all().delete()
    read(client, story)  # prepared once
    author = story.authors.get()
    render_parts = prepared.render_parts

    def render_then_an_editor_saves(article):
        parts = render_parts(article)  # made from what the reader loaded
        _save(author, name="Nino B.")  # an editor's save lands meanwhile
        return parts

    monkeypatch.setattr(prepared, "render_parts", render_then_an_editor_saves)
    _save(story.lead_photo, caption="Another caption")  # the page is out of date
    assert "Nino Beridze" in read(client, story, "racing")
    monkeypatch.setattr(prepared, "render_parts", render_parts)
    page = read(client, story, "next")
    assert texts(parse(page), ".story__byline a[rel=author]") == ["Nino B."]
    assert "Nino Beridze" not in page


def test_pages_made_with_other_settings_or_templates_are_made_again(client, story, settings):
    assert one(parse(read(client, story)), 'meta[property="og:site_name"]')["content"] == "Newsroom"
    settings.SITE_NAME = "Mountain Post"
    page = parse(read(client, story, "new"))
    assert one(page, 'meta[property="og:site_name"]')["content"] == "Mountain Post"


def test_a_prepared_page_is_made_again_once_it_is_older_than_the_limit(client, story, settings):
    region_only = ArticleFactory(primary_region=story.primary_region, headline="Kakheti roads")
    assert "Kakheti roads" in related_rail(read(client, story))
    ArticlePage.objects.update(prepared_at=timezone.now() - timedelta(hours=1))
    Article.objects.filter(pk=region_only.pk).update(status=Article.Status.DRAFT)  # no signal
    assert "Kakheti roads" in related_rail(read(client, story, "within-a-day"))
    settings.READER_CACHE_PREPARED_MAX_AGE = 1800
    assert "Kakheti roads" not in related_rail(read(client, story, "later"))


def test_outdate_pages_is_what_bulk_updates_call(client, story):
    read(client, story)
    Article.objects.filter(pk=story.pk).update(standfirst="Farmers count their losses.")
    assert "Farmers count their losses." not in read(client, story, "stale")
    prepared.outdate_pages(Article.objects.filter(pk=story.pk))
    assert "Farmers count their losses." in read(client, story, "fresh")


def test_prepare_pages_prepares_every_story_imported_without_signals(
    client, story, django_assert_num_queries, capsys
):
    ArticlePage.objects.all().delete()
    scheduled = ArticleFactory(scheduled=True)
    ArticleFactory(draft=True)
    call_command("prepare_pages")
    assert "Prepared 2 story pages" in capsys.readouterr().out
    assert set(ArticlePage.objects.values_list("pk", flat=True)) == {story.pk, scheduled.pk}
    read(client, ArticleFactory())  # what every page shares
    with django_assert_num_queries(1):
        read(client, story)
    call_command("prepare_pages")
    assert "Prepared 0 story pages" in capsys.readouterr().out


def test_a_page_that_cannot_be_stored_is_still_served(client, story, monkeypatch):
    ArticlePage.objects.all().delete()

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(ArticlePage.objects, "create", broken)
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Vineyards count the cost of the hail" in response.text
    assert not ArticlePage.objects.exists()


def test_publishing_in_the_admin_prepares_the_page_once_with_everything_the_editor_saved(
    client, django_capture_on_commit_callbacks, django_assert_num_queries, monkeypatch
):
    from django.urls import reverse

    from tests.articles.desk import article_form, desk_user
    from tests.staff.sign_in import sign_in

    editor = desk_user("Editor")
    desk = sign_in(type(client)(), editor)
    renders = []
    render_parts = prepared.render_parts

    def counted(article):
        renders.append(article.pk)
        return render_parts(article)

    monkeypatch.setattr(prepared, "render_parts", counted)
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            reverse("admin:articles_article_add"),
            article_form(
                headline="Night trains to Batumi return for the summer",
                slug="night-trains-to-batumi",
                region=RegionFactory(name="Adjara"),
                photo=SmallPhotoFactory(),
                authors=[AuthorFactory(name="Giorgi Lomidze")],
                published_at=timezone.now() - timedelta(minutes=1),
                _publish_now="Publish now",
            ),
        )
    assert response.status_code == 302, response.content[:2000]
    story = Article.objects.get(slug="night-trains-to-batumi")
    # The story, its byline and its tags each asked for it; it was made once, after them all.
    assert renders == [story.pk]
    read(client, ArticleFactory())  # what every page shares
    with django_assert_num_queries(1):
        page = read(client, story)
    story_page = parse(page)
    assert texts(story_page, ".story__byline a[rel=author]") == ["Giorgi Lomidze"]
    assert "borders" in texts(story_page, ".story__topics a[rel=tag]")


def _forget_every_cached_thing():
    caches["default"].clear()  # with Redis, a flush: the cards kept there are gone too
    local_copies.forget()


def test_a_list_page_with_its_cache_emptied_joins_stored_cards_and_renders_none(client, story):
    region = story.primary_region
    neighbours = [
        ArticleFactory(headline=f"Harvest report {n}", primary_region=region, lead_photo=None)
        for n in range(3)
    ]
    call_command("prepare_pages", verbosity=0)
    _forget_every_cached_thing()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"{region.get_absolute_url()}?ref=after-flush")
    shown = texts(parse(page.text), ".card__headline")
    assert story.headline in shown
    assert {n.headline for n in neighbours} <= set(shown)
    # What a card prints but a list query never reads: the card was stored, not rendered.
    read_tables = " ".join(query["sql"] for query in queries)
    assert Byline._meta.db_table not in read_tables
    assert Rendition._meta.db_table not in read_tables


def test_a_stored_card_of_an_older_version_is_never_shown(client, story):
    region = story.primary_region
    call_command("prepare_pages", verbosity=0)
    # A rename reaches the page (its version moves on) but no task has made the page again.
    Article.objects.filter(pk=story.pk).update(headline="Hail: vineyards ask for help")
    prepared.outdate_pages([story.pk], remake=False)
    _forget_every_cached_thing()
    shown = texts(
        parse(client.get(f"{region.get_absolute_url()}?ref=renamed").text), ".card__headline"
    )
    assert "Hail: vineyards ask for help" in shown
    assert "Vineyards count the cost of the hail" not in shown

"""Live blogs: a story carrying timestamped updates, newest first, while an editor keeps it live.

What the desk can do (who posts, what is refused), what readers see on the story, its cards and
its JSON-LD, and the updates address an open page asks for new updates: cached like every
reader page and never stale once an update is saved.
"""

import json
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import prepared, services
from articles.models import Article, ArticlePage, EditorsPick, LiveUpdate
from articles.reader_cache import local_copies
from tests.articles.desk import browser_form, desk_user
from tests.dom import one, parse, text, texts
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    RegionFactory,
    shared_photo,
)
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return desk_user("Editor")


@pytest.fixture
def reporter():
    user = desk_user("Reporter")
    AuthorFactory(name="Ani Kvaratskhelia", slug="ani", user=user)
    return user


@pytest.fixture
def story():
    region = RegionFactory(name="Georgia", slug="georgia")
    return ArticleFactory(
        headline="Landslides close the Georgian Military Road",
        slug="military-road-closed",
        primary_region=region,
        published_at=timezone.now() - timedelta(hours=2),
    )


@pytest.fixture
def live(story, editor):
    return services.live_blog_start(article=story, user=editor)


def post(article, user, text="<p>Crews have cleared the first slide.</p>", **fields):
    author = fields.pop("author", None) or AuthorFactory(name="Giorgi Lomidze")
    update = LiveUpdate(article=article, text=text, author=author, **fields)
    return services.live_update_save(update=update, user=user)


def updates_url(article, after=None):
    url = reverse("articles:live_updates", kwargs={"slug": article.slug})
    return url if after is None else f"{url}?after={after}"


def shown_updates(client, article):
    page = parse(client.get(article.get_absolute_url()))
    return texts(page, ".live-update .live-update__text")


# --- The desk ---------------------------------------------------------------------------------


def test_an_editor_makes_a_story_live_then_closes_it_and_the_updates_stay(story, editor):
    services.live_blog_start(article=story, user=editor)
    story.refresh_from_db()
    assert story.is_live and story.live_since is not None
    post(story, editor)
    services.live_blog_close(article=story, user=editor)
    story.refresh_from_db()
    assert story.is_live_blog and not story.is_live
    assert story.live_until >= story.live_since
    assert story.status == Article.Status.PUBLISHED
    assert story.live_updates.count() == 1


def test_only_a_published_or_scheduled_story_becomes_a_live_blog(editor):
    draft = ArticleFactory(draft=True)
    with pytest.raises(ValidationError):
        services.live_blog_start(article=draft, user=editor)
    assert Article.objects.get(pk=draft.pk).live_since is None


def test_reporters_neither_start_nor_close_live_blogs(story, reporter, editor):
    with pytest.raises(PermissionDenied):
        services.live_blog_start(article=story, user=reporter)
    services.live_blog_start(article=story, user=editor)
    with pytest.raises(PermissionDenied):
        services.live_blog_close(article=story, user=reporter)
    assert Article.objects.get(pk=story.pk).is_live


def test_a_reporter_posts_to_a_live_blog_they_have_a_byline_on_and_no_other(live, reporter):
    with pytest.raises(PermissionDenied):
        post(live, reporter, author=reporter.author_profile)
    live.bylines.create(author=reporter.author_profile, order=1)
    update = post(live, reporter, author=reporter.author_profile)
    assert update.created_by == reporter
    assert list(live.live_updates.all()) == [update]


def test_nobody_posts_to_an_ended_live_blog_but_editors_still_correct_it(live, editor):
    update = post(live, editor)
    services.live_blog_close(article=live, user=editor)
    with pytest.raises(PermissionDenied):
        post(live, editor)
    update.text = "<p>Crews have cleared the first of two slides.</p>"
    services.live_update_save(update=update, user=editor)
    assert "first of two" in LiveUpdate.objects.get(pk=update.pk).text


def test_an_update_with_a_photo_missing_its_credit_or_alt_text_is_refused(live, editor):
    photo = PhotoFactory(credit="", alt_text="A bulldozer on a muddy road", renditions=False)
    with pytest.raises(ValidationError) as refused:
        post(live, editor, photo=photo)
    assert "credit" in str(refused.value.message_dict["photo"])
    assert not LiveUpdate.objects.exists()


def test_a_photo_shown_in_an_update_is_changed_by_editors_only(live, editor, reporter):
    photo = PhotoFactory(renditions=False)
    post(live, editor, photo=photo)
    assert services.may_change_photo(user=editor, photo=photo)
    assert not services.may_change_photo(user=reporter, photo=photo)
    assert f"in an update of “{live.headline}”" in services.photo_live_uses(photo)


def test_an_empty_update_is_refused(live, editor):
    with pytest.raises(ValidationError):
        post(live, editor, text="<p> </p><script>alert(1)</script>")
    assert not LiveUpdate.objects.exists()


def test_update_text_keeps_only_the_body_allowlist_and_plain_text_gets_paragraphs(live, editor):
    risky = post(live, editor, text='<p onclick="x()">Open <script>bad()</script>again</p>')
    assert risky.text == "<p>Open again</p>"
    plain = post(live, editor, text="The road reopens at six.\n\nTrucks wait at Pasanauri.")
    assert plain.text == "<p>The road reopens at six.</p>\n\n<p>Trucks wait at Pasanauri.</p>"


def test_an_update_keeps_its_time_and_anchor_when_it_is_corrected(live, editor, clock):
    update = post(live, editor)
    posted, anchor = update.posted_at, update.anchor
    clock.advance(minutes=20)
    update.text = "<p>Crews have cleared the second slide too.</p>"
    services.live_update_save(update=update, user=editor)
    update.refresh_from_db()
    assert (update.posted_at, update.anchor) == (posted, anchor)
    assert update.modified_at == posted + timedelta(minutes=20)


# --- What readers see -----------------------------------------------------------------------


def test_the_story_shows_its_updates_newest_first_with_time_author_photo_and_anchor(
    client, live, editor, clock
):
    first = post(live, editor, text="<p>The road is closed at Kobi.</p>")
    clock.advance(minutes=5)
    photo = PhotoFactory(caption="The slide near Kobi.", credit="Levan Maisuradze")
    second = post(
        live,
        editor,
        text="<p>A second slide blocks the pass.</p>",
        photo=photo,
        photo_caption="Mud across both lanes near the Jvari pass.",
        author=AuthorFactory(name="Tamar Gelashvili"),
    )
    page = parse(client.get(live.get_absolute_url()))
    updates = page.select(".live-blog .live-update")
    assert [update["id"] for update in updates] == [second.anchor, first.anchor]
    newest = updates[0]
    assert one(newest, "a.live-update__time")["href"] == f"#{second.anchor}"
    assert one(newest, "time")["datetime"] == timezone.localtime(second.posted_at).isoformat()
    assert text(one(newest, ".live-update__author")) == "Tamar Gelashvili"
    assert text(one(newest, ".caption")) == "Mud across both lanes near the Jvari pass."
    assert text(one(newest, ".credit")) == "Photo: Levan Maisuradze"
    assert one(newest, "img")["alt"] == photo.alt_text
    assert text(one(page, ".story__header .live-label")) == "Live"
    assert "Last update" in text(one(page, ".story__dates"))


def test_a_live_blog_page_loads_its_update_script_from_a_file_and_an_ended_one_does_not(
    client, live, editor
):
    page = parse(client.get(live.get_absolute_url()))
    script = one(page, "script[src*='live-updates']")
    assert script["data-interval"]
    assert one(page, "[data-live-updates]")["data-live-updates"] == updates_url(live)
    assert one(page, ".live-blog__status")["aria-live"] == "polite"
    services.live_blog_close(article=live, user=editor)
    page = parse(client.get(live.get_absolute_url()))
    assert not page.select("script[src*='live-updates']")
    assert not page.select("[data-live-updates]")
    assert text(one(page, ".story__header .live-label")) == "Ended"
    assert "ended" in text(one(page, ".live-blog__ended"))


def test_a_live_story_is_labelled_live_on_home_and_region_cards_until_it_is_closed(
    client, live, editor
):
    pages = [reverse("articles:home"), live.primary_region.get_absolute_url()]

    def labelled(url):
        cards = parse(client.get(url)).select("article.card")
        return [text(one(c, ".card__headline")) for c in cards if c.select(".live-label")]

    for url in pages:
        assert labelled(url) == [live.headline], url
    services.live_blog_close(article=live, user=editor)
    for url in pages:
        assert labelled(url) == [], url


def test_a_live_story_picked_by_the_editors_is_labelled_live_in_the_rail_until_closed(
    client, live, editor
):
    EditorsPick.objects.create(article=live)

    def labelled_in_rails():
        items = parse(client.get(reverse("articles:home"))).select(".rail__item")
        return [text(one(i, ".rail__headline")) for i in items if i.select(".live-label")]

    assert labelled_in_rails() == [live.headline]
    services.live_blog_close(article=live, user=editor)
    assert labelled_in_rails() == []


def test_other_stories_show_no_live_blog(client, story):
    page = parse(client.get(story.get_absolute_url()))
    assert not page.select(".live-blog, .live-label, script[src*='live-updates']")


def test_the_json_ld_of_a_live_blog_is_a_live_blog_posting_with_its_updates(
    client, live, editor, clock
):
    first = post(live, editor, text="<p>The road is <strong>closed</strong> at Kobi.</p>")
    clock.advance(minutes=3)
    second = post(live, editor, text="<p>Traffic is turned back at Pasanauri.</p>")

    def json_ld():
        page = parse(client.get(live.get_absolute_url()))
        return json.loads(one(page, "script[type='application/ld+json']").string)

    data = json_ld()
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"] == timezone.localtime(live.live_since).isoformat(
        timespec="seconds"
    )
    assert "coverageEndTime" not in data
    url = data["url"]
    assert [u["url"] for u in data["liveBlogUpdate"]] == [
        f"{url}#{second.anchor}",
        f"{url}#{first.anchor}",
    ]
    oldest = data["liveBlogUpdate"][1]
    assert oldest["@type"] == "BlogPosting"
    assert oldest["articleBody"] == "The road is closed at Kobi."
    assert oldest["headline"] == "The road is closed at Kobi."
    assert oldest["datePublished"] == timezone.localtime(first.posted_at).isoformat(
        timespec="seconds"
    )
    assert data["dateModified"] == data["liveBlogUpdate"][0]["datePublished"]
    clock.advance(minutes=1)
    services.live_blog_close(article=live, user=editor)
    assert "coverageEndTime" in json_ld()


# --- Never stale ----------------------------------------------------------------------------


def test_a_new_changed_or_removed_update_reaches_the_cached_page_and_updates_at_once(
    cache_backend, client, live, editor, django_capture_on_commit_callbacks
):
    page_url = live.get_absolute_url()
    first = post(live, editor, text="<p>The road is closed.</p>")
    assert shown_updates(client, live) == ["The road is closed."]
    assert client.get(updates_url(live, first.pk)).json()["count"] == 0  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        second = post(live, editor, text="<p>One lane is open.</p>")
    assert shown_updates(client, live) == ["One lane is open.", "The road is closed."]
    answer = client.get(updates_url(live, first.pk)).json()
    assert (answer["count"], answer["newest"]) == (1, second.pk)
    assert "One lane is open." in answer["html"]

    with django_capture_on_commit_callbacks(execute=True):
        second.text = "<p>One lane is open, for lorries only.</p>"
        services.live_update_save(update=second, user=editor)
    assert shown_updates(client, live)[0] == "One lane is open, for lorries only."
    with django_capture_on_commit_callbacks(execute=True):
        services.live_update_delete(update=second, user=editor)
    assert shown_updates(client, live) == ["The road is closed."]
    assert client.get(updates_url(live, first.pk)).json()["count"] == 0
    assert "One lane" not in client.get(page_url).text


def test_a_live_blog_and_its_updates_are_one_copy_for_every_reader(
    client, live, editor, django_assert_num_queries
):
    post(live, editor)
    for url in (live.get_absolute_url(), updates_url(live, 0)):
        first = client.get(url)
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.content == first.content
        assert "public" in again["Cache-Control"]
        assert not again.cookies


def test_closing_a_live_blog_reaches_its_updates_address_at_once(cache_backend, client, live):
    assert client.get(updates_url(live, 0)).json()["live"] is True
    services.live_blog_close(article=live, user=desk_user("Editor", "another-editor"))
    assert client.get(updates_url(live, 0)).json()["live"] is False


# --- The updates address --------------------------------------------------------------------


def test_the_updates_address_answers_only_updates_after_the_newest_a_reader_has(
    client, live, editor
):
    older, newer, newest = (post(live, editor, text=f"<p>Update {n}.</p>") for n in range(3))
    answer = client.get(updates_url(live, older.pk)).json()
    assert answer == {
        "html": answer["html"],
        "count": 2,
        "newest": newest.pk,
        "live": True,
    }
    ids = [u["data-update-id"] for u in parse(answer["html"]).select(".live-update")]
    assert ids == [str(newest.pk), str(newer.pk)]
    assert one(parse(answer["html"]), f"#{newest.anchor} a.live-update__time")["href"] == (
        f"#{newest.anchor}"
    )
    nothing = client.get(updates_url(live, newest.pk)).json()
    assert (nothing["count"], nothing["newest"], nothing["html"]) == (0, newest.pk, "")


@pytest.mark.parametrize(
    "after",
    ["x", "-1", "1.5", "1e3", "99999999999999999999999", "１２", "0x10", "", "1 ", "%00"],
)
def test_the_updates_address_refuses_what_is_not_an_update_number(client, live, after):
    response = client.get(updates_url(live) + "?after=" + after)
    assert response.status_code == 400


def test_the_updates_address_is_not_there_for_other_stories(client, story, editor):
    assert client.get(updates_url(story, 0)).status_code == 404
    draft = ArticleFactory(draft=True, live_since=timezone.now())
    assert client.get(updates_url(draft, 0)).status_code == 404
    assert client.get("/news/no-such-story/updates/?after=0").status_code == 404


def test_a_page_far_behind_gets_every_update_over_a_few_answers(client, live, editor):
    posted = [
        post(live, editor, text=f"<p>Update {n}.</p>", author=live.authors.get()) for n in range(53)
    ]
    first = client.get(updates_url(live, 0)).json()
    assert (first["count"], first["newest"]) == (50, posted[49].pk)
    rest = client.get(updates_url(live, first["newest"])).json()
    assert (rest["count"], rest["newest"]) == (3, posted[-1].pk)


def test_a_far_future_update_number_is_an_empty_answer(client, live, editor):
    post(live, editor)
    answer = client.get(updates_url(live, 10**17)).json()
    assert answer["count"] == 0


# --- Query budgets --------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("fresh", ["cold", "prepared"])
def test_a_live_blog_costs_the_same_queries_with_sixty_updates_as_with_one(
    client, live, editor, fresh, django_assert_max_num_queries
):
    photo = shared_photo()

    def cost(url):
        caches["default"].clear()
        local_copies.forget()
        ArticlePage.objects.all().delete()
        if fresh == "prepared":
            prepared.prepare(live.pk)  # as the task does once the update commits
        return _queries(client, url)

    post(live, editor, photo=photo)
    one_update = cost(live.get_absolute_url()), cost(updates_url(live, 0))
    for n in range(59):
        post(live, editor, photo=photo if n % 3 == 0 else None, author=AuthorFactory())
    sixty = cost(live.get_absolute_url()), cost(updates_url(live, 0))
    assert sixty == one_update
    with django_assert_max_num_queries(one_update[1]):
        client.get(updates_url(live, 1))


# --- The desk's pages -----------------------------------------------------------------------


def test_an_editor_starts_a_live_blog_and_posts_from_the_storys_page(client, story, editor):
    sign_in(client, editor)
    change = reverse("admin:articles_article_change", args=[story.pk])
    tools = parse(client.get(change))
    start = reverse("admin:articles_article_live_blog", args=[story.pk])
    assert one(tools, f".object-tools a[href='{start}']")
    assert client.get(start).status_code == 200
    assert client.post(start).status_code == 302
    story.refresh_from_db()
    assert story.is_live

    page = client.get(change)
    author = AuthorFactory(name="Giorgi Lomidze")
    data = browser_form(
        page,
        **{
            "live_updates-0-text": "Rescue teams reach the village of Kobi.",
            "live_updates-0-author": str(author.pk),
        },
    )
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    (update,) = story.live_updates.all()
    assert update.text == "<p>Rescue teams reach the village of Kobi.</p>"
    assert update.created_by == editor

    assert client.post(start).status_code == 302  # now: close it
    story.refresh_from_db()
    assert not story.is_live and story.live_updates.count() == 1


def test_a_reporter_posts_an_update_from_the_desk_to_a_story_they_cover(client, live, reporter):
    live.bylines.create(author=reporter.author_profile, order=1)
    sign_in(client, reporter)
    add = reverse("admin:articles_liveupdate_add")
    story_page = parse(client.get(reverse("admin:articles_article_change", args=[live.pk])))
    assert one(story_page, f".object-tools a[href='{add}?article={live.pk}']")
    form = parse(client.get(f"{add}?article={live.pk}"))
    assert one(form, "#id_author option[selected]")["value"] == str(reporter.author_profile.pk)
    response = client.post(
        add,
        {
            "article": live.pk,
            "text": "The ministry says the road stays shut overnight.",
            "author": reporter.author_profile.pk,
            "photo": "",
            "photo_caption": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert live.live_updates.get().author == reporter.author_profile


def test_a_reporter_cannot_post_to_a_live_blog_without_their_byline(client, live, reporter):
    sign_in(client, reporter)
    response = client.post(
        reverse("admin:articles_liveupdate_add"),
        {"article": live.pk, "text": "Not mine to post.", "author": reporter.author_profile.pk},
    )
    assert response.status_code == 200  # the form again, with the reason
    assert not LiveUpdate.objects.exists()
    assert client.get(reverse("admin:articles_article_live_blog", args=[live.pk])).status_code == (
        403
    )


@pytest.mark.parametrize("object_id", ["nope", "１２", "99999999999999999999999", "0"])
def test_the_live_blog_button_of_a_story_that_is_not_there_is_not_found(client, editor, object_id):
    sign_in(client, editor)
    url = reverse("admin:articles_article_live_blog", args=["1"]).replace("/1/", f"/{object_id}/")
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404

"""Revisions of a story: every save is kept (who, when, what changed); an editor compares any
two side by side and restores an earlier one, as a new change under the usual publishing rules.

Nino (an editor) and Giorgi (a reporter) work on the desk. Times are the newsroom's
(TIME_ZONE, Asia/Tbilisi: UTC+4).
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles import services
from articles.models import Article, Correction
from articles.revisions import versions_of, when
from tests.articles.desk import browser_form, desk_user
from tests.dom import parse, text, texts
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    PhotoFactory,
    RegionFactory,
)
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

# 10:05 UTC is 14:05 in the newsroom.
MORNING = datetime(2026, 12, 2, 10, 5, tzinfo=UTC)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def compare_url(article, older, newer):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return f"{url}?from={older}&to={newer}"


def restore_url(article, version_id):
    return reverse("admin:articles_article_restore", args=[article.pk, version_id])


def signed_in(client, user):
    sign_in(client, user)
    client.user = user
    return client


@pytest.fixture
def nino():
    user = desk_user("Editor", username="nino")
    user.first_name, user.last_name = "Nino", "Beridze"
    user.save()
    return user


@pytest.fixture
def giorgi():
    user = desk_user("Reporter", username="giorgi")
    user.first_name, user.last_name = "Giorgi", "Lomidze"
    user.save()
    return user


@pytest.fixture
def editor(client, nino):
    return signed_in(client, nino)


def edit(client, article, **changes):
    """Open the story's change page and save it with ``changes``, as a browser would."""
    page = client.get(change_url(article))
    assert page.status_code == 200
    response = client.post(change_url(article), browser_form(page, **changes))
    assert response.status_code == 302, parse(response).select_one(".errornote, .errorlist")
    article.refresh_from_db()
    return response


def comments(article):
    return [version.revision.comment for version in versions_of(article)]


def history_rows(client, article):
    page = parse(client.get(history_url(article)))
    return [
        [text(cell) for cell in row.select("th, td")[2:5]]
        for row in page.select(".revision-list tbody tr")
    ]


def story_in_three_revisions(editor, *, nino=None, **factory):
    """A story saved three times on the desk: written, rewritten, then its tags changed."""
    article = ArticleFactory(
        headline="Talks resume in Geneva",
        body="<p>Delegations met on Monday.</p>",
        tag_names=["diplomacy"],
        **factory,
    )
    edit(editor, article, headline="Talks resume in Geneva")  # the first revision kept
    edit(
        editor,
        article,
        headline="Talks stall in Geneva",
        body="<p>Delegations met on Monday.</p><p>No date was set for the next round.</p>",
    )
    edit(editor, article, tags="diplomacy, borders")
    return article


# --- Every save is kept -------------------------------------------------------------------------


def test_every_save_on_the_desk_keeps_a_revision_saying_who_when_and_what_changed(editor):
    with time_machine.travel(MORNING, tick=False):
        article = ArticleFactory(headline="Ceasefire holds", tag_names=["security"])
        edit(editor, article, headline="Ceasefire holds")
    with time_machine.travel(MORNING + timedelta(hours=1), tick=False):
        edit(
            editor,
            article,
            headline="Ceasefire holds for a second week",
            body="<p>No shots were reported overnight.</p>",
            tags="security, borders",
        )

    assert history_rows(editor, article) == [
        ["2 December 2026, 15:05 Current", "Nino Beridze", "Changed headline, body and tags."],
        ["2 December 2026, 14:05", "Nino Beridze", "First revision kept of this story."],
    ]


def test_a_story_written_on_the_desk_starts_its_history_with_its_creation(editor, nino):
    region = RegionFactory()
    article = Article(headline="Snow closes the pass", slug="snow-pass", primary_region=region)
    services.article_save(article=article, user=nino)

    assert comments(article) == ["Created."]
    assert versions_of(article).get().revision.user == nino


def test_publishing_and_taking_down_are_revisions_in_words(nino):
    article = ArticleFactory(draft=True)
    services.article_save(article=article, user=nino)
    services.article_publish(article=article, user=nino)
    services.article_unpublish(article=article, user=nino)
    later = datetime.now(UTC) + timedelta(days=1)
    services.article_publish(article=article, user=nino, at=later)

    assert comments(article) == [
        f"Scheduled for {when(later)}.",
        "Taken down (back to a draft).",
        "Published.",
        "First revision kept of this story.",
    ]


def test_a_failed_save_keeps_no_revision(editor, nino):
    article = ArticleFactory(headline="Before")
    edit(editor, article, headline="Before")
    page = editor.get(change_url(article))
    services.article_save(article=Article.objects.get(pk=article.pk), user=nino)  # meanwhile
    kept = versions_of(article).count()

    response = editor.post(change_url(article), browser_form(page, headline="Lost"))

    assert response.status_code == 200  # refused: someone saved since
    assert versions_of(article).count() == kept


def test_publishing_several_stories_at_once_keeps_a_revision_of_each(editor):
    stories = [ArticleFactory(draft=True, headline=f"Story {n}") for n in range(2)]

    response = editor.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [story.pk for story in stories]},
    )

    assert response.status_code == 302
    for story in stories:
        assert comments(story) == ["First revision kept of this story."]
        (version,) = versions_of(story)
        assert version.revision.version_set.count() == 1  # one story per revision


# --- Comparing ------------------------------------------------------------------------------


def test_comparing_shows_the_older_revision_left_and_the_newer_right_word_by_word(editor):
    article = story_in_three_revisions(editor)
    newest, _, oldest = versions_of(article)

    # Asked the other way round, still older on the left.
    page = parse(editor.get(compare_url(article, newest.pk, oldest.pk)))

    rows = {text(row.select_one("th")): row.select("td") for row in page.select("tbody tr")}
    old_headline, new_headline = rows["Headline (changed)"]
    assert texts(old_headline, "del") == ["resume"]
    assert texts(new_headline, "ins") == ["stall"]
    old_body, new_body = rows["Body (changed)"]
    assert old_body.select("ins") == [] and new_body.select("del") == []
    assert texts(new_body, "ins") == ["No date was set for the next round."]
    assert texts(new_body, "p") == [
        "Delegations met on Monday.",
        "No date was set for the next round.",
    ]
    assert [text(cell) for cell in rows["Tags (changed)"]] == ["diplomacy", "borders, diplomacy"]
    assert [text(cell) for cell in rows["Status"]] == ["Published", "Published"]


def test_the_comparison_shows_markup_typed_into_a_story_as_text(editor):
    article = ArticleFactory(headline="Prices rise")
    edit(editor, article, headline="Prices rise")
    edit(editor, article, headline='Prices <script>alert("x")</script> rise', standfirst="A & B")
    newer, older = versions_of(article)

    response = editor.get(compare_url(article, older.pk, newer.pk))

    assert b"<script>alert" not in response.content
    assert "&lt;script&gt;alert" in response.content.decode()
    assert not parse(response).select("#content-main script")


def test_the_comparison_shows_bylines_in_order_regions_and_the_lead_photo(editor):
    first, second = AuthorFactory(name="Ana Tsereteli"), AuthorFactory(name="Levan Gogia")
    article = ArticleFactory(authors=[first, second])
    edit(editor, article)
    photo = PhotoFactory(credit="Mariam Kapanadze")
    region = RegionFactory(name="Abkhazia")
    edit(
        editor,
        article,
        **{"bylines-0-order": "5", "bylines-1-order": "1"},
        lead_photo=str(photo.pk),
        regions=[str(region.pk)],
    )
    newer, older = versions_of(article)

    compared = parse(editor.get(compare_url(article, older.pk, newer.pk)))

    rows = {text(row.select_one("th")): row.select("td") for row in compared.select("tbody tr")}
    assert [text(cell) for cell in rows["Bylines (changed)"]] == [
        "Ana Tsereteli, Levan Gogia",
        "Levan Gogia, Ana Tsereteli",
    ]
    assert [text(cell) for cell in rows["Other regions (changed)"]] == ["None", "Abkhazia"]
    old_photo, new_photo = rows["Lead photo (changed)"]
    assert "Mariam Kapanadze" in text(new_photo)
    for image in (*old_photo.select("img"), *new_photo.select("img")):
        # The desk's own preview, never the original upload's address.
        assert image["src"].startswith("/admin/") or "/renditions/" in image["src"]
        assert "original" not in image["src"]


@pytest.mark.parametrize(
    "asked",
    [
        "from=abc&to=1",
        "from=&to=",
        "to=1",
        "from=-1&to=0",
        "from=99999999999999999999999&to=1",
        "from=1.5&to=1",
        "from=%00&to=%F0%9F%98%80",
        "from=OTHER&to=MINE",
    ],
)
def test_comparing_answers_not_found_to_revisions_the_story_does_not_have(editor, asked):
    article = story_in_three_revisions(editor)
    other = ArticleFactory()
    edit(editor, other)
    mine = versions_of(article).first().pk
    asked = asked.replace("OTHER", str(versions_of(other).first().pk)).replace("MINE", str(mine))
    url = reverse("admin:articles_article_compare", args=[article.pk])

    assert editor.get(f"{url}?{asked}").status_code == 404


def test_another_storys_revision_is_never_restored_or_shown(editor):
    article = story_in_three_revisions(editor)
    other = ArticleFactory(headline="Someone else's story")
    edit(editor, other)
    theirs = versions_of(other).first().pk

    assert editor.get(restore_url(article, theirs)).status_code == 404
    assert editor.post(restore_url(article, theirs), {"opened_version": 9}).status_code == 404
    assert editor.get(restore_url(article, 2**62)).status_code == 404
    article.refresh_from_db()
    assert article.headline == "Talks stall in Geneva"


def test_unknown_stories_have_no_history_page(editor):
    for story in ("999999", "abc", "%00"):
        url = reverse("admin:articles_article_compare", args=[story])
        assert editor.get(f"{url}?from=1&to=2").status_code == 404


def test_staff_who_may_not_see_stories_see_none_of_their_revisions(client, editor):
    article = story_in_three_revisions(editor)
    newest, _, oldest = versions_of(article)
    outsider = get_user_model().objects.create_user("accounts", is_staff=True)
    signed_in(client, outsider)

    for url in (
        history_url(article),
        compare_url(article, oldest.pk, newest.pk),
        restore_url(article, oldest.pk),
    ):
        assert client.get(url).status_code == 403


# --- Restoring --------------------------------------------------------------------------------


def restore(client, article, version):
    page = client.get(restore_url(article, version.pk))
    assert page.status_code == 200
    opened = parse(page).select_one('input[name="opened_version"]')["value"]
    return client.post(restore_url(article, version.pk), {"opened_version": opened})


def test_restoring_brings_back_the_text_bylines_and_tags_as_a_new_change(editor, client):
    first, second = AuthorFactory(name="Ana Tsereteli"), AuthorFactory(name="Levan Gogia")
    with time_machine.travel(MORNING, tick=False):
        article = story_in_three_revisions(editor, authors=[first])
    CorrectionFactory(article=article, text="An earlier version gave the wrong date.")
    published_at, version_before = article.published_at, article.version
    edit(editor, article, **{"bylines-0-author": str(second.pk)})
    first_kept = versions_of(article).last()
    assert "Talks stall in Geneva" in client.get(article.get_absolute_url()).content.decode()

    response = restore(editor, article, first_kept)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Talks resume in Geneva"
    assert article.body == "<p>Delegations met on Monday.</p>"
    assert list(article.tags.names()) == ["diplomacy"]
    assert [byline.author for byline in article.bylines.all()] == [first]
    # Still live, at its own time, its correction untouched; counted as a save of its own.
    assert article.status == Article.Status.PUBLISHED and article.published_at == published_at
    assert list(Correction.objects.filter(article=article).values_list("text", flat=True)) == [
        "An earlier version gave the wrong date."
    ]
    assert article.version == version_before + 2
    assert comments(article)[0] == "Restored the revision of 2 December 2026, 14:05."
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == [
        "Restored the revision of 2 December 2026, 14:05. Readers see the restored story now."
    ]
    # Readers see the restored story, not a cached copy of the one before.
    page = client.get(article.get_absolute_url())
    assert "Talks resume in Geneva" in page.content.decode()
    assert "Talks stall in Geneva" not in page.content.decode()


def test_restoring_a_draft_keeps_it_a_draft(editor):
    article = story_in_three_revisions(editor, draft=True)
    oldest = versions_of(article).last()

    restore(editor, article, oldest)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)
    assert article.headline == "Talks resume in Geneva"


def test_a_reporter_restores_drafts_but_not_published_stories(client, editor, giorgi):
    draft = story_in_three_revisions(editor, draft=True)
    live = story_in_three_revisions(editor)
    reporter = signed_in(client, giorgi)

    assert texts(parse(reporter.get(history_url(live))), ".revision-restore-link") == []
    oldest_live = versions_of(live).last()
    assert reporter.get(restore_url(live, oldest_live.pk)).status_code == 403
    posted = reporter.post(restore_url(live, oldest_live.pk), {"opened_version": live.version})
    assert posted.status_code == 403
    live.refresh_from_db()
    assert live.headline == "Talks stall in Geneva"

    assert len(texts(parse(reporter.get(history_url(draft))), ".revision-restore-link")) == 2
    assert restore(reporter, draft, versions_of(draft).last()).status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "Talks resume in Geneva"
    assert versions_of(draft).first().revision.user == giorgi


def test_a_restore_that_would_break_a_publishing_rule_on_a_live_story_is_refused(editor, nino):
    uncredited = PhotoFactory(credit="")
    article = ArticleFactory(draft=True, headline="Floods in Imereti", lead_photo=uncredited)
    edit(editor, article)  # a draft may have a photo without credit
    edit(editor, article, lead_photo=str(PhotoFactory(credit="Press service").pk))
    services.article_publish(article=Article.objects.get(pk=article.pk), user=nino)
    kept = versions_of(article).count()
    article.refresh_from_db()

    response = restore(editor, article, versions_of(article).last())

    assert response.status_code == 409
    assert texts(parse(response), ".errornote p") == [
        "Not restored: The lead photo has no credit. Add the photographer or agency to the "
        "photo before publishing."
    ]
    article.refresh_from_db()
    assert article.lead_photo.credit == "Press service"
    assert versions_of(article).count() == kept


def test_a_restore_from_a_page_opened_before_someone_saved_is_refused(editor, nino):
    article = story_in_three_revisions(editor)
    oldest = versions_of(article).last()
    page = editor.get(restore_url(article, oldest.pk))
    opened = parse(page).select_one('input[name="opened_version"]')["value"]
    with time_machine.travel(MORNING, tick=False):
        meanwhile = Article.objects.get(pk=article.pk)
        meanwhile.headline = "Talks end in Geneva"
        services.article_save(article=meanwhile, user=nino)

    response = editor.post(restore_url(article, oldest.pk), {"opened_version": opened})

    assert response.status_code == 409
    assert "Nino Beridze changed this article on 2 December 2026, 14:05" in text(
        parse(response).select_one(".errornote")
    )
    article.refresh_from_db()
    assert article.headline == "Talks end in Geneva"
    # The page now carries the newer version: restoring again is a deliberate choice.
    again = parse(response).select_one('input[name="opened_version"]')["value"]
    assert (
        editor.post(restore_url(article, oldest.pk), {"opened_version": again}).status_code == 302
    )


@pytest.mark.parametrize("opened", ["", "abc", "-3", "99999999999999999999", "\x00"])
def test_a_restore_posted_without_a_believable_version_changes_nothing(editor, opened):
    article = story_in_three_revisions(editor)
    kept = versions_of(article).count()

    response = editor.post(
        restore_url(article, versions_of(article).last().pk), {"opened_version": opened}
    )

    assert response.status_code == 409
    article.refresh_from_db()
    assert article.headline == "Talks stall in Geneva"
    assert versions_of(article).count() == kept


def test_restoring_a_revision_whose_region_was_removed_says_so(editor):
    gone = RegionFactory(name="Old district")
    article = ArticleFactory(draft=True, primary_region=gone)
    edit(editor, article)
    edit(editor, article, primary_region=str(RegionFactory().pk))
    gone.delete()

    response = restore(editor, article, versions_of(article).last())

    assert response.status_code == 409
    assert texts(parse(response), ".errornote p") == [
        "This revision cannot be restored: its primary region is no longer in the newsroom."
    ]


def test_the_history_page_compares_the_two_newest_revisions_unless_told_otherwise(editor):
    article = story_in_three_revisions(editor)
    page = parse(editor.get(history_url(article)))
    newest, middle, _ = versions_of(article)

    assert page.select_one('input[name="from"][checked]')["value"] == str(middle.pk)
    assert page.select_one('input[name="to"][checked]')["value"] == str(newest.pk)
    assert page.select_one("#revision-compare-form")["action"] == reverse(
        "admin:articles_article_compare", args=[article.pk]
    )

"""The story form as editors and reporters meet it: where the story stands, said at the top; one
row of buttons that say what they do; the byline beside the story; the lead photo preview that
follows the choice; the newsroom's own time."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.desk import article_form, change_form, desk_user
from tests.dom import one, parse, text, texts
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, RegionFactory
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")
LEAD_PHOTO_PREVIEW = reverse("admin:articles_article_lead_photo_preview")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def signed_in(client, group):
    user = desk_user(group)
    sign_in(client, user)
    return client


@pytest.fixture
def editor(client):
    return signed_in(client, "Editor")


@pytest.fixture
def reporter(client):
    return signed_in(client, "Reporter")


def buttons(page):
    return [button["value"] for button in page.select(".story-actions input[type=submit]")]


def state_line(page):
    return text(one(page, ".desk-state strong"))


# --- one clear set of actions ------------------------------------------------------------------


def test_editor_sees_a_drafts_state_and_buttons_that_say_what_they_do(editor):
    draft = ArticleFactory(draft=True)
    page = parse(editor.get(change_url(draft)))
    assert state_line(page) == "Draft"
    assert buttons(page) == ["Save draft", "Publish now", "Schedule for the publication time"]
    # No status field to contradict the buttons, and no second row of the admin's own.
    assert not page.select('[name="status"]')
    assert not page.select('input[name="_save"], input[name="_addanother"]')
    assert len(page.select("#article_form .submit-row")) == 1


def test_a_new_story_says_it_is_not_saved_yet(editor):
    page = parse(editor.get(ADD_ARTICLE))
    assert state_line(page) == "New story: not saved yet"
    assert buttons(page)[:2] == ["Save draft", "Publish now"]


def test_a_live_story_is_updated_or_taken_down(editor):
    live = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    page = parse(editor.get(change_url(live)))
    expected_since = timezone.localtime(live.published_at).strftime("%-d %B %Y, %H:%M")
    assert state_line(page) == f"Live since {expected_since}"
    assert buttons(page) == ["Update live story", "Take down (back to draft)"]


def test_a_scheduled_story_says_when_it_goes_live(editor):
    scheduled = ArticleFactory(scheduled=True)
    page = parse(editor.get(change_url(scheduled)))
    when = timezone.localtime(scheduled.published_at).strftime("%-d %B %Y, %H:%M")
    assert state_line(page) == f"Scheduled for {when}"
    assert buttons(page) == [
        "Update scheduled story",
        "Publish now instead",
        "Take down (back to draft)",
    ]


def test_pressing_publish_now_publishes_whatever_status_the_form_carries(editor, client):
    draft = ArticleFactory(draft=True)
    # An old page (or a forged post) still sending "status: draft" does not matter.
    data = change_form(draft, status="draft", _publish_now="Publish now")
    response = editor.post(change_url(draft), data, follow=True)
    draft.refresh_from_db()
    assert draft.is_published
    # The editor stays on the story, which now says it is live.
    page = parse(response)
    assert response.redirect_chain[-1][0] == change_url(draft)
    assert f"“{draft.headline}” is live." in text(one(page, ".messagelist"))
    assert state_line(page).startswith("Live since")


def test_taking_a_live_story_down_makes_it_a_draft_readers_cannot_open(editor, client):
    live = ArticleFactory()
    assert client.get(live.get_absolute_url()).status_code == 200
    response = editor.post(
        change_url(live), change_form(live, _take_down="Take down (back to draft)"), follow=True
    )
    live.refresh_from_db()
    assert live.status == Article.Status.DRAFT
    assert "was taken down" in text(one(parse(response), ".messagelist"))
    editor.logout()
    assert editor.get(live.get_absolute_url()).status_code == 404


def test_a_plain_save_keeps_the_story_where_it_stands(editor):
    live = ArticleFactory()
    editor.post(change_url(live), change_form(live, headline="A better headline", status="draft"))
    live.refresh_from_db()
    assert live.headline == "A better headline"
    assert live.is_published


def test_two_buttons_at_once_are_refused_and_nothing_is_saved(editor):
    draft = ArticleFactory(draft=True, headline="As it was")
    data = change_form(
        draft, headline="Changed", _publish_now="Publish now", _take_down="Take down"
    )
    response = editor.post(change_url(draft), data)
    assert response.status_code == 200
    assert "Press one button" in response.text
    draft.refresh_from_db()
    assert (draft.headline, draft.status) == ("As it was", Article.Status.DRAFT)


def test_a_refused_publish_still_says_the_story_is_a_draft(editor):
    draft = ArticleFactory(draft=True, lead_photo=None)
    response = editor.post(change_url(draft), change_form(draft, _publish_now="Publish now"))
    assert response.status_code == 200
    page = parse(response)
    assert "Choose a lead photo before publishing." in response.text
    assert state_line(page) == "Draft"
    assert buttons(page)[:2] == ["Save draft", "Publish now"]
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_reporter_saves_drafts_and_sends_them_for_review_never_publishes(reporter):
    page = parse(reporter.get(ADD_ARTICLE))
    assert buttons(page) == ["Save draft", "Send for review"]
    data = article_form(
        headline="A reporter's story",
        slug="reporters-story",
        region=RegionFactory(),
        photo=PhotoFactory(),
        authors=[AuthorFactory()],
    )
    response = reporter.post(ADD_ARTICLE, {**data, "_save_draft": "Save draft"}, follow=True)
    story = Article.objects.get(slug="reporters-story")
    assert story.status == Article.Status.DRAFT
    assert "is saved as a draft" in text(one(parse(response), ".messagelist"))

    response = reporter.post(
        change_url(story), change_form(story, _send_for_review="Send for review"), follow=True
    )
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW
    page = parse(response)
    assert "waiting for an editor" in text(one(page, ".messagelist"))
    assert state_line(page) == "In review"
    assert buttons(page) == ["Save, still in review", "Back to draft"]


def test_editor_reviewing_a_story_can_keep_it_in_review_or_publish_it(editor):
    story = ArticleFactory(draft=True, status=Article.Status.REVIEW)
    page = parse(editor.get(change_url(story)))
    assert state_line(page) == "In review"
    assert buttons(page) == [
        "Save, still in review",
        "Publish now",
        "Schedule for the publication time",
        "Back to draft",
    ]


def test_the_popup_keeps_the_admins_own_save_button(editor):
    page = parse(editor.get(ADD_ARTICLE, {"_popup": "1"}))
    assert not page.select(".story-actions")
    assert page.select('input[name="_save"]')
    data = article_form(headline="From a popup", slug="from-a-popup", region=RegionFactory())
    response = editor.post(f"{ADD_ARTICLE}?_popup=1", {**data, "_popup": "1", "_save": "Save"})
    assert response.status_code == 200
    assert "popup_response" in response.text or "data-popup-response" in response.text
    assert Article.objects.get(slug="from-a-popup").status == Article.Status.DRAFT


# --- the byline beside the story ---------------------------------------------------------------


def test_the_byline_comes_right_after_the_story_and_other_inlines_stay_at_the_foot(editor):
    story = ArticleFactory(draft=True)
    form = one(parse(editor.get(change_url(story))), "#article_form")
    headings = [heading.lower() for heading in texts(form, "fieldset.module > h2")]
    assert headings[:3] == [
        "story",
        "byline (authors in the order they are credited; lower numbers first)",
        "lead photo",
    ]
    publishing = headings.index("publishing")
    after = headings[publishing + 1 :]
    assert any(heading.startswith("corrections") for heading in after)
    assert any(heading.startswith("related stories pinned") for heading in after)
    # Every inline the admin has is on the page, once.
    groups = [node["id"] for node in form.select(".inline-group[id]")]
    assert len(groups) == len(set(groups))
    assert {"bylines-group", "corrections-group", "pins-group"} <= set(groups)


# --- the lead photo preview follows the choice -------------------------------------------------


def test_lead_photo_preview_fragment_shows_the_chosen_photo_as_readers_see_it(editor):
    photo = PhotoFactory(credit="Levan Maisuradze", alt_text="Cliff face with caves")
    response = editor.get(LEAD_PHOTO_PREVIEW, {"photo": photo.pk})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    fragment = parse(response)
    assert "Credit: Levan Maisuradze" in text(fragment)
    assert "Alt text: Cliff face with caves" in text(fragment)
    assert one(fragment, "img")["src"].startswith(
        reverse("admin:articles_photo_preview", args=[photo.pk])
    )


def test_lead_photo_preview_warns_of_a_missing_credit(editor):
    photo = PhotoFactory(credit="")
    assert "Missing credit" in editor.get(LEAD_PHOTO_PREVIEW, {"photo": photo.pk}).text


def test_lead_photo_preview_without_a_photo_says_none_is_chosen(editor):
    assert editor.get(LEAD_PHOTO_PREVIEW, {"photo": ""}).text == "No lead photo chosen yet."


@pytest.mark.parametrize("chosen", ["999999", "abc", "-1", "1.5", "١", "9" * 40, "1 OR 1=1", "%00"])
def test_lead_photo_preview_answers_hostile_ids_with_not_found(editor, chosen):
    assert editor.get(LEAD_PHOTO_PREVIEW, {"photo": chosen}).status_code == 404


def test_reporters_get_the_lead_photo_preview_too(reporter):
    photo = PhotoFactory(credit="Nino Beridze")
    response = reporter.get(LEAD_PHOTO_PREVIEW, {"photo": photo.pk})
    assert "Credit: Nino Beridze" in response.text


def test_lead_photo_preview_is_for_the_desk_only(client):
    photo = PhotoFactory()
    response = client.get(LEAD_PHOTO_PREVIEW, {"photo": photo.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    plain_staff = get_user_model().objects.create_user("plain", password="pw", is_staff=True)
    sign_in(client, plain_staff)
    assert client.get(LEAD_PHOTO_PREVIEW, {"photo": photo.pk}).status_code == 403


def test_the_story_form_loads_the_preview_script_with_its_address(editor):
    page = parse(editor.get(ADD_ARTICLE))
    script = one(page, 'script[src$="js/lead-photo-preview.js"]')
    assert script["data-preview-url"] == LEAD_PHOTO_PREVIEW


# --- the newsroom's time -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [ADD_ARTICLE, reverse("admin:articles_editorspick_add"), "/admin/memberships/membership/"],
)
def test_every_admin_page_names_the_newsroom_time_zone_for_its_time_fields(client, url, settings):
    settings.TIME_ZONE = "Asia/Tbilisi"
    superuser = get_user_model().objects.create_superuser("chief", "c@example.org", "pw")
    sign_in(client, superuser)
    page = parse(client.get(url))
    script = one(page, 'script[src$="js/newsroom-time.js"]')
    assert script["data-time-zone"] == "Asia/Tbilisi"
    assert script["data-utc-offset"] == "+0400"

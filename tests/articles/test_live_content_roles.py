"""What readers see is the editors' to change: Reporters keep to drafts and to unused photos.

A photo a live or scheduled story leads with, or an author's portrait, changes on the readers'
pages the moment it is saved, so only those who may publish change or delete it. Everything else
a live page shows (authors, regions, tags, corrections, pins, picks, redirects) Reporters can
only look at.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from articles import services
from articles.models import EditorsPick, Photo
from tests.articles.desk import browser_form, desk_user, no_wording
from tests.dom import parse, text
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    EditorsPickFactory,
    PhotoFactory,
    image_upload,
)
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db


def signed_in(user):
    return sign_in(Client(), user)


@pytest.fixture
def reporter():
    return desk_user("Reporter")


@pytest.fixture
def reporter_client(reporter):
    return signed_in(reporter)


@pytest.fixture
def editor_client():
    return signed_in(desk_user("Editor"))


def photo_url(photo):
    return reverse("admin:articles_photo_change", args=[photo.pk])


def photo_post(photo, **changes):
    """The photo's form as a forger would send it: every field, a new image included."""
    return {
        "opened_version": getattr(photo, "version", ""),
        "image": image_upload("replacement.jpg", width=900, height=600),
        "alt_text": "Something else entirely",
        "caption": "A different caption",
        "credit": "Nobody",
        "credit_url": "",
        "licence": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **no_wording(),
        **changes,
    }


def lead_of_live_story(photo):
    ArticleFactory(lead_photo=photo, headline="Ceasefire holds")


def lead_of_scheduled_story(photo):
    ArticleFactory(lead_photo=photo, headline="Ceasefire holds", scheduled=True)


def authors_portrait(photo):
    AuthorFactory(name="Nino Beridze", portrait=photo)


LIVE_USES = pytest.mark.parametrize(
    "use",
    [lead_of_live_story, lead_of_scheduled_story, authors_portrait],
    ids=["lead photo of a live story", "lead photo of a scheduled story", "author's portrait"],
)


@LIVE_USES
def test_reporter_sees_a_photo_readers_see_read_only_and_is_told_why(reporter_client, use):
    photo = PhotoFactory()
    use(photo)
    page = reporter_client.get(photo_url(photo))
    assert page.status_code == 200
    document = parse(page)
    assert document.select('[name="caption"], [name="alt_text"], [name="image"]') == []
    assert "only editors can change it" in text(document.select_one(".messagelist"))


@LIVE_USES
def test_reporter_cannot_change_a_photo_readers_see_even_by_forging_the_form(reporter_client, use):
    photo = PhotoFactory()
    use(photo)
    before = Photo.objects.values().get(pk=photo.pk)
    response = reporter_client.post(photo_url(photo), photo_post(photo))
    assert response.status_code == 403
    assert Photo.objects.values().get(pk=photo.pk) == before


@LIVE_USES
def test_the_service_refuses_a_reporters_change_to_a_photo_readers_see(reporter, use):
    photo = PhotoFactory()
    use(photo)
    photo.caption = "A different caption"
    with pytest.raises(PermissionDenied):
        services.photo_save(photo=photo, user=reporter)
    photo.refresh_from_db()
    assert photo.caption != "A different caption"


def test_reporter_changes_a_photo_only_drafts_use(reporter_client, reporter):
    photo = PhotoFactory(caption="Delegats arrive")
    ArticleFactory(draft=True, lead_photo=photo)
    page = reporter_client.get(photo_url(photo))
    response = reporter_client.post(photo_url(photo), browser_form(page, caption="Delegates"))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Delegates"
    assert photo.modified_by == reporter


def test_reporter_uploads_a_new_photo(reporter_client, reporter):
    response = reporter_client.post(
        reverse("admin:articles_photo_add"),
        photo_post(Photo(), opened_version="", caption="Queue at the border"),
    )
    assert response.status_code == 302
    assert Photo.objects.get(caption="Queue at the border").uploaded_by == reporter


@LIVE_USES
def test_editor_changes_a_photo_readers_see_and_sees_where_it_is_used(editor_client, use):
    photo = PhotoFactory()
    use(photo)
    page = editor_client.get(photo_url(photo))
    used_in = text(parse(page).select_one(".field-used_in"))
    assert "Ceasefire holds" in used_in or "Nino Beridze" in used_in
    response = editor_client.post(photo_url(photo), browser_form(page, credit="Anna Petrosyan"))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.credit == "Anna Petrosyan"


def delete_from_the_list(client, *photos, confirmed=True):
    data = {"action": "delete_selected", "_selected_action": [photo.pk for photo in photos]}
    if confirmed:
        data["post"] = "yes"
    return client.post(reverse("admin:articles_photo_changelist"), data)


def test_reporter_cannot_delete_photos_from_the_list(reporter_client):
    unused, portrait = PhotoFactory(), PhotoFactory()
    authors_portrait(portrait)
    delete_from_the_list(reporter_client, unused, portrait)
    assert Photo.objects.filter(pk__in=[unused.pk, portrait.pk]).count() == 2


def test_deleting_a_photo_readers_see_needs_the_right_to_publish(client):
    """Even a desk member allowed to delete photos keeps off one readers see."""
    deleter = desk_user("Reporter")
    deleter.user_permissions.add(Permission.objects.get(codename="delete_photo"))
    sign_in(client, deleter)
    unused, portrait = PhotoFactory(), PhotoFactory()
    authors_portrait(portrait)

    delete_page = reverse("admin:articles_photo_delete", args=[portrait.pk])
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    asked = delete_from_the_list(client, unused, portrait, confirmed=False)
    assert "have permission to delete the following types of objects: photo" in text(parse(asked))
    assert delete_from_the_list(client, unused, portrait).status_code == 403
    assert Photo.objects.filter(pk__in=[unused.pk, portrait.pk]).count() == 2

    delete_from_the_list(client, unused)
    assert not Photo.objects.filter(pk=unused.pk).exists()


def test_editor_deletes_an_authors_portrait(editor_client):
    portrait = PhotoFactory()
    authors_portrait(portrait)
    delete_from_the_list(editor_client, portrait)
    assert not Photo.objects.filter(pk=portrait.pk).exists()


# Everything else a live page shows ------------------------------------------------------------


def test_reporter_cannot_change_a_live_story_from_the_list(reporter_client):
    live = ArticleFactory()
    reporter_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "back_to_draft", "_selected_action": [live.pk]},
    )
    live.refresh_from_db()
    assert live.is_published


def test_reporter_is_told_a_published_story_is_for_editors(reporter_client):
    page = reporter_client.get(
        reverse("admin:articles_article_change", args=[ArticleFactory(scheduled=True).pk])
    )
    assert "only editors can change it" in text(parse(page).select_one(".messagelist"))


def live_region():
    return ArticleFactory().primary_region


def live_author():
    return ArticleFactory().bylines.get().author


def live_tag():
    return ArticleFactory(tag_names=["borders"]).tags.get()


EVERYTHING_ELSE = pytest.mark.parametrize(
    ("make", "url_name"),
    [
        (live_region, "admin:articles_region_change"),
        (live_author, "admin:articles_author_change"),
        (live_tag, "admin:taggit_tag_change"),
    ],
    ids=["region", "author", "tag"],
)


@EVERYTHING_ELSE
def test_reporter_only_looks_at_what_else_a_live_page_shows(reporter_client, make, url_name):
    thing = make()
    url = reverse(url_name, args=[thing.pk])
    page = reporter_client.get(url)
    assert page.status_code == 200
    assert parse(page).select('[name="name"]') == []
    response = reporter_client.post(url, {"name": "Renamed", "slug": thing.slug})
    assert response.status_code == 403
    thing.refresh_from_db()
    assert thing.name != "Renamed"


@EVERYTHING_ELSE
def test_editor_changes_what_else_a_live_page_shows(editor_client, make, url_name):
    thing = make()
    url = reverse(url_name, args=[thing.pk])
    response = editor_client.post(url, browser_form(editor_client.get(url), name="Renamed"))
    assert response.status_code == 302
    thing.refresh_from_db()
    assert thing.name == "Renamed"


def merge_tags(client, *tags, into):
    client.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "render_tag_form", "_selected_action": [tag.pk for tag in tags]},
    )
    return client.post(reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": into})


def test_reporter_cannot_merge_the_tags_of_live_stories(reporter_client):
    live = ArticleFactory(tag_names=["borders", "frontier"])
    merge_tags(reporter_client, *Tag.objects.all(), into="Sneaky")
    assert sorted(live.tags.names()) == ["borders", "frontier"]
    assert not Tag.objects.filter(name="Sneaky").exists()


def test_editor_merges_tags(editor_client):
    live = ArticleFactory(tag_names=["borders", "frontier"])
    merge_tags(editor_client, *Tag.objects.all(), into="Borders")
    assert list(live.tags.names()) == ["Borders"]


def test_reporter_cannot_edit_regions_in_the_list(reporter_client):
    region = live_region()
    reporter_client.post(
        reverse("admin:articles_region_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": region.pk,
            "form-0-nav_order": "1",
            "_save": "Save",
        },
    )
    region.refresh_from_db()
    assert region.nav_order == 100 and region.in_navigation


def test_reporter_cannot_touch_picks_corrections_pins_or_redirects(reporter_client):
    pick = EditorsPickFactory()
    assert reporter_client.get(reverse("admin:articles_editorspick_changelist")).status_code == 403
    mover = reverse("admin:articles_editorspick_move", args=[pick.pk, "top"])
    assert reporter_client.post(mover).status_code == 403
    assert reporter_client.get(reverse("admin:articles_slugredirect_changelist")).status_code == 403
    granted = set(desk_user("Reporter", username="another").get_all_permissions())
    for model in ("author", "region", "correction", "pinnedrelated", "editorspick"):
        assert not {f"articles.{action}_{model}" for action in ("add", "change", "delete")} & (
            granted
        )
    assert not {"taggit.change_tag", "taggit.delete_tag"} & granted
    assert EditorsPick.objects.filter(pk=pick.pk).exists()


def test_staff_allowed_to_change_picks_still_need_the_right_to_publish(client):
    curator = desk_user("Reporter")
    curator.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_editorspick", "change_editorspick"])
    )
    sign_in(client, curator)
    pick = EditorsPickFactory()
    url = reverse("admin:articles_editorspick_change", args=[pick.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert parse(page).select('[name="ends_at_0"]') == []  # shown read-only
    data = {"article": pick.article_id, "ends_at_0": "2030-01-01", "ends_at_1": "12:00:00"}
    assert client.post(url, data).status_code == 403
    pick.refresh_from_db()
    assert pick.ends_at is None


def test_reporter_still_writes_drafts_with_a_live_storys_region_and_author(reporter_client):
    live = ArticleFactory()
    draft = ArticleFactory(
        draft=True, primary_region=live.primary_region, authors=[live.bylines.get().author]
    )
    url = reverse("admin:articles_article_change", args=[draft.pk])
    page = reporter_client.get(url)
    response = reporter_client.post(url, browser_form(page, headline="Second day of ceasefire"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "Second day of ceasefire"

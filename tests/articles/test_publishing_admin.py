"""The whole publishing story, as an editor does it in the admin."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertHTMLEqual

from articles.models import Article, Photo, SlugRedirect
from tests.articles.desk import article_form, change_form, desk_user, no_wording
from tests.dom import one, parse, text, texts
from tests.factories import AuthorFactory, PhotoFactory, RegionFactory, image_upload
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def editor_client(client):
    editor = desk_user("Editor")
    sign_in(client, editor)
    client.user = editor
    return client


def upload_photo(client, **fields):
    data = {
        "image": image_upload("border.jpg", width=1600, height=1067),
        "caption": "Villagers walk along the new fence.",
        "credit": "Nino Beridze",
        "credit_url": "",
        "licence": "All rights reserved",
        "alt_text": "Two people walking beside a wire fence in a field",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **no_wording(),
        **fields,
    }
    response = client.post(reverse("admin:articles_photo_add"), data)
    assert response.status_code == 302, response.content[:2000]
    return Photo.objects.latest("pk")


def test_editor_writes_schedules_previews_publishes_and_renames_a_story(editor_client, client):
    region = RegionFactory(name="Georgia", slug="georgia")
    author = AuthorFactory(name="Nino Beridze", slug="nino-beridze")
    photo = upload_photo(editor_client)
    assert photo.width == 1600 and photo.credit == "Nino Beridze"

    # A draft, written in the admin.
    response = editor_client.post(
        ADD_ARTICLE,
        article_form(
            headline="Villagers wake up on the other side of the border",
            slug="villagers-border",
            region=region,
            photo=photo,
            authors=[author],
            body='<p onclick="steal()">They woke up abroad.</p><script>steal()</script>'
            '<figure><img src="/media/fence.jpg" alt="The fence"><figcaption>The fence'
            "</figcaption></figure>",
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="villagers-border")
    # The script and the handler are gone; the paragraph and the captioned picture stay.
    assertHTMLEqual(
        article.body,
        "<p>They woke up abroad.</p>"
        '<figure><img src="/media/fence.jpg" alt="The fence" loading="lazy" decoding="async">'
        "<figcaption>The fence</figcaption></figure>",
    )
    assert article.status == Article.Status.DRAFT
    assert article.created_by == editor_client.user
    assert [b.author for b in article.bylines.all()] == [author]
    story_url = reverse("articles:article", kwargs={"slug": "villagers-border"})

    editor_client.logout()
    assert client.get(story_url).status_code == 404
    sign_in(editor_client, editor_client.user)

    # Preview: exactly the reader's page, for the desk only, never indexed.
    preview_url = reverse("articles:preview", kwargs={"pk": article.pk})
    desk_state = one(parse(editor_client.get(change_url(article))), ".desk-state")
    assert text(one(desk_state, f'a[href="{preview_url}"]')) == "Preview as readers will see it"
    preview = editor_client.get(preview_url)
    assert preview.status_code == 200
    preview_page = parse(preview)
    assert text(one(preview_page, "h1")) == "Villagers wake up on the other side of the border"
    assert one(preview_page, 'meta[name="robots"]')["content"] == "noindex, nofollow"
    assert preview["X-Robots-Tag"] == "noindex, nofollow"

    # Scheduled for tomorrow: saved, but readers cannot see it.
    tomorrow = timezone.now() + timedelta(days=1)
    response = editor_client.post(
        change_url(article), change_form(article, published_at=tomorrow, _schedule="Schedule")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled
    editor_client.logout()
    assert client.get(story_url).status_code == 404
    assert "Villagers wake up" not in client.get(reverse("articles:home")).text

    # When its time comes it is simply there: no job has to run. (Here the publication time is
    # moved rather than the clock; cached pages expiring at that time is proven in
    # test_caching.py, so the page cache is cleared as the clock would have cleared it.)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    cache.clear()
    assert client.get(story_url).status_code == 200
    assert "Villagers wake up" in client.get(reverse("articles:home")).text

    # Back to a draft, then "Publish now".
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT, published_at=None)
    sign_in(editor_client, editor_client.user)
    before = timezone.now()
    response = editor_client.post(
        change_url(article), change_form(article, _publish_now="Publish now"), follow=True
    )
    assert "is live" in response.text
    article.refresh_from_db()
    assert article.is_published and article.published_at >= before
    assert article.modified_by == editor_client.user

    # The editor renames it: the old address sends readers on for good.
    response = editor_client.post(change_url(article), change_form(article, slug="border-moves"))
    assert response.status_code == 302
    assert SlugRedirect.objects.filter(old_slug="villagers-border", article=article).exists()
    editor_client.logout()
    moved = client.get(story_url)
    assert moved.status_code == 301
    assert moved["Location"] == reverse("articles:article", kwargs={"slug": "border-moves"})
    assert client.get(moved["Location"]).status_code == 200


def test_anonymous_reader_cannot_preview_a_draft(client):
    draft = Article.objects.create(
        headline="Not ready", slug="not-ready", primary_region=RegionFactory()
    )
    response = client.get(reverse("articles:preview", kwargs={"pk": draft.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_publishing_with_an_uncredited_lead_photo_is_refused_and_says_why(editor_client):
    photo = PhotoFactory(credit="")
    response = editor_client.post(
        ADD_ARTICLE,
        article_form(
            headline="Uncredited",
            slug="uncredited",
            region=RegionFactory(),
            photo=photo,
            authors=[AuthorFactory()],
            _publish_now="Publish now",
        ),
    )
    assert response.status_code == 200
    assert "The lead photo has no credit" in response.text
    assert not Article.objects.filter(slug="uncredited").exists()


def test_publishing_with_a_lead_photo_without_alt_text_is_refused_and_says_why(editor_client):
    photo = PhotoFactory(alt_text="")
    article = Article.objects.create(
        headline="No alt", slug="no-alt", primary_region=RegionFactory(), lead_photo=photo
    )
    response = editor_client.post(
        change_url(article),
        change_form(article, authors=[AuthorFactory()], _publish_now="Publish now"),
    )
    assert response.status_code == 200
    assert "The lead photo has no alt text" in response.text
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publishing_without_a_lead_photo_or_an_author_is_refused(editor_client):
    response = editor_client.post(
        ADD_ARTICLE,
        article_form(
            headline="Bare", slug="bare", region=RegionFactory(), _publish_now="Publish now"
        ),
    )
    assert response.status_code == 200
    assert "Choose a lead photo before publishing." in response.text
    assert "Add at least one author to the byline before publishing." in response.text
    assert not Article.objects.exists()


def test_scheduling_needs_a_time_in_the_future(editor_client):
    response = editor_client.post(
        ADD_ARTICLE,
        article_form(
            headline="Late",
            slug="late",
            region=RegionFactory(),
            photo=PhotoFactory(),
            authors=[AuthorFactory()],
            published_at=timezone.now() - timedelta(hours=1),
            _schedule="Schedule",
        ),
    )
    assert response.status_code == 200
    assert "choose a publication time in the future" in response.text
    assert not Article.objects.exists()


def test_article_list_shows_thumbnails_status_and_filters(editor_client):
    from tests.factories import ArticleFactory

    ArticleFactory(headline="Live story")
    ArticleFactory(headline="Tomorrow's story", scheduled=True)
    Article.objects.create(
        headline="Draft story", slug="draft-story", primary_region=RegionFactory()
    )
    changelist = reverse("admin:articles_article_changelist")
    response = editor_client.get(changelist)
    assert response.status_code == 200
    rows = {
        text(one(row, ".field-headline")): row
        for row in parse(response).select("#result_list tbody tr")
    }
    assert {headline: text(one(row, ".field-state_label")) for headline, row in rows.items()} == {
        "Live story": "Live",
        "Tomorrow's story": "Scheduled",
        "Draft story": "Draft",
    }
    # Stories with a lead photo show it small; the one without keeps its place empty.
    assert one(rows["Live story"], ".field-thumbnail img.desk-thumb")["src"].startswith(
        "/media/renditions/"
    )
    assert one(rows["Draft story"], ".field-thumbnail .desk-thumb--empty").name == "span"
    scheduled_only = parse(editor_client.get(changelist, {"state": "scheduled"}))
    assert texts(scheduled_only, "#result_list tbody .field-headline") == ["Tomorrow's story"]
    searched = parse(editor_client.get(changelist, {"q": "draft"}))
    assert texts(searched, "#result_list tbody .field-headline") == ["Draft story"]

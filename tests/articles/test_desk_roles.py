"""Reporters write and edit drafts; Editors publish. The groups come with the database."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.desk import article_form, change_form, desk_user
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, RegionFactory
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")


@pytest.fixture
def reporter_client(client):
    reporter = desk_user("Reporter")
    sign_in(client, reporter)
    client.user = reporter
    return client


def test_reporter_and_editor_groups_exist_with_their_permissions():
    reporter = Group.objects.get(name="Reporter")
    editor = Group.objects.get(name="Editor")
    reporter_perms = set(reporter.permissions.values_list("codename", flat=True))
    editor_perms = set(editor.permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "add_photo"} <= reporter_perms
    assert "publish_article" not in reporter_perms
    assert "delete_article" not in reporter_perms
    assert {"publish_article", "delete_article", "add_correction", "change_editorspick"} <= (
        editor_perms
    )
    assert {"add_pinnedrelated", "change_author", "change_region", "change_tag"} <= editor_perms


def test_reporter_saves_a_draft_and_is_recorded_as_its_writer(reporter_client):
    response = reporter_client.post(
        ADD_ARTICLE,
        article_form(
            headline="A reporter's draft",
            slug="reporters-draft",
            region=RegionFactory(),
            photo=PhotoFactory(),
            authors=[AuthorFactory()],
            _send_for_review="Send for review",
        ),
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="reporters-draft")
    assert article.status == Article.Status.REVIEW
    assert article.created_by == reporter_client.user == article.modified_by


def test_reporter_is_not_offered_publishing(reporter_client):
    page = reporter_client.get(ADD_ARTICLE)
    assert page.status_code == 200
    assert 'value="published"' not in page.text
    assert 'name="_publish_now"' not in page.text
    assert 'name="_schedule"' not in page.text


def test_a_forged_published_status_is_ignored_and_the_story_stays_a_draft(reporter_client):
    """The status follows the button pressed; a status sent with the form counts for nothing."""
    data = article_form(
        headline="Sneaky",
        slug="sneaky",
        region=RegionFactory(),
        photo=PhotoFactory(),
        authors=[AuthorFactory()],
        status="published",
    )
    reporter_client.post(ADD_ARTICLE, {**data, "_save_draft": "Save draft"})
    assert Article.objects.get(slug="sneaky").status == Article.Status.DRAFT


@pytest.mark.parametrize(
    "extra",
    [
        {"_publish_now": "Publish now"},
        {"_schedule": "Schedule"},
        {"_take_down": "Take down"},
        {"status": "published", "_publish_now": "Publish now"},
    ],
    ids=["publish now button", "schedule button", "take down button", "status and button"],
)
def test_reporter_cannot_publish_even_by_forging_the_form(reporter_client, extra):
    data = article_form(
        headline="Sneaky",
        slug="sneaky",
        region=RegionFactory(),
        photo=PhotoFactory(),
        authors=[AuthorFactory()],
        published_at=timezone.now() + timedelta(days=1),
    )
    data.update(extra)
    response = reporter_client.post(ADD_ARTICLE, data)
    assert response.status_code == 200
    assert not Article.objects.filter(status=Article.Status.PUBLISHED).exists()


def test_reporter_cannot_change_a_published_story(reporter_client):
    article = ArticleFactory(headline="Live and final")
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = reporter_client.get(url)
    assert page.status_code == 200
    assert 'name="headline"' not in page.text  # shown, not editable
    response = reporter_client.post(url, change_form(article, headline="Rewritten"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Live and final"


def test_reporter_cannot_publish_from_the_list(reporter_client):
    draft = ArticleFactory(draft=True)
    response = reporter_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert response.status_code in {200, 302}


def test_editor_publishes_selected_drafts_from_the_list_and_hears_about_refusals(client):
    editor = desk_user("Editor")
    sign_in(client, editor)
    ready = ArticleFactory(draft=True, headline="Ready to go")
    uncredited = ArticleFactory(
        draft=True, headline="No credit", lead_photo=PhotoFactory(credit="")
    )
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [ready.pk, uncredited.pk]},
        follow=True,
    )
    ready.refresh_from_db()
    uncredited.refresh_from_db()
    assert ready.is_published
    assert uncredited.status == Article.Status.DRAFT
    assert "The lead photo has no credit" in response.text

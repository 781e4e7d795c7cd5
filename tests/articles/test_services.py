"""Publishing, scheduling and renaming through the service functions."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, SlugRedirect
from tests.articles.desk import desk_user
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return desk_user("Editor")


def test_publish_without_a_time_goes_live_now(editor):
    article = ArticleFactory(draft=True)
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.is_published
    assert timezone.now() - article.published_at < timedelta(seconds=5)


def test_publish_with_a_future_time_schedules(editor, client):
    article = ArticleFactory(draft=True)
    services.article_publish(article=article, user=editor, at=timezone.now() + timedelta(hours=3))
    article.refresh_from_db()
    assert article.is_scheduled and not article.is_published
    assert client.get(article.get_absolute_url()).status_code == 404


def test_publishing_a_live_story_again_keeps_its_time(editor):
    article = ArticleFactory()
    original = article.published_at
    services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.published_at == original


def test_reporter_cannot_publish_through_the_service():
    reporter = desk_user("Reporter")
    article = ArticleFactory(draft=True)
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, user=reporter)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"lead_photo": None}, "lead_photo", "Choose a lead photo"),
        ({"headline": "  "}, "headline", "needs a headline"),
        ({"body": "<p> </p>"}, "body", "needs a body"),
    ],
)
def test_publishing_rules_are_checked(editor, change, field, message):
    article = ArticleFactory(draft=True)
    for name, value in change.items():
        setattr(article, name, value)
    with pytest.raises(ValidationError) as refused:
        services.article_publish(article=article, user=editor)
    assert any(message in text for text in refused.value.message_dict[field])
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_publishing_needs_a_credited_and_described_lead_photo(editor):
    article = ArticleFactory(draft=True, lead_photo=PhotoFactory(credit="", alt_text=""))
    with pytest.raises(ValidationError) as refused:
        services.article_publish(article=article, user=editor)
    messages = " ".join(refused.value.message_dict["lead_photo"])
    assert "no credit" in messages and "no alt text" in messages


def test_publishing_needs_an_author(editor):
    article = ArticleFactory(draft=True, authors=[])
    article.bylines.all().delete()
    with pytest.raises(ValidationError) as refused:
        services.article_publish(article=article, user=editor)
    assert "authors" in refused.value.message_dict


def test_renaming_a_live_story_keeps_the_old_address(editor, client):
    article = ArticleFactory(slug="first-name")
    services.article_change_slug(article=article, slug="second-name", user=editor)
    services.article_change_slug(article=article, slug="third-name", user=editor)
    for old in ("first-name", "second-name"):
        response = client.get(reverse("articles:article", kwargs={"slug": old}))
        assert response.status_code == 301
        assert response["Location"] == "/news/third-name/"


def test_renaming_a_draft_leaves_no_redirect(editor):
    article = ArticleFactory(draft=True, slug="working-title")
    services.article_change_slug(article=article, slug="final-title", user=editor)
    assert not SlugRedirect.objects.exists()


def test_going_back_to_an_old_address_removes_its_redirect(editor, client):
    article = ArticleFactory(slug="original")
    services.article_change_slug(article=article, slug="renamed", user=editor)
    services.article_change_slug(article=article, slug="original", user=editor)
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == ["renamed"]
    assert client.get("/news/original/").status_code == 200
    assert client.get("/news/renamed/")["Location"] == "/news/original/"


def test_a_new_story_takes_an_old_address_once_an_editor_removed_its_redirect(editor, client):
    first = ArticleFactory(slug="ceasefire")
    services.article_change_slug(article=first, slug="ceasefire-holds", user=editor)
    second = ArticleFactory(draft=True, slug="ceasefire-draft")
    with pytest.raises(ValidationError):
        services.article_change_slug(article=second, slug="ceasefire", user=editor)
    assert client.get("/news/ceasefire/")["Location"] == "/news/ceasefire-holds/"
    SlugRedirect.objects.get(old_slug="ceasefire").delete()  # the editor's own decision
    second.refresh_from_db()
    services.article_change_slug(article=second, slug="ceasefire", user=editor)
    services.article_publish(article=second, user=editor)
    assert not SlugRedirect.objects.filter(old_slug="ceasefire").exists()
    assert client.get("/news/ceasefire/").context["article"] == second
    # ... and that story can later move on too, keeping its own old address.
    services.article_change_slug(article=second, slug="ceasefire-talks", user=editor)
    assert client.get("/news/ceasefire/")["Location"] == "/news/ceasefire-talks/"


def test_a_taken_slug_is_refused_and_nothing_is_saved(editor):
    ArticleFactory(slug="taken")
    article = ArticleFactory(slug="mine", headline="Mine")
    article.headline = "Changed"
    with pytest.raises(ValidationError):
        services.article_change_slug(article=article, slug="taken", user=editor)
    article.refresh_from_db()
    assert (article.slug, article.headline) == ("mine", "Mine")


def test_taking_a_story_down_hides_it_and_its_old_addresses(editor, client):
    article = ArticleFactory(slug="old")
    services.article_change_slug(article=article, slug="new", user=editor)
    services.article_unpublish(article=article, user=editor)
    assert client.get("/news/new/").status_code == 404
    assert client.get("/news/old/").status_code == 404

"""A story's address, now or before, is never taken by another story.

An old address sends readers on permanently; a draft taking it would silently end that redirect.
The form says so, and removing a redirect stays an editor's own decision.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article, SlugRedirect
from tests.articles.desk import article_form, browser_form, desk_user
from tests.dom import parse, text
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, RegionFactory
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

ADD_ARTICLE = reverse("admin:articles_article_add")


def signed_in(user):
    return sign_in(Client(), user)


@pytest.fixture
def editor():
    return desk_user("Editor")


@pytest.fixture
def renamed_story(editor):
    """A live story first published as /news/ceasefire/, now at /news/ceasefire-holds/."""
    story = ArticleFactory(slug="ceasefire", headline="Ceasefire holds")
    services.article_change_slug(article=story, slug="ceasefire-holds", user=editor)
    return story


def new_draft(**fields):
    return article_form(
        headline="Ceasefire: what next",
        region=RegionFactory(),
        photo=PhotoFactory(),
        authors=[AuthorFactory()],
        **fields,
    )


def slug_error(response):
    return text(parse(response).select_one(".field-slug .errorlist"))


@pytest.mark.parametrize("group", ["Reporter", "Editor"])
def test_a_new_story_cannot_take_a_live_storys_old_address(client, renamed_story, group):
    desk = signed_in(desk_user(group, username=f"new-{group.lower()}"))
    response = desk.post(ADD_ARTICLE, new_draft(slug="ceasefire"))
    assert response.status_code == 200
    assert "is an old address of “Ceasefire holds”" in slug_error(response)
    assert not Article.objects.filter(headline="Ceasefire: what next").exists()
    moved = client.get("/news/ceasefire/")
    assert moved.status_code == 301
    assert moved["Location"] == "/news/ceasefire-holds/"


def test_a_draft_cannot_be_renamed_to_a_live_storys_old_address(client, renamed_story):
    reporter = signed_in(desk_user("Reporter"))
    draft = ArticleFactory(draft=True, slug="ceasefire-draft")
    url = reverse("admin:articles_article_change", args=[draft.pk])
    response = reporter.post(url, browser_form(reporter.get(url), slug="ceasefire"))
    assert response.status_code == 200
    assert "is an old address of “Ceasefire holds”" in slug_error(response)
    draft.refresh_from_db()
    assert draft.slug == "ceasefire-draft"
    assert client.get("/news/ceasefire/")["Location"] == "/news/ceasefire-holds/"


def test_another_storys_address_is_refused_naming_that_story():
    ArticleFactory(slug="budget-vote", headline="Budget vote postponed")
    reporter = signed_in(desk_user("Reporter"))
    response = reporter.post(ADD_ARTICLE, new_draft(slug="budget-vote"))
    assert response.status_code == 200
    assert "is already the address of “Budget vote postponed”" in slug_error(response)


def test_the_service_refuses_an_old_address_of_another_story_too(editor, renamed_story):
    draft = ArticleFactory(draft=True, slug="ceasefire-draft")
    with pytest.raises(ValidationError) as refused:
        services.article_change_slug(article=draft, slug="ceasefire", user=editor)
    assert "old address of “Ceasefire holds”" in " ".join(refused.value.message_dict["slug"])
    assert SlugRedirect.objects.filter(old_slug="ceasefire", article=renamed_story).exists()


def test_a_story_may_go_back_to_its_own_old_address(client, editor, renamed_story):
    desk = signed_in(editor)
    url = reverse("admin:articles_article_change", args=[renamed_story.pk])
    response = desk.post(url, browser_form(desk.get(url), slug="ceasefire"))
    assert response.status_code == 302
    assert client.get("/news/ceasefire/").status_code == 200
    assert client.get("/news/ceasefire-holds/")["Location"] == "/news/ceasefire/"


def test_an_editor_frees_an_old_address_by_removing_its_redirect(client, editor, renamed_story):
    desk = signed_in(editor)
    redirect = SlugRedirect.objects.get(old_slug="ceasefire")
    delete = reverse("admin:articles_slugredirect_delete", args=[redirect.pk])
    assert desk.post(delete, {"post": "yes"}).status_code == 302
    assert desk.post(ADD_ARTICLE, new_draft(slug="ceasefire")).status_code == 302
    assert Article.objects.get(slug="ceasefire").headline == "Ceasefire: what next"


def test_only_those_who_may_publish_remove_redirects(renamed_story):
    redirect = SlugRedirect.objects.get(old_slug="ceasefire")
    delete = reverse("admin:articles_slugredirect_delete", args=[redirect.pk])
    reporter = signed_in(desk_user("Reporter"))
    assert reporter.post(delete, {"post": "yes"}).status_code == 403
    # Even given the permission to delete redirects, without the right to publish.
    cleaner = desk_user("Reporter", username="cleaner")
    cleaner.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_slugredirect", "delete_slugredirect"])
    )
    assert signed_in(cleaner).post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:articles_slugredirect_changelist")
    signed_in(cleaner).post(
        changelist, {"action": "delete_selected", "_selected_action": [redirect.pk], "post": "yes"}
    )
    assert SlugRedirect.objects.filter(pk=redirect.pk).exists()

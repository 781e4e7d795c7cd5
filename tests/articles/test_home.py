import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_home_lists_latest_published_articles_but_not_drafts(client):
    published = ArticleFactory(headline="Parliament passes the budget")
    ArticleFactory(headline="Unfinished draft about the border", draft=True)
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    assert published.headline in response.text
    assert "Unfinished draft" not in response.text


def test_unknown_page_gets_the_branded_not_found_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text

"""Whatever a reader or a bot puts in ``?page=``, a list page answers with a page or a 404."""

import pytest
from django.urls import reverse

from articles.views import RegionView
from tests.dom import one, parse
from tests.factories import ArticleFactory, AuthorFactory, RegionFactory

pytestmark = pytest.mark.django_db

ODD_PAGES = [
    "²",  # a digit to Python's str.isdigit(), not to int()
    "٣",  # Arabic-Indic three: int() reads it as 3
    "9" * 4301,  # one digit more than int() converts
    "1e3",
    "-1",
    "0",
    "1.5",
    "NaN",
    "inf",
    "last",
    " 1",
    "\x00",
    "",
]


@pytest.fixture
def lists():
    region = RegionFactory(slug="lori")
    author = AuthorFactory(slug="ani")
    ArticleFactory(primary_region=region, authors=[author], tag_names=["mining"])
    return [
        reverse("articles:home"),
        region.get_absolute_url(),
        reverse("articles:tag", args=["mining"]),
        author.get_absolute_url(),
        reverse("articles:search") + "?q=story",
    ]


@pytest.mark.parametrize("page", ODD_PAGES)
def test_any_page_number_gives_a_page_or_a_404(client, lists, page):
    for url in lists:
        separator = "&" if "?" in url else "?"
        response = client.get(url + separator, {"page": page})
        assert response.status_code in (200, 404), (url, page, response.status_code)


def test_a_later_page_names_itself_as_its_canonical_address(client, monkeypatch, settings):

    monkeypatch.setattr(RegionView, "paginate_by", 1)
    region = RegionFactory(slug="shirak")
    ArticleFactory.create_batch(2, primary_region=region)
    page = parse(client.get(region.get_absolute_url(), {"page": "2"}))
    assert (
        one(page, 'link[rel="canonical"]')["href"] == f"{settings.SITE_URL}/region/shirak/?page=2"
    )
    first = parse(client.get(region.get_absolute_url(), {"page": "1"}))
    assert one(first, 'link[rel="canonical"]')["href"] == f"{settings.SITE_URL}/region/shirak/"

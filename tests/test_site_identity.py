"""The publication's identity (settings SITE_*): every page, feed and the join page show it."""

import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.dom import one, parse, text
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
MOUNTAIN_POST = {
    "SITE_NAME": "Mountain Post",
    "SITE_TAGLINE": "News from the high valleys",
    "SITE_DESCRIPTION": "Reporting from the high valleys, paid for by its readers.",
    "SITE_JOIN_HEADLINE": "Keep the Mountain Post on the road",
    "SITE_JOIN_PITCH": "Our reporters walk to the villages the roads do not reach.",
}


def description(page):
    return one(page, 'meta[name="description"]')["content"]


@override_settings(**MOUNTAIN_POST)
def test_header_footer_title_and_description_come_from_the_settings(client):
    ArticleFactory()
    home = parse(client.get(reverse("articles:home")))
    assert text(one(home, ".site-header__name")) == "Mountain Post"
    assert text(one(home, ".site-header__tagline")) == "News from the high valleys"
    assert text(one(home, "title")) == "News from the high valleys · Mountain Post"
    assert description(home) == "Reporting from the high valleys, paid for by its readers."
    assert text(one(home, ".site-footer__name")) == "Mountain Post"
    footer = text(one(home, ".site-footer__inner > div"))
    assert footer.startswith("Mountain Post Reporting from the high valleys, paid for by its")

    # A page without a description of its own has the publication's.
    thanks = parse(client.get(reverse("memberships:thanks")))
    assert text(one(thanks, "title")) == "Thank you · Mountain Post"
    assert description(thanks) == "Reporting from the high valleys, paid for by its readers."


@override_settings(**MOUNTAIN_POST)
def test_the_site_feeds_describe_the_publication_from_the_settings(client):
    ArticleFactory()
    rss = ET.fromstring(client.get(reverse("articles:feed")).content)
    assert rss.findtext("channel/title") == "Mountain Post: latest stories"
    assert rss.findtext("channel/description") == (
        "Reporting from the high valleys, paid for by its readers."
    )
    atom = ET.fromstring(client.get(reverse("articles:feed_atom")).content)
    assert atom.findtext(f"{ATOM}subtitle") == (
        "Reporting from the high valleys, paid for by its readers."
    )


@override_settings(**MOUNTAIN_POST)
def test_the_join_page_makes_the_publications_own_pitch(client):
    page = parse(client.get(reverse("memberships:join")))
    assert text(one(page, "h1")) == "Keep the Mountain Post on the road"
    assert text(one(page, ".join__pitch .lede")) == (
        "Our reporters walk to the villages the roads do not reach."
    )
    assert description(page).startswith("Support Mountain Post:")


def test_by_default_the_product_names_no_particular_publication(client, settings, monkeypatch):
    """The defaults are generic; `make run` gives the demo newsroom its identity (Makefile)."""
    for name in MOUNTAIN_POST:
        monkeypatch.delenv(name, raising=False)
    defaults = runpy.run_path(str(ROOT / "newsroom" / "settings.py"))
    for name in MOUNTAIN_POST:
        setattr(settings, name, defaults[name])
    ArticleFactory()
    for url in [reverse("articles:home"), reverse("articles:feed"), reverse("memberships:join")]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Caucasus" not in response.content.decode()

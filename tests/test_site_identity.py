"""The publication's identity (settings SITE_*): every page, feed and the join page show it."""

import io
import json
import re
import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from articles import prepared
from tests.articles.test_metadata import check_schema, json_ld
from tests.dom import one, parse, text
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://mountainpost.example"
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
    identity = ["SITE_SHORT_NAME", "SITE_LOGO", "SITE_ICONS", "SITE_THEME_COLOUR", "SITE_TWITTER"]
    for name in [*MOUNTAIN_POST, *identity]:
        monkeypatch.delenv(name, raising=False)
    defaults = runpy.run_path(str(ROOT / "newsroom" / "settings.py"))
    for name in [*MOUNTAIN_POST, *identity]:
        setattr(settings, name, defaults[name])
    assert [defaults[name] for name in ["SITE_LOGO", "SITE_ICONS", "SITE_TWITTER"]] == ["", "", ""]
    ArticleFactory()
    for url in [
        reverse("articles:home"),
        reverse("articles:feed"),
        reverse("memberships:join"),
        reverse("manifest"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Caucasus" not in response.content.decode()
        assert "dispatch" not in response.content.decode().lower()


# The logo, the icons, the manifest and the social accounts --------------------------------------

DEMO_LOGO = "img/demo/caucasus-dispatch.svg"  # a static file, 300x48 (static/img/demo/)


def head_link(page, rel):
    return one(page, f'link[rel="{rel}"]')["href"]


def png_size(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as picture:
        assert picture.format == "PNG"
        return picture.size


def story_page(client):
    return parse(client.get(ArticleFactory().get_absolute_url()))


def publisher_of(page):
    data = json_ld(page)
    check_schema(data)
    return data["publisher"]


def test_with_nothing_set_the_site_shows_its_name_and_its_own_plain_icons(client):
    home = parse(client.get(reverse("articles:home")))
    assert text(one(home, ".site-header__name")) == "Newsroom"
    assert home.select(".site-header__logo") == []
    assert one(home, 'link[rel="icon"]')["sizes"] == "32x32"
    assert png_size(client.get(head_link(home, "icon"))) == (32, 32)
    assert png_size(client.get(head_link(home, "apple-touch-icon"))) == (180, 180)
    assert one(home, 'meta[name="theme-color"]')["content"] == "#171717"
    manifest = client.get(head_link(home, "manifest")).json()
    for icon in manifest["icons"]:
        width, height = png_size(client.get(icon["src"]))
        assert icon["sizes"] == f"{width}x{height}"
    assert sorted(icon["sizes"] for icon in manifest["icons"]) == ["192x192", "512x512"]
    assert "logo" not in publisher_of(story_page(client))


def test_only_the_icon_sizes_the_pages_name_are_drawn(client):
    assert client.get("/icons/icon-33.png").status_code == 404
    assert client.post("/icons/icon-32.png").status_code == 405
    icon = client.get("/icons/icon-32.png")
    assert "public" in icon["Cache-Control"] and "max-age=86400" in icon["Cache-Control"]


@override_settings(SITE_THEME_COLOUR="#f4e8c1")
def test_the_default_icon_is_drawn_in_the_theme_colour(client):
    with Image.open(io.BytesIO(client.get("/icons/icon-192.png").content)) as icon:
        assert icon.convert("RGB").getpixel((2, 2)) == (244, 232, 193)
        # and its lines are dark on so pale a colour
        assert icon.convert("L").getextrema()[0] < 60


@override_settings(
    **MOUNTAIN_POST, SITE_SHORT_NAME="Mountain", SITE_THEME_COLOUR="#1d4e89", SITE_URL=SITE
)
def test_the_web_app_manifest_names_the_publication_its_colours_and_icons(client):
    response = client.get(reverse("manifest"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest == {
        "name": "Mountain Post",
        "short_name": "Mountain",
        "description": "Reporting from the high valleys, paid for by its readers.",
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "theme_color": "#1d4e89",
        "background_color": "#fbfaf7",
        "icons": [
            {"src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
        ],
    }
    home = parse(client.get(reverse("articles:home")))
    assert head_link(home, "manifest") == "/manifest.webmanifest"
    assert one(home, 'meta[name="theme-color"]')["content"] == "#1d4e89"


def test_browsers_and_caches_may_keep_the_manifest(client):
    response = client.get(reverse("manifest"))
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    again = client.get(reverse("manifest"), headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    assert client.head(reverse("manifest")).status_code == 200
    assert client.post(reverse("manifest")).status_code == 405
    with override_settings(SITE_NAME="Mountain Post"):
        renamed = client.get(reverse("manifest"), headers={"if-none-match": response["ETag"]})
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Mountain Post"


@override_settings(SITE_ICONS="/media/identity/")
def test_a_publication_can_bring_its_own_icons(client):
    home = parse(client.get(reverse("articles:home")))
    assert head_link(home, "icon") == "/media/identity/icon-32.png"
    assert head_link(home, "apple-touch-icon") == "/media/identity/icon-180.png"
    manifest = client.get(reverse("manifest")).json()
    assert [icon["src"] for icon in manifest["icons"]] == [
        "/media/identity/icon-192.png",
        "/media/identity/icon-512.png",
    ]
    cache.clear()  # (the home page kept for readers)
    with override_settings(SITE_ICONS="https://cdn.example.org/mountain-post"):
        home = parse(client.get(reverse("articles:home")))
    assert head_link(home, "icon") == "https://cdn.example.org/mountain-post/icon-32.png"


def test_icons_named_as_static_files_that_are_not_there_are_reported(settings):
    settings.SITE_ICONS = "img/no-such-icons/"
    problems = run_checks()
    assert [message.id for message in problems] == ["newsroom.E002"]
    assert "img/no-such-icons/icon-32.png" in problems[0].msg
    settings.SITE_ICONS = "/media/identity/"  # an address: not this machine's to look for
    assert run_checks() == []


@override_settings(SITE_NAME="Caucasus Dispatch", SITE_LOGO=DEMO_LOGO, SITE_URL=SITE)
def test_a_logo_takes_the_names_place_in_the_header_keeping_its_shape(client):
    home = parse(client.get(reverse("articles:home")))
    logo = one(home, ".site-header__name img.site-header__logo")
    assert logo["src"] == f"/static/{DEMO_LOGO}"
    assert logo["alt"] == "Caucasus Dispatch"
    # Its width and height reserve its room before it loads: nothing moves.
    assert (logo["width"], logo["height"]) == ("300", "48")
    assert text(one(home, ".site-header__name")) == ""
    assert finders.find(DEMO_LOGO)


@override_settings(SITE_LOGO=DEMO_LOGO, SITE_URL=SITE)
def test_the_stories_name_their_publisher_with_its_logo_within_600_by_60(client):
    publisher = publisher_of(story_page(client))
    # A drawing scales: it is offered as large as the box allows.
    assert publisher == {
        "@type": "NewsMediaOrganization",
        "name": "Newsroom",
        "url": f"{SITE}/",
        "logo": {
            "@type": "ImageObject",
            "url": f"{SITE}/static/{DEMO_LOGO}",
            "contentUrl": f"{SITE}/static/{DEMO_LOGO}",
            "width": 375,
            "height": 60,
        },
    }


def write_png(path, size):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (164, 22, 26)).save(path, format="PNG")


def test_a_picture_logo_is_given_at_its_own_size(client, settings, media_root):
    write_png(media_root / "identity" / "logo.png", (240, 40))
    settings.SITE_LOGO = "/media/identity/logo.png"
    settings.SITE_URL = SITE
    logo = one(parse(client.get(reverse("articles:home"))), ".site-header__logo")
    assert (logo["src"], logo["width"], logo["height"]) == ("/media/identity/logo.png", "240", "40")
    assert publisher_of(story_page(client))["logo"] == {
        "@type": "ImageObject",
        "url": f"{SITE}/media/identity/logo.png",
        "contentUrl": f"{SITE}/media/identity/logo.png",
        "width": 240,
        "height": 40,
    }
    assert run_checks() == []


def test_a_logo_too_large_for_search_engines_is_warned_about(settings, media_root):
    write_png(media_root / "identity" / "logo.png", (1200, 200))
    settings.SITE_LOGO = "/media/identity/logo.png"
    assert [message.id for message in run_checks()] == ["newsroom.W001"]


def test_a_logo_that_cannot_be_read_is_reported_and_the_header_keeps_the_name(client, settings):
    settings.SITE_NAME = "Mountain Post"
    for missing in ["img/no-such-logo.svg", "https://cdn.example.org/logo.svg"]:
        settings.SITE_LOGO = missing
        problems = run_checks()
        assert [message.id for message in problems] == ["newsroom.E001"]
        assert "SITE_LOGO_SIZE" in problems[0].msg
        home = parse(client.get(reverse("articles:home")))
        assert text(one(home, ".site-header__name")) == "Mountain Post"
        assert "logo" not in publisher_of(story_page(client))
    settings.SITE_LOGO_SIZE = "300 by 48"
    assert "WIDTHxHEIGHT" in run_checks()[0].msg


def test_a_logo_on_another_host_is_shown_at_the_size_given(client, settings):
    settings.SITE_LOGO = "https://cdn.example.org/logo.svg"
    settings.SITE_LOGO_SIZE = "320x40"
    logo = one(parse(client.get(reverse("articles:home"))), ".site-header__logo")
    assert (logo["src"], logo["width"], logo["height"]) == (
        "https://cdn.example.org/logo.svg",
        "320",
        "40",
    )
    assert run_checks() == []


def test_the_policy_lets_pages_load_a_logo_and_icons_from_the_hosts_named(monkeypatch):
    monkeypatch.setenv("SITE_LOGO", "https://cdn.example.org/logo.svg")
    monkeypatch.setenv("SITE_ICONS", "https://icons.example.net/set/")
    directives = load_settings()["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert "https://cdn.example.org" in directives["img-src"]
    assert "https://icons.example.net" in directives["img-src"]
    assert directives["manifest-src"] == ["'self'"]


@override_settings(SITE_TWITTER="@mountainpost")
def test_pages_and_stories_name_the_publications_x_account(client):
    for page in [parse(client.get(reverse("articles:home"))), story_page(client)]:
        assert one(page, 'meta[name="twitter:site"]')["content"] == "@mountainpost"


def test_without_an_x_account_no_page_names_one(client):
    for page in [parse(client.get(reverse("articles:home"))), story_page(client)]:
        assert page.select('meta[name="twitter:site"]') == []


def test_a_story_prepared_before_the_identity_changed_is_made_again(client, settings):
    story = ArticleFactory()
    client.get(story.get_absolute_url())  # its parts are prepared and kept
    for name, value in [
        ("SITE_TWITTER", "@mountainpost"),
        ("SITE_LOGO", DEMO_LOGO),
        ("SITE_LOGO_SIZE", "600x60"),
    ]:
        before = prepared.fingerprint()
        setattr(settings, name, value)
        assert prepared.fingerprint() != before, name
    cache.clear()
    page = parse(client.get(story.get_absolute_url()))
    assert one(page, 'meta[name="twitter:site"]')["content"] == "@mountainpost"
    assert publisher_of(page)["logo"]["width"] == 600


@pytest.mark.parametrize(
    ("given", "kept"), [("@mountainpost", "@mountainpost"), ("Mountain_Post1", "@Mountain_Post1")]
)
def test_the_x_account_may_be_given_with_or_without_its_at(monkeypatch, given, kept):
    monkeypatch.setenv("SITE_TWITTER", given)
    assert load_settings()["SITE_TWITTER"] == kept


@pytest.mark.parametrize(
    "bad", ["@caucasusdispatch", "mountain post", "@", "https://x.com/mountainpost", "@ünal"]
)
def test_a_malformed_x_account_stops_the_site_at_start_up(monkeypatch, bad):
    """Refused, not ignored: a wrong account on every page would send readers to a stranger."""
    monkeypatch.setenv("SITE_TWITTER", bad)
    with pytest.raises(ImproperlyConfigured, match="SITE_TWITTER must be an X .* up to 15"):
        load_settings()


@pytest.mark.parametrize("bad", ["red", "#12345", "a4161a", "#a4161a; color: red"])
def test_a_malformed_theme_colour_stops_the_site_at_start_up(monkeypatch, bad):
    monkeypatch.setenv("SITE_THEME_COLOUR", bad)
    with pytest.raises(ImproperlyConfigured, match="SITE_THEME_COLOUR must be a hex colour"):
        load_settings()


def makefile_run_settings():
    """The SITE_* values `make run` gives the demo newsroom."""
    text = (ROOT / "Makefile").read_text()
    found = re.findall(r"^run: export (SITE_\w+) \?= (.+)$", text, re.MULTILINE)
    return {name: value.replace("\\#", "#").strip() for name, value in found}


def test_the_demo_newsroom_draws_its_own_icons_and_names_its_own_logo(client, settings):
    demo = makefile_run_settings()
    assert demo["SITE_LOGO"] == DEMO_LOGO
    assert demo["SITE_ICONS"] == "/media/identity/"
    call_command("draw_demo_identity", stdout=io.StringIO())
    call_command("draw_demo_identity", stdout=io.StringIO())  # again: drawn afresh, same names
    for size in (32, 180, 192, 512):
        with Image.open(settings.MEDIA_ROOT / "identity" / f"icon-{size}.png") as icon:
            assert icon.size == (size, size)
            assert icon.convert("RGB").getpixel((1, 1)) == (164, 22, 26)
    assert sorted(path.name for path in (settings.MEDIA_ROOT / "identity").iterdir()) == [
        "icon-180.png",
        "icon-192.png",
        "icon-32.png",
        "icon-512.png",
    ]
    for name, value in demo.items():
        setattr(settings, name, value)
    assert run_checks() == []
    home = parse(client.get(reverse("articles:home")))
    assert one(home, ".site-header__logo")["alt"] == "Caucasus Dispatch"
    assert one(home, 'meta[name="twitter:site"]')["content"] == demo["SITE_TWITTER"]


def test_the_demo_identity_is_valid_settings(monkeypatch):
    for name, value in makefile_run_settings().items():
        monkeypatch.setenv(name, value)
    values = load_settings()
    assert values["SITE_THEME_COLOUR"] == "#a4161a"
    assert len(values["SITE_SHORT_NAME"]) <= 12


def load_settings():
    return runpy.run_path(str(ROOT / "newsroom" / "settings.py"))


def run_checks():
    return [message for message in checks.run_checks() if message.id.startswith("newsroom.")]

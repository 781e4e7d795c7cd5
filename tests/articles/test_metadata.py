import json
import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.images import get_rendition
from tests.dom import active_content, one, parse
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    PhotoFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"

# What schema.org defines for each type we publish (a subset: the properties we use may only
# come from these lists, and the values must have the expected kind).
SCHEMA = {
    "NewsArticle": {
        "@context",
        "@type",
        "mainEntityOfPage",
        "url",
        "headline",
        "description",
        "image",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "articleSection",
        "keywords",
        "inLanguage",
        "isAccessibleForFree",
        "correction",
        "workTranslation",
        "translationOfWork",
    },
    "ImageObject": {
        "@type",
        "url",
        "contentUrl",
        "width",
        "height",
        "caption",
        "creditText",
        "copyrightNotice",
        "license",
    },
    "Person": {"@type", "name", "url", "jobTitle"},
    "NewsMediaOrganization": {"@type", "name", "url", "logo"},
    "CorrectionComment": {"@type", "text", "datePublished"},
    "WebPage": {"@type", "@id"},
}
URL_PROPERTIES = {"url", "contentUrl", "license", "@id"}
DATE_PROPERTIES = {"datePublished", "dateModified"}


def parse_page(client, url):
    """The response and its parsed page: <meta>, <link> and JSON-LD read as a crawler would."""
    response = client.get(url)
    assert response.status_code == 200
    return response, parse(response)


def metas(page, key):
    """The content of each <meta> with this property (OpenGraph) or name (the rest)."""
    return [tag["content"] for tag in page.select(f'meta[property="{key}"], meta[name="{key}"]')]


def meta(page, key):
    """The content of the page's one <meta> for ``key``; fails if it has none or several."""
    return one(page, f'meta[property="{key}"], meta[name="{key}"]')["content"]


def canonical(page):
    return [link["href"] for link in page.select('link[rel="canonical"]')]


def check_schema(node, path="NewsArticle"):
    """Fail on a property schema.org does not define for the node's type, or a malformed value."""
    if isinstance(node, list):
        for index, child in enumerate(node):
            check_schema(child, f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        return
    kind = node["@type"]
    unknown = set(node) - SCHEMA[kind]
    assert not unknown, f"{path}: {kind} has no properties {unknown}"
    for key, value in node.items():
        if key in URL_PROPERTIES:
            assert re.match(r"^https?://", value), f"{path}.{key} is not an absolute URL"
        if key in DATE_PROPERTIES:
            assert datetime.fromisoformat(value).tzinfo, f"{path}.{key} has no time zone"
        if isinstance(value, dict | list):
            check_schema(value, f"{path}.{key}")


def json_ld(page):
    return json.loads(one(page, 'script[type="application/ld+json"]').string)


def test_story_has_an_absolute_canonical_link_and_social_cards(client):
    photo = PhotoFactory(alt_text="A tractor in a sunflower field")
    article = ArticleFactory(
        headline="Harvest comes early",
        standfirst="Dry summer, early crop.",
        lead_photo=photo,
        tag_names=["farming", "climate"],
    )

    _, page = parse_page(client, article.get_absolute_url())

    url = f"{SITE}{article.get_absolute_url()}"
    assert canonical(page) == [url]
    assert meta(page, "description") == "Dry summer, early crop."
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == url
    assert meta(page, "og:title") == "Harvest comes early"
    assert meta(page, "og:description") == "Dry summer, early crop."
    assert meta(page, "og:site_name") == "Newsroom"
    assert meta(page, "og:locale") == "en_GB"
    shared = get_rendition(photo, shape="16x9", width=1200, format="jpeg")
    assert meta(page, "og:image") == f"{SITE}{shared.file.url}"  # never the original upload
    assert meta(page, "og:image:width") == "1200"
    assert meta(page, "og:image:alt") == "A tractor in a sunflower field"
    assert meta(page, "article:section") == article.primary_region.name
    assert sorted(metas(page, "article:tag")) == ["climate", "farming"]
    assert datetime.fromisoformat(meta(page, "article:published_time")) == (
        article.published_at.replace(microsecond=0)
    )
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:image") == f"{SITE}{shared.file.url}"
    assert meta(page, "twitter:image:alt") == "A tractor in a sunflower field"


def test_story_json_ld_is_a_complete_news_article(client):
    region = RegionFactory(name="South Ossetia", slug="south-ossetia")
    photo = PhotoFactory(
        caption="Checkpoint near Akhalgori.",
        credit="Giorgi Lomsadze",
        licence="CC BY-SA 4.0",
    )
    shared = get_rendition(photo, shape="16x9", width=1200, format="jpeg")
    reporters = [
        AuthorFactory(name="Ana Kvitsiani", role="Tbilisi correspondent"),
        AuthorFactory(name="Arif Mammadov"),
    ]
    article = ArticleFactory(
        headline="Checkpoint reopens",
        standfirst="Crossings resume after a month.",
        primary_region=region,
        lead_photo=photo,
        authors=reporters,
        tag_names=["borders"],
    )
    correction = CorrectionFactory(
        article=article,
        text="The checkpoint reopened on Monday, not Sunday.",
        made_at=timezone.now(),
    )

    _, page = parse_page(client, article.get_absolute_url())
    data = json_ld(page)

    check_schema(data)
    url = f"{SITE}{article.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["headline"] == "Checkpoint reopens"
    assert data["description"] == "Crossings resume after a month."
    assert data["articleSection"] == "South Ossetia"
    assert data["inLanguage"] == "en"
    assert data["keywords"] == ["borders"]
    assert data["image"] == [
        {
            "@type": "ImageObject",
            "url": f"{SITE}{shared.file.url}",
            "contentUrl": f"{SITE}{shared.file.url}",
            "width": 1200,
            "height": 675,
            "caption": "Checkpoint near Akhalgori.",
            "creditText": "Giorgi Lomsadze",
            "copyrightNotice": "CC BY-SA 4.0",
            "license": "https://creativecommons.org/licenses/by-sa/4.0/",
        }
    ]
    assert [a["name"] for a in data["author"]] == ["Ana Kvitsiani", "Arif Mammadov"]
    assert data["author"][0]["jobTitle"] == "Tbilisi correspondent"
    assert data["author"][0]["url"] == f"{SITE}{reporters[0].get_absolute_url()}"
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "Newsroom",
        "url": f"{SITE}/",
    }
    assert datetime.fromisoformat(data["datePublished"]) == article.published_at.replace(
        microsecond=0
    )
    # A correction changes the story for readers, so it moves dateModified.
    assert datetime.fromisoformat(data["dateModified"]) == correction.made_at.replace(microsecond=0)
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The checkpoint reopened on Monday, not Sunday.",
            "datePublished": data["dateModified"],
        }
    ]


def test_story_caption_override_reaches_the_structured_data(client):
    article = ArticleFactory(lead_photo_caption="The square at dawn, two days later.")

    _, page = parse_page(client, article.get_absolute_url())

    assert json_ld(page)["image"][0]["caption"] == "The square at dawn, two days later."


def test_licence_without_a_known_link_is_kept_as_a_notice_only(client):
    article = ArticleFactory(lead_photo=PhotoFactory(licence="All rights reserved"))

    _, page = parse_page(client, article.get_absolute_url())

    image = json_ld(page)["image"][0]
    assert image["copyrightNotice"] == "All rights reserved"
    assert "license" not in image


def test_story_without_photo_gets_a_small_card_and_no_image(client):
    article = ArticleFactory(lead_photo=None, standfirst="")

    _, page = parse_page(client, article.get_absolute_url())

    data = json_ld(page)
    check_schema(data)
    assert "image" not in data
    assert metas(page, "og:image") == []
    assert meta(page, "twitter:card") == "summary"
    assert meta(page, "description") == article.headline


@pytest.mark.parametrize(
    "headline",
    [
        "</script><script>alert('x')</script>",
        "<!-- comment --> & \u2028 line separator",
        '"quotes" and \\backslashes\\',
    ],
)
def test_no_headline_can_break_out_of_the_structured_data(client, headline):
    article = ArticleFactory(headline=headline)

    response, page = parse_page(client, article.get_absolute_url())

    # What can run is the beacon alone; the JSON-LD stays data, whole.
    assert active_content(page) == page.select('script[src="/static/js/beacon.js"]')
    assert json_ld(page)["headline"] == headline
    assert meta(page, "og:title") == headline
    assert one(page, "h1").string == headline
    # Browsers treat "<script" inside a script specially; escaped, it never reaches them.
    assert "<script>alert" not in response.text


def test_updated_story_reports_its_update_time(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    article.updated_at = timezone.now() - timedelta(hours=1)
    article.save()

    _, page = parse_page(client, article.get_absolute_url())

    modified = article.updated_at.replace(microsecond=0)
    assert datetime.fromisoformat(json_ld(page)["dateModified"]) == modified
    assert datetime.fromisoformat(meta(page, "article:modified_time")) == modified


def test_home_and_list_pages_have_canonical_links_and_cards(client):
    region = RegionFactory(name="Nagorno-Karabakh", slug="nagorno-karabakh", description="")
    region.description = "Reporting from Karabakh and its people."
    region.save()
    ArticleFactory(primary_region=region, tag_names=["displacement"])

    _, home = parse_page(client, reverse("articles:home"))
    _, region_page = parse_page(client, f"{region.get_absolute_url()}?utm_source=x")
    _, tag_page = parse_page(client, reverse("articles:tag", kwargs={"slug": "displacement"}))

    assert canonical(home) == [f"{SITE}/"]
    assert meta(home, "og:type") == "website"
    assert canonical(region_page) == [f"{SITE}/region/nagorno-karabakh/"]
    assert meta(region_page, "og:title") == "Nagorno-Karabakh"
    assert meta(region_page, "description") == "Reporting from Karabakh and its people."
    assert canonical(tag_page) == [f"{SITE}/tag/displacement/"]
    assert meta(tag_page, "description")


def test_later_pages_of_a_list_keep_their_page_number_in_the_canonical_link(client):
    region = RegionFactory(slug="georgia")
    ArticleFactory.create_batch(21, primary_region=region)

    _, second = parse_page(client, f"{region.get_absolute_url()}?page=2")

    assert canonical(second) == [f"{SITE}/region/georgia/?page=2"]


def test_search_results_ask_not_to_be_indexed(client):
    _, page = parse_page(client, f"{reverse('articles:search')}?q=anything")

    assert meta(page, "robots") == "noindex, follow"
    assert canonical(page) == []


def test_drafts_are_absent_from_every_public_listing(client):
    ArticleFactory(headline="Visible story", tag_names=["budget"])
    draft = ArticleFactory(headline="Leaked draft", tag_names=["budget"], draft=True)
    scheduled = ArticleFactory(headline="Embargoed story", tag_names=["budget"], scheduled=True)

    pages = [
        reverse("articles:home"),
        reverse("articles:feed"),
        reverse("articles:feed_atom"),
        reverse("articles:tag_feed", kwargs={"slug": "budget"}),
        reverse("articles:region_feed", kwargs={"slug": draft.primary_region.slug}),
        reverse("articles:search") + "?q=story",
        reverse("articles:search") + "?q=draft",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
    ]
    for url in pages:
        text = client.get(url).content.decode()
        for secret in (draft, scheduled):
            assert secret.headline not in text, url
            assert secret.get_absolute_url() not in text, url
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("extras", [1, 6])
def test_story_page_metadata_adds_no_queries_per_author_tag_or_correction(
    client, django_assert_max_num_queries, extras
):
    article = ArticleFactory(
        authors=AuthorFactory.create_batch(extras),
        tag_names=[f"tag-{n}" for n in range(extras)],
    )
    CorrectionFactory.create_batch(extras, article=article)
    client.get(article.get_absolute_url())  # the rails are cached after a first reader

    with django_assert_max_num_queries(8):
        _, page = parse_page(client, article.get_absolute_url())

    assert len(json_ld(page)["author"]) == extras
    assert len(json_ld(page)["correction"]) == extras


def test_metadata_of_an_unpublished_story_preview_has_no_dates_and_does_not_fail(rf):
    from django.template.loader import render_to_string

    draft = ArticleFactory(draft=True)

    html = render_to_string(
        "articles/_article_meta.html", {"article": draft}, request=rf.get("/preview/")
    )
    page = parse(html)

    data = json_ld(page)
    assert data["headline"] == draft.headline
    assert "datePublished" not in data
    assert metas(page, "article:published_time") == []

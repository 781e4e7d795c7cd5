import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, RegionFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITE = "http://127.0.0.1:8000"


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iter(f"{SM}loc")]


def section(client, name):
    return get_xml(client, reverse("sitemap_section", kwargs={"section": name}))


def test_sitemap_index_lists_every_section_with_its_latest_change(client):
    article = ArticleFactory(tag_names=["energy"])

    root = get_xml(client, "/sitemap.xml")

    assert root.tag == f"{SM}sitemapindex"
    assert locations(root) == [
        f"{SITE}/sitemap-articles.xml",
        f"{SITE}/sitemap-regions.xml",
        f"{SITE}/sitemap-tags.xml",
        f"{SITE}/sitemap-authors.xml",
    ]
    lastmods = [datetime.fromisoformat(e.text) for e in root.iter(f"{SM}lastmod")]
    assert lastmods == [article.published_at] * 4


def test_article_sitemap_lists_published_stories_with_lastmod_and_no_drafts(client):
    updated = ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    updated.updated_at = timezone.now() - timedelta(days=1)
    updated.save()
    plain = ArticleFactory()
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)

    root = section(client, "articles")

    urls = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in root.iter(f"{SM}url")}
    assert urls == {
        f"{SITE}{updated.get_absolute_url()}": timezone.localdate(updated.updated_at).isoformat(),
        f"{SITE}{plain.get_absolute_url()}": timezone.localdate(plain.published_at).isoformat(),
    }
    assert f"{SITE}{draft.get_absolute_url()}" not in urls
    assert f"{SITE}{scheduled.get_absolute_url()}" not in urls


def test_regions_are_all_listed_but_tags_and_authors_only_with_published_stories(client):
    empty_region = RegionFactory(slug="north-caucasus")
    shown_author = AuthorFactory(slug="shown")
    hidden_author = AuthorFactory(slug="only-drafts")
    article = ArticleFactory(tag_names=["public-tag"], authors=[shown_author])
    ArticleFactory(tag_names=["minister-resigns"], authors=[hidden_author], draft=True)
    ArticleFactory(tag_names=["embargoed"], scheduled=True)

    regions = locations(section(client, "regions"))
    tags = locations(section(client, "tags"))
    authors = locations(section(client, "authors"))

    assert f"{SITE}{empty_region.get_absolute_url()}" in regions
    assert f"{SITE}{article.primary_region.get_absolute_url()}" in regions
    assert tags == [f"{SITE}/tag/public-tag/"]
    assert authors == [f"{SITE}{shown_author.get_absolute_url()}"]


def test_unknown_sitemap_section_is_not_found(client):
    assert client.get("/sitemap-secrets.xml").status_code == 404


def test_news_sitemap_lists_the_last_two_days_with_publication_and_title(client):
    fresh = ArticleFactory(headline="Fresh & new <story>")
    ArticleFactory(headline="Last week", published_at=timezone.now() - timedelta(days=7))
    ArticleFactory(headline="Draft", draft=True)
    ArticleFactory(headline="Scheduled", scheduled=True)

    root = get_xml(client, reverse("news_sitemap"))

    urls = list(root.iter(f"{SM}url"))
    assert [u.findtext(f"{SM}loc") for u in urls] == [f"{SITE}{fresh.get_absolute_url()}"]
    news = urls[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh & new <story>"
    published = datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == fresh.published_at.replace(microsecond=0)


def test_robots_txt_points_to_the_sitemaps_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert f"Sitemap: {SITE}/news-sitemap.xml" in lines


def test_absolute_addresses_follow_the_configured_site_url(client, settings):
    settings.SITE_URL = "https://news.example.org"
    article = ArticleFactory()

    index = locations(get_xml(client, "/sitemap.xml"))
    articles = locations(section(client, "articles"))

    assert index[0] == "https://news.example.org/sitemap-articles.xml"
    assert articles == [f"https://news.example.org{article.get_absolute_url()}"]
    assert "Sitemap: https://news.example.org/sitemap.xml" in client.get("/robots.txt").text


@pytest.mark.parametrize("stories", [2, 15])
def test_sitemap_queries_do_not_grow_with_stories(client, django_assert_max_num_queries, stories):
    for _ in range(stories):
        ArticleFactory(tag_names=["politics"])

    # A count and a latest change per section.
    # Two of these are the page cache asking when the next scheduled story or pick is due.
    with django_assert_max_num_queries(10):
        index = get_xml(client, "/sitemap.xml")
    for name in ["articles", "regions", "tags", "authors"]:
        with django_assert_max_num_queries(3):
            section(client, name)
    with django_assert_max_num_queries(3):
        news = get_xml(client, reverse("news_sitemap"))

    assert len(locations(index)) == 4
    assert len(locations(news)) == stories

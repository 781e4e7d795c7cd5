"""Sitemaps for search engines, the Google News sitemap, and robots.txt.

Only what readers can see is listed: published stories, every region, and the tags and authors
that have at least one published story (a tag used only on a draft could give the story away).
Each edition has its own (``/ru/sitemap.xml``): its stories, and its pages of regions, tags and
authors; robots.txt names them all.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET
from taggit.models import Tag

from articles.metadata import absolute_url
from articles.models import Article, Author, Region
from newsroom import editions

NEWS_WINDOW = timedelta(days=2)


class SiteSitemap(Sitemap):
    """Addresses on settings.SITE_URL, like every other absolute link the site gives out."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    def items(self):
        return (
            Article.objects.published()
            .in_edition(editions.current())
            .only("slug", "language", "published_at", "updated_at")
            .order_by("published_at", "pk")
        )

    def lastmod(self, article):
        return article.updated_at or article.published_at

    def get_latest_lastmod(self):
        latest = (
            Article.objects.published()
            .in_edition(editions.current())
            .aggregate(published=Max("published_at"), updated=Max("updated_at"))
        )
        return max((moment for moment in latest.values() if moment), default=None)


class _LatestStoryLastmod(SiteSitemap):
    def lastmod(self, item):
        return item.latest_story

    def get_latest_lastmod(self):
        return (
            Article.objects.published()
            .in_edition(editions.current())
            .aggregate(latest=Max("published_at"))["latest"]
        )


class RegionSitemap(_LatestStoryLastmod):
    def items(self):
        latest = (
            Article.objects.published()
            .in_edition(editions.current())
            .filter(Q(primary_region=OuterRef("pk")) | Q(regions=OuterRef("pk")))
            .order_by("-published_at")
            .values("published_at")[:1]
        )
        return Region.objects.annotate(latest_story=Subquery(latest)).order_by("nav_order", "pk")


class TagSitemap(_LatestStoryLastmod):
    def items(self):
        return (
            Tag.objects.filter(
                article__in=Article.objects.published().in_edition(editions.current())
            )
            .annotate(latest_story=Max("article__published_at"))
            .order_by("name", "pk")
        )

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(_LatestStoryLastmod):
    def items(self):
        return (
            Author.objects.filter(
                articles__in=Article.objects.published().in_edition(editions.current())
            )
            .annotate(latest_story=Max("articles__published_at"))
            .order_by("name", "pk")
        )


class NewsSitemap(SiteSitemap):
    """Google News: stories published in the last two days, at most the 1000 it reads."""

    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .in_edition(editions.current())
            .filter(published_at__gte=since)
            .only("slug", "language", "headline", "published_at")
            .latest_first()
        )


SITEMAPS = {
    "articles": ArticleSitemap,
    "regions": RegionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}


@x_robots_tag
def sitemap_index(request):
    """The sitemap index, one entry per section page, with each section's latest change."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append(SitemapIndexItem(f"{location}?p={page}", lastmod))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_GET
def robots_txt(request):
    """One robots.txt for every edition: their search pages kept out, their sitemaps named."""
    disallowed, sitemaps = [], []
    for code in editions.codes():
        with translation.override(code):
            # Search result pages are endless and thin; crawlers find every story by sitemaps.
            disallowed.append(f"Disallow: {reverse('articles:search')}")
            sitemaps.append(f"Sitemap: {absolute_url(reverse('sitemap_index'))}")
            sitemaps.append(f"Sitemap: {absolute_url(reverse('news_sitemap'))}")
    lines = ["User-agent: *", "Disallow: /admin/", *disallowed, "", *sitemaps]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

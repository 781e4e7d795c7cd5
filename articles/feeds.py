"""RSS and Atom feeds: the whole site, and each region, tag and author.

Every item carries its lead photo as a Media RSS element with the caption and the credit, so
readers and aggregators that show pictures show the credit with them.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext
from taggit.models import Tag

from articles import wording
from articles.metadata import absolute_url, share_image
from articles.models import Article, Author, Region
from newsroom import editions

MEDIA_RSS = "http://search.yahoo.com/mrss/"
ITEMS_PER_FEED = 30


def _add_media(handler, photo):
    if not photo:
        return
    handler.startElement(
        "media:content",
        {
            "url": photo["url"],
            "medium": "image",
            "type": photo["type"],
            "width": str(photo["width"]),
            "height": str(photo["height"]),
        },
    )
    if photo["caption"]:
        handler.addQuickElement("media:description", photo["caption"], {"type": "plain"})
    if photo["credit"]:
        handler.addQuickElement("media:credit", photo["credit"])
    if photo["licence"]:
        handler.addQuickElement("media:copyright", photo["licence"])
    handler.endElement("media:content")


class MediaRssFeed(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        _add_media(handler, item.get("photo"))


class MediaAtomFeed(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        _add_media(handler, item.get("photo"))


class LatestStoriesFeed(Feed):
    """The newest published stories; subclasses narrow them to one region, tag or author."""

    feed_type = MediaRssFeed
    url_name = "articles:feed"
    description_template = None

    def get_object(self, request, slug=None):
        return None

    def url_kwargs(self, obj):
        return {}

    def filter_articles(self, articles, obj):
        return articles

    def title(self, obj):
        return latest_stories_title()

    def description(self, obj):
        return editions.site_words()["description"]

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return absolute_url(obj.get_absolute_url() if obj else reverse("articles:home"))

    def feed_url(self, obj):
        return absolute_url(reverse(self.url_name, kwargs=self.url_kwargs(obj)))

    def author_name(self):
        # Atom wants an author for every entry; the publication stands in where none is named.
        return settings.SITE_NAME

    def feed_copyright(self):
        return f"© {settings.SITE_NAME}"

    def items(self, obj):
        published = Article.objects.published().in_edition(editions.current())
        articles = self.filter_articles(published, obj)
        return wording.of_stories(
            articles.with_cards(shapes=("3x2", "16x9"))
            .prefetch_related("tags")
            .latest_first()[:ITEMS_PER_FEED]
        )

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        # Feed readers treat descriptions as HTML; the standfirst is plain text.
        return escape(item.standfirst)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at

    def item_author_name(self, item):
        return ", ".join(byline.author.name for byline in item.bylines.all()) or None

    def item_categories(self, item):
        return [item.primary_region.name, *(tag.name for tag in item.tags.all())]

    def item_extra_kwargs(self, item):
        photo = item.lead_photo
        shared = share_image(photo)
        if not shared:
            return {"photo": None}
        url, width, height = shared
        return {
            "photo": {
                "url": url,
                "type": mimetypes.guess_type(url)[0] or "image/jpeg",
                "width": width,
                "height": height,
                "caption": item.lead_photo_caption or photo.caption,
                "credit": photo.credit,
                "licence": photo.licence,
            }
        }


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = MediaAtomFeed
    url_name = "articles:feed_atom"


class SubjectFeed(LatestStoriesFeed):
    model = None

    def get_object(self, request, slug=None):
        subject = get_object_or_404(self.model, slug=slug)
        return wording.in_edition([subject], editions.current())[0]

    def url_kwargs(self, obj):
        return {"slug": obj.slug}

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"


class RegionFeed(SubjectFeed):
    model = Region
    url_name = "articles:region_feed"

    def filter_articles(self, articles, obj):
        return articles.in_region(obj)

    def description(self, obj):
        return obj.description or gettext("The latest stories from %(name)s.") % {"name": obj.name}


class RegionAtomFeed(RegionFeed):
    feed_type = MediaAtomFeed
    url_name = "articles:region_feed_atom"


class TagFeed(SubjectFeed):
    model = Tag
    url_name = "articles:tag_feed"

    def filter_articles(self, articles, obj):
        return articles.tagged(obj)

    def link(self, obj):
        return absolute_url(reverse("articles:tag", kwargs={"slug": obj.slug}))

    def description(self, obj):
        return gettext("The latest stories about %(name)s.") % {"name": obj.name}


class TagAtomFeed(TagFeed):
    feed_type = MediaAtomFeed
    url_name = "articles:tag_feed_atom"


class AuthorFeed(SubjectFeed):
    model = Author
    url_name = "articles:author_feed"

    def filter_articles(self, articles, obj):
        return articles.by_author(obj)

    def description(self, obj):
        return gettext("The latest stories by %(name)s.") % {"name": obj.name}


class AuthorAtomFeed(AuthorFeed):
    feed_type = MediaAtomFeed
    url_name = "articles:author_feed_atom"


def latest_stories_title():
    return gettext("%(site)s: latest stories") % {"site": settings.SITE_NAME}


def feeds_for(subject=None):
    """The feeds a page links to with <link rel="alternate">: the site's, then its subject's."""
    links = [
        (latest_stories_title(), "articles:feed", "articles:feed_atom", {}),
    ]
    for model, rss, atom in (
        (Region, "articles:region_feed", "articles:region_feed_atom"),
        (Tag, "articles:tag_feed", "articles:tag_feed_atom"),
        (Author, "articles:author_feed", "articles:author_feed_atom"),
    ):
        if isinstance(subject, model):
            links.append(
                (f"{settings.SITE_NAME}: {subject.name}", rss, atom, {"slug": subject.slug})
            )
    return [
        {"title": f"{title} ({kind})", "type": mime, "href": absolute_url(reverse(name, kwargs=kw))}
        for title, rss, atom, kw in links
        for kind, mime, name in (
            ("RSS", "application/rss+xml", rss),
            ("Atom", "application/atom+xml", atom),
        )
    ]

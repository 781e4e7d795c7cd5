"""Tags for the metadata in a page's <head>: canonical address, social cards, JSON-LD, feeds."""

from django import template
from django.conf import settings
from django.utils import translation

from articles import feeds, metadata
from newsroom import editions

register = template.Library()


@register.simple_tag
def article_meta(article):
    """Everything templates/articles/_article_meta.html prints about one story."""
    photo = article.lead_photo
    image = None
    shared = metadata.share_image(photo)
    if shared:
        url, width, height = shared
        image = {"url": url, "width": width, "height": height, "alt": photo.alt_text}
    canonical = metadata.absolute_url(article.get_absolute_url())
    translations = getattr(article, "published_translations", [])
    # The story in each edition that has it: itself and its published translations.
    alternates = [(article.language, canonical)] + [
        (story.language, metadata.absolute_url(story.get_absolute_url())) for story in translations
    ]
    return {
        "canonical": canonical,
        "og_locale": editions.og_locale(article.language),
        "og_locale_alternates": [editions.og_locale(story.language) for story in translations],
        # hreflang only where there is a translation; x-default is the default edition's.
        "hreflang": alternates if translations else [],
        "x_default": dict(alternates).get(editions.default(), canonical),
        "description": article.standfirst or article.headline,
        "image": image,
        "modified": metadata.modified_at(article),
        "json_ld": metadata.json_ld_script(
            metadata.article_structured_data(article, translations=translations)
        ),
        "feeds": feeds.feeds_for(article.primary_region),
        "twitter_site": settings.SITE_TWITTER,
    }


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's one address: the path on SITE_URL, keeping only a page number past the first
    (the number of the page the view showed, never the raw parameter)."""
    url = metadata.absolute_url(context["request"].path)
    page = context.get("page_obj")
    if page is not None and page.number > 1:
        url += f"?page={page.number}"
    return url


@register.simple_tag
def feed_links(subject=None):
    return feeds.feeds_for(subject)


@register.simple_tag
def describe(subject=None, description=""):
    """A sentence about the page: the one given, the subject's own, or the publication's."""
    return (
        description
        or getattr(subject, "description", "")
        or getattr(subject, "bio", "")
        or editions.site_words()["description"]
    )


@register.filter
def iso_datetime(moment):
    """ISO 8601 in the newsroom's time zone, to the second: 2026-05-01T09:30:00+04:00."""
    if not moment:
        return ""
    return metadata.iso_datetime(moment)


@register.simple_tag
def og_locale():
    """The language of the edition being read as OpenGraph writes it: en_GB, ru_RU."""
    return editions.og_locale(translation.get_language())

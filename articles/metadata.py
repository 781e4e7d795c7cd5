"""What search engines, social networks and aggregators read about a page.

Canonical addresses, OpenGraph and Twitter cards, and schema.org JSON-LD. Everything absolute is
built from settings.SITE_URL, so the same story has one address whichever host served it.
"""

import json
import re

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from articles.images import get_rendition
from newsroom import identity

# Characters that could end a <script> element or confuse an HTML parser, as JSON escapes.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
_CC_LICENCE = re.compile(r"^CC[ -](BY(?:-NC)?(?:-SA|-ND)?)[ -](\d\.\d)$", re.IGNORECASE)


def absolute_url(path):
    """`path` on the public site; full URLs are returned unchanged."""
    if re.match(r"^https?://", path):
        return path
    return settings.SITE_URL + path


def share_image(photo):
    """The picture other sites show for a story: (absolute URL, width, height), or None.

    A 1200-wide 16:9 JPEG rendition, the size link previews expect. Never the original upload,
    which may still carry the camera's metadata.
    """
    rendition = get_rendition(photo, shape="16x9", width=1200, format="jpeg") if photo else None
    if rendition is None:
        return None
    return absolute_url(rendition.file.url), rendition.width, rendition.height


def licence_url(licence):
    """A link to the licence when the text names one we can link to, otherwise None."""
    licence = (licence or "").strip()
    if re.match(r"^https?://", licence):
        return licence
    if licence.upper().replace(" ", "") in {"CC0", "CC01.0"}:
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    match = _CC_LICENCE.match(licence)
    if match:
        kind, version = match.groups()
        return f"https://creativecommons.org/licenses/{kind.lower()}/{version}/"
    return None


def iso_datetime(moment):
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def modified_at(article):
    """When the story last changed for readers: an update or the latest correction."""
    moments = [article.published_at, article.updated_at]
    moments += [correction.made_at for correction in article.corrections.all()]
    if article.live_since is not None:
        moments += [update.posted_at for update in article.live_updates.all()[:1]]
    return max((moment for moment in moments if moment is not None), default=None)


def image_object(photo, caption=""):
    shared = share_image(photo)
    if shared is None:
        return None
    url, width, height = shared
    data = {
        "@type": "ImageObject",
        "url": url,
        "contentUrl": url,
        "width": width,
        "height": height,
    }
    if caption or photo.caption:
        data["caption"] = caption or photo.caption
    if photo.credit:
        # Whether the credit names a person or an agency is unknown, so no `creator` type.
        data["creditText"] = photo.credit
    if photo.licence:
        data["copyrightNotice"] = photo.licence
        url = licence_url(photo.licence)
        if url:
            data["license"] = url
    return data


def publisher():
    data = {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute_url(reverse("articles:home")),
    }
    logo = identity.logo()
    if logo:
        width, height = logo.publisher_size
        url = absolute_url(logo.url)
        data["logo"] = {
            "@type": "ImageObject",
            "url": url,
            "contentUrl": url,
            "width": width,
            "height": height,
        }
    return data


def _work(story):
    """A translation, as schema.org names it from the other side."""
    return {
        "@type": "NewsArticle",
        "url": absolute_url(story.get_absolute_url()),
        "headline": story.headline,
        "inLanguage": story.language,
    }


def article_structured_data(article, *, translations=()):
    """schema.org NewsArticle for one published story; ``translations`` are its published
    translations (``translationOfWork`` names the story it translates, ``workTranslation``
    the stories translating it).

    Expects the article as the story page loads it: primary region and lead photo joined,
    bylines, tags and corrections prefetched, so this runs no queries.
    """
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": absolute_url(byline.author.get_absolute_url()),
                **({"jobTitle": byline.author.role} if byline.author.role else {}),
            }
            for byline in article.bylines.all()
        ],
        "publisher": publisher(),
        "articleSection": article.primary_region.name,
        "inLanguage": article.language,
        "isAccessibleForFree": True,
    }
    original = [story for story in translations if story.pk == article.translation_of_id]
    if original:
        data["translationOfWork"] = _work(original[0])
    translating = [story for story in translations if story.translation_of_id == article.pk]
    if translating:
        data["workTranslation"] = [_work(story) for story in translating]
    # A preview of an unpublished story has no dates yet; everything else still applies.
    if article.published_at:
        data["datePublished"] = iso_datetime(article.published_at)
        data["dateModified"] = iso_datetime(modified_at(article))
    if article.standfirst:
        data["description"] = article.standfirst
    image = image_object(article.lead_photo, article.lead_photo_caption)
    if image:
        data["image"] = [image]
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": correction.text,
            "datePublished": iso_datetime(correction.made_at),
        }
        for correction in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    if article.live_since is not None:
        data.update(live_blog_structured_data(article, url))
    return data


def live_blog_structured_data(article, url):
    """What makes a live blog's NewsArticle a schema.org ``LiveBlogPosting``: its coverage
    times and its updates, newest first (prefetched as ``with_story()`` does)."""
    data = {"@type": "LiveBlogPosting", "coverageStartTime": iso_datetime(article.live_since)}
    if article.live_until is not None:
        data["coverageEndTime"] = iso_datetime(article.live_until)
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": _update_headline(update),
            "articleBody": _plain_text(update.text),
            "datePublished": iso_datetime(update.posted_at),
            **({"dateModified": iso_datetime(update.modified_at)} if update.modified_at else {}),
            "url": f"{url}#{update.anchor}",
            "author": {"@type": "Person", "name": update.author.name},
        }
        for update in article.live_updates.all()
    ]
    return data


def _plain_text(html):
    return " ".join(strip_tags(html).split())


def _update_headline(update, length=110):
    """An update has no headline of its own: its first words stand in for one."""
    text = _plain_text(update.text)
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def json_ld_script(data):
    """`data` as a JSON-LD <script>; no value can close the element or inject markup."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))

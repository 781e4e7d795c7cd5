"""A photo as a responsive <picture>, served only from renditions (never the original upload).

    {% picture article.lead_photo "3x2" sizes="(min-width: 64rem) 25vw, 100vw" alt="" %}

shape: original (default), 3x2, 16x9 or 1x1. sizes: the displayed width (default 100vw).
alt: overrides the photo's alt text; alt="" for decorative copies (cards beside a linked
headline). loading: lazy (default) or eager; priority=True adds fetchpriority="high" (the lead
photo only). css_class: class of the <img>. Built in Python rather than a template include:
a home page shows some thirty of them. Costs no query when the caller prefetched the photo's
renditions in that shape (``with_cards()`` and ``with_rail_cards()`` do).

Renditions are made by a task just after an upload; until they exist (or if they cannot be
made) the photo is shown as a plain placeholder of the same proportions, never a broken image.
"""

from urllib.parse import quote

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.images import FALLBACK_WIDTH, SHAPES, picture_for

register = template.Library()

# The page's rule colour (static/css/site.css, --rule): what a picture's space shows before it.
PLACEHOLDER_FILL = "#dedad2"


@register.simple_tag
def picture(
    photo, shape="original", *, sizes="", alt=None, loading="", priority=False, css_class=""
):
    if not photo:
        return ""
    shape = shape or "original"
    found = picture_for(photo, shape)
    if found is None:
        return placeholder(photo, shape, alt=alt, css_class=css_class)
    sizes = sizes or "100vw"
    sources = format_html_join(
        "",
        '\n  <source type="{}" srcset="{}" sizes="{}">',
        ((media_type, srcset, sizes) for media_type, srcset in found.sources),
    )
    return format_html(
        '<picture>{}\n  <img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}'
        ' loading="{}" decoding="async"{}>\n</picture>',
        sources,
        found.src,
        found.jpeg_srcset,
        sizes,
        found.width,
        found.height,
        photo.alt_text if alt is None else alt,
        format_html(' class="{}"', css_class) if css_class else "",
        loading or "lazy",
        mark_safe(' fetchpriority="high"') if priority else "",
    )


def placeholder(photo, shape, *, alt=None, css_class=""):
    """A flat image in the picture's proportions: the layout is the same, nothing is broken."""
    ratio = SHAPES[shape]
    if ratio is None:
        ratio = photo.width / photo.height if photo.width and photo.height else 3 / 2
    width, height = FALLBACK_WIDTH, max(1, round(FALLBACK_WIDTH / ratio))
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
        f"<rect width='{width}' height='{height}' fill='{PLACEHOLDER_FILL}'/></svg>"
    )
    return format_html(
        '<img src="data:image/svg+xml,{}" width="{}" height="{}" alt="{}"{}>',
        quote(svg, safe="/:='"),
        width,
        height,
        photo.alt_text if alt is None else alt,
        format_html(' class="{}"', css_class) if css_class else "",
    )

"""A photo as a responsive <picture>, served only from renditions (never the original upload).

    {% picture article.lead_photo "3x2" sizes="(min-width: 64rem) 25vw, 100vw" alt="" %}

shape: original (default), 3x2, 16x9 or 1x1. sizes: the displayed width (default 100vw).
alt: overrides the photo's alt text; alt="" for decorative copies (cards beside a linked
headline). loading: lazy (default) or eager; priority=True adds fetchpriority="high" (the lead
photo only). css_class: class of the <img>. Built in Python rather than a template include:
a home page shows some thirty of them. Costs no query when the caller prefetched the photo's
renditions in that shape (``with_cards()`` and ``with_rail_cards()`` do).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.images import picture_for

register = template.Library()


@register.simple_tag
def picture(
    photo, shape="original", *, sizes="", alt=None, loading="", priority=False, css_class=""
):
    if not photo:
        return ""
    found = picture_for(photo, shape or "original")
    if found is None:
        return ""
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

"""The tag behind templates/articles/_picture.html: renditions of a photo as <picture> sources."""

from django import template

from articles.images import picture_for

register = template.Library()


@register.simple_tag
def picture_of(photo, shape="original"):
    """Srcsets, fallback URL and intrinsic size of a photo in a shape, or None.

    Costs no query when the caller prefetched the photo's renditions (``with_cards()`` does).
    """
    return picture_for(photo, shape or "original")

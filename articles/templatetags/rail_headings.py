"""``{% rail_heading "popular" %}``: a rail's heading as the newsroom names it.

Its own small library, importing nothing of the content app: the Related rail is prepared
with each story (``articles.prepared``), whose fingerprint covers the libraries its templates
load, and a heading is all it needs; ``settings.RAIL_HEADINGS`` is in that fingerprint.
"""

from django import template
from django.conf import settings
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def rail_heading(name):
    """The heading of the rail ``name`` (related, popular, picks), translated if a translation
    of it exists."""
    return gettext(settings.RAIL_HEADINGS[name])

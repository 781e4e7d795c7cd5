from urllib.parse import urlsplit

from django import template

from newsroom import editions

register = template.Library()


@register.filter
def web_url(value):
    """``value`` if it is an http(s) address, else "": stored links never become script URLs."""
    value = (value or "").strip()
    return value if urlsplit(value).scheme.lower() in {"http", "https"} else ""


@register.filter
def edition_name(code):
    """An edition's language as it calls itself: "Русский" for ``ru``."""
    return editions.name(code)

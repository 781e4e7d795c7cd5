"""The allowlist for story bodies: what editors may write, and nothing a browser would run.

Applied on every save of an article (the model's ``save`` and the admin form), so the stored body
is always safe to mark ``|safe`` in templates. Everything else an editor types (headlines,
captions, credits) stays plain text and is escaped by the templates.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "cite",
    "q",
    "figure",
    "figcaption",
    "img",
    "br",
    "hr",
    "sub",
    "sup",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_LINK_REL = "noopener noreferrer nofollow"

# nh3 serialises every kept attribute as name="value" with quotes escaped, so within its output
# an attribute value can never contain a double quote: these patterns cannot be fooled.
_LINK = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)>')
_HREF = re.compile(r'\shref="([^"]*)"')
_IMG = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)>')


def _attribute_filter(tag, attribute, value):
    if tag == "img" and attribute == "src":
        # Pictures only from the web or from this site: no mailto:, no data:, no other schemes.
        scheme = urlsplit(value.strip()).scheme.lower()
        if scheme not in {"", "http", "https"} or value.strip().startswith("//"):
            return None
    if tag == "img" and attribute in {"width", "height"} and not value.strip().isdigit():
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_attribute_filter,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
    set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
)


def _own_hosts():
    hosts = {urlsplit(settings.SITE_URL).hostname or ""}
    hosts.update(h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in {"*", ""})
    return {h.lower() for h in hosts if h}


def _mark_external_links(html):
    own = _own_hosts()

    def mark(match):
        attributes = match.group(1)
        href = _HREF.search(attributes)
        if href:
            parts = urlsplit(href.group(1))
            # "//host/…" is another site too, in the page's own scheme.
            on_the_web = parts.scheme in {"http", "https"} or (not parts.scheme and parts.netloc)
            if on_the_web and (parts.hostname or "").lower() not in own:
                attributes += f' rel="{EXTERNAL_LINK_REL}"'
        return f"<a{attributes}>"

    return _LINK.sub(mark, html)


def _tidy_images(html):
    def tidy(match):
        attributes = match.group(1)
        if ' src="' not in attributes:
            return ""  # its address was unsafe and removed: nothing left to show
        if ' alt="' not in attributes:
            attributes += ' alt=""'
        return f"<img{attributes}>"

    return _IMG.sub(tidy, html)


def sanitize_html(html):
    """Return ``html`` reduced to the story allowlist; safe to render unescaped."""
    if not html:
        return ""
    cleaned = _tidy_images(_mark_external_links(_cleaner.clean(html))).strip()
    # The editor leaves a lone empty paragraph in an empty body; keep "empty" really empty.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned

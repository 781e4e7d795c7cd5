"""The publication's logo, icons and web app manifest, from the settings ``SITE_*``.

``SITE_LOGO`` and ``SITE_ICONS`` name static files (``img/logo.svg``) or URLs (``/media/...``,
``https://...``). Without ``SITE_LOGO`` the header shows the name; without ``SITE_ICONS`` the
site serves a plain icon of its own, drawn here with Pillow (``/icons/icon-<size>.png``).
"""

import functools
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.checks import Error, Tags, Warning, register
from django.http import Http404, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag, require_safe
from PIL import Image, ImageDraw

# The sizes every icon set has: the browser tab, the iOS home screen, the manifest's two.
ICON_SIZES = (32, 180, 192, 512)
FAVICON_SIZE, TOUCH_ICON_SIZE = 32, 180
MANIFEST_ICON_SIZES = (192, 512)
# Behind the manifest's splash screen: the pages' paper (static/css/site.css, --paper).
BACKGROUND_COLOUR = "#fbfaf7"
# Google shows a publisher's logo within this box.
LOGO_BOX = (600, 60)
# The icons, the manifest: they change only with the settings, so browsers may keep them.
CACHE_SECONDS = 24 * 3600

_SIZE = re.compile(r"(\d{1,5})\s*[x×]\s*(\d{1,5})")
_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*")


def asset_url(value):
    """A URL as given (absolute, or a path from the site's root), else a static file's URL."""
    if re.match(r"^(?:https?:)?//", value) or value.startswith("/"):
        return value
    return static(value)


def icon_url(size):
    if settings.SITE_ICONS:
        try:
            return asset_url(_icon_name(size))
        except ValueError:
            pass  # a static file missing from the collected ones: check_identity reports it
    return reverse("site_icon", kwargs={"size": size})


def _icon_name(size):
    return settings.SITE_ICONS.rstrip("/") + f"/icon-{size}.png"


# The logo -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Logo:
    url: str
    width: int
    height: int
    is_vector: bool

    @property
    def publisher_size(self):
        """The size the JSON-LD gives: a vector logo scaled into LOGO_BOX, a picture its own."""
        if not self.is_vector:
            return self.width, self.height
        scale = min(LOGO_BOX[0] / self.width, LOGO_BOX[1] / self.height)
        return round(self.width * scale), round(self.height * scale)


def _local_file(value):
    """The file on this machine that ``SITE_LOGO`` names, or None (a URL of another host)."""
    if re.match(r"^(?:https?:)?//", value):
        return None
    if value.startswith("/"):
        for url, root in ((settings.MEDIA_URL, settings.MEDIA_ROOT), (settings.STATIC_URL, None)):
            if url.startswith("/") and value.startswith(url):
                name = value[len(url) :]
                return Path(root) / name if root else _static_file(name)
        return None
    return _static_file(value)


def _static_file(name):
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / name
    return collected if collected.is_file() else None


def _svg_size(path):
    """An SVG's width and height attributes, or the size of its viewBox, in CSS pixels."""
    head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    root = re.search(r"<svg\b[^>]*>", head)
    if not root:
        raise ValueError("it is not an SVG file")
    attributes = dict(re.findall(r'([\w:-]+)\s*=\s*["\']([^"\']*)["\']', root[0]))
    lengths = [_LENGTH.fullmatch(attributes.get(name, "")) for name in ("width", "height")]
    if all(lengths):
        return tuple(round(float(match[1])) for match in lengths)
    box = attributes.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        return round(float(box[2])), round(float(box[3]))
    raise ValueError("its <svg> element has neither width and height nor a viewBox")


def measure_logo(value, size=""):
    """(width, height, is_vector) of the logo ``value``; ValueError says why it cannot be told."""
    is_vector = urlsplit(value).path.lower().endswith(".svg")
    if size:
        match = _SIZE.fullmatch(size.strip())
        if not match or not int(match[1]) or not int(match[2]):
            raise ValueError(f"SITE_LOGO_SIZE must be WIDTHxHEIGHT, like 300x48; got {size!r}")
        return int(match[1]), int(match[2]), is_vector
    if re.match(r"^(?:https?:)?//", value):
        raise ValueError("a logo on another host needs its size in SITE_LOGO_SIZE (WIDTHxHEIGHT)")
    path = _local_file(value)
    if path is None or not path.is_file():
        raise ValueError(
            "there is no such file among the static files or the media; for a logo served "
            "from elsewhere, give its size in SITE_LOGO_SIZE (WIDTHxHEIGHT)"
        )
    if is_vector:
        width, height = _svg_size(path)
    else:
        with Image.open(path) as picture:
            width, height = picture.size
    if width < 1 or height < 1:
        raise ValueError("its width or height is zero")
    return width, height, is_vector


@functools.lru_cache(maxsize=8)
def _logo(value, size, static_url, media_root):
    try:
        width, height, is_vector = measure_logo(value, size)
        url = asset_url(value)  # (ValueError: a static file missing from the collected ones)
    except (OSError, ValueError):
        return None  # check_identity says why; the header shows the name meanwhile
    return Logo(url, width, height, is_vector)


def logo():
    """The header's and the JSON-LD's logo, or None: none set, or one that cannot be read."""
    if not settings.SITE_LOGO:
        return None
    return _logo(
        settings.SITE_LOGO, settings.SITE_LOGO_SIZE, settings.STATIC_URL, str(settings.MEDIA_ROOT)
    )


@register(Tags.templates)
def check_identity(app_configs, **kwargs):
    return _check_icons() + _check_logo()


def _check_icons():
    if not settings.SITE_ICONS:
        return []
    missing = [
        name
        for name in map(_icon_name, ICON_SIZES)
        if not re.match(r"^(?:https?:)?//|/", name) and _static_file(name) is None
    ]
    if not missing:
        return []
    return [
        Error(
            f"SITE_ICONS names static files that are not there: {', '.join(missing)}. "
            "Until they are, the pages use the default icon.",
            id="newsroom.E002",
        )
    ]


def _check_logo():
    if not settings.SITE_LOGO:
        return []
    try:
        width, height, is_vector = measure_logo(settings.SITE_LOGO, settings.SITE_LOGO_SIZE)
        asset_url(settings.SITE_LOGO)  # collected, when the static files are
    except (OSError, ValueError) as problem:
        return [
            Error(
                f"SITE_LOGO {settings.SITE_LOGO!r} cannot be shown: {problem}. "
                "Until it can, the header shows SITE_NAME.",
                id="newsroom.E001",
            )
        ]
    if not is_vector and (width > LOGO_BOX[0] or height > LOGO_BOX[1]):
        return [
            Warning(
                f"SITE_LOGO is {width}x{height} pixels; search engines show a publisher's logo "
                f"within {LOGO_BOX[0]}x{LOGO_BOX[1]}.",
                hint="Use an SVG, or a PNG at most 600 pixels wide and 60 high.",
                id="newsroom.W001",
            )
        ]
    return []


# The manifest ---------------------------------------------------------------------------------


def manifest():
    """The web app manifest: what a phone shows for the site added to its home screen."""
    return {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_SHORT_NAME,
        "description": settings.SITE_DESCRIPTION,
        "start_url": reverse("articles:home"),
        "scope": "/",
        "display": "browser",
        "theme_color": settings.SITE_THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": icon_url(size), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in MANIFEST_ICON_SIZES
        ],
    }


def _manifest_json():
    return json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n"


@require_safe
@cache_control(public=True, max_age=CACHE_SECONDS)
@etag(lambda request: hashlib.md5(_manifest_json().encode(), usedforsecurity=False).hexdigest())
def manifest_view(request):
    return HttpResponse(_manifest_json(), content_type="application/manifest+json")


# The default icon ----------------------------------------------------------------------------


def _rgb(colour):
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


@functools.lru_cache(maxsize=len(ICON_SIZES) * 2)
def draw_default_icon(size, colour):
    """PNG bytes: a plain page of news (a headline and three lines) on the theme colour.

    Full-bleed square, as iOS and Android cut their own corners. Drawn at four times the size
    and reduced, which smooths every edge.
    """
    scale = 4
    side = size * scale
    background = _rgb(colour)
    # Pale lines on a dark colour, dark lines on a pale one.
    ink = (251, 250, 247) if sum(background) < 3 * 150 else (23, 23, 23)
    picture = Image.new("RGB", (side, side), background)
    draw = ImageDraw.Draw(picture)
    margin, unit = side * 0.2, side / 20
    bars = [(0.0, 3.2, 1.0), (5.2, 1.3, 1.0), (8.5, 1.3, 1.0), (11.8, 1.3, 0.62)]
    for top, height, length in bars:
        y = margin + top * unit
        draw.rounded_rectangle(
            (margin, y, margin + (side - 2 * margin) * length, y + height * unit),
            radius=height * unit / 4,
            fill=ink,
        )
    picture = picture.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@require_safe
@cache_control(public=True, max_age=CACHE_SECONDS)
def icon_view(request, size):
    if size not in ICON_SIZES:
        raise Http404("There is no icon of that size.")
    return HttpResponse(
        draw_default_icon(size, settings.SITE_THEME_COLOUR), content_type="image/png"
    )

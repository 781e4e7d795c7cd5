"""The demo newsroom's icons, drawn with Pillow: the mark of its logo, a ridge of the Caucasus
over a line of type (static/img/demo/caucasus-dispatch.svg draws the same shapes).

`manage.py draw_demo_identity` writes them to MEDIA_ROOT/identity/, where the Makefile's `run`
points SITE_ICONS.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from newsroom.identity import ICON_SIZES

FOLDER = "identity"
RED = (164, 22, 26)
WHITE = (255, 255, 255)
# On the logo's 48-unit square: the ridge, and the line of type beneath it.
RIDGE = [(6, 36), (17, 18), (22.5, 26.5), (30, 13), (42, 36)]
LINE = (6, 39, 42, 42)
SCALE = 4  # drawn larger and reduced, which smooths the slopes


def draw_icon(size):
    """PNG bytes of the mark, ``size`` pixels square, full bleed (phones cut their own corners).

    The mark sits a little inside the square so that a rounded or circular cut keeps it whole.
    """
    side = size * SCALE
    picture = Image.new("RGB", (side, side), RED)
    draw = ImageDraw.Draw(picture)
    inset = side * 0.08

    def point(x, y):
        return (inset + x / 48 * (side - 2 * inset), inset + y / 48 * (side - 2 * inset))

    draw.polygon([point(x, y) for x, y in RIDGE], fill=WHITE)
    draw.rectangle((*point(*LINE[:2]), *point(*LINE[2:])), fill=WHITE)
    picture = picture.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def write_icons(storage=default_storage):
    """Draw every icon into ``storage``'s identity/ folder, replacing any there; their names."""
    names = []
    for size in ICON_SIZES:
        name = f"{FOLDER}/icon-{size}.png"
        if storage.exists(name):
            storage.delete(name)
        names.append(storage.save(name, ContentFile(draw_icon(size))))
    return names

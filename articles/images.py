"""Photos in and renditions out.

Uploads are checked before anything is stored (format, size, decompression bombs, corrupt data)
and their embedded IPTC/XMP credit and caption are offered to the editor; the original is then
stored stripped of all its metadata, in a storage with no public address (``articles.photos``).
Readers only ever get renditions: resized, cropped around the focal point, EXIF orientation
applied and every piece of metadata (EXIF, GPS, IPTC, XMP, comments) left behind, so a
reporter's location or a source's camera never leaks. Renditions are made once, by a task queued
when a photo's save commits (``make_photo_renditions``), and reused; until they exist, pages
show what there is.
"""

import hashlib
import io
import logging
import math
import posixpath
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageCms, ImageOps, IptcImagePlugin

from articles.models import Photo, Rendition
from articles.photos.metadata import (
    refuse_too_many_pixels,
    too_many_pixels_error,
    unreadable_error,
    unsupported_format_error,
)
from articles.photos.storage import delete_after_commit
from newsroom.tasks import enqueue_on_commit, retrying_task

logger = logging.getLogger(__name__)

# Width ÷ height of each shape; None keeps the photo's own proportions.
SHAPES = {"original": None, "3x2": 3 / 2, "16x9": 16 / 9, "1x1": 1.0}
# The widths each shape is made in, for the places it is shown: 3:2 for cards and the lead
# photo (up to a 46rem column on a two-times screen), squares for rail thumbnails and
# portraits, 16:9 for link previews (OpenGraph and feeds).
WIDTHS = {
    "original": (320, 640, 960, 1280, 1600, 2000),
    "3x2": (320, 640, 960, 1280, 1600),
    "1x1": (160, 320),
    "16x9": (1200,),
}
# What a photo gets once it is saved, so that no reader ever waits for a rendition.
DEFAULT_SHAPES = ("3x2", "1x1", "16x9")
# A page that finds a photo without renditions asks the worker for them at most this often.
RENDITIONS_REQUEST_SECONDS = 600
# A source narrower than the largest standard width also gets a rendition at its own width,
# unless that is barely wider than the standard width below it.
NATIVE_WIDTH_MIN_GAIN = 1.2

# Order matters: browsers take the first <source> they support, so the smallest format first.
FORMATS = (Rendition.Format.AVIF, Rendition.Format.WEBP, Rendition.Format.JPEG)
# AVIF speed 8 encodes about 3.5 times faster than the default 6 for files about 4% larger.
SAVE_OPTIONS = {
    Rendition.Format.AVIF: {"format": "AVIF", "quality": 60, "speed": 8},
    Rendition.Format.WEBP: {"format": "WEBP", "quality": 80, "method": 4},
    Rendition.Format.JPEG: {"format": "JPEG", "quality": 80, "progressive": True, "optimize": True},
}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}

# Pillow format names we accept from editors. HEIF needs a plugin Pillow does not ship.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "AVIF": "AVIF"}
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/avif"

# The fallback <img src> for browsers without srcset: a medium width is a fair compromise.
FALLBACK_WIDTH = 960
# Pillow's (and libjpeg's) resampling: shrink by whole factors first, then a Lanczos pass.
REDUCING_GAP = 3.0


# ---------------------------------------------------------------------------------------------
# Upload validation


@dataclass
class Suggestions:
    """Caption, credit and licence found in an upload's IPTC or XMP metadata."""

    caption: str = ""
    credit: str = ""
    licence: str = ""

    def __bool__(self):
        return bool(self.caption or self.credit or self.licence)


@dataclass
class UploadInfo:
    format: str
    width: int
    height: int
    suggestions: Suggestions = field(default_factory=Suggestions)


def validate_photo_upload(upload):
    """Check an uploaded file is a photo we can serve; return what we learnt about it.

    Raises ValidationError with a message an editor can act on. Reads the file only, stores
    nothing, and leaves the file positioned at its start.
    """
    size = getattr(upload, "size", None)
    limit = settings.PHOTO_MAX_UPLOAD_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            "This image is too large: %(size)s; the limit is %(limit)s. "
            "Please export it at a smaller size and upload it again.",
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    try:
        # verify() checks the structure without decoding; it leaves the image unusable.
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            if image_format not in ACCEPTED_FORMATS:
                raise unsupported_format_error(image_format)
            refuse_too_many_pixels(probe)
            probe.verify()
        # Then decode every pixel (at a reduced scale for JPEG, which still reads every
        # block) so truncated or corrupt data is caught now, not when renditions are made.
        upload.seek(0)
        with Image.open(upload) as image:
            suggestions = read_suggestions(image)
            orientation = image.getexif().get(0x0112, 1)
            width, height = image.size
            if image.format == "JPEG":
                image.draft(None, (max(1, width // 8), max(1, height // 8)))
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # The warning arrives as an exception only where warnings are made errors.
        raise too_many_pixels_error(exc) from exc
    except Exception as exc:  # Pillow's decoders raise assorted errors on hostile input.
        raise unreadable_error(exc) from exc
    finally:
        upload.seek(0)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return UploadInfo(format=image_format, width=width, height=height, suggestions=suggestions)


# ---------------------------------------------------------------------------------------------
# Embedded metadata: IPTC and XMP

IPTC_CAPTION = (2, 120)
IPTC_BYLINE = (2, 80)
IPTC_CREDIT = (2, 110)
IPTC_COPYRIGHT = (2, 116)
IPTC_CHARSET = (1, 90)
UTF8_ESCAPE = b"\x1b%G"

XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
MAX_XMP_BYTES = 512 * 1024


def read_suggestions(image):
    """Caption, credit and licence from an opened image's IPTC, else XMP, metadata."""
    iptc = _read_iptc(image)
    xmp = _read_xmp(image)
    caption = iptc.get("caption") or xmp.get("caption", "")
    byline = iptc.get("byline") or xmp.get("byline", "")
    credit = iptc.get("credit") or xmp.get("credit", "")
    if byline and credit and byline.casefold() != credit.casefold():
        credit_text = f"{byline} / {credit}"
    else:
        credit_text = credit or byline
    licence = iptc.get("licence") or xmp.get("licence", "")
    return Suggestions(
        caption=_clip(caption, None),
        credit=_clip(credit_text, Photo._meta.get_field("credit").max_length),
        licence=_clip(licence, Photo._meta.get_field("licence").max_length),
    )


def _clip(text, max_length):
    text = " ".join(text.split())
    if max_length and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def _read_iptc(image):
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # Malformed IPTC is common and never a reason to refuse a photo.
        logger.info("Unreadable IPTC block ignored", exc_info=True)
        return {}
    utf8 = info.get(IPTC_CHARSET) == UTF8_ESCAPE

    def text(key):
        value = info.get(key)
        if value is None:
            return ""
        values = value if isinstance(value, list) else [value]
        return ", ".join(filter(None, (_decode_iptc(v, utf8) for v in values)))

    return {
        "caption": text(IPTC_CAPTION),
        "byline": text(IPTC_BYLINE),
        "credit": text(IPTC_CREDIT),
        "licence": text(IPTC_COPYRIGHT),
    }


def _decode_iptc(value, utf8):
    if not isinstance(value, bytes):
        return str(value).strip()
    try:
        return value.decode("utf-8").strip()
    except UnicodeDecodeError:
        # Older tools write Latin-1/Windows-1252 without declaring it.
        return value.decode("utf-8" if utf8 else "cp1252", errors="replace").strip()


def _read_xmp(image):
    raw = image.info.get("xmp")
    if not raw:
        return {}
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    raw = raw.rstrip(b"\x00 ")
    # XMP never needs a DTD; refusing one shuts out entity-expansion and external-entity
    # tricks without needing a hardened XML parser.
    if len(raw) > MAX_XMP_BYTES or b"<!doctype" in raw.lower() or b"<!entity" in raw.lower():
        return {}
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        return {}

    def first(local, ns="dc"):
        tag = f"{{{XMP_NS[ns]}}}{local}"
        attribute = None
        for description in root.iter(f"{{{XMP_NS['rdf']}}}Description"):
            attribute = description.get(tag)
            if attribute:
                return attribute.strip()
        for element in root.iter(tag):
            items = list(element.iter(f"{{{XMP_NS['rdf']}}}li"))
            if not items:
                return (element.text or "").strip()
            default = [li for li in items if li.get(f"{{{XMP_NS['xml']}}}lang") == "x-default"]
            chosen = default or items
            if len(chosen) > 1 and local == "creator":
                return ", ".join(filter(None, ((li.text or "").strip() for li in chosen)))
            return (chosen[0].text or "").strip()
        return ""

    return {
        "caption": first("description"),
        "byline": first("creator"),
        "credit": first("Credit", ns="photoshop"),
        "licence": first("rights"),
    }


# ---------------------------------------------------------------------------------------------
# Renditions


@dataclass(frozen=True)
class _Planned:
    shape: str
    width: int
    height: int
    box: tuple  # crop box in the oriented full-size image


def _crop_box(width, height, ratio, focal_x, focal_y):
    """The largest box of the given ratio inside the image, centred on the focal point."""
    if ratio is None:
        return (0.0, 0.0, float(width), float(height))
    if width / height > ratio:
        crop_w, crop_h = height * ratio, float(height)
    else:
        crop_w, crop_h = float(width), width / ratio
    left = min(max(focal_x * width - crop_w / 2, 0.0), width - crop_w)
    top = min(max(focal_y * height - crop_h / 2, 0.0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def widths_for(source_width, shape="original"):
    """The shape's widths up to the source's own, never upscaled; small sources keep their size."""
    source_width = max(1, int(source_width))
    standard = WIDTHS[shape]
    widths = [w for w in standard if w <= source_width]
    if source_width < standard[-1] and source_width not in widths:
        if not widths or source_width >= widths[-1] * NATIVE_WIDTH_MIN_GAIN:
            widths.append(source_width)
    return widths


def _plan(oriented_size, focal_x, focal_y, shapes):
    width, height = oriented_size
    planned = []
    for shape in shapes:
        ratio = SHAPES[shape]
        box = _crop_box(width, height, ratio, focal_x, focal_y)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        for w in widths_for(math.floor(box_w + 1e-6), shape):
            h = round(w * box_h / box_w) if ratio is None else round(w / ratio)
            planned.append(_Planned(shape, w, max(1, h), box))
    return planned


def rendition_key(photo, shape):
    """Changes whenever a rendition of this shape must be remade (new image, new focal point).

    It is part of the file name, so stale renditions are recognised without a model field.
    """
    parts = [photo.image.name]
    if SHAPES.get(shape) is not None:
        parts.append(f"{photo.focal_x:.4f},{photo.focal_y:.4f}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


def _is_current(rendition, photo):
    return rendition_key(photo, rendition.shape) in posixpath.basename(rendition.file.name)


def _check_shapes(shapes):
    unknown = set(shapes) - set(SHAPES)
    if unknown:
        raise ValueError(f"Unknown picture shape(s) {sorted(unknown)}; use one of {list(SHAPES)}")


def ensure_renditions(photo, shapes=DEFAULT_SHAPES):
    """Make every standard rendition of the photo that is missing or out of date.

    Safe to call again and again: once they exist it creates nothing and decodes nothing.
    Safe against a concurrent call: the unique constraint decides, the loser drops its file.
    The original upload is only ever read.
    """
    _check_shapes(shapes)
    if not photo.pk or not photo.image:
        return
    existing = list(Rendition.objects.filter(photo=photo, shape__in=shapes))
    stale = [r for r in existing if not _is_current(r, photo)]
    if stale:
        _delete_renditions(stale)
    have = {(r.shape, r.format, r.width) for r in existing if r not in stale}
    with photo.image.storage.open(photo.image.name, "rb") as source:
        for made in make_renditions(
            source, focal_x=photo.focal_x, focal_y=photo.focal_y, shapes=shapes, have=have
        ):
            store_rendition(photo, made)


@dataclass(frozen=True)
class Made:
    shape: str
    format: str
    width: int
    height: int
    content: bytes


def make_renditions(source, *, focal_x=0.5, focal_y=0.5, shapes=DEFAULT_SHAPES, have=()):
    """Encode the renditions of an image file not already in ``have`` ({(shape, format, width)}).

    Yields them one at a time, so only one encoded file is held at once. The source is decoded
    once, at the smallest scale the largest rendition allows, and each smaller width is made
    from the one above it. Touches no database: the memory test runs it on its own.
    """
    _check_shapes(shapes)
    image = Image.open(source)
    refuse_too_many_pixels(image)
    orientation = image.getexif().get(0x0112, 1)
    oriented = image.size[::-1] if orientation in (5, 6, 7, 8) else image.size
    todo = [
        p
        for p in _plan(oriented, focal_x, focal_y, shapes)
        if any((p.shape, f, p.width) not in have for f in FORMATS)
    ]
    if not todo:
        image.close()
        return
    decoded = _decode(image, todo)
    # draft() rounds each side up on its own, so scale each axis on its own.
    scale_x, scale_y = decoded.width / oriented[0], decoded.height / oriented[1]

    for shape in shapes:
        previous = None
        for planned in sorted((p for p in todo if p.shape == shape), key=lambda p: -p.width):
            if previous is None:
                box = (
                    planned.box[0] * scale_x,
                    planned.box[1] * scale_y,
                    planned.box[2] * scale_x,
                    planned.box[3] * scale_y,
                )
                if (round(box[2] - box[0]), round(box[3] - box[1])) == (
                    planned.width,
                    planned.height,
                ):
                    # Full size already: a plain crop, no resampling pass.
                    left = max(0, min(round(box[0]), decoded.width - planned.width))
                    top = max(0, min(round(box[1]), decoded.height - planned.height))
                    frame = decoded.crop((left, top, left + planned.width, top + planned.height))
                else:
                    frame = decoded.resize(
                        (planned.width, planned.height),
                        Image.Resampling.LANCZOS,
                        box=box,
                        reducing_gap=REDUCING_GAP,
                    )
            else:
                frame = previous.resize(
                    (planned.width, planned.height),
                    Image.Resampling.LANCZOS,
                    reducing_gap=REDUCING_GAP,
                )
            previous = frame
            # Pillow carries comments and profiles over from info: nothing of it goes out.
            frame.info = {}
            for image_format in FORMATS:
                if (shape, image_format, planned.width) in have:
                    continue
                buffer = io.BytesIO()
                try:
                    frame.save(buffer, **SAVE_OPTIONS[image_format])
                    _refuse_metadata(buffer)
                except Exception:
                    # One format failing (an encoder missing on a server) must not cost the
                    # others; the rest are still served.
                    logger.exception(
                        "Could not encode %s rendition %s %sw", image_format, shape, planned.width
                    )
                    continue
                yield Made(shape, image_format, planned.width, planned.height, buffer.getvalue())


LEAKY_INFO_KEYS = {"exif", "xmp", "photoshop", "comment", "icc_profile", "XML:com.adobe.xmp"}


def _refuse_metadata(buffer):
    """Reopen what was encoded (headers only, cheap) and make sure nothing rode along.

    A guard against an encoder or a Pillow upgrade that starts copying metadata by default.
    """
    buffer.seek(0)
    with Image.open(buffer) as check:
        leaked = LEAKY_INFO_KEYS & set(check.info)
        if check.getexif():
            leaked.add("exif")
        if leaked:
            raise ValueError(f"rendition would carry metadata: {sorted(leaked)}")


def _decode(image, todo):
    """Decode the source once, no larger than the biggest rendition needs, upright, in sRGB."""
    need = max(p.width / (p.box[2] - p.box[0]) for p in todo)
    if need < 1 and image.format == "JPEG":
        # libjpeg can decode at 1/2, 1/4 or 1/8 scale directly: far less memory and time.
        stored = image.size
        image.draft(None, (math.ceil(stored[0] * need), math.ceil(stored[1] * need)))
    image.load()
    icc_profile = image.info.get("icc_profile")
    ImageOps.exif_transpose(image, in_place=True)
    return _to_srgb(image, icc_profile)


def _to_srgb(image, icc_profile):
    """Plain 8-bit RGB as browsers expect it: alpha flattened onto white, wide-gamut converted."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit greyscale: scale to 8 bits rather than clip everything above 255.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    if icc_profile and image.mode in ("RGB", "CMYK", "L"):
        try:
            image = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            logger.info("Colour profile ignored; converting without it", exc_info=True)
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image


def store_rendition(photo, made):
    """Record one rendition; if another process recorded it first, drop ours."""
    name = (
        f"{photo.pk}-{made.shape}-{made.width}w-{rendition_key(photo, made.shape)}"
        f".{EXTENSIONS[made.format]}"
    )
    rendition = Rendition(
        photo=photo, shape=made.shape, format=made.format, width=made.width, height=made.height
    )
    rendition.file.save(name, ContentFile(made.content), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        rendition.file.storage.delete(rendition.file.name)
        return None
    except Exception:
        rendition.file.storage.delete(rendition.file.name)
        raise
    return rendition


def _delete_renditions(renditions):
    # Their files go once the transaction commits (see delete_rendition_file).
    Rendition.objects.filter(pk__in=[r.pk for r in renditions]).delete()


def _renditions_of(photo, shape):
    """Prefetched renditions when the caller prefetched them (no query), else one query."""
    return [r for r in photo.renditions.all() if r.shape == shape]


def _ready_renditions(photo, shape):
    """The renditions there are: a page never waits for an encoder.

    Renditions are normally made just after the upload. A page that finds none of this shape
    (the task has not run yet, or failed) asks for them again, at most once per
    RENDITIONS_REQUEST_SECONDS, and shows what exists meanwhile (the picture tag then shows a
    placeholder).
    """
    renditions = _renditions_of(photo, shape)
    if not any(r.format == Rendition.Format.JPEG for r in renditions):
        request_renditions(photo, shape)
        # With the immediate backend they were made just now; with a worker, maybe meanwhile.
        renditions = list(Rendition.objects.filter(photo=photo, shape=shape))
    return renditions


def request_renditions(photo, shape):
    """Queue the task that makes the photo's renditions in a shape, unless asked for lately."""
    if not photo.pk or not photo.image:
        return
    key = f"renditions-requested:{photo.pk}:{shape}:{rendition_key(photo, shape)}"
    if not cache.add(key, True, RENDITIONS_REQUEST_SECONDS):
        return
    try:
        make_photo_renditions.enqueue(photo.pk, shapes=[shape])
    except Exception:
        # The page still renders; the next request after the interval asks again.
        logger.exception("Could not queue the renditions of photo %s", photo.pk)


def get_rendition(photo, *, shape, width, format=Rendition.Format.JPEG):
    """The rendition closest to the wanted width: the narrowest at least as wide, else the widest.

    Returns None only when no rendition of that shape and format can be made.
    """
    _check_shapes([shape])
    candidates = sorted(
        (r for r in _ready_renditions(photo, shape) if r.format == format),
        key=lambda r: r.width,
    )
    if not candidates:
        return None
    return next((r for r in candidates if r.width >= width), candidates[-1])


@dataclass
class Picture:
    """What the <picture> element needs for one photo in one shape."""

    srcsets: dict  # format → "url 320w, url 640w, …", smallest format first
    src: str
    width: int
    height: int

    @property
    def sources(self):
        return [
            (f"image/{image_format}", srcset)
            for image_format, srcset in self.srcsets.items()
            if image_format != Rendition.Format.JPEG
        ]

    @property
    def jpeg_srcset(self):
        return self.srcsets.get(Rendition.Format.JPEG, "")


def picture_for(photo, shape="original"):
    """Srcsets and the fallback image of a photo in a shape; None if nothing can be shown.

    Runs no query when the photo's renditions were prefetched, which every card list does.
    """
    _check_shapes([shape])
    if photo is None:
        return None
    renditions = _ready_renditions(photo, shape)
    by_format = {}
    for rendition in sorted(renditions, key=lambda r: r.width):
        by_format.setdefault(rendition.format, []).append(rendition)
    jpegs = by_format.get(Rendition.Format.JPEG)
    if not jpegs:
        return None
    srcsets = {
        image_format: ", ".join(f"{r.file.url} {r.width}w" for r in by_format[image_format])
        for image_format in FORMATS
        if image_format in by_format
    }
    fallback = next((r for r in reversed(jpegs) if r.width <= FALLBACK_WIDTH), jpegs[0])
    return Picture(
        srcsets=srcsets, src=fallback.file.url, width=fallback.width, height=fallback.height
    )


# ---------------------------------------------------------------------------------------------
# Keeping renditions in step with their photo


@retrying_task(attempts=3)
def make_photo_renditions(photo_id, shapes=DEFAULT_SHAPES):
    """Make every rendition of a photo in these shapes that is missing or out of date.

    Idempotent: a second run finds nothing to do, and two runs at once make each rendition once
    (``ensure_renditions``). A run that started before the editor replaced the image or moved
    the focal point looks again when it is done, so the last run leaves only current
    renditions. A failure never touches the photo or its original upload.
    """
    for _ in range(3):
        photo = Photo.objects.filter(pk=photo_id).first()
        if photo is None:
            return  # deleted since: nothing to make
        ensure_renditions(photo, shapes=shapes)
        latest = Photo.objects.filter(pk=photo_id).values_list("image", "focal_x", "focal_y")
        if latest.first() in (None, (photo.image.name, photo.focal_x, photo.focal_y)):
            return


@receiver(post_save, sender=Photo, dispatch_uid="photo_renditions_on_save")
def make_renditions_on_save(sender, instance, raw=False, **kwargs):
    """Renditions are made by a task once the save commits: the editor never waits for them.

    Queued on every save; when nothing changed the task finds nothing to do.
    """
    if raw:
        return
    enqueue_on_commit(make_photo_renditions, instance.pk)


@receiver(post_delete, sender=Rendition, dispatch_uid="rendition_file_on_delete")
def delete_rendition_file(sender, instance, using, **kwargs):
    if instance.file:
        delete_after_commit(instance.file.storage, instance.file.name, using=using)


@receiver(post_delete, sender=Photo, dispatch_uid="photo_file_on_delete")
def delete_original_file(sender, instance, using, **kwargs):
    """A deleted photo's original goes once the delete commits (a rollback keeps it)."""
    name = instance.image.name
    if name and not Photo.objects.using(using).filter(image=name).exists():
        delete_after_commit(instance.image.storage, name, using=using)

"""What an uploaded photo keeps: its pixels, the right way up, and its colour profile.

Cameras, phones and editing tools write far more into a file than the picture: GPS position,
camera and lens serial numbers, the owner's name, maker notes, XMP (often with a location),
IPTC, comments and thumbnails of the uncropped frame. Any of it can identify a photographer or
a source. So an original is stored only as re-encoded from its decoded pixels, which carries
none of it over: nothing has to be recognised to be dropped.

Kept: the orientation (applied to the pixels, so the file needs no EXIF at all), the ICC colour
profile, the resolution (dpi) and transparency. A JPEG is written again with its own
quantisation tables and chroma subsampling, as Pillow's ``quality="keep"`` does, so it loses no
visible quality; PNG and lossless WebP stay lossless. The caption, credit and licence the desk
uses are read from the upload before this runs (``articles.images.validate_photo_upload``).
"""

import io
import os
import struct

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, JpegImagePlugin

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
CONTENT_TYPES = {kind: f"image/{kind.lower()}" for kind in EXTENSIONS}
# Lossy WebP and AVIF are encoded again at a quality that shows no difference at full size.
LOSSY_QUALITY = 92
# EXIF orientation → the transposition that puts the picture upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
ORIENTATION = 0x0112
# What Pillow reports of a file's metadata; none of it may be in a stored original.
METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "photoshop", "comment", "iptc"}
PNG_KEPT_KEYS = {"icc_profile", "dpi", "transparency"}


class StrippedImage(ContentFile):
    """An image file re-encoded from its pixels: safe to store as a photo original."""

    def __init__(self, content, name, image_format):
        super().__init__(content, name=name)
        self.format = image_format


def refuse_too_many_pixels(image):
    """Pillow refuses twice MAX_IMAGE_PIXELS but only warns above it; we refuse both.

    An explicit check rather than turning the warning into an error: warning filters are
    process-wide and not thread-safe.
    """
    limit = Image.MAX_IMAGE_PIXELS
    if limit and image.width * image.height > limit:
        raise Image.DecompressionBombError(
            f"{image.width} × {image.height} pixels is more than {limit} pixels"
        )


def unsupported_format_error(image_format):
    return ValidationError(
        "This file is a %(format)s image; please upload a JPEG, PNG, WebP or AVIF photo.",
        code="unsupported_format",
        params={"format": image_format or "unknown"},
    )


def too_many_pixels_error(exc):
    limit = f"{(Image.MAX_IMAGE_PIXELS or 0) / 1_000_000:.1f}".removesuffix(".0")
    return ValidationError(
        "This image is too large: it has more pixels than we can safely process (the "
        "limit is %(limit)s megapixels). Please resize it and upload it again.",
        code="too_many_pixels",
        params={"limit": limit},
    )


def unreadable_error(exc):
    if isinstance(exc, Image.UnidentifiedImageError):
        reason = "not a recognised image format"
    else:
        reason = (str(exc).strip() or exc.__class__.__name__)[:200]
    return ValidationError(
        "This file is not an image we can read (%(reason)s). Please upload a JPEG, PNG, "
        "WebP or AVIF photo; if it is one, it may be damaged: export it again.",
        code="invalid_image",
        params={"reason": reason},
    )


def stored_name(name, image_format):
    """``name`` with the extension of what the file is, not of what it was called."""
    stem = os.path.splitext(name or "photo")[0] or "photo"
    return f"{stem}.{EXTENSIONS[image_format]}"


def strip_metadata(upload, name=None):
    """The upload re-encoded from its pixels alone, upright, with its colour profile.

    Raises ValidationError, with a message an editor can act on, for anything that is not a
    whole JPEG, PNG, WebP or AVIF image. Reads ``upload`` only, and leaves it at its start.
    """
    name = name or getattr(upload, "name", None)
    try:
        lossless_webp = _webp_is_lossless(upload)
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            if image_format not in EXTENSIONS:
                raise unsupported_format_error(image_format)
            refuse_too_many_pixels(image)
            content = _encode_pixels_only(image, image_format, lossless=lossless_webp)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many_pixels_error(exc) from exc
    except Exception as exc:  # Pillow's decoders raise assorted errors on damaged input.
        raise unreadable_error(exc) from exc
    finally:
        upload.seek(0)
    return StrippedImage(content, stored_name(name, image_format), image_format)


def _encode_pixels_only(image, image_format, *, lossless):
    orientation = image.getexif().get(ORIENTATION, 1)
    kept_keys = ("icc_profile", "dpi", "transparency")  # a transparency of 0 is a colour index
    keep = {key: image.info[key] for key in kept_keys if image.info.get(key) is not None}
    options = {}
    if image_format == "JPEG":
        # Pillow's quality="keep", spelt out: it needs the very image it decoded, and a turned
        # picture is a new one. The same tables re-encode the same blocks at the same quality.
        options = {
            "qtables": getattr(image, "quantization", None) or None,
            "subsampling": JpegImagePlugin.get_sampling(image),
            "progressive": bool(image.info.get("progressive") or image.info.get("progression")),
        }
        if not options["qtables"]:
            options = {"quality": 95}
    elif image_format == "WEBP":
        options = {"lossless": True, "quality": 100} if lossless else {"quality": LOSSY_QUALITY}
    elif image_format == "AVIF":
        options = {"quality": LOSSY_QUALITY}
    image.load()
    # Nothing read with the file may ride along: encoders fall back on image.info.
    image.info = {}
    if orientation in UPRIGHT:
        image = image.transpose(UPRIGHT[orientation])
        image.info = {}
    if image_format in ("WEBP", "AVIF") and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in keep else "RGB")
        keep.pop("transparency", None)
    if image_format != "PNG":
        keep.pop("transparency", None)
    if image_format in ("WEBP", "AVIF"):
        keep.pop("dpi", None)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **keep, **options)
    refuse_metadata(buffer)
    return buffer.getvalue()


def metadata_in(file):
    """The kinds of metadata an image file carries (headers only, cheap); empty when none.

    Leaves the file at its start.
    """
    file.seek(0)
    try:
        with Image.open(file) as image:
            found = METADATA_KEYS & set(image.info)
            if image.format == "PNG":  # every text chunk is a key of its own
                found |= set(image.info) - PNG_KEPT_KEYS
            if image.getexif():
                found.add("exif")
    finally:
        file.seek(0)
    return sorted(found)


def refuse_metadata(file):
    """Reopen what was encoded and make sure nothing rode along: a guard against an encoder
    or a Pillow upgrade that starts copying metadata by default."""
    leaked = metadata_in(file)
    if leaked:
        raise ValueError(f"the stored photo would carry metadata: {leaked}")


def _webp_is_lossless(upload):
    """Whether a file is a WebP whose picture is lossless (a VP8L chunk), from its RIFF chunks."""
    upload.seek(0)
    head = upload.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:] != b"WEBP":
        return False
    for _ in range(64):
        header = upload.read(8)
        if len(header) < 8:
            return False
        kind, size = header[:4], struct.unpack("<I", header[4:])[0]
        if kind in (b"VP8L", b"VP8 "):
            return kind == b"VP8L"
        if kind == b"ANMF":
            return False  # animated: the first frame is what is kept, encoded lossy
        upload.seek(size + (size & 1), io.SEEK_CUR)
    return False

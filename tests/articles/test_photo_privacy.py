"""Photo originals are private and carry no location.

A photographer's GPS position, a camera's serial number or an owner's name in an uploaded file
can identify a source. An upload keeps only its pixels (upright), its colour profile and the
caption, credit and licence the desk reads from it; the original is stored where no public URL
reaches, and the desk sees it only through a staff-only preview.
"""

import importlib
import io
import math
import os
import re
import struct
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase
from django.urls import clear_url_caches, reverse
from PIL import ExifTags, Image, ImageChops, ImageCms, ImageStat
from PIL.PngImagePlugin import PngInfo

from articles.models import Photo, Rendition
from articles.photos.storage import originals
from tests.articles.desk import browser_form, desk_user, no_wording
from tests.dom import one, parse
from tests.factories import ArticleFactory, PhotoFactory
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

# What a camera, a phone or an editing tool leaves in a file, none of which may be kept.
GPS_LATITUDE = (39.0, 48.0, 52.25)
BODY_SERIAL = "BODY-SN-0047113"
LENS_SERIAL = "LENS-SN-0088213"
OWNER = "Owner Arman Hakobyan"
ARTIST = "Artist Arman Hakobyan"
COPYRIGHT_CONTACT = "Call +374 91 555 0101"
MAKER_NOTE = b"MAKERNOTE Nikon owner=Arman serial=0047113"
XMP_PLACE = "Safehouse on Tumanyan street"
THUMBNAIL_SECRET = b"UNCROPPED THUMBNAIL"
COMMENT = b"Shot from the roof of the checkpoint"
SECRETS = [
    BODY_SERIAL.encode(),
    LENS_SERIAL.encode(),
    OWNER.encode(),
    ARTIST.encode(),
    COPYRIGHT_CONTACT.encode(),
    MAKER_NOTE,
    XMP_PLACE.encode(),
    THUMBNAIL_SECRET,
    COMMENT,
    b"Canon",
    b"EOS R5",
    b"GPS",
]
# What the desk uses, read from the file's IPTC before the rest goes.
IPTC_CAPTION = "Protesters gather outside parliament in Yerevan."
IPTC_CREDIT = "Reuters"
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


# ---------------------------------------------------------------------------------------------
# A photo straight off a reporter's camera


def sideways_landscape(width=960, height=640):
    """Left half red, right half blue, stored as a camera held sideways stores it."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    return image


def camera_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS R5"
    exif[ExifTags.Base.Artist] = ARTIST
    exif[ExifTags.Base.Copyright] = COPYRIGHT_CONTACT
    exif[ExifTags.Base.Orientation] = 6  # turned a quarter: the picture is upright at 640 × 960
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[ExifTags.Base.BodySerialNumber] = BODY_SERIAL
    details[ExifTags.Base.LensSerialNumber] = LENS_SERIAL
    details[ExifTags.Base.CameraOwnerName] = OWNER
    details[ExifTags.Base.MakerNote] = MAKER_NOTE
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (44.0, 30.0, 51.0)
    return exif


def with_thumbnail(exif):
    """EXIF bytes whose second directory (IFD1) holds a JPEG thumbnail, as cameras write it.

    Pillow writes only the first directory and its sub-directories, so IFD1 is added by hand.
    """
    thumbnail = io.BytesIO()
    sideways_landscape(160, 120).save(thumbnail, "JPEG", comment=THUMBNAIL_SECRET)
    thumbnail = thumbnail.getvalue()
    tiff = bytearray(exif.tobytes()[6:])  # past "Exif\0\0"
    order = "<" if tiff[:2] == b"II" else ">"
    (first,) = struct.unpack(order + "I", tiff[4:8])
    (entries,) = struct.unpack(order + "H", tiff[first : first + 2])
    next_directory = first + 2 + 12 * entries
    second = len(tiff)
    tiff[next_directory : next_directory + 4] = struct.pack(order + "I", second)
    thumbnail_at = second + 2 + 2 * 12 + 4
    tiff += struct.pack(order + "H", 2)
    tiff += struct.pack(order + "HHII", 0x0201, 4, 1, thumbnail_at)  # JPEGInterchangeFormat
    tiff += struct.pack(order + "HHII", 0x0202, 4, 1, len(thumbnail))  # ...Length
    tiff += b"\0\0\0\0" + thumbnail
    return b"Exif\0\0" + bytes(tiff)


def xmp_with_location():
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"
   xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
   xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
   exif:GPSLatitude="39,48.87N" exif:GPSLongitude="44,30.85E"
   photoshop:City="Yerevan" Iptc4xmpCore:Location="{XMP_PLACE}"/>
</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>""".encode()


def iptc(caption, credit):
    """An APP13 segment (Photoshop 3.0, resource 0x0404) with IPTC caption and credit, UTF-8."""
    records = b"\x1c\x01\x5a\x00\x03\x1b%G"
    for dataset, value in ((120, caption), (110, credit)):
        encoded = value.encode()
        records += b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(encoded)) + encoded
    records += b"\x00" * (len(records) % 2)
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(records)) + records
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def camera_jpeg():
    buffer = io.BytesIO()
    sideways_landscape().save(
        buffer,
        "JPEG",
        quality=88,
        exif=with_thumbnail(camera_exif()),
        xmp=xmp_with_location(),
        icc_profile=SRGB,
        comment=COMMENT,
        extra=iptc(IPTC_CAPTION, IPTC_CREDIT),
    )
    content = buffer.getvalue()
    # The upload really carries all of it, or the test would prove nothing.
    with Image.open(io.BytesIO(content)) as upload:
        exif = upload.getexif()
        assert exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == GPS_LATITUDE
        assert exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] == BODY_SERIAL
        assert 0x0201 in exif.get_ifd(ExifTags.IFD.IFD1)
        assert {"xmp", "photoshop", "comment", "icc_profile"} <= set(upload.info)
    assert all(secret in content for secret in SECRETS)
    return content


def secrets_in(data):
    return [secret for secret in SECRETS if secret in data]


def read(file_field):
    with file_field.open("rb") as handle:
        return handle.read()


def files_under(root):
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def fetch(client, url):
    """GET ``url`` as a browser would, and the whole body, streamed or not.

    Reading a streamed body to its end closes the response, as a WSGI server would.
    """
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


# ---------------------------------------------------------------------------------------------
# Signed-in desk members, and the site as `make run` serves it


@pytest.fixture
def editor():
    return desk_user("Editor")


@pytest.fixture
def editor_client(editor):
    return sign_in(Client(), editor)


def upload_as(client, content, name="IMG_0042.JPG", **fields):
    """Save the admin's upload form, and what its commit sets off: the renditions' task."""
    data = {
        "image": SimpleUploadedFile(name, content, content_type="image/jpeg"),
        "alt_text": "Protesters with flags outside a columned building",
        "caption": "",
        "credit": "",
        "credit_url": "",
        "licence": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **no_wording(),
        **fields,
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("admin:articles_photo_add"), data)


@pytest.fixture
def uploaded(editor_client):
    response = upload_as(editor_client, camera_jpeg())
    assert response.status_code == 302, response.content[:2000]
    return Photo.objects.get()


@pytest.fixture
def debug_site(settings):
    """DEBUG on, as `make run` runs: Django itself serves the public media."""
    urls, debug = import_module(settings.ROOT_URLCONF), settings.DEBUG
    settings.DEBUG = True
    importlib.reload(urls)
    clear_url_caches()
    yield
    settings.DEBUG = debug
    importlib.reload(urls)
    clear_url_caches()


# ---------------------------------------------------------------------------------------------
# What is stored


def test_an_uploaded_original_keeps_no_location_serial_owner_maker_note_or_xmp(uploaded):
    stored = read(uploaded.image)
    assert secrets_in(stored) == []
    with Image.open(io.BytesIO(stored)) as original:
        assert not original.getexif()  # no GPS, camera, owner, maker note or thumbnail
        assert not original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "xmp", "photoshop", "comment"} & set(original.info)
    assert b"http://ns.adobe.com/xap/1.0/" not in stored
    assert b"Photoshop 3.0" not in stored


def test_the_original_stays_upright_in_its_colours_and_its_sizes_say_so(uploaded):
    with Image.open(io.BytesIO(read(uploaded.image))) as original:
        assert original.size == (640, 960)  # the camera's quarter turn, applied
        assert (uploaded.width, uploaded.height) == (640, 960)
        red, _, blue = original.convert("RGB").getpixel((320, 100))
        assert red > 150 and blue < 100  # the red half is on top
        assert original.info["icc_profile"] == SRGB
        assert original.format == "JPEG"


def test_caption_and_credit_are_still_taken_from_the_files_iptc(uploaded):
    assert uploaded.caption == IPTC_CAPTION
    assert uploaded.credit == IPTC_CREDIT


def test_no_rendition_carries_any_of_it(uploaded):
    renditions = list(uploaded.renditions.all())
    assert {r.shape for r in renditions} == {"3x2", "1x1", "16x9"}
    for rendition in renditions:
        assert secrets_in(read(rendition.file)) == [], rendition


def test_a_jpeg_is_stored_again_with_its_own_tables_and_no_visible_loss():
    upload = camera_jpeg()
    photo = PhotoFactory(image=SimpleUploadedFile("a.jpg", upload), renditions=False)
    stored = read(photo.image)
    with Image.open(io.BytesIO(upload)) as before, Image.open(io.BytesIO(stored)) as after:
        assert after.quantization == before.quantization
        upright = before.transpose(Image.Transpose.ROTATE_270).convert("RGB")
        difference = ImageStat.Stat(ImageChops.difference(upright, after.convert("RGB")))
    mean_square = sum(value**2 for value in difference.rms) / 3
    assert 10 * math.log10(255**2 / max(mean_square, 1e-9)) > 40  # dB: no visible change
    assert len(stored) < len(upload)


def png_with_metadata():
    info = PngInfo()
    info.add_text("Location", XMP_PLACE)
    info.add_itxt("XML:com.adobe.xmp", xmp_with_location().decode())
    info.add_text("Comment", COMMENT.decode(), zip=True)
    buffer = io.BytesIO()
    sideways_landscape(300, 200).save(
        buffer, "PNG", pnginfo=info, exif=camera_exif(), icc_profile=SRGB
    )
    return buffer.getvalue()


def webp_with_metadata(**options):
    buffer = io.BytesIO()
    sideways_landscape(300, 200).save(
        buffer, "WEBP", exif=camera_exif(), xmp=xmp_with_location(), icc_profile=SRGB, **options
    )
    return buffer.getvalue()


def avif_with_metadata():
    buffer = io.BytesIO()
    sideways_landscape(300, 200).save(
        buffer, "AVIF", exif=camera_exif(), xmp=xmp_with_location(), icc_profile=SRGB
    )
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "image_format", "lossless"),
    [
        (png_with_metadata(), "scan.png", "PNG", True),
        (webp_with_metadata(quality=90), "phone.webp", "WEBP", False),
        (webp_with_metadata(lossless=True), "chart.webp", "WEBP", True),
        (avif_with_metadata(), "phone.avif", "AVIF", False),
    ],
    ids=["png", "lossy-webp", "lossless-webp", "avif"],
)
def test_png_webp_and_avif_are_stored_without_text_exif_or_xmp(
    content, name, image_format, lossless
):
    assert XMP_PLACE.encode() in content
    photo = PhotoFactory(image=SimpleUploadedFile(name, content), renditions=False)
    stored = read(photo.image)
    assert secrets_in(stored) == []
    assert XMP_PLACE.encode() not in stored
    with Image.open(io.BytesIO(stored)) as original:
        assert original.format == image_format
        assert not original.getexif()
        assert (
            set(original.info) & {"exif", "xmp", "XML:com.adobe.xmp", "Location", "Comment"}
            == set()
        )
        assert original.info["icc_profile"] == SRGB
        assert original.size == (200, 300)  # upright
        if lossless:
            upright = sideways_landscape(300, 200).transpose(Image.Transpose.ROTATE_270)
            assert ImageChops.difference(original.convert("RGB"), upright).getbbox() is None


def test_an_original_saved_by_code_is_stripped_too():
    """Not only the admin's form: the demo, a script, anything that saves through the model."""
    photo = Photo(alt_text="A checkpoint at dusk", credit="Staff")
    photo.image.save("from-a-script.jpg", ContentFile(camera_jpeg()))
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert secrets_in(read(photo.image)) == []
    assert (photo.width, photo.height) == (640, 960)


def test_a_damaged_file_saved_by_code_is_refused_and_nothing_is_stored(originals_root):
    photo = Photo(alt_text="A checkpoint at dusk")
    with pytest.raises(ValidationError, match="not an image we can read"):
        photo.image.save("cut-short.jpg", ContentFile(camera_jpeg()[:-3000]))
    assert files_under(originals_root) == []
    assert not Photo.objects.exists()


# ---------------------------------------------------------------------------------------------
# What is served


def test_every_picture_of_the_story_page_is_free_of_it(uploaded, debug_site):
    story = ArticleFactory(lead_photo=uploaded, headline="Thousands march in Yerevan")
    reader = Client()
    response, page = fetch(reader, story.get_absolute_url())
    assert response.status_code == 200
    document = parse(response)
    addresses = set(re.findall(rb"(?:https?://[^/\"']+)?(/media/[^\s\"'<>,)]+)", page))
    for element in document.select("img[srcset], source[srcset]"):
        addresses |= {part.split()[0].encode() for part in element["srcset"].split(",")}
    addresses |= {img["src"].encode() for img in document.select("img[src]")}
    addresses = {address for address in addresses if not address.startswith(b"data:")}
    assert len(addresses) >= 6, addresses  # the lead photo's sizes and formats, its share image
    assert uploaded.image.name.encode() not in page
    for address in sorted(addresses):
        served, body = fetch(reader, address.decode())
        assert served.status_code == 200, address
        assert secrets_in(body) == [], address
        assert body != read(uploaded.image), address


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_no_original_answers_at_a_public_address(uploaded, editor_client, request, debug):
    if debug:
        request.getfixturevalue("debug_site")
    address = f"{django_settings.MEDIA_URL}{uploaded.image.name}"
    assert fetch(Client(), address)[0].status_code == 404
    # Not even a copy left where originals used to be stored, inside the public media.
    default_storage.save(uploaded.image.name, ContentFile(read(uploaded.image)))
    assert fetch(Client(), address)[0].status_code == 404
    assert fetch(editor_client, address)[0].status_code == 404


def test_an_original_has_no_address_to_link_to(uploaded):
    with pytest.raises(ValueError, match="no public address"):
        uploaded.image.url  # noqa: B018


# ---------------------------------------------------------------------------------------------
# The desk's preview


def preview_address(photo, **query):
    url = reverse("admin:articles_photo_preview", args=[photo.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_editors_see_the_photo_through_a_preview_that_nothing_keeps(uploaded, editor_client):
    response, body = fetch(editor_client, preview_address(uploaded))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body == read(uploaded.image)
    # Asked for a shape, it sends the small rendition rather than the whole original.
    response, body = fetch(editor_client, preview_address(uploaded, shape="1x1", width=128))
    square = uploaded.renditions.get(shape="1x1", format="jpeg", width=160)
    assert (response.status_code, body) == (200, read(square.file))
    assert response["Cache-Control"] == "private, no-store"


def test_the_preview_is_the_original_until_renditions_are_made(editor_client):
    photo = PhotoFactory(renditions=False)
    response, body = fetch(editor_client, preview_address(photo, shape="3x2", width=480))
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    assert body == read(photo.image)


def test_readers_and_staff_who_may_not_view_photos_get_no_preview(uploaded):
    address = preview_address(uploaded)
    response = Client().get(address)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    member_of_no_group = get_user_model().objects.create_user(
        "intern", password="correct horse battery staple", is_staff=True
    )
    assert sign_in(Client(), member_of_no_group).get(address).status_code == 403
    reader = get_user_model().objects.create_user("reader", password="x")
    reader_client = Client()
    reader_client.force_login(reader)
    assert reader_client.get(address).status_code == 302
    assert fetch(sign_in(Client(), desk_user("Reporter")), address)[0].status_code == 200


def test_the_desk_shows_a_photo_only_through_its_preview(uploaded, editor_client):
    story = ArticleFactory(lead_photo=uploaded, draft=True)
    pages = [
        reverse("admin:articles_photo_changelist"),
        reverse("admin:articles_photo_change", args=[uploaded.pk]),
        reverse("admin:articles_article_change", args=[story.pk]),
    ]
    preview = reverse("admin:articles_photo_preview", args=[uploaded.pk])
    for address in pages:
        response = editor_client.get(address)
        assert response.status_code == 200, address
        assert "/originals/" not in response.text, address
    change = parse(editor_client.get(pages[1]))
    assert one(change, "img[data-focal-picker]")["src"].startswith(preview + "?shape=original")
    assert one(change, ".field-image a")["href"] == preview
    thumbnail = one(parse(editor_client.get(pages[0])), ".field-thumbnail img")
    assert thumbnail["src"].startswith(preview + "?shape=1x1")
    lead = one(parse(editor_client.get(pages[2])), ".field-lead_photo_preview img")
    assert lead["src"].startswith(preview + "?shape=3x2")


def test_a_reporter_who_may_only_view_a_photo_gets_a_link_to_its_preview(uploaded):
    ArticleFactory(lead_photo=uploaded)  # live: Reporters may no longer change it
    page = parse(
        sign_in(Client(), desk_user("Reporter")).get(
            reverse("admin:articles_photo_change", args=[uploaded.pk])
        )
    )
    assert page.select('input[name="image"]') == []
    link = one(page, ".field-original a")
    assert link["href"] == reverse("admin:articles_photo_preview", args=[uploaded.pk])


# ---------------------------------------------------------------------------------------------
# Files follow the transaction


class Boom(Exception):
    pass


def test_a_save_that_rolls_back_leaves_no_file(originals_root):
    with pytest.raises(Boom), transaction.atomic():
        PhotoFactory(renditions=False)
        assert len(files_under(originals_root)) == 1
        raise Boom
    assert files_under(originals_root) == []


def test_a_replaced_original_goes_once_the_change_commits(
    editor_client, django_capture_on_commit_callbacks
):
    photo = PhotoFactory()
    old_original, old_renditions = photo.image.name, [r.file.name for r in photo.renditions.all()]
    address = reverse("admin:articles_photo_change", args=[photo.pk])
    form = browser_form(
        editor_client.get(address), image=SimpleUploadedFile("new.jpg", camera_jpeg())
    )
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        response = editor_client.post(address, form)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.image.name != old_original
    assert photo.image.storage.exists(old_original)  # until the change commits
    with django_capture_on_commit_callbacks(execute=True):  # and what they set off
        for callback in after_commit:
            callback()
    assert not photo.image.storage.exists(old_original)
    assert photo.image.storage.exists(photo.image.name)
    assert not any(default_storage.exists(name) for name in old_renditions)


def test_a_replacement_that_rolls_back_keeps_the_old_original_and_drops_the_new(
    originals_root,
):
    photo = PhotoFactory(renditions=False)
    old_original = photo.image.name
    with pytest.raises(Boom), transaction.atomic():
        photo.image = SimpleUploadedFile("new.jpg", camera_jpeg())
        photo.save()
        raise Boom
    assert [str(p.relative_to(originals_root)) for p in files_under(originals_root)] == [
        old_original
    ]


def test_a_deleted_photo_takes_its_files_once_the_delete_commits(
    originals_root, media_root, django_capture_on_commit_callbacks
):
    photo = PhotoFactory()
    with pytest.raises(Boom), transaction.atomic():
        Photo.objects.get(pk=photo.pk).delete()
        raise Boom
    assert files_under(originals_root) and files_under(media_root)  # a rollback keeps them
    with django_capture_on_commit_callbacks(execute=True):
        Photo.objects.get(pk=photo.pk).delete()
    assert files_under(originals_root) == files_under(media_root) == []
    assert not Rendition.objects.exists()


# ---------------------------------------------------------------------------------------------
# Existing installs, and settings that would expose originals


def test_migrating_moves_old_originals_out_of_the_public_media(originals_root, media_root):
    migration = import_module("articles.migrations.0007_private_photo_originals")
    name = "originals/2025/05/earlier-upload.jpg"
    content = camera_jpeg()
    default_storage.save(name, ContentFile(content))
    half_copied = originals_root / name  # an earlier run was cut short mid-copy
    half_copied.parent.mkdir(parents=True)
    half_copied.write_bytes(content[:1000])
    Photo.objects.bulk_create([Photo(image=name, width=960, height=640, alt_text="Earlier")])

    migration.to_private(django_apps, None)
    migration.to_private(django_apps, None)  # again: nothing left to do, nothing lost

    assert (originals_root / name).read_bytes() == content
    assert not default_storage.exists(name)
    assert files_under(media_root) == []


def test_originals_stored_before_stripping_are_stripped_by_a_command(
    django_capture_on_commit_callbacks,
):
    legacy = originals.save("originals/2025/05/earlier-upload.jpg", ContentFile(camera_jpeg()))
    (photo,) = Photo.objects.bulk_create(
        [Photo(image=legacy, width=960, height=640, alt_text="Earlier")]
    )
    report = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_photo_metadata", stdout=report)
    assert "Stripped 1 originals" in report.getvalue()
    photo.refresh_from_db()
    assert secrets_in(read(photo.image)) == []
    assert (photo.width, photo.height) == (640, 960)
    assert not originals.exists(legacy)
    assert photo.renditions.filter(shape="3x2").exists()  # made again from the clean original
    again = io.StringIO()
    call_command("strip_photo_metadata", stdout=again)
    assert "Stripped 0 originals; 1 had nothing to strip" in again.getvalue()


def test_originals_inside_the_public_media_are_refused_at_start(tmp_path):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CACHE_URL"}},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "1",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ORIGINALS_ROOT": str(tmp_path / "media" / "private"),
    }
    result = subprocess.run(
        [sys.executable, "-c", "from newsroom import settings"],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "ORIGINALS_ROOT" in result.stderr and "inside MEDIA_ROOT" in result.stderr

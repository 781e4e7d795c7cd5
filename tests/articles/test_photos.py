"""Photos: safe uploads, embedded credits offered to editors, renditions that leak nothing."""

import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from PIL import ExifTags, Image

from articles.images import (
    DEFAULT_SHAPES,
    ensure_renditions,
    get_rendition,
    make_photo_renditions,
    widths_for,
)
from articles.models import Photo, Rendition
from tests.articles.desk import no_wording
from tests.dom import one, parse, text, texts
from tests.factories import ArticleFactory, PhotoFactory
from tests.staff.sign_in import sign_in

pytestmark = pytest.mark.django_db

SECRET_PLACE = "Safehouse near Stepanakert"
GPS_LATITUDE = (39.0, 48.0, 5.0)


# ---------------------------------------------------------------------------------------------
# Building uploads the way cameras and agencies do


def exif_with_gps(orientation=1):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS R5"
    exif[ExifTags.Base.Artist] = "Anna Petrosyan"
    exif[ExifTags.Base.ImageDescription] = SECRET_PLACE
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (46.0, 45.0, 7.0)
    return exif


def iptc_segment(caption="", byline="", credit="", copyright_notice=""):
    """A JPEG APP13 (Photoshop IRB 0x0404) segment holding IPTC-IIM datasets, UTF-8 declared."""
    records = b"\x1c\x01\x5a\x00\x03\x1b%G"
    for dataset, value in ((120, caption), (80, byline), (110, credit), (116, copyright_notice)):
        if value:
            encoded = value.encode("utf-8")
            records += b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(encoded)) + encoded
    if len(records) % 2:
        records += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(records)) + records
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def xmp_packet(description="", creator="", credit="", rights="", doctype=""):
    return textwrap.dedent(
        f"""\
        <?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>{doctype}
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
            photoshop:Credit="{credit}">
           <dc:description><rdf:Alt>
            <rdf:li xml:lang="x-default">{description}</rdf:li>
           </rdf:Alt></dc:description>
           <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
           <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{rights}</rdf:li></rdf:Alt></dc:rights>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>"""
    ).encode("utf-8")


def landscape(width=1200, height=800):
    """Left half red, right half blue: which way up a rendition is can be read off it."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    return image


def jpeg_bytes(image=None, **save_kwargs):
    buffer = io.BytesIO()
    (image or landscape()).save(buffer, "JPEG", quality=90, **save_kwargs)
    return buffer.getvalue()


def leaky_jpeg(orientation=1):
    """A reporter's photo straight off the camera: GPS, IPTC, XMP and a comment."""
    return jpeg_bytes(
        exif=exif_with_gps(orientation),
        xmp=xmp_packet(description=SECRET_PLACE, creator="Anna Petrosyan"),
        extra=iptc_segment(caption=SECRET_PLACE, byline="Anna Petrosyan"),
        comment=SECRET_PLACE.encode(),
    )


def upload(content, name="photo.jpg"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def png_claiming(width, height):
    """A tiny PNG whose header claims the given dimensions."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def files_under(root):
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def open_rendition(rendition):
    with rendition.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


# ---------------------------------------------------------------------------------------------
# The editors' upload form


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    sign_in(client, user)
    return user


def post_photo(client, content, name="photo.jpg", **fields):
    """Save the upload form as an editor does, and run what its commit sets off (the tests'
    own transaction never commits): the renditions' task, run at once in tests."""
    data = {
        "image": upload(content, name),
        "alt_text": "Two men carrying a ballot box across a muddy yard",
        "caption": "",
        "credit": "",
        "credit_url": "",
        "licence": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **no_wording(),
    }
    data.update(fields)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("admin:articles_photo_add"), data)


def test_editor_uploads_photo_with_caption_credit_and_alt_text_in_one_form(client, editor):
    response = post_photo(
        client, jpeg_bytes(), caption="Voters queue in Gyumri.", credit="Anna Petrosyan"
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.caption == "Voters queue in Gyumri."
    assert photo.credit == "Anna Petrosyan"
    assert photo.alt_text.startswith("Two men carrying")
    assert photo.uploaded_by == editor
    # Renditions were made once the upload was saved, so no reader ever waits for them.
    assert photo.renditions.filter(shape="3x2", format="avif").exists()
    assert set(photo.renditions.values_list("shape", flat=True)) == set(DEFAULT_SHAPES)


def test_the_upload_is_saved_without_waiting_for_renditions_which_a_task_makes_after_commit(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        response = client.post(
            reverse("admin:articles_photo_add"),
            {
                "image": upload(jpeg_bytes()),
                "alt_text": "A ferry",
                "focal_x": 0.5,
                "focal_y": 0.5,
                **no_wording(),
            },
        )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert not photo.renditions.exists()  # none were made inside the editor's request
    assert after_commit, "the renditions' task is queued once the save commits"
    for run_once_committed in after_commit:
        run_once_committed()
    assert set(photo.renditions.values_list("shape", flat=True)) == set(DEFAULT_SHAPES)


def test_a_photo_waiting_for_its_renditions_says_so_on_its_page(client, editor):
    photo = PhotoFactory(renditions=False)
    response = client.get(reverse("admin:articles_photo_change", args=[photo.pk]))
    preview = one(parse(response), ".field-renditions_preview")
    assert "Not made yet: 3x2, 1x1, 16x9" in text(preview)
    assert "being made in the background" in text(preview)
    assert preview.select("img") == []


def test_stored_original_gets_an_unguessable_name(client, editor):
    post_photo(client, jpeg_bytes(), name="source-Arman-at-checkpoint.jpg")
    photo = Photo.objects.get()
    assert "Arman" not in photo.image.name
    assert photo.image.name.startswith("originals/")
    assert photo.image.name.endswith(".jpg")


def test_stored_original_is_named_after_what_it_is(client, editor):
    post_photo(client, png_bytes(landscape()), name="scan.jpeg")
    assert Photo.objects.get().image.name.endswith(".png")


def test_alt_text_is_required(client, editor):
    response = post_photo(client, jpeg_bytes(), alt_text="")
    assert response.status_code == 200
    assert "This field is required" in response.text
    assert not Photo.objects.exists()


def test_a_credit_link_typed_without_its_scheme_is_taken_as_https(client, editor):
    response = post_photo(
        client, jpeg_bytes(), credit="Anna Petrosyan", credit_url="agency.example/anna"
    )
    assert response.status_code == 302
    assert Photo.objects.get().credit_url == "https://agency.example/anna"


def test_caption_credit_and_licence_are_prefilled_from_iptc(client, editor, media_root):
    content = jpeg_bytes(
        extra=iptc_segment(
            caption="Protesters gather outside parliament in Tbilisi.",
            byline="Nino Beridze",
            credit="Reuters",
            copyright_notice="© Reuters 2026",
        )
    )
    response = post_photo(client, content)
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.caption == "Protesters gather outside parliament in Tbilisi."
    assert photo.credit == "Nino Beridze / Reuters"
    assert photo.licence == "© Reuters 2026"
    follow = parse(client.get(response.url))
    assert "came from the photo's embedded information" in text(one(follow, "ul.messagelist"))


def test_caption_and_credit_are_prefilled_from_xmp(client, editor):
    buffer = io.BytesIO()
    landscape().save(
        buffer,
        "WEBP",
        xmp=xmp_packet(
            description="A shepherd above Tusheti.",
            creator="Giorgi Kapanadze",
            credit="OC Media",
            rights="CC BY 4.0",
        ),
    )
    post_photo(client, buffer.getvalue(), name="shepherd.webp")
    photo = Photo.objects.get()
    assert photo.caption == "A shepherd above Tusheti."
    assert photo.credit == "Giorgi Kapanadze / OC Media"
    assert photo.licence == "CC BY 4.0"


def test_what_the_editor_typed_wins_over_embedded_metadata(client, editor):
    content = jpeg_bytes(extra=iptc_segment(caption="Agency caption", credit="Agency"))
    post_photo(client, content, caption="Our caption", credit="Our photographer")
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit) == ("Our caption", "Our photographer")


def test_xmp_with_entity_declarations_is_ignored_not_expanded(client, editor):
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    content = jpeg_bytes(xmp=xmp_packet(description="&b;", doctype=bomb))
    response = post_photo(client, content, credit="Staff")
    assert response.status_code == 302
    assert Photo.objects.get().caption == ""


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7 this is a press release, not a photo", "release.jpg", "not an image we can"),
        (jpeg_bytes(landscape(1600, 1200))[:6000], "truncated.jpg", "not an image we can"),
        (png_claiming(100_000, 100_000), "bomb.png", "This image is too large"),
        (b"GIF89a" + b"\x00" * 40, "anim.gif", "not an image we can"),
    ],
    ids=["not-an-image", "truncated-jpeg", "decompression-bomb-header", "broken-gif"],
)
def test_bad_uploads_are_refused_with_a_clear_message_and_nothing_saved(
    client, editor, media_root, originals_root, content, name, message
):
    response = post_photo(client, content, name=name)
    assert response.status_code == 200
    assert message in response.text
    assert not Photo.objects.exists()
    assert not Rendition.objects.exists()
    assert files_under(media_root) == files_under(originals_root) == []


def test_gif_is_refused_as_unsupported_format(client, editor, media_root, originals_root):
    buffer = io.BytesIO()
    landscape(40, 30).save(buffer, "GIF")
    response = post_photo(client, buffer.getvalue(), name="chart.gif")
    assert "please upload a JPEG, PNG, WebP or AVIF photo" in response.text
    assert not Photo.objects.exists()
    assert files_under(media_root) == files_under(originals_root) == []


def test_image_just_over_the_pixel_limit_is_refused_too(
    client, editor, media_root, originals_root, monkeypatch
):
    # Between the limit and twice it, Pillow only warns; we refuse.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 640 * 480 - 1)
    with pytest.warns(Image.DecompressionBombWarning):
        response = post_photo(client, jpeg_bytes(landscape(640, 480)))
    assert response.status_code == 200
    assert "This image is too large" in response.text
    assert not Photo.objects.exists()
    assert files_under(media_root) == files_under(originals_root) == []


def test_file_over_the_upload_limit_is_refused(
    client, editor, media_root, originals_root, settings
):
    settings.PHOTO_MAX_UPLOAD_BYTES = 10_000
    response = post_photo(client, jpeg_bytes(Image.effect_noise((400, 300), 60).convert("RGB")))
    assert response.status_code == 200
    assert "This image is too large:" in response.text
    assert "the limit is 9.8\xa0KB" in response.text
    assert not Photo.objects.exists()
    assert files_under(media_root) == files_under(originals_root) == []


def test_lead_photo_popup_from_the_article_form_returns_the_new_photo(client, editor):
    response = client.post(
        reverse("admin:articles_photo_add") + "?_to_field=id&_popup=1",
        {
            "_popup": "1",
            "_to_field": "id",
            "image": upload(jpeg_bytes()),
            "alt_text": "A view of the Enguri dam",
            "credit": "Staff",
            "focal_x": "0.5",
            "focal_y": "0.5",
            **no_wording(),
        },
    )
    photo = Photo.objects.get()
    assert response.status_code == 200
    handed_back = one(parse(response), "script[data-popup-response]")["data-popup-response"]
    assert json.loads(handed_back)["value"] == str(photo.pk)


def test_photo_list_shows_small_renditions_never_the_original(client, editor):
    photo = PhotoFactory(caption="Snow on the Georgian Military Road")
    response = client.get(reverse("admin:articles_photo_changelist"))
    assert response.status_code == 200
    row = one(parse(response), "#result_list tbody tr")
    assert text(one(row, ".field-__str__")) == "Snow on the Georgian Military Road"
    # The thumbnail comes through the desk's own preview, which sends the small square.
    thumbnail = client.get(one(row, ".field-thumbnail img")["src"])
    square = get_rendition(photo, shape="1x1", width=128, format="jpeg")
    with square.file.open("rb") as handle:
        assert b"".join(thumbnail.streaming_content) == handle.read()
    assert photo.image.name not in response.text


def test_photo_page_previews_every_shape(client, editor):
    photo = PhotoFactory()
    response = client.get(reverse("admin:articles_photo_change", args=[photo.pk]))
    assert response.status_code == 200
    preview = one(parse(response), ".field-renditions_preview")
    previews = {
        text(one(figure, "figcaption strong")): one(figure, "img")
        for figure in preview.select("figure")
    }
    assert {"3x2", "16x9", "1x1"} <= set(previews)
    assert all(img["src"].startswith("/media/renditions/") for img in previews.values())
    assert "without EXIF, GPS or IPTC" in text(preview)


def test_replacing_the_image_remakes_every_rendition(
    client, editor, django_capture_on_commit_callbacks
):
    photo = PhotoFactory()
    old_files = set(photo.renditions.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_photo_change", args=[photo.pk]),
            {
                "opened_version": photo.version,
                "image": upload(jpeg_bytes(landscape(900, 900))),
                "alt_text": photo.alt_text,
                "caption": photo.caption,
                "credit": photo.credit,
                "focal_x": "0.5",
                "focal_y": "0.5",
                **no_wording(),
            },
        )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.width, photo.height) == (900, 900)
    new_files = set(photo.renditions.values_list("file", flat=True))
    assert new_files and not new_files & old_files
    assert max(photo.renditions.values_list("width", flat=True)) == 900
    assert not any(photo.image.storage.exists(name) for name in old_files)


def test_photo_list_can_show_photos_missing_a_credit(client, editor):
    PhotoFactory(caption="Credited", credit="Staff")
    PhotoFactory(caption="Uncredited", credit="")
    response = client.get(reverse("admin:articles_photo_changelist") + "?credit=missing")
    assert texts(parse(response), "#result_list tbody .field-__str__") == ["Uncredited"]


# ---------------------------------------------------------------------------------------------
# What readers get


def test_renditions_carry_no_exif_gps_iptc_xmp_or_comment(client, editor):
    post_photo(client, leaky_jpeg(), credit="Staff")
    photo = Photo.objects.get()
    renditions = list(photo.renditions.all())
    assert {rendition.shape for rendition in renditions} == set(DEFAULT_SHAPES)
    assert len(renditions) > 15
    for rendition in renditions:
        image = open_rendition(rendition)
        assert not image.getexif(), rendition
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert set(image.info) & {"exif", "xmp", "photoshop", "comment", "icc_profile"} == set()
        with rendition.file.open("rb") as handle:
            raw = handle.read()
        assert SECRET_PLACE.encode() not in raw
        assert b"Canon" not in raw
        assert b"Anna Petrosyan" not in raw
    # Nor does the stored original (tests/articles/test_photo_privacy.py: what it keeps).
    with photo.image.open("rb") as handle:
        raw = handle.read()
    assert not Image.open(io.BytesIO(raw)).getexif()
    assert SECRET_PLACE.encode() not in raw


def test_a_story_read_before_its_photo_is_ready_shows_the_photo_once_the_worker_made_it(
    client, task_queue
):
    story = ArticleFactory(lead_photo=PhotoFactory(renditions=False))

    def lead_image():
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        return one(parse(response), ".story__lead img")

    assert lead_image()["src"].startswith("data:image/svg+xml,")  # a placeholder, not broken
    assert lead_image()["src"].startswith("data:image/svg+xml,")  # and again
    task_queue.run_due()  # the worker makes the renditions; their saves outdate cached pages
    assert lead_image()["src"].startswith("/media/renditions/")


def test_sideways_camera_photo_comes_out_upright():
    photo = PhotoFactory(image=upload(jpeg_bytes(exif=exif_with_gps(orientation=6))))
    rendition = get_rendition(photo, shape="original", width=640, format="jpeg")
    image = open_rendition(rendition)
    assert image.height > image.width
    assert (rendition.width, rendition.height) == image.size
    # Orientation 6 turns the picture a quarter clockwise: the red left half ends up on top.
    red, _, blue = image.getpixel((image.width // 2, image.height // 8))
    assert red > 150 and blue < 100
    red, _, blue = image.getpixel((image.width // 2, image.height * 7 // 8))
    assert blue > 150 and red < 100


def test_forced_shape_is_cropped_around_the_focal_point():
    source = Image.new("RGB", (1600, 800), (128, 128, 128))
    source.paste((0, 200, 0), (1400, 300, 1560, 500))  # a green sign near the right edge
    content = jpeg_bytes(source)

    def centre_right(photo):
        image = open_rendition(get_rendition(photo, shape="1x1", width=640, format="jpeg"))
        return image.getpixel((int(image.width * 0.85), image.height // 2))

    on_sign = PhotoFactory(image=upload(content), focal_x=0.9, focal_y=0.5)
    assert centre_right(on_sign)[1] > 150
    elsewhere = PhotoFactory(image=upload(content), focal_x=0.1, focal_y=0.5)
    assert centre_right(elsewhere)[1] < 150


def test_square_crop_is_square_and_wide_crop_is_16_by_9():
    photo = PhotoFactory()
    for rendition in photo.renditions.filter(shape="1x1"):
        assert open_rendition(rendition).size == (rendition.width, rendition.width)
    for rendition in photo.renditions.filter(shape="16x9"):
        assert rendition.height == round(rendition.width * 9 / 16)


def test_small_photos_are_never_upscaled():
    photo = PhotoFactory(image=upload(jpeg_bytes(landscape(500, 300))))
    # The 3:2 crop of a 500×300 photo is 450 pixels wide: a 320 and one at its own width.
    widths = sorted(set(photo.renditions.filter(shape="3x2").values_list("width", flat=True)))
    assert widths == [320, 450]
    assert max(photo.renditions.values_list("width", flat=True)) <= 500
    for rendition in photo.renditions.all():
        assert open_rendition(rendition).width == rendition.width


def test_each_size_exists_in_avif_webp_and_jpeg():
    photo = PhotoFactory()
    renditions = list(photo.renditions.all())
    sizes = {(r.shape, r.width) for r in renditions}
    for shape, width in sizes:
        formats = {r.format for r in renditions if (r.shape, r.width) == (shape, width)}
        assert formats == {"avif", "webp", "jpeg"}
    for rendition in renditions:
        assert open_rendition(rendition).format == {"jpeg": "JPEG", "webp": "WEBP"}.get(
            rendition.format, "AVIF"
        )


def test_renditions_are_made_once_and_reused(media_root, django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    rows = sorted(photo.renditions.values_list("pk", "file"))
    files = files_under(media_root)
    ensure_renditions(photo)
    make_photo_renditions.enqueue(photo.pk)  # the task run again: it finds nothing to do
    with django_capture_on_commit_callbacks(execute=True):
        photo.caption = "A corrected caption"
        photo.save()
    assert sorted(photo.renditions.values_list("pk", "file")) == rows
    assert files_under(media_root) == files


def test_moving_the_focal_point_remakes_only_the_crops(django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    before = {(r.shape, r.format, r.width): r.file.name for r in photo.renditions.all()}
    with django_capture_on_commit_callbacks(execute=True):
        photo.focal_x = 0.2
        photo.save()
    after = {(r.shape, r.format, r.width): r.file.name for r in photo.renditions.all()}
    assert after.keys() == before.keys()
    for key, name in after.items():
        if key[0] == "original":
            assert name == before[key]
        else:
            assert name != before[key]
            assert not photo.image.storage.exists(before[key])


def test_missing_renditions_are_made_once_when_first_needed(media_root):
    photo = PhotoFactory()
    photo.renditions.filter(shape="3x2").delete()
    first = get_rendition(photo, shape="3x2", width=640, format="webp")
    assert first.width == 640
    count = photo.renditions.count()
    again = get_rendition(photo, shape="3x2", width=640, format="webp")
    assert again.pk == first.pk
    assert photo.renditions.count() == count


def test_a_photo_whose_renditions_fail_is_still_saved_intact_and_the_task_tries_again(
    media_root, caplog
):
    # An original whose picture data stops half way (cut short on disk after the upload, which
    # refuses such a file): the renditions fail, and the photo must stay as it is.
    photo = PhotoFactory(
        image=upload(jpeg_bytes(Image.effect_noise((800, 600), 80).convert("RGB"))),
        renditions=False,
    )
    with photo.image.open("rb") as handle:
        content = handle.read()[:-20_000]
    photo.image.storage.delete(photo.image.name)
    photo.image.storage.save(photo.image.name, ContentFile(content))
    make_photo_renditions.enqueue(photo.pk)  # the tests' backend runs it, retries at once
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert not photo.renditions.exists()
    with photo.image.open("rb") as handle:
        assert handle.read() == content
    failures = [r for r in caplog.records if r.name == "newsroom.tasks"]
    assert [r.getMessage().split(";")[0] for r in failures] == [
        "Task articles.images.make_photo_renditions failed (attempt 1 of 3)",
        "Task articles.images.make_photo_renditions failed (attempt 2 of 3)",
        "Task articles.images.make_photo_renditions failed on its last attempt (3 of 3)",
    ]
    assert all(r.exc_info for r in failures)


def test_large_camera_jpeg_renditions_stay_within_memory(tmp_path):
    """A 6000×4000 photo: every rendition made, peak memory of the whole process < 400 MB."""
    source = tmp_path / "big.jpg"
    Image.radial_gradient("L").resize((6000, 4000)).convert("RGB").save(source, quality=85)
    script = textwrap.dedent(
        f"""
        import resource, django
        django.setup()
        from articles.images import make_renditions
        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with open({str(source)!r}, "rb") as source:
            made = [(m.shape, m.format, m.width) for m in make_renditions(source)]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(len(made), max(w for _, _, w in made), baseline // 1024, peak // 1024)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", "DEBUG": "1"},
    )
    count, widest, baseline_mb, peak_mb = map(int, result.stdout.split())
    assert count == sum(len(widths_for(6000, shape)) for shape in DEFAULT_SHAPES) * 3
    assert widest == 1600
    assert peak_mb < 400, f"peak {peak_mb} MB (baseline {baseline_mb} MB)"


def png_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def transparent_palette():
    image = Image.new("P", (400, 300), 0)
    image.putpalette([0, 0, 0, 30, 120, 30] + [0] * 762)
    image.paste(1, (200, 0, 400, 300))
    image.info["transparency"] = 0
    return image


@pytest.mark.parametrize(
    ("content", "left", "right"),
    [
        (jpeg_bytes(Image.new("CMYK", (400, 300), (0, 255, 255, 0))), (237, 28, 36), None),
        (png_bytes(Image.new("RGBA", (400, 300), (20, 20, 200, 0))), (255, 255, 255), None),
        (png_bytes(transparent_palette()), (255, 255, 255), (30, 120, 30)),
        (png_bytes(Image.new("I;16", (400, 300), 32768)), (128, 128, 128), None),
    ],
    ids=["cmyk-jpeg", "transparent-png", "palette-with-transparency", "16-bit-grey"],
)
def test_unusual_colour_modes_come_out_as_plain_rgb(content, left, right):
    photo = PhotoFactory(image=upload(content, "picture.png"))
    image = open_rendition(get_rendition(photo, shape="original", width=320, format="jpeg"))
    assert image.mode == "RGB"

    def close(pixel, expected):
        return all(abs(a - b) < 40 for a, b in zip(pixel, expected, strict=True))

    assert close(image.getpixel((40, 150)), left), image.getpixel((40, 150))
    if right:
        assert close(image.getpixel((280, 150)), right), image.getpixel((280, 150))


def test_deleting_a_photo_removes_its_original_and_renditions_from_disk(
    media_root, originals_root, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(image=upload(leaky_jpeg()))
    assert files_under(media_root) and files_under(originals_root)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert files_under(media_root) == files_under(originals_root) == []
    assert not Rendition.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="concurrent writers need a real database server; SQLite serialises them",
)
def test_the_renditions_task_run_twice_at_once_makes_each_rendition_only_once(media_root):
    import threading

    from django.db import connection

    photo = PhotoFactory()
    expected = photo.renditions.count()
    Rendition.objects.filter(photo=photo).delete()
    start = threading.Barrier(2)
    errors = []

    def make():
        try:
            start.wait()
            make_photo_renditions.call(photo.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=make) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    renditions = list(photo.renditions.all())
    assert len(renditions) == expected
    on_disk = {str(p.relative_to(media_root)) for p in files_under(media_root / "renditions")}
    assert on_disk == {r.file.name for r in renditions}


def test_photo_list_survives_a_photo_whose_original_is_missing(client, editor):
    photo = PhotoFactory(caption="Lost original")
    Rendition.objects.filter(photo=photo).delete()
    photo.image.storage.delete(photo.image.name)
    response = client.get(reverse("admin:articles_photo_changelist"))
    assert response.status_code == 200
    assert "Lost original" in response.text


def test_the_focal_point_picker_is_offered_before_the_upload_too(client, editor):
    """The cropping help says to click the whole picture: on a new photo's page the picture
    appears there as soon as a file is chosen (static/js/focal-point-picker.js)."""
    page = parse(client.get(reverse("admin:articles_photo_add")))
    picker = one(page, ".field-focal_point_picker .focal-point-picker")
    assert "click on it sets the focal point" in text(picker)
    assert page.select('script[src$="js/focal-point-picker.js"]')
    assert page.select("#id_focal_x") and page.select("#id_focal_y")

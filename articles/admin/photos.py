"""The photo library: upload with caption, credit and alt text in one form.

Saving returns as soon as the photo is stored: its renditions are made by a task once the save
commits (articles/images.py, ``make_photo_renditions``), and the photo's page shows which exist.

A photo readers see (a live or scheduled story's lead photo, an author's portrait) is changed
or deleted only by those who may publish: to Reporters its page is read-only and says why.

Originals have no public address. The desk sees a photo through ``PhotoAdmin.preview_view``
(staff who may view photos only; never cached): a rendition when one is made, else the original,
which is stored stripped of its metadata (``articles.photos``).
"""

import uuid
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, get_text_list
from PIL import Image

from articles import services
from articles.admin.translations import wording_inline
from articles.admin.versions import VersionCheckedAdmin
from articles.forms import VersionCheckedForm
from articles.images import (
    ACCEPT_ATTRIBUTE,
    DEFAULT_SHAPES,
    SHAPES,
    rendition_key,
    validate_photo_upload,
)
from articles.models import Article, Author, Photo, PhotoWording, Rendition
from articles.photos.metadata import CONTENT_TYPES, EXTENSIONS, strip_metadata

THUMBNAIL_SIZE = 64
PREVIEW_WIDTH = 320
# The whole picture, on the photo's page, is where the focal point is set by a click
# (static/js/focal-point-picker.js).
FOCAL_PICKER_WIDTH = 320
MAX_PREVIEW_WIDTH = 4000


def preview_url(photo, *, shape=None, width=None):
    """The staff-only address of a photo as the desk sees it: the narrowest JPEG rendition of
    ``shape`` at least ``width`` pixels wide, else the original."""
    url = reverse("admin:articles_photo_preview", args=[quote(photo.pk)])
    query = urlencode({key: value for key, value in (("shape", shape), ("width", width)) if value})
    return f"{url}?{query}" if query else url


def preview_image(photo, *, shape, width, height=None, alt=""):
    """An <img> of the photo for the desk, ``width`` pixels wide (sharp on two-times screens).

    Without ``height`` the picture keeps its proportions: until its renditions are made the
    preview is the original, whatever its shape.
    """
    return format_html(
        '<img src="{}" width="{}"{} alt="{}" loading="lazy">',
        preview_url(photo, shape=shape, width=width * 2),
        width,
        format_html(' height="{}"', height) if height else "",
        alt,
    )


class PhotoUploadField(forms.ImageField):
    """An image field whose errors tell the editor what is wrong and what to do.

    Django's own check answers every problem with one generic sentence and lets
    decompression bombs through as warnings; this one uses ``validate_photo_upload``, which
    also reads the caption and credit the file carries. Then everything else the file carries
    is stripped (``articles.photos.metadata``), here, so that a file that cannot be is refused
    with the form's message rather than at the save.
    """

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        info = validate_photo_upload(upload)
        # Stored under a random name: a file name can itself name a source or a place.
        stripped = strip_metadata(upload, name=f"{uuid.uuid4().hex}.{EXTENSIONS[info.format]}")
        stripped.upload_info = info
        return stripped


class OriginalFileInput(forms.ClearableFileInput):
    """The upload box, with the current original linked to the desk's preview: originals have
    no address of their own (``articles.photos.storage``)."""

    preview_url = None

    def is_initial(self, value):
        return isinstance(value, FieldFile) and bool(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _Link(self.preview_url, "the original, as uploaded")
        return context


class _Link:
    """What the file input's template shows of the current file: a link and a label."""

    def __init__(self, url, label):
        self.url, self.label = url, label

    def __str__(self):
        return self.label


class PhotoForm(VersionCheckedForm):
    PREFILLABLE = ("caption", "credit", "licence")

    image = PhotoUploadField(
        label="Image",
        help_text="JPEG, PNG, WebP or AVIF. Caption, credit and licence are filled in from "
        "the photo's own IPTC/XMP information when left blank; then its location, camera and "
        "every other embedded detail are removed before it is stored. Readers are only ever "
        "sent resized copies.",
        widget=OriginalFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    # A link typed without its scheme ("agency.example/anna") is taken as https://.
    credit_url = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=Photo._meta.get_field("credit_url").max_length,
        label=capfirst(Photo._meta.get_field("credit_url").verbose_name),
        help_text=Photo._meta.get_field("credit_url").help_text,
    )

    class Meta:
        model = Photo
        fields = [
            "image",
            "alt_text",
            "caption",
            "credit",
            "credit_url",
            "licence",
            "may_redistribute",
            "focal_x",
            "focal_y",
        ]
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 3}),
            "alt_text": forms.TextInput(attrs={"size": 80}),
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 1, "step": 0.05}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 1, "step": 0.05}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prefilled = []
        if self.instance.pk is not None and "image" in self.fields:
            self.fields["image"].widget.preview_url = preview_url(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        info = getattr(cleaned_data.get("image"), "upload_info", None)
        if info is None:
            return cleaned_data
        data = None
        for name in self.PREFILLABLE:
            suggestion = getattr(info.suggestions, name)
            if suggestion and not cleaned_data.get(name):
                cleaned_data[name] = suggestion
                self.prefilled.append(name)
                # Shown again if another field needs correcting, so nothing is typed twice.
                data = data if data is not None else self.data.copy()
                data[self.add_prefix(name)] = suggestion
        if data is not None:
            self.data = data
        return cleaned_data


class CreditFilter(admin.SimpleListFilter):
    title = "credit"
    parameter_name = "credit"

    def lookups(self, request, model_admin):
        return [("missing", "Missing credit"), ("present", "Has a credit")]

    def queryset(self, request, queryset):
        missing = Q(credit="")
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "present":
            return queryset.exclude(missing)
        return queryset


@admin.register(Photo)
class PhotoAdmin(VersionCheckedAdmin, admin.ModelAdmin):
    form = PhotoForm
    inlines = [wording_inline(PhotoWording)]
    list_display = ["thumbnail", "__str__", "credit", "size", "uploaded_at", "uploaded_by"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = [CreditFilter, "may_redistribute", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    search_fields = ["caption", "credit", "alt_text"]
    date_hierarchy = "uploaded_at"
    readonly_fields = [
        "size",
        "uploaded_at",
        "uploaded_by",
        "renditions_preview",
        "used_in",
        "focal_point_picker",
        "original",
    ]
    fieldsets = [
        (None, {"fields": ["image", "alt_text", "caption"]}),
        ("Credit and rights", {"fields": ["credit", "credit_url", "licence", "may_redistribute"]}),
        (
            "Cropping",
            {
                "fields": ["focal_point_picker", "focal_x", "focal_y"],
                "description": "Crops to a fixed shape (cards, square thumbnails) keep this "
                "point in view: click it on the whole picture, or type it (0.5 and 0.5 is the "
                "centre; 0, 0 the top left corner), then save and continue editing to see the "
                "new crops.",
            },
        ),
        (
            "What readers get",
            {"fields": ["used_in", "renditions_preview", "size", "uploaded_at", "uploaded_by"]},
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # Nothing readers get before the upload; the focal point is set on the chosen file.
            return [(name, options) for name, options in fieldsets if name != "What readers get"]
        if not self.has_change_permission(request, obj):
            # Read-only, the upload box becomes a link to the original.
            return [
                (name, {**options, "fields": _replaced(options["fields"], "image", "original")})
                for name, options in fieldsets
            ]
        return fieldsets

    # --- the desk's view of a photo --------------------------------------------------------

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view, cacheable=True)
        return [
            path("<path:object_id>/preview/", preview, name="articles_photo_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The photo for the desk's eyes only: the narrowest current JPEG rendition of
        ``?shape=`` at least ``?width=`` pixels wide, else the original.

        Signed-in staff who may view photos only (anyone else is sent to sign in, or refused);
        never cached, by browsers or anything between, and never sniffed for another type.
        """
        photo = self.get_object(request, unquote(object_id))
        if photo is None:
            raise Http404("No such photo.")
        if not self.has_view_permission(request, photo):
            raise PermissionDenied
        rendition = _preview_rendition(photo, request.GET)
        try:
            if rendition is not None:
                handle = rendition.file.storage.open(rendition.file.name, "rb")
                content_type = "image/jpeg"
            else:
                handle = photo.image.storage.open(photo.image.name, "rb")
                content_type = _content_type(handle)
        except OSError as exc:  # gone from the disk
            raise Http404("This photo's file is missing.") from exc
        response = FileResponse(
            handle,
            content_type=content_type or "application/octet-stream",
            as_attachment=content_type is None,
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        response["Cross-Origin-Resource-Policy"] = "same-origin"
        return response

    # --- who may do what -------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if obj is not None and not services.may_change_photo(user=request.user, photo=obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not services.may_change_photo(user=request.user, photo=obj):
            return False
        return super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not self.has_change_permission(request, obj):
            uses = services.photo_live_uses(obj)
            if uses:
                self.message_user(
                    request,
                    f"Readers see this photo as {get_text_list(uses, 'and')}: only editors can "
                    "change it. To use a different picture, upload a new photo.",
                    messages.INFO,
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="Used in")
    def used_in(self, photo):
        if photo.pk is None:
            return "—"
        stories = Article.objects.filter(lead_photo=photo).only("headline", "status")
        portraits = Author.objects.filter(portrait=photo).only("name")
        items = [
            (
                reverse("admin:articles_article_change", args=[story.pk]),
                f"Lead photo of “{story.headline}”",
                "" if story.status == Article.Status.PUBLISHED else " (not published)",
            )
            for story in stories
        ] + [
            (reverse("admin:articles_author_change", args=[a.pk]), f"{a.name}’s portrait", "")
            for a in portraits
        ]
        if not items:
            return "Not used yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}">{}</a>{}</li>', items),
        )

    @admin.display(description="")
    def thumbnail(self, photo):
        return preview_image(photo, shape="1x1", width=THUMBNAIL_SIZE, height=THUMBNAIL_SIZE)

    @admin.display(description="Focal point")
    def focal_point_picker(self, photo):
        if photo.pk is None or not photo.image:
            # The picture is shown from the editor's own computer once chosen (no upload yet).
            return mark_safe(
                '<div class="focal-point-picker"><p style="margin:0;color:var(--body-quiet-color)">'
                "Choose the image above: the whole picture appears here, and a click on it sets "
                "the focal point.</p></div>"
            )
        height = round(FOCAL_PICKER_WIDTH * photo.height / photo.width) if photo.width else None
        return format_html(
            '<div class="focal-point-picker"><img src="{}" width="{}"{} alt="The whole '
            'picture" data-focal-picker title="Click the centre of interest to set the focal '
            'point"></div>',
            preview_url(photo, shape="original", width=FOCAL_PICKER_WIDTH * 2),
            FOCAL_PICKER_WIDTH,
            format_html(' height="{}"', height) if height else "",
        )

    @admin.display(description="Image")
    def original(self, photo):
        if not photo.image:
            return "—"
        return format_html('<a href="{}">The original, as uploaded</a>', preview_url(photo))

    @admin.display(description="Original size", ordering="width")
    def size(self, photo):
        return f"{photo.width} × {photo.height} px" if photo.width else "—"

    @admin.display(description="Renditions")
    def renditions_preview(self, photo):
        if photo.pk is None:
            return "—"
        renditions = list(Rendition.objects.filter(photo=photo).order_by("shape", "width"))
        rows = []
        for shape in DEFAULT_SHAPES:
            of_shape = [r for r in renditions if r.shape == shape]
            preview = min(
                (r for r in of_shape if r.format == Rendition.Format.JPEG),
                key=lambda r: abs(r.width - PREVIEW_WIDTH),
                default=None,
            )
            if preview is None:
                rows.append((shape, "", 0, 0, "not made yet"))
                continue
            widths = sorted({r.width for r in of_shape})
            formats = sorted({r.get_format_display() for r in of_shape})
            summary = (
                f"{len(of_shape)} files: {', '.join(formats)} at {', '.join(map(str, widths))} px"
            )
            scale = min(1, 200 / preview.width)
            rows.append(
                (
                    shape,
                    preview.file.url,
                    round(preview.width * scale),
                    round(preview.height * scale),
                    summary,
                )
            )
        items = format_html_join(
            "",
            '<figure style="margin:0;width:200px">'
            '<img src="{}" width="{}" height="{}" alt="" style="display:block">'
            "<figcaption><strong>{}</strong><br>{}</figcaption></figure>",
            ((url, w, h, shape, summary) for shape, url, w, h, summary in rows if url),
        )
        missing = [shape for shape, url, *_ in rows if not url]
        note = (
            format_html(
                "<p>Not made yet: {}. They are being made in the background: reload this page "
                "in a moment. Until then readers see what exists, or a plain placeholder.</p>",
                ", ".join(missing),
            )
            if missing
            else ""
        )
        return format_html(
            '<div style="display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start">{}</div>'
            "{}<p>Readers are sent only these copies, without EXIF, GPS or IPTC "
            "data.</p>",
            items,
            note,
        )

    def save_model(self, request, obj, form, change):
        services.photo_save(photo=obj, user=request.user)
        if form.prefilled:
            messages.info(
                request,
                f"The {get_text_list(form.prefilled, 'and')} came from the photo's embedded "
                "information: please check them.",
            )


def _replaced(fields, name, replacement):
    return [replacement if field == name else field for field in fields]


def _preview_rendition(photo, query):
    """The JPEG rendition a preview asks for, if one of the photo's current image is made."""
    shape = query.get("shape")
    if shape not in SHAPES:
        return None
    try:
        width = min(max(int(query.get("width", 0)), 0), MAX_PREVIEW_WIDTH)
    except ValueError:
        width = 0
    key = rendition_key(photo, shape)
    candidates = sorted(
        (
            rendition
            for rendition in Rendition.objects.filter(
                photo=photo, shape=shape, format=Rendition.Format.JPEG
            )
            if key in rendition.file.name.rsplit("/", 1)[-1]
        ),
        key=lambda rendition: rendition.width,
    )
    if not candidates:
        return None
    return next((r for r in candidates if r.width >= width), candidates[-1])


def _content_type(handle):
    """What an original is, from its own header (not its name); None when it is no photo."""
    try:
        with Image.open(handle) as probe:
            kind = probe.format
    except Exception:  # An unreadable file is offered as a download, never shown.
        kind = None
    handle.seek(0)
    return CONTENT_TYPES.get(kind)

"""The photo library: upload with caption, credit and alt text in one form.

Saving returns as soon as the photo is stored: its renditions are made by a task once the save
commits (articles/images.py, ``make_photo_renditions``), and the photo's page shows which exist.

A photo readers see (a live or scheduled story's lead photo, an author's portrait) is changed
or deleted only by those who may publish: to Reporters its page is read-only and says why.
"""

import uuid

from django import forms
from django.contrib import admin, messages
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, get_text_list

from articles import services
from articles.admin.versions import VersionCheckedAdmin
from articles.forms import VersionCheckedForm
from articles.images import (
    ACCEPT_ATTRIBUTE,
    DEFAULT_SHAPES,
    get_rendition,
    validate_photo_upload,
)
from articles.models import Article, Author, Photo, Rendition

THUMBNAIL_SIZE = 64
# The stored original's extension follows what the file is, not what it was called.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
PREVIEW_WIDTH = 320
# The whole-frame preview doubles as a focal point picker (change_form.html).
FOCAL_PICKER = mark_safe(
    ' data-focal-picker title="Click the centre of interest to set the focal point"'
)


class PhotoUploadField(forms.ImageField):
    """An image field whose errors tell the editor what is wrong and what to do.

    Django's own check answers every problem with one generic sentence and lets
    decompression bombs through as warnings; this one uses ``validate_photo_upload``.
    """

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        info = validate_photo_upload(upload)
        upload.upload_info = info
        upload.content_type = f"image/{info.format.lower()}"
        # Stored under a random name: the original keeps its EXIF/GPS, so its address must not
        # be guessable, and a file name can itself name a source.
        upload.name = f"{uuid.uuid4().hex}.{EXTENSIONS[info.format]}"
        return upload


class PhotoForm(VersionCheckedForm):
    PREFILLABLE = ("caption", "credit", "licence")

    image = PhotoUploadField(
        label="Image",
        help_text="JPEG, PNG, WebP or AVIF. Readers are only ever sent resized copies without "
        "camera, location or other embedded data. Caption, credit and licence are "
        "filled in from the photo's own IPTC/XMP information when left blank.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
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
    list_display = ["thumbnail", "__str__", "credit", "size", "uploaded_at", "uploaded_by"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = [CreditFilter, "may_redistribute", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    search_fields = ["caption", "credit", "alt_text"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["size", "uploaded_at", "uploaded_by", "renditions_preview", "used_in"]
    fieldsets = [
        (None, {"fields": ["image", "alt_text", "caption"]}),
        ("Credit and rights", {"fields": ["credit", "credit_url", "licence", "may_redistribute"]}),
        (
            "Cropping",
            {
                "fields": ["focal_x", "focal_y"],
                "description": "Crops to a fixed shape (cards, square thumbnails) keep this "
                "point in view: click it on the “original” preview below, or type it (0.5 "
                "and 0.5 is the centre; 0, 0 the top left corner), then save and continue "
                "editing to see the new crops.",
            },
        ),
        (
            "What readers get",
            {"fields": ["used_in", "renditions_preview", "size", "uploaded_at", "uploaded_by"]},
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # The list shows one small square per photo: fetch only those renditions, in one query.
        return queryset.prefetch_related(
            Prefetch(
                "renditions",
                queryset=Rendition.objects.filter(shape="1x1", format=Rendition.Format.JPEG),
            )
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return [fieldset for fieldset in fieldsets if fieldset[0] != "What readers get"]
        return fieldsets

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
        rendition = get_rendition(
            photo, shape="1x1", width=THUMBNAIL_SIZE * 2, format=Rendition.Format.JPEG
        )
        if rendition is None:
            return "—"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" loading="lazy" '
            'style="display:block;border-radius:3px">',
            rendition.file.url,
            THUMBNAIL_SIZE,
            THUMBNAIL_SIZE,
        )

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
            '<img src="{}" width="{}" height="{}" alt="" style="display:block"{}>'
            "<figcaption><strong>{}</strong><br>{}</figcaption></figure>",
            (
                (url, w, h, FOCAL_PICKER if shape == "original" else "", shape, summary)
                for shape, url, w, h, summary in rows
                if url
            ),
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

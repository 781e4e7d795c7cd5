from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from taggit.admin import TagAdmin
from taggit.models import Tag

from articles import services
from articles.admin.live import LiveBlogAdmin
from articles.admin.permissions import PublishersOnlyAdmin
from articles.admin.photos import preview_image
from articles.admin.rails import ArticleViewsMixin, PinnedRelatedInline
from articles.admin.revisions import RevisionsAdmin
from articles.admin.translations import TranslationsAdmin, wording_inline
from articles.admin.versions import VersionCheckedAdmin
from articles.forms import (
    PUBLISH_NOW,
    SAVE_DRAFT,
    SCHEDULE,
    SEND_FOR_REVIEW,
    STORY_ACTIONS,
    TAKE_DOWN,
    ArticleAdminForm,
    BylineFormSet,
)
from articles.images import get_rendition
from articles.models import (
    Article,
    Author,
    AuthorWording,
    Byline,
    Correction,
    Photo,
    Region,
    RegionWording,
    Rendition,
    SlugRedirect,
    TagWording,
)


def _thumbnail(photo, size=64):
    """A small 3:2 rendition: never the original upload, which may still carry metadata."""
    rendition = get_rendition(photo, shape="3x2", width=size * 2) if photo else None
    if rendition is None:
        return mark_safe('<span class="desk-thumb desk-thumb--empty" aria-hidden="true"></span>')
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" class="desk-thumb" loading="lazy" '
        'style="object-fit:cover;border-radius:3px">',
        rendition.file.url,
        size,
        round(size * 2 / 3),
    )


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "nav_order", "in_navigation"]
    list_editable = ["nav_order", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["parent"]
    inlines = [wording_inline(RegionWording)]


admin.site.unregister(Tag)


@admin.register(Tag)
class DeskTagAdmin(TagAdmin):
    """taggit's tag admin, its merge for editors only: merging rewrites the tags of live stories,
    and taggit offers it to anyone who may view tags and never checks who posts the merge."""

    inlines = [*TagAdmin.inlines, wording_inline(TagWording)]

    def may_merge(self, request):
        return (
            services.can_publish(request.user)
            and self.has_change_permission(request)
            and self.has_delete_permission(request)
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.may_merge(request):
            actions.pop("render_tag_form", None)
        return actions

    def merge_tags_view(self, request):
        if not self.may_merge(request):
            raise PermissionDenied
        return super().merge_tags_view(request)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["portrait_thumbnail", "name", "role", "user"]
    list_display_links = ["portrait_thumbnail", "name"]
    list_select_related = ["portrait", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "role"]
    autocomplete_fields = ["portrait"]
    fields = ["name", "slug", "role", "bio", "portrait", "user"]
    inlines = [wording_inline(AuthorWording)]

    @admin.display(description="")
    def portrait_thumbnail(self, author):
        return _thumbnail(author.portrait, size=40)


class BylineInline(admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    fields = ["author", "order"]
    autocomplete_fields = ["author"]
    extra = 1
    verbose_name = "author"
    verbose_name_plural = "byline (authors in the order they are credited; lower numbers first)"


class CorrectionInline(admin.StackedInline):
    model = Correction
    fields = ["made_at", "text"]
    extra = 0
    verbose_name_plural = "corrections (shown, dated, at the foot of the story)"


class PublicationStateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("live", "Published (live)"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "review":
                return queryset.filter(status=Article.Status.REVIEW)
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
        return queryset


STATE_STYLE = {
    "draft": ("Draft", "#5f6368", "#eceff1"),
    "review": ("In review", "#8a5a00", "#fff3cd"),
    "scheduled": ("Scheduled", "#1d4f91", "#e3edfb"),
    "live": ("Live", "#1e6b34", "#e3f4e7"),
}


def publication_state(article):
    if article.status == Article.Status.PUBLISHED:
        return "scheduled" if article.is_scheduled else "live"
    return article.status


def _newsroom_time(moment):
    return timezone.localtime(moment).strftime("%-d %B %Y, %H:%M")


def publication_state_text(article):
    """Where the story stands, said plainly at the top of its form."""
    if article is None or article.pk is None:
        return "New story: not saved yet"
    state = publication_state(article)
    if state == "scheduled":
        return f"Scheduled for {_newsroom_time(article.published_at)}"
    if state == "live":
        return f"Live since {_newsroom_time(article.published_at)}"
    return STATE_STYLE[state][0]


def story_actions(article, *, can_publish):
    """The buttons of the story form, for this story and this person: (name, label, primary).

    The first is what pressing Enter in a field does, so it never changes who can see the story.
    """
    state = publication_state(article) if article is not None and article.pk else "draft"
    if not can_publish:
        if state == "review":
            return [
                (SEND_FOR_REVIEW, "Save, still in review", True),
                (SAVE_DRAFT, "Back to draft", False),
            ]
        return [(SAVE_DRAFT, "Save draft", False), (SEND_FOR_REVIEW, "Send for review", True)]
    if state == "live":
        return [
            (PUBLISH_NOW, "Update live story", True),
            (TAKE_DOWN, "Take down (back to draft)", False),
        ]
    if state == "scheduled":
        return [
            (SCHEDULE, "Update scheduled story", True),
            (PUBLISH_NOW, "Publish now instead", False),
            (TAKE_DOWN, "Take down (back to draft)", False),
        ]
    keep = (
        (SEND_FOR_REVIEW, "Save, still in review")
        if state == "review"
        else (SAVE_DRAFT, "Save draft")
    )
    return [
        (*keep, False),
        (PUBLISH_NOW, "Publish now", True),
        (SCHEDULE, "Schedule for the publication time", False),
        *([(SAVE_DRAFT, "Back to draft", False)] if state == "review" else []),
    ]


@admin.register(Article)
class ArticleAdmin(
    TranslationsAdmin,
    VersionCheckedAdmin,
    RevisionsAdmin,
    LiveBlogAdmin,
    ArticleViewsMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "thumbnail",
        "headline",
        "state_label",
        "primary_region",
        "byline",
        "published_at",
        "modified_at",
        "views_24h",
        "views_7d",
    ]
    list_display_links = ["thumbnail", "headline"]
    list_filter = [
        PublicationStateFilter,
        ("primary_region", admin.RelatedOnlyFieldListFilter),
        ("authors", admin.RelatedOnlyFieldListFilter),
        "published_at",
    ]
    list_select_related = ["primary_region", "lead_photo"]
    list_per_page = 50
    date_hierarchy = "published_at"
    search_fields = ["headline", "standfirst"]
    search_help_text = "Search headlines and standfirsts."
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["lead_photo", "primary_region", "regions"]
    readonly_fields = ["lead_photo_preview", "desk_history", "translations"]
    inlines = [BylineInline, CorrectionInline, PinnedRelatedInline]
    actions = ["publish_now", "back_to_draft"]
    fieldsets = [
        ("Story", {"fields": ["headline", "slug", "standfirst", "body"]}),
        (
            "Lead photo",
            {
                "fields": ["lead_photo", "lead_photo_preview", "lead_photo_caption"],
                "description": "A story is published only with a lead photo that has a credit "
                "and alt text.",
            },
        ),
        (
            "Where it belongs",
            {"fields": ["language", "translations", "primary_region", "regions", "tags"]},
        ),
        (
            "Publishing",
            {
                "fields": ["published_at", "updated_at", "desk_history"],
                "description": "The buttons below the form decide what happens to the story: "
                "“Publish now” puts it live at once; to schedule it, set a future publication "
                "time and press “Schedule”. Scheduled stories go live by themselves at that "
                "time.",
            },
        ),
    ]

    def get_queryset(self, request):
        # One query for the list's thumbnails: only the small 3:2 JPEG renditions.
        thumbnails = Rendition.objects.filter(shape="3x2", format=Rendition.Format.JPEG)
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "bylines__author", Prefetch("lead_photo__renditions", queryset=thumbnails)
            )
        )

    # --- who may do what -------------------------------------------------------------------

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        # Reporters write drafts; once a story is published (or scheduled) only editors touch it.
        if (
            obj is not None
            and obj.status == Article.Status.PUBLISHED
            and not services.can_publish(request.user)
        ):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not services.can_publish(request.user):
            readonly.append("published_at")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if services.can_publish(request.user):
            return fieldsets
        *writing, (title, options) = fieldsets
        reporter_note = (
            "Save drafts as often as you like. When the story is ready, press “Send for "
            "review”: an editor checks it and publishes it."
        )
        return [*writing, (title, {**options, "description": reporter_note})]

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)  # with a live blog's updates (admin/live.py)
        if services.can_publish(request.user):
            return inlines
        return [inline for inline in inlines if inline is not PinnedRelatedInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"can_publish": services.can_publish(request.user)})

    # --- the lead photo preview, following the editor's choice --------------------------

    def get_urls(self):
        preview = self.admin_site.admin_view(self.lead_photo_preview_view)
        return [
            path("lead-photo-preview/", preview, name="articles_article_lead_photo_preview"),
            *super().get_urls(),
        ]

    def lead_photo_preview_view(self, request):
        """The "Lead photo as readers see it" block for ``?photo=<id>`` (none: no photo), which
        static/js/lead-photo-preview.js swaps in when the editor picks or uploads another."""
        if not (
            self.has_add_permission(request) or self.has_change_permission(request)
        ) or not request.user.has_perm("articles.view_photo"):
            raise PermissionDenied
        chosen = request.GET.get("photo", "")
        photo = None
        if chosen:
            if not chosen.isascii() or not chosen.isdigit() or len(chosen) > 18:
                raise Http404("No such photo.")
            photo = Photo.objects.filter(pk=int(chosen)).first()
            if photo is None:
                raise Http404("No such photo.")
        response = HttpResponse(self.lead_photo_preview(Article(lead_photo=photo)))
        response["Cache-Control"] = "private, no-store"
        return response

    def view_on_site(self, article):
        if article.is_published:
            return article.get_absolute_url()
        return reverse("articles:preview", kwargs={"pk": article.pk})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if (
            obj is not None
            and obj.status == Article.Status.PUBLISHED
            and not self.has_change_permission(request, obj)
        ):
            self.message_user(
                request,
                "This story is published or scheduled: only editors can change it.",
                messages.INFO,
            )
        may_publish = services.can_publish(request.user)
        # A refused form has already put what was typed and pressed on ``obj``.
        adminform = context.get("adminform")
        stored = getattr(adminform.form, "stored", obj) if adminform is not None else obj
        context.update(
            can_publish=may_publish,
            publication_state=publication_state_text(stored),
            story_actions=story_actions(stored, can_publish=may_publish),
            preview_url=reverse("articles:preview", kwargs={"pk": obj.pk}) if obj else None,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- saving --------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        services.article_save(article=obj, user=request.user)

    def _story_action(self, request):
        """The action button pressed on the story form (not in a popup), or None."""
        if IS_POPUP_VAR in request.POST:
            return None
        pressed = [name for name in STORY_ACTIONS if name in request.POST]
        return pressed[0] if len(pressed) == 1 else None

    def _after_action(self, request, obj):
        """Say what the button did, and stay on the story: the state line shows the result."""
        if obj.is_published:
            message = f"“{obj}” is live."
        elif obj.is_scheduled:
            message = f"“{obj}” is scheduled: it goes live on {_newsroom_time(obj.published_at)}."
        elif obj.status == Article.Status.REVIEW:
            message = f"“{obj}” is saved and waiting for an editor to review it."
        elif TAKE_DOWN in request.POST:
            message = f"“{obj}” was taken down: readers no longer see it. It is a draft again."
        else:
            message = f"“{obj}” is saved as a draft. Readers cannot see it."
        self.message_user(request, message, messages.SUCCESS)
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        preserved = {"preserved_filters": self.get_preserved_filters(request), "opts": obj._meta}
        return HttpResponseRedirect(add_preserved_filters(preserved, url))

    def response_add(self, request, obj, post_url_continue=None):
        if self._story_action(request):
            return self._after_action(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self._story_action(request):
            return self._after_action(request, obj)
        return super().response_change(request, obj)

    # --- list columns --------------------------------------------------------------------

    @admin.display(description="")
    def thumbnail(self, article):
        return _thumbnail(article.lead_photo)

    @admin.display(description="status", ordering="status")
    def state_label(self, article):
        label, color, background = STATE_STYLE[publication_state(article)]
        return format_html(
            '<span style="display:inline-block;padding:2px 8px;border-radius:10px;'
            'font-weight:600;color:{};background:{}">{}</span>',
            color,
            background,
            label,
        )

    @admin.display(description="by")
    def byline(self, article):
        return format_html_join(", ", "{}", ((b.author.name,) for b in article.bylines.all()))

    @admin.display(description="Lead photo as readers see it")
    def lead_photo_preview(self, article):
        photo = article.lead_photo if article else None
        if photo is None:
            return "No lead photo chosen yet."
        missing = [
            label
            for label, value in (("credit", photo.credit), ("alt text", photo.alt_text))
            if not value.strip()
        ]
        return format_html(
            '{}<div style="margin-top:.4rem">Credit: {}<br>Alt text: {}</div>{}',
            preview_image(photo, shape="3x2", width=240),
            photo.credit or "—",
            photo.alt_text or "—",
            format_html(
                '<p style="color:#a4161a;font-weight:600">Missing {}: edit the photo before '
                "publishing.</p>",
                " and ".join(missing),
            )
            if missing
            else "",
        )

    @admin.display(description="desk history")
    def desk_history(self, article):
        if not article or not article.pk:
            return "Not saved yet."
        created_by = article.created_by or "someone"
        modified_by = article.modified_by or "someone"
        return format_html(
            "Created by {} on {}.<br>Last changed by {} on {}.",
            created_by,
            timezone.localtime(article.created_at).strftime("%-d %b %Y, %H:%M"),
            modified_by,
            timezone.localtime(article.modified_at).strftime("%-d %b %Y, %H:%M"),
        )

    # --- bulk actions --------------------------------------------------------------------

    @admin.action(description="Publish selected stories now", permissions=["publish"])
    def publish_now(self, request, queryset):
        published, refused = 0, []
        for article in queryset.select_related("lead_photo"):
            try:
                services.article_publish(article=article, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                reasons = "; ".join(
                    message
                    for messages_ in getattr(error, "message_dict", {"": [str(error)]}).values()
                    for message in messages_
                )
                refused.append(f"“{article}”: {reasons}")
            else:
                published += 1
        if published:
            self.message_user(request, f"Published {published} stories.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, f"Not published, {line}", messages.ERROR)

    @admin.action(description="Take selected stories down (back to draft)", permissions=["publish"])
    def back_to_draft(self, request, queryset):
        count = 0
        for article in queryset.filter(~Q(status=Article.Status.DRAFT)):
            services.article_unpublish(article=article, user=request.user)
            count += 1
        self.message_user(request, f"{count} stories are drafts again.", messages.SUCCESS)


@admin.register(SlugRedirect)
class SlugRedirectAdmin(PublishersOnlyAdmin, admin.ModelAdmin):
    """Old addresses of published stories; made automatically when an editor renames one.

    No story can take an address that redirects: deleting the redirect here frees it, and that
    ends the old links, so it is for those who may publish only.
    """

    list_display = ["old_slug", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__headline", "article__slug"]
    autocomplete_fields = ["article"]
    date_hierarchy = "created_at"

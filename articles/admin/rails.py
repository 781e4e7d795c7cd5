"""The rails in the admin: Editor's Picks, pinned related stories, views per story."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join

from articles import services
from articles.admin.permissions import PublishersOnlyAdmin
from articles.admin.versions import VersionCheckedAdmin
from articles.forms import VersionCheckedForm
from articles.models import Article, EditorsPick, PinnedRelated
from articles.rails import picks

AUTOCOMPLETE_URL_NAME = "articles_published_article_autocomplete"
MOVES = [("top", "⤒", "Move to the top"), ("up", "↑", "Move up"), ("down", "↓", "Move down")]


class PublishedArticleAutocomplete(AutocompleteJsonView):
    """The admin's article search, limited to stories readers can see now."""

    def get_queryset(self):
        published = Article.objects.published().values("pk")
        return super().get_queryset().filter(pk__in=published)


class PublishedArticleSelect(AutocompleteSelect):
    url_name = "%s:" + AUTOCOMPLETE_URL_NAME


def not_published_reason(article, now=None):
    """Why ``article`` cannot be picked or pinned yet, or None when it is live."""
    now = now or timezone.now()
    if article.is_published:
        return None
    if article.is_scheduled:
        when = date_format(timezone.localtime(article.published_at), "j F Y, H:i")
        return f"“{article}” is scheduled for {when}; it can be chosen once it is live."
    return f"“{article}” is {article.get_status_display().lower()}, not published."


class EditorsPickForm(VersionCheckedForm):
    class Meta:
        model = EditorsPick
        fields = ["article", "starts_at", "ends_at"]

    def clean_article(self):
        article = self.cleaned_data["article"]
        reason = not_published_reason(article)
        if reason:
            raise ValidationError(f"Only published stories can be Editor’s Picks. {reason}")
        return article

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article")
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The pick must end after it starts.")
            return cleaned
        if article:
            overlapping = EditorsPick.objects.filter(article=article).exclude(pk=self.instance.pk)
            if starts:
                overlapping = overlapping.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=starts))
            if ends:
                overlapping = overlapping.filter(Q(starts_at__isnull=True) | Q(starts_at__lt=ends))
            if overlapping.exists():
                self.add_error(
                    "article",
                    "This story is already a pick at those times; change that pick instead.",
                )
        return cleaned


@admin.register(EditorsPick)
# Picks are on the home page the moment they are saved: for those who may publish only.
class EditorsPickAdmin(VersionCheckedAdmin, PublishersOnlyAdmin, admin.ModelAdmin):
    form = EditorsPickForm
    autocomplete_fields = ["article"]
    list_display = ["position", "headline", "on_the_site", "starts_at", "ends_at", "move"]
    list_display_links = ["headline"]
    list_select_related = ["article"]
    list_per_page = 200
    search_fields = ["article__headline"]
    ordering = ["order", "pk"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "published-articles/",
                view(PublishedArticleAutocomplete.as_view(admin_site=self.admin_site)),
                name=AUTOCOMPLETE_URL_NAME,
            ),
            path(
                "<int:pick_id>/move/<str:direction>/",
                view(self.move_view),
                name="articles_editorspick_move",
            ),
            *super().get_urls(),
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["widget"] = PublishedArticleSelect(db_field, self.admin_site)
            kwargs["help_text"] = "Only published stories can be picked; type to search."
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        now = timezone.now()
        live = EditorsPick.objects.live(now).filter(article__in=Article.objects.published(at=now))
        ahead = Q(order__lt=OuterRef("order")) | Q(order=OuterRef("order"), pk__lt=OuterRef("pk"))

        def count(picks_ahead):
            # COUNT without GROUP BY: always exactly one row, 0 when nothing is ahead.
            counted = picks_ahead.order_by().annotate(n=Func(F("pk"), function="COUNT"))
            return Subquery(counted.values("n"), output_field=IntegerField())

        return (
            super()
            .get_queryset(request)
            .annotate(
                picks_ahead=count(EditorsPick.objects.filter(ahead)),
                live_ahead=count(live.filter(ahead)),
            )
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "subtitle": (
                f"Readers see the first {settings.EDITORS_PICKS_COUNT} picks shown as "
                "“On the site”, in this order. Use the arrows to reorder."
            ),
        }
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.order = picks.next_order()
        services.pick_save(pick=obj, user=request.user)

    @admin.display(description="#")
    def position(self, pick):
        return pick.picks_ahead + 1

    @admin.display(description="Story", ordering="article__headline")
    def headline(self, pick):
        return pick.article.headline

    @admin.display(description="Status")
    def on_the_site(self, pick):
        now = timezone.now()
        reason = not_published_reason(pick.article, now)
        if reason:
            return "Hidden: story not published"
        if pick.starts_at and pick.starts_at > now:
            return "Waiting for its start"
        if pick.ends_at and pick.ends_at <= now:
            return "Ended"
        if pick.live_ahead < settings.EDITORS_PICKS_COUNT:
            return "On the site"
        return f"Live, below the first {settings.EDITORS_PICKS_COUNT}"

    @admin.display(description="Move")
    def move(self, pick):
        # Buttons of the changelist's own form (which carries the CSRF token) posting elsewhere.
        return format_html_join(
            " ",
            '<button type="submit" class="button" formmethod="post" formaction="{}" '
            'title="{}" aria-label="{}: {}">{}</button>',
            (
                (
                    reverse("admin:articles_editorspick_move", args=[pick.pk, direction]),
                    label,
                    label,
                    pick.article.headline,
                    symbol,
                )
                for direction, symbol, label in MOVES
            ),
        )

    def move_view(self, request, pick_id, direction):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        if direction not in {move[0] for move in MOVES}:
            messages.error(request, "That is not a way to move a pick.")
        else:
            pick = get_object_or_404(EditorsPick.objects.select_related("article"), pk=pick_id)
            picks.move_pick(pick_id=pick.pk, direction=direction)
            messages.success(request, f"Moved “{pick.article.headline}” {direction}.")
        return HttpResponseRedirect(reverse("admin:articles_editorspick_changelist"))


class PinnedRelatedForm(forms.ModelForm):
    class Meta:
        model = PinnedRelated
        fields = ["related", "order"]

    def clean_related(self):
        related = self.cleaned_data["related"]
        parent = self.instance.article if self.instance.article_id else None
        if parent is not None and related.pk == parent.pk:
            raise ValidationError("A story cannot be related to itself.")
        reason = not_published_reason(related)
        if reason:
            raise ValidationError(f"Only published stories can be pinned. {reason}")
        return related


class PinnedRelatedInline(admin.TabularInline):
    """Related stories an editor chooses by hand; they come before the automatic ones."""

    model = PinnedRelated
    fk_name = "article"
    form = PinnedRelatedForm
    autocomplete_fields = ["related"]
    extra = 0
    verbose_name = "pinned related story"
    verbose_name_plural = "Related stories pinned by hand (shown first, lowest position first)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "related":
            kwargs["widget"] = PublishedArticleSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "order":
            field.label = "Position"
            field.help_text = "Lower comes first; equal positions go by relevance."
        return field


class ArticleViewsMixin:
    """Adds the reads of the last 24 hours and 7 days to the story list, in the same query."""

    def get_queryset(self, request):
        return super().get_queryset(request).with_view_counts()

    @admin.display(description="Views 24h", ordering="views_24h")
    def views_24h(self, article):
        return article.views_24h

    @admin.display(description="Views 7d", ordering="views_7d")
    def views_7d(self, article):
        return article.views_7d

"""Live blogs on the desk: starting and closing one, and posting its updates.

Editors start and close a live blog (the story's "Live blog" button, or the list's actions)
and post, correct and remove updates from the story's page (an inline, newest first).
Reporters cannot change a published story, so they post from "Live updates" (the story's
"Post a live update" link): to a running live blog they have a byline on. Every change goes
through ``articles.services``.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator

from articles import services
from articles.models import Article, Author, LiveUpdate

UPDATE_FIELDS = ["text", "photo", "photo_caption", "author"]


def _messages(error):
    if hasattr(error, "message_dict"):
        return [message for found in error.message_dict.values() for message in found]
    return list(getattr(error, "messages", [str(error)]))


def _check(form, update, user):
    """Put on ``form`` why ``update`` cannot be saved by ``user``, if it cannot."""
    for field, found in services.live_update_problems(update=update).items():
        for message in found:
            form.add_error(field if field in form.fields else None, message)
    article = update.article
    if update.pk is None:
        allowed = services.may_post_live_update(user=user, article=article)
    else:
        allowed = services.may_change_live_update(user=user, update=update)
    if not allowed:
        form.add_error(
            None,
            "You can post updates to a running live blog you have a byline on; editors post "
            "to any and correct them after it ends."
            if article.is_live or update.pk
            else "This live blog has ended: start it again before posting.",
        )


class LiveUpdateFormSet(BaseInlineFormSet):
    user = None  # set by the inline, per request

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or not hasattr(form, "cleaned_data"):
                continue
            if form.cleaned_data.get("DELETE") or form.errors:
                continue
            update = form.instance
            update.article = self.instance
            _check(form, update, self.user)


WIDGETS = {
    "text": forms.Textarea(attrs={"rows": 4, "cols": 80}),
    "photo_caption": forms.Textarea(attrs={"rows": 2, "cols": 80}),
}


class LiveUpdateInline(admin.StackedInline):
    model = LiveUpdate
    formset = LiveUpdateFormSet
    template = "admin/articles/liveupdate/stacked.html"
    fields = ["posted", *UPDATE_FIELDS]
    readonly_fields = ["posted"]
    autocomplete_fields = ["photo", "author"]
    verbose_name = "live update"
    verbose_name_plural = "live updates (newest first; readers see a new one within a minute)"

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-posted_at", "-pk")

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is not None and obj.is_live else 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, widgets=WIDGETS, **kwargs)
        return type(formset.__name__, (formset,), {"user": request.user})

    @admin.display(description="posted")
    def posted(self, update):
        if update is None or update.pk is None:
            return "When you save: now."
        return format_html(
            '{} · <a href="{}" target="_blank" rel="noopener">#{}</a>',
            timezone.localtime(update.posted_at).strftime("%-d %b %Y, %H:%M"),
            update.get_absolute_url(),
            update.anchor,
        )


class LiveBlogAdmin:
    """For ``ArticleAdmin``: the live blog's updates inline, its button and its actions."""

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if obj is not None and obj.is_live_blog and services.can_publish(request.user):
            inlines.insert(0, LiveUpdateInline)
        return inlines

    def save_formset(self, request, form, formset, change):
        if formset.model is not LiveUpdate:
            return super().save_formset(request, form, formset, change)
        for update in formset.save(commit=False):
            services.live_update_save(update=update, user=request.user)
        for update in formset.deleted_objects:
            services.live_update_delete(update=update, user=request.user)

    def get_urls(self):
        view = self.admin_site.admin_view(self.live_blog_view)
        return [
            path("<path:object_id>/live-blog/", view, name="articles_article_live_blog"),
            *super().get_urls(),
        ]

    def live_blog_view(self, request, object_id):
        """Ask, then start (or close) the story's live blog: a POST from this page only."""
        if not services.can_publish(request.user):
            raise PermissionDenied
        if not (object_id.isascii() and object_id.isdigit() and len(object_id) <= 18):
            raise Http404("No such story.")
        article = get_object_or_404(Article, pk=int(object_id))
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if request.method == "POST":
            try:
                if article.is_live:
                    services.live_blog_close(article=article, user=request.user)
                    done = f"The live blog “{article}” has ended; its updates stay."
                else:
                    services.live_blog_start(article=article, user=request.user)
                    done = f"“{article}” is a live blog: post its updates below."
            except (ValidationError, services.EditConflict) as error:
                for message in _messages(error):
                    self.message_user(request, message, messages.ERROR)
            else:
                self.message_user(request, done, messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": "Close the live blog" if article.is_live else "Make this a live blog",
            "change_url": change_url,
            "can_start": article.status == Article.Status.PUBLISHED,
        }
        return TemplateResponse(request, "admin/articles/article/live_blog.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(
                may_run_live_blog=services.can_publish(request.user)
                and obj.status == Article.Status.PUBLISHED,
                may_post_live_update=services.may_post_live_update(user=request.user, article=obj),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if services.can_publish(request.user):
            for name in ("start_live_blog", "close_live_blog"):
                actions[name] = self.get_action(name)
        return actions

    @admin.action(description="Make the selected stories live blogs", permissions=["publish"])
    def start_live_blog(self, request, queryset):
        self._each(request, queryset, services.live_blog_start, "Live blogs now: {}.")

    @admin.action(
        description="Close the live blogs of the selected stories", permissions=["publish"]
    )
    def close_live_blog(self, request, queryset):
        self._each(request, queryset, services.live_blog_close, "Live blogs ended: {}.")

    def _each(self, request, queryset, service, done):
        changed = []
        for article in queryset:
            try:
                service(article=article, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                for message in _messages(error):
                    self.message_user(request, f"“{article}”: {message}", messages.ERROR)
            else:
                changed.append(f"“{article}”")
        if changed:
            self.message_user(request, done.format(", ".join(changed)), messages.SUCCESS)


class LiveUpdateForm(forms.ModelForm):
    user = None  # set by the admin, per request

    class Meta:
        model = LiveUpdate
        fields = ["article", *UPDATE_FIELDS]
        widgets = WIDGETS

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article") if "article" in self.fields else self.instance.article
        if self.errors or article is None:
            return cleaned
        update = self.instance
        update.article = article
        for field in UPDATE_FIELDS:
            setattr(update, field, cleaned.get(field))
        _check(self, update, self.user)
        return cleaned


@admin.register(LiveUpdate)
class LiveUpdateAdmin(admin.ModelAdmin):
    """Every live blog's updates; where reporters post theirs."""

    form = LiveUpdateForm
    list_display = ["posted_at", "article", "author", "excerpt"]
    list_display_links = ["posted_at", "excerpt"]
    list_select_related = ["article", "author"]
    list_filter = [("article", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["text", "article__headline"]
    readonly_fields = ["posted_at"]
    autocomplete_fields = ["photo", "author"]
    date_hierarchy = "posted_at"

    def get_fields(self, request, obj=None):
        return ["article", *UPDATE_FIELDS] if obj is None else ["posted_at", *UPDATE_FIELDS]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            # Running live blogs only (a handful); a reporter's own.
            running = Article.objects.filter(live_since__isnull=False, live_until__isnull=True)
            if not services.can_publish(request.user):
                running = running.filter(bylines__author__user=request.user)
            kwargs["queryset"] = running.distinct().order_by("-live_since")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "article" and formfield is not None:
            # Stories are written and made live blogs on their own pages, not from here.
            for power in ("can_add_related", "can_change_related", "can_delete_related"):
                setattr(formfield.widget, power, False)
        return formfield

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).values_list("pk", flat=True).first()
        if author is not None:
            initial.setdefault("author", author)
        return initial

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return services.may_change_live_update(user=request.user, update=obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return services.may_change_live_update(user=request.user, update=obj)

    def save_model(self, request, obj, form, change):
        services.live_update_save(update=obj, user=request.user)

    def delete_model(self, request, obj):
        services.live_update_delete(update=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for update in queryset.select_related("article"):
            services.live_update_delete(update=update, user=request.user)

    @admin.display(description="update")
    def excerpt(self, update):
        return Truncator(strip_tags(update.text)).words(16)

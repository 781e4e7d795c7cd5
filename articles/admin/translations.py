"""Editions on the desk: a story's translations, and making one.

Every story belongs to one edition (``Article.language``). Stories translating each other are
one translation group: the story first written and the translations pointing at it
(``translation_of``). From a story's form an editor or reporter starts a translation into an
edition the group lacks: a draft there with the same lead photo, regions, tags and bylines,
its words still to be translated (``services.article_translate``).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles import services
from articles.models import Article
from newsroom import editions


def group_of(article):
    """The other stories of ``article``'s group, from what ``TranslationsAdmin`` prefetched
    (no query): its original and the original's other translations, or its translations."""
    if article.translation_of_id is None:
        return list(article.translations.all())
    original = article.translation_of
    return [original, *(s for s in original.translations.all() if s.pk != article.pk)]


class TranslationFilter(admin.SimpleListFilter):
    title = "translation"
    parameter_name = "translated"

    def lookups(self, request, model_admin):
        return [
            ("yes", "Has a translation"),
            ("no", "Has no translation"),
            *(
                (f"lacks-{code}", f"Not yet in {name}")
                for code, name in editions.choices()
                if code != editions.default()
            ),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        translated = Q(translation_of__isnull=False) | Q(translations__isnull=False)
        if value == "yes":
            return queryset.filter(translated).distinct()
        if value == "no":
            return queryset.exclude(translated)
        if value and value.startswith("lacks-"):
            code = value.removeprefix("lacks-")
            in_edition = Article.objects.filter(language=code)
            has_it = (
                Q(pk__in=in_edition.filter(translation_of__isnull=False).values("translation_of"))
                | Q(translation_of__in=in_edition.values("pk"))
                | Q(translation_of__translations__language=code)
            )
            return queryset.exclude(language=code).exclude(has_it)
        return queryset


class TranslationsAdmin:
    """The article admin's editions: columns, a filter, the group on the form, translating."""

    def get_queryset(self, request):
        siblings = Article.objects.only("pk", "headline", "language", "translation_of_id")
        return (
            super()
            .get_queryset(request)
            # With the list's own joins: the change list adds them only to a queryset that
            # has none.
            .select_related("translation_of", *(self.list_select_related or ()))
            .prefetch_related(
                Prefetch("translations", queryset=siblings),
                Prefetch("translation_of__translations", queryset=siblings),
            )
        )

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if len(editions.codes()) > 1:
            shown[3:3] = ["edition", "translated"]
        return shown

    def get_list_filter(self, request):
        shown = list(super().get_list_filter(request))
        if len(editions.codes()) > 1:
            shown[1:1] = ["language", TranslationFilter]
        return shown

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if len(editions.codes()) > 1:
            return fieldsets
        return [
            (title, {**options, "fields": [f for f in options["fields"] if f not in EDITIONS]})
            for title, options in fieldsets
        ]

    @admin.display(description="edition", ordering="language")
    def edition(self, article):
        return article.language

    @admin.display(description="in other editions")
    def translated(self, article):
        group = {story.language: story for story in group_of(article)}
        return format_html_join(
            " ",
            '<a href="{}" title="{}">{}</a>',
            (
                (_change_url(group[code]), group[code].headline, code)
                for code in editions.others(article.language)
                if code in group
            ),
        ) or format_html('<span style="color:var(--body-quiet-color)">{}</span>', "—")

    @admin.display(description="translations")
    def translations(self, article):
        if article is None or article.pk is None:
            return "Save the story first: then it can be translated into the other editions."
        group = {story.language: story for story in group_of(article)}
        rows = []
        for code in editions.others(article.language):
            if code in group:
                story = group[code]
                rows.append(
                    format_html(
                        '<li>{}: <a href="{}">{}</a> ({})</li>',
                        editions.name(code),
                        _change_url(story),
                        story.headline,
                        "translates this story"
                        if story.translation_of_id == article.pk
                        else "the original"
                        if story.pk == article.translation_of_id
                        else "another translation",
                    )
                )
            else:
                rows.append(
                    format_html(
                        '<li>{}: none yet · <a href="{}">Translate into {}</a></li>',
                        editions.name(code),
                        reverse("admin:articles_article_translate", args=[article.pk, code]),
                        editions.name(code),
                    )
                )
        return format_html(
            '<ul style="margin:0;padding:0 0 0 1rem">{}</ul>',
            format_html_join("", "{}", ((row,) for row in rows)),
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(self.translate_view),
                name="articles_article_translate",
            ),
            *super().get_urls(),
        ]

    def translate_view(self, request, object_id, language):
        """Ask, then make a draft translation of the story into ``language``."""
        article = (
            Article.objects.prefetch_related("bylines", "tags", "regions")
            .filter(pk=object_id)
            .first()
        )
        if article is None or not self.has_view_permission(request, article):
            raise Http404("No such story.")
        if not self.has_add_permission(request):
            raise PermissionDenied
        if not editions.is_edition(language) or language == article.language:
            raise Http404("No such edition.")
        error = None
        if request.method == "POST":
            try:
                draft = services.article_translate(
                    article=article, language=language, user=request.user
                )
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                self.message_user(
                    request,
                    f"A draft in {editions.name(language)} was made from “{article}”, with "
                    "its photo, regions, tags and bylines. Translate its words, then publish "
                    "it as any story.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(_change_url(draft))
        return TemplateResponse(
            request,
            "admin/articles/article/translate.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Translate into {editions.name(language)}",
                "object": article,
                "language_name": editions.name(language),
                "error": error,
            },
        )


EDITIONS = ("language", "translations")


def _change_url(story):
    return reverse("admin:articles_article_change", args=[story.pk])


class WordingInline(admin.TabularInline):
    """Another edition's words for a region, tag, author or photo (``articles.wording``): a
    row per edition; a field left blank shows the default edition's words there."""

    extra = 0

    def get_fields(self, request, obj=None):
        return ["language", *self.model.words]

    def get_max_num(self, request, obj=None, **kwargs):
        return max(0, len(editions.codes()) - 1)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "language":
            kwargs["choices"] = [
                (code, name) for code, name in editions.choices() if code != editions.default()
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


def wording_inline(wording_model):
    """The inline for ``wording_model`` (a ``LanguageWording``)."""
    return type(
        f"{wording_model.__name__}Inline",
        (WordingInline,),
        {"model": wording_model, "__module__": __name__},
    )

"""Forms the desk uses to write and publish stories."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django_prose_editor.fields import ProseEditorFormField

from articles.models import Article
from articles.sanitize import sanitize_html
from articles.services import EditConflict, check_version, publishing_problems, slug_problem

# What the body editor offers; the sanitiser (articles.sanitize) is the authority on what is kept.
BODY_EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Blockquote": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "History": True,
}

PUBLISH_NOW = "_publish_now"
SCHEDULE = "_schedule"
OPENED_VERSION = "opened_version"


class VersionCheckedForm(forms.ModelForm):
    """A change form that carries the version it was opened at (a hidden field) and refuses to
    save over a newer save, saying who made it and when.

    The refusal re-shows the form with everything typed in it, now carrying the stored version:
    saving again is then a deliberate choice to replace that version. The model counts its
    saves in ``version``; the service that saves it checks the count again (``EditConflict``).
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[OPENED_VERSION].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        opened = cleaned_data.get(OPENED_VERSION)
        try:
            check_version(obj=self.instance, opened_version=opened)
        except EditConflict as conflict:
            data = self.data.copy()
            data[self.add_prefix(OPENED_VERSION)] = str(conflict.current_version or "")
            self.data = data
            message = conflict.message
            if self.files:
                message += " Choose the file again: browsers do not keep a chosen file."
            raise ValidationError(message, code="edit_conflict") from None
        # The save moves the story on from the version this form was opened at.
        self.instance.version = opened
        return cleaned_data


class ArticleAdminForm(VersionCheckedForm):
    #: Set per request by the admin: whether this user may publish and schedule.
    can_publish = False

    body = ProseEditorFormField(
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=sanitize_html,
        required=False,
        help_text="The story. Headings, links, quotes, lists and photos with captions are kept; "
        "anything else pasted in (scripts, styles, embeds) is removed on save.",
    )

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "lead_photo",
            "lead_photo_caption",
            "primary_region",
            "regions",
            "tags",
            "status",
            "published_at",
            "updated_at",
        ]
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField headline-input"}),
            "standfirst": forms.Textarea(attrs={"rows": 3}),
            "lead_photo_caption": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "headline": "Plain words, no more than about twelve. Shown everywhere the story is.",
            "status": "Draft: being written. In review: ready for an editor. Published: live, or "
            "scheduled when the publication time is in the future.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            status.choices = [
                (value, label)
                for value, label in status.choices
                if value != Article.Status.PUBLISHED
            ]
            status.help_text = "Set “In review” when the story is ready: an editor publishes it."

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        problem = slug_problem(slug=slug, article=self.instance)
        if problem:
            raise ValidationError(problem, code="slug_taken")
        return slug

    def clean(self):
        cleaned_data = super().clean()
        now = timezone.now()
        if (PUBLISH_NOW in self.data or SCHEDULE in self.data) and not self.can_publish:
            raise ValidationError("Only editors can publish or schedule stories.")
        if PUBLISH_NOW in self.data:
            cleaned_data["status"] = Article.Status.PUBLISHED
            # Publishing a story that is already live again keeps its original time.
            if not self.instance.is_published:
                cleaned_data["published_at"] = now
        elif SCHEDULE in self.data:
            at = cleaned_data.get("published_at")
            if at is None or at <= now:
                self.add_error(
                    "published_at",
                    "To schedule the story, choose a publication time in the future.",
                )
            cleaned_data["status"] = Article.Status.PUBLISHED
        if cleaned_data.get("status") == Article.Status.PUBLISHED:
            if "published_at" in self.fields and not cleaned_data.get("published_at"):
                cleaned_data["published_at"] = now
            self._check_publishable(cleaned_data)
        return cleaned_data

    def _check_publishable(self, cleaned_data):
        candidate = copy.copy(self.instance)
        for name in ("headline", "body", "primary_region", "lead_photo"):
            if name in cleaned_data:
                setattr(candidate, name, cleaned_data[name])
        # Bylines are checked by their own formset; they are saved after the article.
        problems = publishing_problems(article=candidate, author_count=1)
        for field, messages in problems.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class BylineFormSet(BaseInlineFormSet):
    """Authors in byline order; a story going out needs at least one."""

    def clean(self):
        super().clean()
        if self.instance.status != Article.Status.PUBLISHED:
            return
        authors = [
            form
            for form in self.forms
            if form.cleaned_data
            and form.cleaned_data.get("author")
            and not form.cleaned_data.get("DELETE")
        ]
        if not authors:
            raise ValidationError("Add at least one author to the byline before publishing.")

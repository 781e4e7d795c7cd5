"""Forms the desk uses to write and publish stories."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django_prose_editor.fields import ProseEditorFormField

from articles.models import Article
from articles.sanitize import sanitize_html
from articles.services import (
    EditConflict,
    check_version,
    publishing_problems,
    slug_problem,
    translation_problem,
)

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

# The story form's action buttons (templates/admin/articles/article/change_form.html). Each
# says what happens to the story; the status follows from the button, never from a field.
SAVE_DRAFT = "_save_draft"
SEND_FOR_REVIEW = "_send_for_review"
PUBLISH_NOW = "_publish_now"
SCHEDULE = "_schedule"
TAKE_DOWN = "_take_down"
EDITORS_ONLY_ACTIONS = (PUBLISH_NOW, SCHEDULE, TAKE_DOWN)
STORY_ACTIONS = (SAVE_DRAFT, SEND_FOR_REVIEW, *EDITORS_ONLY_ACTIONS)
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
            "language",
            "primary_region",
            "regions",
            "tags",
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
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: The story as stored, before anything typed or pressed in this form touches it: what
        #: the form's state line and its buttons describe, even when the form is refused.
        self.stored = copy.copy(self.instance)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        problem = slug_problem(slug=slug, article=self.instance)
        if problem:
            raise ValidationError(problem, code="slug_taken")
        return slug

    def clean_language(self):
        language = self.cleaned_data["language"]
        candidate = copy.copy(self.instance)
        candidate.language = language
        problem = translation_problem(article=candidate)
        if problem:
            raise ValidationError(problem, code="edition_taken")
        return language

    @property
    def action(self):
        """The action button pressed, or None for a plain save (the status stays as it is)."""
        pressed = [name for name in STORY_ACTIONS if name in self.data]
        return pressed[0] if len(pressed) == 1 else None

    def clean(self):
        cleaned_data = super().clean()
        now = timezone.now()
        pressed = [name for name in STORY_ACTIONS if name in self.data]
        if len(pressed) > 1:
            raise ValidationError("Press one button: the form asked for several things at once.")
        action = self.action
        if action in EDITORS_ONLY_ACTIONS and not self.can_publish:
            raise ValidationError("Only editors can publish, schedule or take down stories.")
        #: What the save makes of the story (set in ``_post_clean``), decided by the button alone.
        self.new_status = {
            SAVE_DRAFT: Article.Status.DRAFT,
            SEND_FOR_REVIEW: Article.Status.REVIEW,
            PUBLISH_NOW: Article.Status.PUBLISHED,
            SCHEDULE: Article.Status.PUBLISHED,
            TAKE_DOWN: Article.Status.DRAFT,
        }.get(action, self.instance.status)
        if action == PUBLISH_NOW:
            # Publishing a story that is already live again keeps its original time.
            if not self.instance.is_published:
                cleaned_data["published_at"] = now
        elif action == SCHEDULE:
            at = cleaned_data.get("published_at")
            if at is None or at <= now:
                self.add_error(
                    "published_at",
                    "To schedule the story, choose a publication time in the future.",
                )
        if self.new_status == Article.Status.PUBLISHED:
            if "published_at" in self.fields and not cleaned_data.get("published_at"):
                cleaned_data["published_at"] = now
            self._check_publishable(cleaned_data)
        return cleaned_data

    def _post_clean(self):
        # Before the model's own checks and the byline formset's, which read the status.
        if hasattr(self, "new_status"):
            self.instance.status = self.new_status
        super()._post_clean()

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

"""A story's revisions on the desk: its History page, comparing two revisions, restoring one.

django-reversion keeps the revisions (``articles.revisions``); the desk's services make them.
reversion's own ``VersionAdmin`` is not used whole: its revision and recovery pages write the
stored rows back directly, past the desk's services, so they would skip the version count (a
restore over someone's newer save), the publishing rules and the reporters' limits, and would
put back the story's status and its count of saves. Here a restore is a save through
``services.article_restore``; what is kept from ``VersionAdmin`` is its way of making one
revision of the whole change form (the story, then its bylines, regions and tags).
"""

import difflib
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import reversion
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import revisions, services
from articles.admin.photos import preview_image
from articles.models import Article


class RevisionsAdmin:
    """For the story admin: put it after ``VersionCheckedAdmin`` in the MRO, so that a save
    refused there and tried again starts a revision of its own."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One revision of the whole form: the service keeps the story, and keeps it again
        # below once its inlines and many-to-many fields are saved.
        with reversion.create_revision(manage_manually=True):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if reversion.is_active():
            revisions.keep(form.instance)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        admin_view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                admin_view(self.revisions_compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                admin_view(self.revision_restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    # --- pages ---------------------------------------------------------------------------

    def _story(self, request, object_id):
        """The story, for staff who may see it; 404 for a story that is not there."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such story.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _version(self, article, version_id):
        version = revisions.version_of(article, version_id)
        if version is None:
            raise Http404("This story has no such revision.")
        return version

    def _context(self, request, article, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": article,
            "history_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[article.pk]
            ),
            "may_restore": self.has_change_permission(request, article),
            **context,
        }

    def history_view(self, request, object_id, extra_context=None):
        article = self._story(request, object_id)
        versions = list(revisions.versions_of(article))
        rows = [
            {
                "id": version.pk,
                "when": revisions.when(version.revision.date_created),
                "who": _who(version.revision.user),
                "comment": version.revision.comment,
                "current": index == 0,
                "restore_url": self._restore_url(article, version),
            }
            for index, version in enumerate(versions)
        ]
        context = self._context(
            request,
            article,
            title=f"History of “{article}”",
            rows=rows,
            compare_url=reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_compare", args=[article.pk]
            ),
            **(extra_context or {}),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/object_history.html", context)

    def revisions_compare_view(self, request, object_id):
        article = self._story(request, object_id)
        chosen = [self._version(article, request.GET.get(key)) for key in ("from", "to")]
        older, newer = sorted(
            chosen, key=lambda version: (version.revision.date_created, version.pk)
        )
        before, after = revisions.Snapshot.of(older), revisions.Snapshot.of(newer)
        newest = revisions.versions_of(article).values_list("pk", flat=True).first()
        sides = [
            {
                "version": version,
                "when": revisions.when(version.revision.date_created),
                "who": _who(version.revision.user),
                "comment": version.revision.comment,
                "current": version.pk == newest,
                "restore_url": self._restore_url(article, version),
            }
            for version in (older, newer)
        ]
        context = self._context(
            request,
            article,
            title=f"Compare revisions of “{article}”",
            sides=sides,
            rows=compare(before, after),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def revision_restore_view(self, request, object_id, version_id):
        article = self._story(request, object_id)
        version = self._version(article, version_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        errors, opened_version = [], article.version
        current = revisions.versions_of(article).first()
        if request.method == "POST":
            opened_version = _opened_version(request.POST.get("opened_version"))
            try:
                services.article_restore(
                    article=article,
                    version=version,
                    user=request.user,
                    opened_version=opened_version,
                )
            except services.EditConflict as conflict:
                errors, opened_version = conflict.messages, conflict.current_version
            except ValidationError as refusal:
                errors = refusal.messages
            else:
                self.message_user(request, _restored_message(article, version), messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                        args=[article.pk],
                    )
                )
            article = self._story(request, object_id)
        context = self._context(
            request,
            article,
            title=f"Restore a revision of “{article}”",
            version=version,
            when=revisions.when(version.revision.date_created),
            who=_who(version.revision.user),
            snapshot=revisions.Snapshot.of(version),
            compare_with_current=self._compare_url(article, version, current),
            errors=errors,
            opened_version=opened_version or "",
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            "admin/articles/article/revision_restore.html",
            context,
            status=409 if errors else 200,
        )

    def _compare_url(self, article, older, newer):
        if newer is None or older.pk == newer.pk:
            return None
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_compare", args=[article.pk]
        )
        return f"{url}?{urlencode({'from': older.pk, 'to': newer.pk})}"

    def _restore_url(self, article, version):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_restore",
            args=[article.pk, version.pk],
        )


def _who(user):
    if user is None:
        return "Someone (account since removed)"
    return user.get_full_name() or user.get_username()


def _opened_version(value):
    try:
        value = int(value)
    except (TypeError, ValueError):
        return None
    return value if 0 < value < 2**31 else None


def _restored_message(article, version):
    done = revisions.restored_comment(version.revision)
    if article.is_published:
        return f"{done} Readers see the restored story now."
    if article.is_scheduled:
        return f"{done} The story goes live with it at its scheduled time."
    if article.status == Article.Status.REVIEW:
        return f"{done} The story is still in review."
    return f"{done} The story is still a draft: readers do not see it."


# --- Comparing two revisions --------------------------------------------------------------------


def compare(before, after):
    """The rows of the comparison of snapshots ``before`` (older) and ``after`` (newer): each a
    dict of ``label``, ``old`` and ``new`` (safe HTML) and whether it ``changed``."""
    rows = []

    def row(label, old, new, changed):
        rows.append({"label": label, "old": old, "new": new, "changed": changed})

    def text_row(label, name, *, paragraphs=False):
        old, new = before.value(name) or "", after.value(name) or ""
        split = _paragraphs if paragraphs else _line
        row(label, *word_diff(split(old), split(new)), old != new)

    text_row("Headline", "headline")
    text_row("Standfirst", "standfirst")
    text_row("Body", "body", paragraphs=True)
    row(
        "Lead photo",
        _photo(before),
        _photo(after),
        before.value("lead_photo") != after.value("lead_photo"),
    )
    text_row("Photo caption (this story only)", "lead_photo_caption")
    lists = (
        ("Bylines", before.author_names, after.author_names),
        ("Primary region", before.primary_region_names, after.primary_region_names),
        ("Other regions", before.region_names, after.region_names),
        ("Tags", list(before.tags), list(after.tags)),
    )
    for label, old, new in lists:
        row(label, *list_diff(old, new), old != new)
    row(
        "Status",
        escape(Article.Status(before.status).label) if before.status else "—",
        escape(Article.Status(after.status).label) if after.status else "—",
        before.status != after.status,
    )
    for label, name in (("Publication time", "published_at"), ("“Updated” time", "updated_at")):
        old, new = before.value(name), after.value(name)
        row(label, _moment(old), _moment(new), old != new)
    return rows


def list_diff(old, new):
    """Two lists of names side by side: those taken out in ``<del>`` on the left, those added
    in ``<ins>`` on the right; "None" for an empty list."""

    def render(names, others, tag):
        if not names:
            return "None"
        return format_html_join(
            ", ",
            "{}",
            (
                (format_html("<{}>{}</{}>", tag, name, tag) if name not in others else name,)
                for name in names
            ),
        )

    return render(old, new, mark_safe("del")), render(new, old, mark_safe("ins"))


def _moment(value):
    return escape(revisions.when(value)) if value else "Not set"


def _photo(snapshot):
    photo = snapshot.lead_photo
    if photo is None:
        if snapshot.value("lead_photo"):
            return "A photo since deleted from the library."
        return "No lead photo."
    return format_html(
        '{}<div class="revision-photo-credit">{} · Credit: {}</div>',
        preview_image(photo, shape="3x2", width=160, height=107),
        photo,
        photo.credit or "—",
    )


# Blocks that end a paragraph of the body, as an editor reads it.
_BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "figcaption", "br", "hr", "figure"}


class _Text(HTMLParser):
    """The readable text of a story's body, one string per paragraph."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self._current = [], []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._end_paragraph()
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            self._current.append(f"[photo: {alt}]" if alt else "[photo]")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._end_paragraph()

    def handle_data(self, data):
        self._current.append(data)

    def _end_paragraph(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def close(self):
        super().close()
        self._end_paragraph()


def _paragraphs(html):
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.paragraphs


def _line(text):
    text = " ".join(text.split())
    return [text] if text else []


_PARAGRAPH = "\n"
_WORD = re.compile(r"\S+")


def _tokens(paragraphs):
    tokens = []
    for paragraph in paragraphs:
        tokens.extend(_WORD.findall(paragraph))
        tokens.append(_PARAGRAPH)
    return tokens


def word_diff(old_paragraphs, new_paragraphs):
    """The older and newer text side by side, word by word: removed words in ``<del>`` on the
    left, added ones in ``<ins>`` on the right, every word escaped; one ``<p>`` a paragraph."""
    old, new = _tokens(old_paragraphs), _tokens(new_paragraphs)
    left, right = [], []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            left.append((None, old[old_start:old_end]))
            right.append((None, new[new_start:new_end]))
            continue
        if old_end > old_start:
            left.append(("del", old[old_start:old_end]))
        if new_end > new_start:
            right.append(("ins", new[new_start:new_end]))
    return _render(left), _render(right)


def _render(runs):
    """``[(tag or None, tokens)]`` as paragraphs of escaped words, a run's words in its tag."""
    paragraphs, words = [], []

    def close():
        if words:
            paragraphs.append("<p>" + " ".join(words) + "</p>")
        words.clear()

    for tag, tokens in runs:
        # A run split at each paragraph end: a tag never spans two paragraphs.
        chunk = []
        for token in [*tokens, None]:
            if token is None or token == _PARAGRAPH:
                if chunk:
                    text = " ".join(escape(word) for word in chunk)
                    words.append(f"<{tag}>{text}</{tag}>" if tag else text)
                    chunk = []
                if token == _PARAGRAPH:
                    close()
            else:
                chunk.append(token)
    close()
    if not paragraphs:
        return mark_safe('<p class="revision-empty">Empty.</p>')
    return mark_safe("".join(paragraphs))  # noqa: S308 (every word is escaped above)

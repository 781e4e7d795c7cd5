"""Revisions of stories, kept by django-reversion: who saved a story, when, and what it said.

Every save through the desk's services (``articles.services``) keeps one revision of the story
it saved. A revision holds one story and is whole: besides the story's own fields it holds its
bylines (in order) and its tags by name. Django's serializer leaves both out (the bylines have
their own model, taggit's tags are not a plain many-to-many), so the story is serialized in the
``story_json`` format (``articles.revision_format``), which adds them.

Tags are kept by name, not followed as rows: a tag is shared by many stories and may be renamed
or merged later, so restoring one story must neither rename a tag for every other story nor
point at a row that has gone; its name is what an editor means by it.

Corrections are not part of a revision: a published correction is a public record, and restoring
an earlier text never removes or rewrites one.
"""

import json
from dataclasses import dataclass
from functools import cached_property

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from reversion.models import Version
from reversion.signals import pre_revision_commit

from articles.models import Article, Author, Photo, Region

FORMAT = "story_json"

# What a revision compares, in the order editors read a story; the words name them in comments.
COMPARED = {
    "headline": "headline",
    "slug": "address",
    "standfirst": "standfirst",
    "body": "body",
    "lead_photo": "lead photo",
    "lead_photo_caption": "photo caption",
    "primary_region": "primary region",
    "regions": "regions",
    "bylines": "bylines",
    "tags": "tags",
    "published_at": "publication time",
    "updated_at": "“updated” time",
}
# Restoring brings these back; the address, status and publication times stay as they are now.
RESTORED = (
    "headline",
    "standfirst",
    "body",
    "lead_photo",
    "lead_photo_caption",
    "primary_region",
    "regions",
    "bylines",
    "tags",
)
# Derived, or kept elsewhere: never part of a revision.
NOT_KEPT = ("search_vector", "authors", "tags", "related_pinned")


def register():
    """Keep revisions of stories (from the app's ``ready()``)."""
    if not reversion.is_registered(Article):
        reversion.register(Article, format=FORMAT, exclude=NOT_KEPT)
    pre_revision_commit.connect(_describe_changes, dispatch_uid="articles.revisions")


def when(moment):
    """A moment as the newsroom reads it: "2 December 2026, 14:05", in its own time zone."""
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def restored_comment(revision):
    return f"Restored the revision of {when(revision.date_created)}."


def keep(article):
    """Put ``article`` as it is now into the revision being made, replacing what was put there
    earlier in it: the admin saves a story's bylines, regions and tags after the story."""
    reversion.add_to_revision(article)


# --- Reading a revision -----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """A story as one revision of it holds it."""

    version: Version
    fields: dict
    bylines: tuple  # author ids, in byline order
    tags: tuple  # names, sorted

    @classmethod
    def of(cls, version):
        fields = dict(version.field_dict)
        stored = json.loads(version.serialized_data)[0]["fields"]
        return cls(
            version=version,
            fields=fields,
            bylines=tuple(stored.get("byline_author_ids", ())),
            tags=tuple(stored.get("tag_names", ())),
        )

    @property
    def revision(self):
        return self.version.revision

    def value(self, name):
        """The comparable value of ``name`` (a key of ``COMPARED``)."""
        if name == "bylines":
            return self.bylines
        if name == "tags":
            return self.tags
        if name == "regions":
            return tuple(sorted(self.fields.get("regions", ())))
        if name in ("lead_photo", "primary_region"):
            return self.fields.get(f"{name}_id")
        return self.fields.get(name)

    @property
    def status(self):
        return self.fields.get("status")

    @cached_property
    def lead_photo(self):
        photo_id = self.value("lead_photo")
        return Photo.objects.filter(pk=photo_id).first() if photo_id else None

    @cached_property
    def primary_region(self):
        region_id = self.value("primary_region")
        return Region.objects.filter(pk=region_id).first() if region_id else None

    @cached_property
    def regions(self):
        found = Region.objects.in_bulk(self.value("regions"))
        return [found[pk] for pk in self.value("regions") if pk in found]

    @cached_property
    def authors(self):
        found = Author.objects.in_bulk(self.bylines)
        return [found[pk] for pk in self.bylines if pk in found]

    @property
    def author_names(self):
        """The byline, in order; an author deleted since is named as such."""
        found = {author.pk: author.name for author in self.authors}
        return [found.get(pk, "(an author since deleted)") for pk in self.bylines]

    @property
    def primary_region_names(self):
        if not self.value("primary_region"):
            return []
        return [self.primary_region.name if self.primary_region else "(a region since deleted)"]

    @property
    def region_names(self):
        found = {region.pk: region.name for region in self.regions}
        return [found.get(pk, "(a region since deleted)") for pk in self.value("regions")]

    def missing(self):
        """What this revision names that is no longer in the newsroom, in words."""
        gone = []
        if self.value("lead_photo") and self.lead_photo is None:
            gone.append("its lead photo")
        if self.value("primary_region") and self.primary_region is None:
            gone.append("its primary region")
        if len(self.regions) < len(self.value("regions")):
            gone.append("one of its regions")
        if len(self.authors) < len(self.bylines):
            gone.append("one of its authors")
        return gone


def versions_of(article):
    """The story's kept versions, newest first, with who made each."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def version_of(article, version_id):
    """One kept version of ``article``, or None (for another story's, or none at all)."""
    try:
        version_id = int(version_id)
    except (TypeError, ValueError):
        return None
    if not 0 < version_id < 2**63:
        return None
    return versions_of(article).filter(pk=version_id).first()


# --- Saying what changed ----------------------------------------------------------------------


def _status_words(before, after, *, now):
    """A sentence for a change of status (going live, scheduled, taken down), or None."""
    was, status, at = before.status, after.status, after.value("published_at")
    Status = Article.Status
    if status == Status.PUBLISHED:
        if at is not None and at > now:
            scheduled_again = was == Status.PUBLISHED and before.value("published_at") == at
            return None if scheduled_again else f"Scheduled for {when(at)}."
        earlier = before.value("published_at")
        was_waiting = was == Status.PUBLISHED and earlier is not None and earlier > now
        return "Published." if was != Status.PUBLISHED or was_waiting else None
    if was == Status.PUBLISHED:
        if status == Status.REVIEW:
            return "Taken down and sent for review."
        return "Taken down (back to a draft)."
    if status == Status.REVIEW and was != Status.REVIEW:
        return "Sent for review."
    if status == Status.DRAFT and was == Status.REVIEW:
        return "Back to a draft."
    return None


def describe(before, after, *, now):
    """What changed from snapshot ``before`` to ``after``, in words, such as "Published." or
    "Changed headline, body and tags."."""
    status = _status_words(before, after, now=now)
    changed = [
        words
        for name, words in COMPARED.items()
        if before.value(name) != after.value(name)
        # Going live or being scheduled sets the time: the sentence about it says so.
        and not (status and name == "published_at")
    ]
    sentences = [status] if status else []
    if changed:
        sentences.append(f"Changed {get_text_list(changed, 'and')}.")
    return " ".join(sentences) or "Saved with no changes."


def _describe_changes(sender, revision, versions, **kwargs):
    """Give a revision of a story without a comment one that says what changed in it."""
    if revision.comment:
        return
    story_type = ContentType.objects.get_for_model(Article)
    for version in versions:
        if version.content_type_id != story_type.pk:
            continue
        article_id = version.object_id
        previous = (
            Version.objects.filter(content_type=story_type, object_id=article_id)
            .order_by("-revision__date_created", "-pk")
            .first()
        )
        after = Snapshot.of(version)
        if previous is None:
            created = after.fields.get("version") == 1
            revision.comment = "Created." if created else "First revision kept of this story."
        else:
            revision.comment = describe(Snapshot.of(previous), after, now=revision.date_created)
        return

"""What each change to the content outdates: the reader cache's registry, filled in.

Every model a reader page shows registers here with ``articles.reader_cache``: any change to
one makes every cached page, fragment and rail stale (the content generation), and the rules
below also outdate the prepared parts and cards of the stories that show it
(``articles.prepared``). The scheduled moments that change pages with nobody saving (a story
going live, a pick starting or ending) are registered as the clock's boundaries.

``connect()`` runs once, from the app's ``ready()``.
"""

from django.core.exceptions import ObjectDoesNotExist
from taggit.models import Tag, TaggedItem

from articles import reader_cache
from articles.models import (
    Article,
    Author,
    AuthorWording,
    Byline,
    Correction,
    EditorsPick,
    LiveUpdate,
    Photo,
    PhotoWording,
    PinnedRelated,
    Region,
    RegionWording,
    Rendition,
    TagWording,
    story_relations,
)
from articles.prepared import outdate_and_prepare, outdate_pages


def _story_changed(article):
    """A story was saved: its own page, the rails that show it and the rails it may enter."""
    neighbours = (
        Article.objects.published()
        .filter(tags__in=article.tags.all())
        .exclude(pk=article.pk)
        .values_list("pk", flat=True)
        .distinct()
    )
    outdate_pages(shown=[article.pk])
    # Its translations link to it (hreflang, the language switcher) while it is published.
    outdate_pages(Article.objects.translation_group(article).values_list("pk", flat=True))
    if article.status == Article.Status.PUBLISHED:
        outdate_pages(neighbours)
        outdate_and_prepare([article.pk])
    else:
        outdate_pages([article.pk])


def _article(article, *, deleted):
    if not deleted:
        _story_changed(article)


def _article_going(article):
    # Before the delete: the rails' and its translations' links to the story go with it.
    outdate_pages(shown=[article.pk])
    outdate_pages(Article.objects.translation_group(article).values_list("pk", flat=True))


def _part_of_story(part, *, deleted):
    """A byline, correction, pin or live update: part of one story's page (a live update's
    also its cards' "Live" state and its updates address, which the generation outdates)."""
    outdate_and_prepare([part.article_id])


def _author(author, *, deleted):
    outdate_pages(Byline.objects.filter(author=author).values_list("article_id", flat=True))
    outdate_pages(LiveUpdate.objects.filter(author=author).values_list("article_id", flat=True))


def _photo_shown(photo_id):
    showing = list(Article.objects.filter(lead_photo_id=photo_id).values_list("pk", flat=True))
    outdate_pages(showing, shown=showing)
    # A photo in a live update is on that story's page only, never in a card or a rail.
    outdate_pages(LiveUpdate.objects.filter(photo_id=photo_id).values_list("article_id", flat=True))


def _photo(photo, *, deleted):
    _photo_shown(photo.pk)


def _rendition(rendition, *, deleted):
    _photo_shown(rendition.photo_id)


def _region(region, *, deleted):
    in_region = Article.objects.in_region(region).values_list("pk", flat=True)
    leading = Article.objects.filter(primary_region=region).values_list("pk", flat=True)
    outdate_pages(in_region, shown=leading)


def _tag(tag, *, deleted):
    outdate_pages(Article.objects.filter(tags=tag).values_list("pk", flat=True))


def _wording(wording, *, deleted):
    """Another edition's words for a region, tag, author or photo: what the row itself
    outdates (the words are shown wherever it is)."""
    try:
        row = getattr(wording, wording.words_of)
    except ObjectDoesNotExist:  # going with its row, which outdates what it showed
        return
    OUTDATES[type(row)](row, deleted=False)


def _tagged_item(item, *, deleted):
    if item.content_type.model_class() is Article:
        outdate_and_prepare([item.object_id])


def _story_relation(instance, *, action, model, pk_set):
    """Regions, tags, authors or pins added to or taken from stories."""
    if isinstance(instance, Article):
        _story_changed(instance)
    elif model is Article and pk_set:
        outdate_pages(list(pk_set))
    elif action == "post_clear":
        # A region, tag or author taken off every story at once: those stories are unknown now.
        outdate_pages(Article.objects.values_list("pk", flat=True))


OUTDATES = {Region: _region, Tag: _tag, Author: _author, Photo: _photo}


def connect():
    reader_cache.register(Article, _article, before_delete=_article_going)
    for model in (Byline, Correction, PinnedRelated, LiveUpdate):
        reader_cache.register(model, _part_of_story)
    reader_cache.register(Author, _author)
    reader_cache.register(Photo, _photo)
    reader_cache.register(Rendition, _rendition)
    reader_cache.register(Region, _region)
    reader_cache.register(Tag, _tag)
    for wording in (RegionWording, TagWording, AuthorWording, PhotoWording):
        reader_cache.register(wording, _wording)
    reader_cache.register(TaggedItem, _tagged_item)
    # A pick is shown by the shared rails only, which the generation outdates.
    reader_cache.register(EditorsPick)
    for through in story_relations():
        reader_cache.register_relation(through, _story_relation)
    reader_cache.register_boundary(Article.objects.next_publication)
    reader_cache.register_boundary(EditorsPick.objects.next_change)

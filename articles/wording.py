"""Words in the edition being read: regions, tags, authors and photos.

The default edition's words are the rows' own fields; another edition's are kept in a row of
that edition (``LanguageWording``: ``RegionWording``, ``TagWording``, ``AuthorWording``,
``PhotoWording``). ``in_edition(objects, code)`` puts an edition's words on objects already
loaded, one query per kind of object, in place; a word an edition has not been given yet
falls back on the default edition's. Objects given another edition's words refuse to be saved
(``Worded``), so they cannot overwrite the default edition's.
"""

from collections import defaultdict

from articles import reader_cache
from articles.models import (
    AuthorWording,
    LanguageWording,
    PhotoWording,
    RegionWording,
    TagWording,
)
from newsroom import editions

WORDINGS = {
    wording._meta.get_field(wording.words_of).related_model: wording
    for wording in (RegionWording, TagWording, AuthorWording, PhotoWording)
}
assert all(issubclass(wording, LanguageWording) for wording in WORDINGS.values())


def in_edition(objects, code):
    """Give ``objects`` (regions, tags, authors, photos; None and others are skipped) the words
    of edition ``code``. Returns them."""
    objects = [obj for obj in objects if obj is not None]
    if code == editions.default():
        return objects
    pending = defaultdict(dict)
    for obj in objects:
        wording = WORDINGS.get(type(obj))
        if wording is not None and getattr(obj, "_wording_language", None) != code:
            pending[wording].setdefault(obj.pk, []).append(obj)
    for wording, by_pk in pending.items():
        found = _words(wording, code, list(by_pk))
        for pk, objs in by_pk.items():
            row = found.get(pk, {})
            for obj in objs:
                for field in wording.words:
                    if row.get(field):
                        setattr(obj, field, row[field])
                obj._wording_language = code
    return objects


# The few rows of these kinds an edition words are kept whole by the reader cache (outdated by
# any change to them, like everything it keeps); photos, which are many, are looked up.
KEPT_WHOLE = (RegionWording, TagWording, AuthorWording)


def _words(wording, code, pks):
    """``{pk: {field: words}}`` of edition ``code`` for the rows ``pks`` of this kind."""
    key = wording.words_of + "_id"
    rows = wording.objects.filter(language=code)
    if wording in KEPT_WHOLE:
        return reader_cache.get_or_make(
            f"wording:{wording._meta.model_name}:{code}",
            lambda: {row[key]: row for row in rows.values(key, *wording.words)},
        )
    return {row[key]: row for row in rows.filter(**{f"{key}__in": pks}).values(key, *wording.words)}


def of_stories(stories):
    """Give stories' regions, tags, authors and lead photos their edition's words: each story
    its own edition's. The stories are loaded with what they show (``with_story()``,
    ``with_cards()``); nothing else is fetched but the words."""
    by_edition = defaultdict(list)
    for story in stories:
        shown = by_edition[story.language]
        shown += [story.primary_region, story.lead_photo]
        cache = getattr(story, "_prefetched_objects_cache", {})
        if "regions" in cache:
            shown += list(story.regions.all())
        if "tags" in cache:
            shown += list(story.tags.all())
        if "bylines" in cache:
            shown += [byline.author for byline in story.bylines.all()]
    for code, shown in by_edition.items():
        in_edition(shown, code)
    return stories

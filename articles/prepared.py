"""Story pages prepared ahead of their readers.

A story's metadata, the story itself and its Related rail are rendered when the story is
saved and stored with it (``ArticlePage``), so a reader who is the first to open a story,
or the first since the page cache was emptied, costs one query and no story template: the
page around the parts (header, footer, join box, Editor's Picks, Most read) is made of
fragments every page shares.

How the parts stay right:

* Anything a part shows that changes (the story, its bylines, tags, regions, corrections,
  lead photo and renditions; an author, a region or a tag it names; a story its Related rail
  links to) adds one to the ``version`` of every page that shows it, in the same transaction
  as the change, and again once it commits. A page whose ``prepared_version`` is behind is
  made again by its next reader; the story that was saved is made again at once, after the
  commit, so its readers never wait.
* A reader stores the parts it made only if the version is still the one it read (one
  conditional UPDATE): parts made from data an editor has changed meanwhile are never kept.
* Parts made with other templates, code or settings (a new release) are made again; so are
  parts older than ``PREPARED_PAGES_MAX_AGE`` seconds, which bounds how long the Related rail
  of an older story can miss a newer one that only shares a region with it, or that was
  scheduled rather than published at once. A story published at once with shared tags
  enters those stories' rails at once.
* Signed-in staff and previews always get the parts rendered afresh, never stored.

Code that changes stories with ``QuerySet.update()`` or ``bulk_create`` (no signals) calls
``outdate_pages(Article.objects.filter(...))``; ``manage.py prepare_pages`` prepares every
story whose page is missing or out of date (after a bulk import, or ahead of readers after a
release).
"""

import functools
import hashlib
import logging
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import related as related_rail
from articles.models import (
    Article,
    ArticlePage,
    Author,
    Byline,
    Correction,
    Photo,
    PinnedRelated,
    Region,
    Rendition,
    story_relations,
)

logger = logging.getLogger(__name__)

PARTS = {
    "meta": "articles/_article_meta.html",
    "story": "articles/_story.html",
    "related": "articles/_rails_related.html",
}
# What the parts are made of besides the data: templates, this app's code and these settings.
FINGERPRINT_SETTINGS = (
    "SITE_NAME",
    "SITE_URL",
    "TIME_ZONE",
    "LANGUAGE_CODE",
    "MEDIA_URL",
    "RELATED_ARTICLES_COUNT",
)
ROOT = Path(__file__).resolve().parent.parent


# What the parts are made with -----------------------------------------------------------------


@functools.cache
def _sources_digest():
    """A digest of every template and of this app's code, read once per process."""
    digest = hashlib.blake2b(digest_size=16)
    folders = [ROOT / "templates", ROOT / "articles"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".py", ".xml", ".txt"} and "migrations" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint():
    """What parts made now are made with: templates, code and the settings they print."""
    values = [
        _sources_digest(),
        *(str(getattr(settings, name, "")) for name in FINGERPRINT_SETTINGS),
    ]
    return hashlib.blake2b("\n".join(values).encode(), digest_size=16).hexdigest()


def max_age():
    return timedelta(seconds=getattr(settings, "PREPARED_PAGES_MAX_AGE", 24 * 3600))


def is_current(page, *, now=None):
    now = now or timezone.now()
    return (
        page.prepared_version is not None
        and page.prepared_version == page.version
        and page.fingerprint == fingerprint()
        and page.prepared_at is not None
        and page.prepared_at > now - max_age()
    )


# Making the parts ------------------------------------------------------------------------------


def render_parts(article):
    """The three parts of ``article``'s page, and the stories its Related rail shows.

    ``article`` must be loaded as ``Article.objects.with_story()`` loads it.
    """
    shown = related_rail.choose_related(article)
    context = {"article": article, "related": shown, "site_name": settings.SITE_NAME}
    parts = {name: render_to_string(template, context) for name, template in PARTS.items()}
    return parts, [story.pk for story in shown]


def _as_html(parts):
    return {name: mark_safe(html) for name, html in parts.items()}  # rendered by our templates


def _load(article_id):
    """The story with everything its parts show; None unless published or scheduled."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    return published.with_story().filter(pk=article_id).first()


def _store(article_id, seen_version, parts, shown, *, authoritative):
    """Keep parts made from the data read while the page's version was ``seen_version``.

    ``seen_version`` None means there was no page yet. A reader's parts are dropped when the
    version moved on meanwhile; ``authoritative`` parts (made after the change committed,
    from committed data) replace whatever a reader stored first.
    """
    values = {
        "fingerprint": fingerprint(),
        "prepared_at": timezone.now(),
        **parts,
    }
    try:
        if seen_version is None:
            try:
                with transaction.atomic():
                    page = ArticlePage.objects.create(
                        article_id=article_id, version=0, prepared_version=0, **values
                    )
                    page.shows.add(*shown)
                return True
            except IntegrityError:
                # Another request made the page first.
                if not authoritative:
                    return False
                seen_version = (
                    ArticlePage.objects.filter(pk=article_id)
                    .values_list("version", flat=True)
                    .first()
                )
                if seen_version is None:
                    return False
        with transaction.atomic():
            updated = ArticlePage.objects.filter(pk=article_id, version=seen_version).update(
                prepared_version=seen_version, **values
            )
            if updated:
                page = ArticlePage(article_id=article_id)
                page.shows.clear()
                page.shows.add(*shown)
        return bool(updated)
    except DatabaseError:
        # A reader still gets the page; the next one tries again.
        logger.exception("Could not store the prepared page of story %s", article_id)
        return False


def prepare(article_id):
    """Make and store the parts of one story's page from committed data (after a save),
    unless they are current already. Returns whether it stored new parts."""
    page = ArticlePage.objects.filter(pk=article_id).defer(*PARTS).first()
    if page is not None and is_current(page):
        return False
    seen = page.version if page is not None else None
    article = _load(article_id)
    if article is None:
        return False
    parts, shown = render_parts(article)
    return _store(article_id, seen, parts, shown, authoritative=True)


def outdated_story_ids():
    """Published and scheduled stories whose page is missing or out of date, newest first."""
    current = ArticlePage.objects.filter(
        prepared_version=F("version"),
        fingerprint=fingerprint(),
        prepared_at__gt=timezone.now() - max_age(),
    ).values("pk")
    return list(
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .exclude(pk__in=current)
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)
    )


def prepare_stories(ids, *, batch=200):
    """Prepare the pages of the stories ``ids``; returns how many were stored.

    Stories are loaded ``batch`` at a time, so the queries per story stay few.
    """
    prepared = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        seen = dict(ArticlePage.objects.filter(pk__in=chunk).values_list("pk", "version"))
        published = Article.objects.filter(status=Article.Status.PUBLISHED)
        for article in published.with_story().filter(pk__in=chunk):
            parts, shown = render_parts(article)
            prepared += _store(article.pk, seen.get(article.pk), parts, shown, authoritative=True)
    return prepared


def fresh_parts(article):
    """Parts rendered now and never stored, for staff and previews (``article`` loaded as
    ``with_story()`` loads it)."""
    return _as_html(render_parts(article)[0])


def page_parts(article):
    """The parts of ``article``'s page for a reader: the stored ones while they are current,
    else new ones (stored for the next reader).

    ``article`` is a published story looked up with ``select_related("prepared")``.
    """
    try:
        page = article.prepared
    except ObjectDoesNotExist:
        page = None
    if page is not None and is_current(page):
        return _as_html({name: getattr(page, name) for name in PARTS})
    seen = page.version if page is not None else None
    loaded = _load(article.pk)
    if loaded is None:
        raise Http404("The story was taken down meanwhile.")
    parts, shown = render_parts(loaded)
    _store(article.pk, seen, parts, shown, authoritative=False)
    return _as_html(parts)


# Keeping them right ---------------------------------------------------------------------------


def outdate_pages(articles=None, *, shown=None, again_on_commit=True):
    """Mark out of date the pages of ``articles`` (a queryset or ids) and the pages whose
    Related rail shows any of ``shown``; now, and again when the transaction commits (for a
    page a reader made meanwhile from data read before the commit).

    The stories are looked up now, not when the transaction commits: a story saved later in
    the same transaction (and prepared after it) is not among them.
    """
    condition = Q()
    if articles is not None:
        condition |= Q(article__in=list(articles))
    if shown is not None:
        condition |= Q(shows__in=list(shown))
    if not condition:
        return

    def outdate():
        ids = ArticlePage.objects.filter(condition).values("pk")
        ArticlePage.objects.filter(pk__in=ids).update(version=F("version") + 1)

    outdate()
    if again_on_commit and transaction.get_connection().in_atomic_block:
        transaction.on_commit(outdate)


def _prepare_after_commit(article_ids):
    """Make the saved stories' pages again once the save has committed, ahead of readers.

    One save touches a story many times (the story, its bylines, tags, regions), each asking
    for this: the first to run prepares the page, the others find it current already.
    """

    def prepare_all():
        for article_id in article_ids:
            try:
                prepare(article_id)
            except Exception:
                # The story's next reader makes it instead; a save must never fail here.
                logger.exception("Could not prepare the page of story %s", article_id)

    transaction.on_commit(prepare_all)


def _outdate_and_prepare(article_ids):
    """A story's own page: out of date now (in the editor's transaction), made again after
    the commit. A reader's page made meanwhile from older data is refused by its version, so
    no second outdating after the commit is needed (it would undo the preparation)."""
    outdate_pages(article_ids, again_on_commit=False)
    _prepare_after_commit(article_ids)


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
    if article.status == Article.Status.PUBLISHED:
        outdate_pages(neighbours)
        _outdate_and_prepare([article.pk])
    else:
        outdate_pages([article.pk])


def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _story_changed(instance)


def _article_deleted(sender, instance, **kwargs):
    # Before the delete: the rails' links to the story go with it.
    outdate_pages(shown=[instance.pk])


def _part_of_story_changed(sender, instance, raw=False, **kwargs):
    """A byline, correction or pin: part of one story's page."""
    if not raw:
        _outdate_and_prepare([instance.article_id])


def _author_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        outdate_pages(Byline.objects.filter(author=instance).values_list("article_id", flat=True))


def _photo_changed(photo_id):
    showing = list(Article.objects.filter(lead_photo_id=photo_id).values_list("pk", flat=True))
    outdate_pages(showing, shown=showing)


def _photo_saved_or_deleted(sender, instance, raw=False, **kwargs):
    if not raw:
        _photo_changed(instance.pk)


def _rendition_saved_or_deleted(sender, instance, raw=False, **kwargs):
    if not raw:
        _photo_changed(instance.photo_id)


def _region_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    in_region = Article.objects.in_region(instance).values_list("pk", flat=True)
    leading = Article.objects.filter(primary_region=instance).values_list("pk", flat=True)
    outdate_pages(in_region, shown=leading)


def _tag_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        outdate_pages(Article.objects.filter(tags=instance).values_list("pk", flat=True))


def _tagged_item_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.content_type.model_class() is Article:
        _outdate_and_prepare([instance.object_id])


def _relation_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Regions, tags, authors or pins added to or removed from stories."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):
        _story_changed(instance)
    elif model is Article and pk_set:
        outdate_pages(list(pk_set))
    elif action == "post_clear":
        # A region, tag or author taken off every story at once: those stories are unknown now.
        outdate_pages(Article.objects.values_list("pk", flat=True))


def connect_signals():
    post_save.connect(_article_saved, sender=Article, dispatch_uid="prepared-article-save")
    pre_delete.connect(_article_deleted, sender=Article, dispatch_uid="prepared-article-delete")
    handlers = {
        Byline: _part_of_story_changed,
        Correction: _part_of_story_changed,
        PinnedRelated: _part_of_story_changed,
        Author: _author_changed,
        Photo: _photo_saved_or_deleted,
        Rendition: _rendition_saved_or_deleted,
        Region: _region_changed,
    }
    from taggit.models import Tag, TaggedItem

    handlers[Tag] = _tag_changed
    handlers[TaggedItem] = _tagged_item_changed
    for model, handler in handlers.items():
        for action, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                handler, sender=model, dispatch_uid=f"prepared-{model._meta.label_lower}-{action}"
            )
    for through in story_relations():
        m2m_changed.connect(
            _relation_changed,
            sender=through,
            dispatch_uid=f"prepared-m2m-{through._meta.label_lower}",
        )

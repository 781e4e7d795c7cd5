"""Story pages and cards prepared ahead of their readers.

**Story parts.** A story's metadata, the story itself and its Related rail are rendered when
the story is saved and stored with it (``ArticlePage``, in the database), so the first reader
of a story costs one query and no story template.

**Cards.** Every teaser a list page or rail shows (``CARDS``) is rendered with the story's
parts, once per story version, and stored beside them (``ArticlePage.cards``). A list page
looks its cards up in the reader cache under names carrying that version
(``reader_cache.get_or_make_versioned``), in one round trip; those the cache has lost come
from the stored pages in one query, and only cards of a page not prepared yet are rendered.
So a list page costs the query for its stories' ids and versions and joining prepared HTML,
even with the cache emptied.

How both stay right:

* Anything a story's page or card shows that changes (the story, its bylines, tags, regions,
  corrections, lead photo and renditions; an author, a region or a tag it names; a story its
  Related rail links to) adds one to the ``version`` of every page that shows it, in the same
  transaction as the change and again once it commits (the rules are in
  ``articles/outdating.py``, the reader cache's one registry). A page whose
  ``prepared_version`` is behind is made again after the commit, in a task, or by its next
  reader; a card of the old version is simply never asked for again.
* A reader stores the parts it made only if the version is still the one it read (one
  conditional UPDATE): parts made from data an editor has changed meanwhile are never kept.
* Parts and cards made with other templates or settings (a new release) are made again
  (``fingerprint``); so are parts older than ``READER_CACHE_PREPARED_MAX_AGE``, which bounds
  how long an older story's Related rail can miss a newer story that only shares a region.
* Signed-in staff and previews always get the parts rendered afresh, never stored.

Code that changes stories with ``QuerySet.update()`` or ``bulk_create`` (no signals) calls
``outdate_pages(Article.objects.filter(...))``; ``manage.py prepare_pages`` prepares every
story whose page is missing or out of date.
"""

import functools
import hashlib
import logging
import re
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Prefetch, Q, prefetch_related_objects
from django.db.models.fields.json import KT
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from articles import reader_cache, wording
from articles.models import Article, ArticlePage
from articles.rails import related as related_rail
from newsroom import editions
from newsroom.tasks import enqueue_on_commit, retrying_task

logger = logging.getLogger(__name__)

PARTS = {
    "meta": "articles/_article_meta.html",
    "story": "articles/_story.html",
    "related": "articles/_rails_related.html",
}
CARD_TEMPLATE = "includes/article_card.html"
RAIL_ITEM_TEMPLATE = "includes/rails/item.html"
# Each way a list page or rail shows a story: the options of its template.
CARDS = {
    "lead": {
        "modifier": "lead",
        "level": "2",
        "show_standfirst": True,
        "show_byline": True,
        "sizes": "(min-width: 64rem) 36rem, 100vw",
        "loading": "eager",
        "priority": True,
    },
    "top": {
        "level": "2",
        "show_standfirst": True,
        "sizes": "(min-width: 64rem) 18rem, (min-width: 40rem) 50vw, 100vw",
    },
    "river": {
        "modifier": "row",
        "show_standfirst": True,
        "sizes": "(min-width: 40rem) 12rem, 7rem",
    },
    "section": {"hide_kicker": True},
    "list": {
        "modifier": "row",
        "show_standfirst": True,
        "show_byline": True,
        "sizes": "(min-width: 40rem) 14rem, 7rem",
    },
    "result": {},
    "rail": {"template": RAIL_ITEM_TEMPLATE},
}
# The settings the prepared parts and cards print.
FINGERPRINT_SETTINGS = (
    "SITE_NAME",
    "SITE_URL",
    "SITE_LOGO",
    "SITE_LOGO_SIZE",
    "SITE_TWITTER",
    "STATIC_URL",
    "TIME_ZONE",
    "LANGUAGE_CODE",
    "LANGUAGES",
    "MEDIA_URL",
    "RELATED_ARTICLES_COUNT",
    "RAIL_HEADINGS",
)
ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
_INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")
_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
_IMPORT = re.compile(r"^from articles(?:\.([\w.]+))? import ([\w, ]+)$", re.MULTILINE)


# What the parts are made with -----------------------------------------------------------------


def _module_path(module):
    """The file of ``articles.<module>`` (a module or a package's ``__init__``)."""
    path = ROOT / "articles" / Path(*(module or "__init__").split("."))
    return path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"


def _code_sources(module, seen):
    """``module``'s file and the files of the ``articles`` modules it imports, in turn."""
    path = _module_path(module)
    if path in seen or not path.exists() or module.startswith("reader_cache"):
        return  # (how the parts are kept is not what they are made from)
    seen.add(path)
    for package, names in _IMPORT.findall(path.read_text()):
        for name in names.split(","):
            name = name.split(" as ")[0].strip()
            module = f"{package}.{name}" if package else name
            # ``from articles.x import y``: y is a module of the package x, or a name in x.
            _code_sources(module if _module_path(module).exists() else package, seen)


def _template_sources(name, seen):
    """The template ``name``, those it includes or extends, and the tag libraries it loads."""
    path = TEMPLATES / name
    if path in seen or not path.exists():
        return
    seen.add(path)
    text = path.read_text()
    for included in _INCLUDE.findall(text):
        _template_sources(included, seen)
    for libraries in _LOAD.findall(text):
        for library in libraries.split():
            _code_sources(f"templatetags.{library}", seen)


def sources():
    """Every file the prepared parts and cards are made from: their templates, what those
    include and load, and the code that chooses what they show (not the rest of the app)."""
    seen = set()
    for name in (*PARTS.values(), CARD_TEMPLATE, RAIL_ITEM_TEMPLATE):
        _template_sources(name, seen)
    for module in ("prepared", "rails.related"):
        _code_sources(module, seen)
    # The words of each edition's interface, and how it writes dates.
    seen.update(ROOT.glob("locale/*/LC_MESSAGES/django.po"))
    seen.update(ROOT.glob("newsroom/formats/*/formats.py"))
    return sorted(seen)


@functools.cache
def _sources_digest():
    """A digest of ``sources()``, read once per process."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sources():
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
    return timedelta(seconds=reader_cache.setting("PREPARED_MAX_AGE"))


def is_current(page, *, now=None):
    now = now or timezone.now()
    return (
        page.prepared_version is not None
        and page.prepared_version == page.version
        and page.fingerprint == fingerprint()
        and page.prepared_at is not None
        and page.prepared_at > now - max_age()
        and (page.good_until is None or page.good_until > now)
    )


# Making the parts ------------------------------------------------------------------------------


def render_parts(article):
    """The three parts of ``article``'s page, and the stories its Related rail shows.

    ``article`` must be loaded as ``Article.objects.with_story()`` loads it. A live blog's
    updates are fetched here, in the same few queries however many there are; other stories
    spend no query on them.
    """
    if article.is_live_blog and "live_updates" not in getattr(
        article, "_prefetched_objects_cache", {}
    ):
        prefetch_related_objects(
            [article], Prefetch("live_updates", queryset=Article.objects.live_updates_shown())
        )
    # In the story's own edition: its language, its words for regions, tags and photos.
    with translation.override(article.language):
        wording.of_stories([article])
        shown = related_rail.choose_related(article)
        wording.of_stories(shown)
        article.published_translations, article.translation_due = translations_of(article)
        context = {
            "article": article,
            "related": shown,
            "site_name": settings.SITE_NAME,
            "translations": article.published_translations,
        }
        parts = {name: render_to_string(template, context) for name, template in PARTS.items()}
    return parts, [story.pk for story in shown]


def translations_of(article, *, now=None):
    """The published stories of ``article``'s translation group in the other editions, in
    the editions' order: what its page links to (never a draft or a scheduled story); and
    when the next of its scheduled translations goes live (None if none is scheduled)."""
    now = now or timezone.now()
    found = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .translation_group(article)
        .filter(language__in=editions.others(article.language))
        .only("pk", "slug", "headline", "language", "translation_of_id", "published_at")
    )
    order = editions.codes()
    published = sorted(
        (story for story in found if story.published_at <= now),
        key=lambda story: order.index(story.language),
    )
    due = min((story.published_at for story in found if story.published_at > now), default=None)
    return published, due


def alternates(article):
    """``{edition: address}`` of the story and its published translations (set by
    ``render_parts``): what the page's language switcher and ``hreflang`` links point at."""
    stories = [article, *getattr(article, "published_translations", [])]
    return {story.language: story.get_absolute_url() for story in stories}


def render_all_cards(article):
    """``{variant: html}``: every card of ``article`` (loaded as ``with_story()`` loads it)."""
    return {variant: render_card(article, variant) for variant in CARDS}


def _as_html(parts):
    return {name: mark_safe(html) for name, html in parts.items()}  # rendered by our templates


def _load(article_id):
    """The story with everything its parts show; None unless published or scheduled."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    return published.with_story().filter(pk=article_id).first()


def _store(article_id, seen_version, parts, shown, *, authoritative, cards):
    """Keep parts made from the data read while the page's version was ``seen_version``,
    with the cards of ``cards`` (the story they were made from).

    ``seen_version`` None means there was no page yet. A reader's parts are dropped when the
    version moved on meanwhile; ``authoritative`` parts (made after the change committed,
    from committed data) replace whatever a reader stored first.
    """
    values = {
        "fingerprint": fingerprint(),
        "prepared_at": timezone.now(),
        "cards": render_all_cards(cards),
        "alternates": alternates(cards),
        "good_until": getattr(cards, "translation_due", None),
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
    return _store(article_id, seen, parts, shown, authoritative=True, cards=article)


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
            prepared += _store(
                article.pk, seen.get(article.pk), parts, shown, authoritative=True, cards=article
            )
    return prepared


_SHOWN_STORY = re.compile(r'data-story="([0-9]+)"')


def related_ids(related):
    """The ids of the stories a prepared Related rail (its HTML) shows, read back from the
    part itself (``includes/rails/item.html`` marks each), so asking costs no query."""
    return [int(found) for found in _SHOWN_STORY.findall(str(related or ""))]


def fresh_parts(article):
    """Parts rendered now and never stored, for staff and previews (``article`` loaded as
    ``with_story()`` loads it), with the story's ``alternates``."""
    parts = _as_html(render_parts(article)[0])
    return {**parts, "alternates": alternates(article)}


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
        parts = _as_html({name: getattr(page, name) for name in PARTS})
        return {**parts, "alternates": page.alternates}
    seen = page.version if page is not None else None
    loaded = _load(article.pk)
    if loaded is None:
        raise Http404("The story was taken down meanwhile.")
    parts, shown = render_parts(loaded)
    _store(article.pk, seen, parts, shown, authoritative=False, cards=loaded)
    return {**_as_html(parts), "alternates": alternates(loaded)}


# Keeping them right ---------------------------------------------------------------------------


def outdate_pages(articles=None, *, shown=None, again_on_commit=True, remake=True):
    """Mark out of date the pages of ``articles`` (a queryset or ids) and the pages whose
    Related rail shows any of ``shown``; now, and again when the transaction commits (for a
    page a reader made meanwhile from data read before the commit). With ``remake``, they are
    made again once the change has committed, in a task, so no reader waits for them.

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
        ids = list(ArticlePage.objects.filter(condition).values_list("pk", flat=True))
        ArticlePage.objects.filter(pk__in=ids).update(version=F("version") + 1)
        return ids

    ids = outdate()
    if again_on_commit and transaction.get_connection().in_atomic_block:
        transaction.on_commit(outdate)
    if remake and ids:
        enqueue_on_commit(remake_pages, sorted(ids))


@retrying_task()
def remake_pages(article_ids):
    """Make again, ahead of their readers, the pages a change outdated (an author, region or
    tag renamed; a new story entering other stories' Related rails). Running it twice does
    no harm: pages already current are left alone."""
    current = set(
        ArticlePage.objects.filter(
            pk__in=article_ids,
            prepared_version=F("version"),
            fingerprint=fingerprint(),
            prepared_at__gt=timezone.now() - max_age(),
        ).values_list("pk", flat=True)
    )
    return prepare_stories([pk for pk in article_ids if pk not in current])


def prepare_after_commit(article_ids):
    """Make these stories' pages again once the change has committed, ahead of readers.

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


def outdate_and_prepare(article_ids):
    """A story's own page: out of date now (in the editor's transaction), made again after
    the commit. A reader's page made meanwhile from older data is refused by its version, so
    no second outdating after the commit is needed (it would undo the preparation)."""
    outdate_pages(article_ids, again_on_commit=False, remake=False)
    prepare_after_commit(article_ids)


# Cards ----------------------------------------------------------------------------------------


def _card_name(variant, article, made_with):
    version = getattr(article, "card_version", None)
    if version is None:
        # A story with no prepared page yet: its cards belong to the content generation.
        version = f"g{reader_cache.store.current_generation()}"
    return f"card:{variant}:{article.pk}:{version}:{made_with}"


def render_card(article, variant):
    """One card of ``article`` (loaded with ``with_cards(CARD_SHAPES)``), rendered now."""
    options = dict(CARDS[variant])
    template = options.pop("template", CARD_TEMPLATE)
    with translation.override(article.language):
        wording.of_stories([article])
        return render_to_string(template, {"article": article, **options})


CARD_SHAPES = ("3x2", "1x1")


def cards(articles, variant, *, loaded=False, fresh=False):
    """The ``variant`` card of each of ``articles``, in their order, as HTML (``cards_of``)."""
    return cards_of([(article, variant) for article in articles], loaded=loaded, fresh=fresh)


def cards_of(wanted, *, loaded=False, fresh=False):
    """The card of each ``(article, variant)`` in ``wanted``, in that order, as HTML.

    Articles that carry their stored card (``with_card``) are answered with it. The others
    need only ``pk`` and ``card_version`` (``with_card_version``): the cards
    come from the reader cache in one round trip; those it lacks from the stored pages in one
    query; only cards of pages not prepared (or out of date) are rendered, from the articles
    themselves when they are ``loaded`` with all a card shows, else loaded now in one go.
    ``fresh`` (signed-in staff) renders them all now and keeps none.
    """
    if not wanted:
        return []
    if not fresh:
        # Rows that carry their stored card (``with_card``) need nothing more.
        carried = [getattr(article, f"{variant}_card", None) for article, variant in wanted]
        if any(card is not None for card in carried):
            rest = iter(
                cards_of(
                    [pair for pair, card in zip(wanted, carried, strict=True) if card is None],
                    loaded=loaded,
                )
            )
            return [mark_safe(card) if card is not None else next(rest) for card in carried]
    names = None
    if not fresh:
        try:
            made_with = fingerprint()
            names = [_card_name(variant, article, made_with) for article, variant in wanted]
        except Exception:  # the cache is down: the cards are made for this page only
            logger.exception("Reader cache unavailable")
    if names is None:
        made = _made_cards(wanted, loaded)
        return [mark_safe(made.get((article.pk, variant), "")) for article, variant in wanted]
    by_name = dict(zip(names, wanted, strict=True))

    def make(missing):
        made = _made_cards([by_name[name] for name in missing], loaded)
        return {
            name: made[by_name[name][0].pk, by_name[name][1]]
            for name in missing
            if (by_name[name][0].pk, by_name[name][1]) in made
        }

    found = reader_cache.get_or_make_versioned(names, make)
    return [mark_safe(found.get(name, "")) for name in names]  # our templates


def _made_cards(wanted, loaded):
    """``{(pk, variant): html}``: the stored cards of ``wanted``, and the others rendered.

    Cards of ``loaded`` articles are rendered from them, which costs no query."""
    made = {} if loaded else _stored_cards(wanted)
    rest = [(article, variant) for article, variant in wanted if (article.pk, variant) not in made]
    return made | _render_cards(rest, loaded)


def _stored_cards(wanted):
    """``{(pk, variant): html}`` for each ``(article, variant)`` in ``wanted`` whose card is
    stored with a current page of the version the article names; one query for them all."""
    versions = {
        (article.pk, variant): article.card_version
        for article, variant in wanted
        if getattr(article, "card_version", None) is not None
    }
    if not versions:
        return {}
    variants = sorted({variant for _pk, variant in versions})
    rows = ArticlePage.objects.filter(
        pk__in={pk for pk, _variant in versions},
        prepared_version=F("version"),
        fingerprint=fingerprint(),
    ).values_list("pk", "version", *(KT(f"cards__{variant}") for variant in variants))
    stored = {}
    for pk, version, *htmls in rows:
        for variant, html in zip(variants, htmls, strict=True):
            if html is not None and versions.get((pk, variant)) == version:
                stored[pk, variant] = html
    return stored


def _render_cards(wanted, loaded):
    """``{(pk, variant): html}`` for each ``(article, variant)`` in ``wanted``, rendered now."""
    if not wanted:
        return {}
    if not loaded:
        ids = {article.pk for article, _variant in wanted}
        by_pk = {
            story.pk: story for story in Article.objects.filter(pk__in=ids).with_cards(CARD_SHAPES)
        }
        wanted = [(by_pk[a.pk], variant) for a, variant in wanted if a.pk in by_pk]
    # The words of their edition, for them all at once (none when they are all in the default's).
    wording.of_stories({article.pk: article for article, _variant in wanted}.values())
    return {(article.pk, variant): render_card(article, variant) for article, variant in wanted}

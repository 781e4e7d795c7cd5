"""Editor's Picks: the editors' ordered list of stories, each shown within its own times."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from articles import reader_cache
from articles.models import Article, EditorsPick
from newsroom import editions

# A pick that ended recently still speaks for the editors when none is live.
RECENT_PICKS_DAYS = 7
ORDER_STEP = 10


@dataclass
class PicksList:
    """What the rail shows: live picks, or a fallback when no pick is live.

    ``source`` is "picks" (live picks), "recent" (picks that ended in the last week) or
    "latest" (the newest stories, when the editors have picked nothing lately).
    """

    source: str
    articles: list = field(default_factory=list)

    def excluding(self, article, count):
        articles = [a for a in self.articles if article is None or a.pk != article.pk]
        return PicksList(source=self.source, articles=articles[:count])


def choose_picks(*, count=None, now=None, edition=None):
    """Up to ``count`` stories of ``edition`` (the one being read) for the rail, in the
    editors' order (uncached). Each edition's rail shows the picks of its own stories.

    One query when a pick is live; the fallbacks cost one more each, only when needed. When a
    pick starts or ends the list changes: the reader cache keeps it no longer than that
    (``EditorsPick.objects.next_change`` is one of its clock's boundaries).
    """
    now = now or timezone.now()
    count = count or settings.EDITORS_PICKS_COUNT
    edition = edition or editions.current()
    published = Article.objects.published(at=now).in_edition(edition).with_rail_cards()
    live = list(
        published.filter(picks__in=EditorsPick.objects.live(now))
        .annotate(pick_order=Min("picks__order"))
        .order_by("pick_order", "pk")[:count]
    )
    if live:
        return PicksList(source="picks", articles=live)
    recent = list(
        published.filter(
            picks__in=EditorsPick.objects.filter(
                ends_at__lte=now, ends_at__gt=now - timedelta(days=RECENT_PICKS_DAYS)
            )
        )
        .annotate(ended_at=Max("picks__ends_at"), pick_order=Min("picks__order"))
        .order_by("-ended_at", "pick_order", "pk")[:count]
    )
    if recent:
        return PicksList(source="recent", articles=recent)
    latest = list(published.latest_first()[:count])
    return PicksList(source="latest", articles=latest)


def _kept_picks(count, spares):
    return reader_cache.get_or_make(
        f"rails:picks:{count}:{spares}", lambda: choose_picks(count=count + spares)
    )


def editors_picks(*, exclude=None, count=None):
    """The rail's stories, kept by the reader cache, never ``exclude`` (the story being read)."""
    count = count or settings.EDITORS_PICKS_COUNT
    # One extra, so leaving out the story being read still fills the rail.
    return _kept_picks(count, 1).excluding(exclude, count)


def picks_with_spares(*, spares):
    """The rail's EDITORS_PICKS_COUNT stories and up to ``spares`` more, in order, kept by the
    reader cache: ``rails.beside`` tops the rail up from them where it leaves some out."""
    return _kept_picks(settings.EDITORS_PICKS_COUNT, spares)


def next_order():
    """Order number that puts a new pick at the bottom of the list."""
    highest = EditorsPick.objects.aggregate(highest=Max("order"))["highest"]
    return (highest or 0) + ORDER_STEP


@transaction.atomic
def move_pick(*, pick_id, direction):
    """Move one pick up, down, or to the top of the list; renumbers the whole list.

    The list is locked while it is renumbered, so two editors moving picks at the same time
    cannot end up with duplicate positions.
    """
    picks = list(EditorsPick.objects.select_for_update().order_by("order", "pk"))
    index = next((i for i, pick in enumerate(picks) if pick.pk == pick_id), None)
    if index is None:
        raise EditorsPick.DoesNotExist(f"No pick with id {pick_id}.")
    pick = picks.pop(index)
    if direction == "up":
        picks.insert(max(0, index - 1), pick)
    elif direction == "down":
        picks.insert(min(len(picks), index + 1), pick)
    elif direction == "top":
        picks.insert(0, pick)
    else:
        raise ValueError(f"Unknown direction {direction!r}.")
    for position, each in enumerate(picks, start=1):
        if each.order != position * ORDER_STEP:
            each.order = position * ORDER_STEP
            each.save(update_fields=["order"])
    return pick

"""Editor's Picks: the editors' ordered list of stories, each shown within its own times."""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from articles.models import Article, EditorsPick
from articles.rails import cached

# A pick that ended recently still speaks for the editors when none is live.
RECENT_PICKS_DAYS = 7
ORDER_STEP = 10


def live_pick_filter(now):
    """Q for picks whose time window contains ``now`` (the article is checked separately)."""
    return (Q(starts_at__isnull=True) | Q(starts_at__lte=now)) & (
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )


@dataclass
class PicksList:
    """What the rail shows: live picks, or a fallback when no pick is live.

    ``source`` is "picks" (live picks), "recent" (picks that ended in the last week) or
    "latest" (the newest stories, when the editors have picked nothing lately).
    """

    source: str
    articles: list = field(default_factory=list)
    # The next time a pick starts or ends: the list may change then.
    changes_at: datetime | None = None

    def seconds_fresh(self, longest):
        """How long this list may be reused: ``longest``, or less if a pick starts or ends."""
        if self.changes_at is None:
            return longest
        until_change = math.ceil((self.changes_at - timezone.now()).total_seconds())
        return max(1, min(longest, until_change))

    def excluding(self, article, count):
        articles = [a for a in self.articles if article is None or a.pk != article.pk]
        return PicksList(source=self.source, articles=articles[:count], changes_at=self.changes_at)


def choose_picks(*, count=None, now=None):
    """Up to ``count`` stories for the rail, in the editors' order (uncached).

    Two queries when a pick is live (when the list next changes, and the list); the
    fallbacks cost one more each, only when needed.
    """
    now = now or timezone.now()
    count = count or settings.EDITORS_PICKS_COUNT
    boundaries = EditorsPick.objects.aggregate(
        next_start=Min("starts_at", filter=Q(starts_at__gt=now)),
        next_end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    changes_at = min(filter(None, boundaries.values()), default=None)
    published = Article.objects.published(at=now).with_rail_cards()
    live = list(
        published.filter(picks__in=EditorsPick.objects.filter(live_pick_filter(now)))
        .annotate(pick_order=Min("picks__order"))
        .order_by("pick_order", "pk")[:count]
    )
    if live:
        return PicksList(source="picks", articles=live, changes_at=changes_at)
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
        return PicksList(source="recent", articles=recent, changes_at=changes_at)
    latest = list(published.latest_first()[:count])
    return PicksList(source="latest", articles=latest, changes_at=changes_at)


def editors_picks(*, exclude=None, count=None):
    """The rail's stories, cached briefly, never including ``exclude`` (the story being read)."""
    count = count or settings.EDITORS_PICKS_COUNT
    # One extra, so leaving out the story being read still fills the rail.
    picks = cached(
        ["picks", count],
        timeout=lambda rail: rail.seconds_fresh(settings.RAILS_CACHE_SECONDS),
        compute=lambda: choose_picks(count=count + 1),
    )
    return picks.excluding(exclude, count)


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

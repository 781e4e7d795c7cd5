"""The dashboard's numbers: which stories, regions and authors bring readers, newsletter
sign-ups and members, through which placements, week by week.

Everything is counted in the database, a fixed handful of grouped queries whatever the number
of stories: reads from the daily totals with the one weighted-reads expression
(``articles.reads``), joins and sign-ups from the story and placement each membership and
subscriber recorded (``newsroom.attribution``). Only counts leave here, never who.

- A window is the last 7, 30 or 90 days, ending now. Its oldest day counts its reads in
  proportion to the hours of it inside the window, as Most Popular does.
- A join is a membership that started (its first payment went through) in the window.
- A sign-up is a newsletter address that signed up in the window and confirmed it, even if it
  has unsubscribed since; addresses still waiting for confirmation are not counted.
- A story with several regions (its main one and the others) or several authors counts in full
  for each of them, so the region and author tables add up to more than the total.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Author, Byline, DailyViews, Region
from articles.reads import weighted_reads
from memberships.models import Membership
from newsletter.models import Subscriber
from newsroom.attribution import Placement

WINDOW_CHOICES = (7, 30, 90)
DEFAULT_WINDOW = 30
TOP_STORIES = 50
UNKNOWN_PLACEMENT = "Unknown"


def window_days(value):
    """The window asked for (``"7"``, ``"30"`` or ``"90"``); anything else is the default."""
    text = str(value or "").strip()
    return int(text) if text in {str(days) for days in WINDOW_CHOICES} else DEFAULT_WINDOW


@dataclass(frozen=True)
class Window:
    """The last ``days`` days up to ``end``, in the newsroom's local time."""

    days: int
    start: datetime
    end: datetime

    @classmethod
    def ending(cls, *, days, now=None):
        end = timezone.localtime(now or timezone.now())
        return cls(days=days, start=end - timedelta(days=days), end=end)

    def joins(self):
        return Membership.objects.filter(started_at__gte=self.start, started_at__lte=self.end)

    def signups(self):
        return Subscriber.objects.filter(
            created_at__gte=self.start, created_at__lte=self.end, confirmed_at__isnull=False
        )

    def reads(self, through=""):
        """``(filter of the daily rows in the window, their weighted sum)``."""
        return weighted_reads(days=self.days, now=self.end, through=through)

    def weeks(self):
        """The Mondays of the weeks the window touches, oldest first."""
        first, last = monday(self.start.date()), monday(self.end.date())
        return [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def monday(day):
    return day - timedelta(days=day.weekday())


def per_thousand(count, reads):
    """``count`` per 1,000 reads, one decimal; None when there were no whole reads."""
    return round(count * 1000 / reads, 1) if reads >= 1 else None


@dataclass
class Row:
    """One line of a table: what it is about, and its reads, joins and sign-ups."""

    label: str
    reads: float = 0.0
    joins: int = 0
    signups: int = 0
    url: str = ""
    detail: str = ""
    day: date | None = None

    @property
    def whole_reads(self):
        return round(self.reads)

    @property
    def joins_per_thousand(self):
        return per_thousand(self.joins, self.reads)

    @property
    def signups_per_thousand(self):
        return per_thousand(self.signups, self.reads)


def by_conversion(rows):
    """Most joins first, then most reads, then by name."""
    return sorted(rows, key=lambda row: (-row.joins, -row.reads, row.label))


@dataclass
class Figures:
    window: Window
    stories: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    weeks: list = field(default_factory=list)
    joins_from_stories: int = 0
    signups_from_stories: int = 0

    @property
    def total(self):
        return Row(
            label="All",
            reads=sum(week.reads for week in self.weeks),
            joins=sum(week.joins for week in self.weeks),
            signups=sum(week.signups for week in self.weeks),
        )


def figures(*, days, now=None):
    """Every table of the dashboard for the window of ``days`` days ending ``now``."""
    window = Window.ending(days=days, now=now)
    joins_by_story = _counts(window.joins(), "source_article")
    signups_by_story = _counts(window.signups(), "source_article")
    joins_by_story.pop(None, None)
    signups_by_story.pop(None, None)
    per_story = _per_story(window, joins_by_story, signups_by_story)
    return Figures(
        window=window,
        stories=story_rows(window, joins_by_story, signups_by_story),
        regions=region_rows(window, per_story),
        authors=author_rows(window, per_story),
        placements=placement_rows(window),
        weeks=week_rows(window),
        joins_from_stories=sum(joins_by_story.values()),
        signups_from_stories=sum(signups_by_story.values()),
    )


def _counts(queryset, by):
    """``{value of by: count}`` in one grouped query."""
    grouped = queryset.order_by().values(by).annotate(count=Count("pk"))
    return {row[by]: row["count"] for row in grouped}


def _reads_by_story(window, queryset):
    rows, total = window.reads()
    grouped = queryset.filter(**rows).order_by().values("article").annotate(reads=total)
    return grouped


def story_rows(window, joins_by_story, signups_by_story):
    """The TOP_STORIES most read stories and every story with a join or sign-up, each with
    its reads, joins and sign-ups (four queries)."""
    top = _reads_by_story(window, DailyViews.objects).order_by("-reads", "article")[:TOP_STORIES]
    reads = {row["article"]: row["reads"] for row in top}
    converting = (set(joins_by_story) | set(signups_by_story)) - set(reads)
    if converting:
        more = _reads_by_story(window, DailyViews.objects.filter(article__in=converting))
        reads.update({row["article"]: row["reads"] for row in more})
    stories = (
        Article.objects.filter(pk__in=set(reads) | converting)
        .select_related("primary_region")
        .only("headline", "published_at", "primary_region__name")
    )
    return by_conversion(
        Row(
            label=story.headline,
            reads=reads.get(story.pk) or 0.0,
            joins=joins_by_story.get(story.pk, 0),
            signups=signups_by_story.get(story.pk, 0),
            url=reverse("admin:articles_article_change", args=[story.pk]),
            detail=story.primary_region.name,
            day=story.published_at and timezone.localdate(story.published_at),
        )
        for story in stories
    )


def _stories_in_play(window):
    """The stories with a read, a join or a sign-up in the window, as a subquery."""
    rows, _total = window.reads()
    return (
        Q(pk__in=DailyViews.objects.filter(**rows).values("article"))
        | Q(pk__in=window.joins().values("source_article"))
        | Q(pk__in=window.signups().values("source_article"))
    )


def _per_story(window, joins_by_story, signups_by_story):
    """``{story id: (reads, joins, sign-ups)}`` of every story in play (one grouped query
    besides the joins and sign-ups already counted)."""
    rows, total = window.reads()
    reads = {
        row["article"]: row["reads"]
        for row in DailyViews.objects.filter(**rows)
        .order_by()
        .values("article")
        .annotate(reads=total)
    }
    stories = set(reads) | set(joins_by_story) | set(signups_by_story)
    return {
        story: (
            reads.get(story) or 0.0,
            joins_by_story.get(story, 0),
            signups_by_story.get(story, 0),
        )
        for story in stories
    }


def _grouped_rows(model, admin_name, per_story, pairs):
    """One row per ``model`` instance named in ``pairs`` (``(story id, its id)``, each pair
    once), adding up the figures of its stories."""
    sums = {}
    for story, group in set(pairs):
        if group is None or story not in per_story:
            continue
        reads, joins, signups = per_story[story]
        total = sums.setdefault(group, [0.0, 0, 0])
        total[0] += reads
        total[1] += joins
        total[2] += signups
    names = dict(model.objects.filter(pk__in=sums).values_list("pk", "name"))
    return by_conversion(
        Row(
            label=names[pk],
            reads=reads,
            joins=joins,
            signups=signups,
            url=reverse(f"admin:articles_{admin_name}_change", args=[pk]),
        )
        for pk, (reads, joins, signups) in sums.items()
        if pk in names and (reads > 0 or joins or signups)
    )


def region_rows(window, per_story):
    """Every region with reads, joins or sign-ups: its main stories' and its other stories'
    (two queries for which story is in which region, one for the names)."""
    in_play = Article.objects.filter(_stories_in_play(window)).order_by()
    pairs = [
        *in_play.values_list("pk", "primary_region_id"),
        *Article.regions.through.objects.filter(article__in=in_play.values("pk")).values_list(
            "article_id", "region_id"
        ),
    ]
    return _grouped_rows(Region, "region", per_story, pairs)


def author_rows(window, per_story):
    """Every author with reads, joins or sign-ups on a story of theirs (two queries)."""
    in_play = Article.objects.filter(_stories_in_play(window)).order_by()
    pairs = Byline.objects.filter(article__in=in_play.values("pk")).values_list(
        "article_id", "author_id"
    )
    return _grouped_rows(Author, "author", per_story, pairs)


def placement_rows(window):
    """Joins and sign-ups by the placement they came through, every placement listed."""
    joins = _counts(window.joins(), "source_placement")
    signups = _counts(window.signups(), "source_placement")
    labels = [*Placement.choices, ("", UNKNOWN_PLACEMENT)]
    return [
        Row(label=label, joins=joins.get(value, 0), signups=signups.get(value, 0))
        for value, label in labels
    ]


def week_rows(window):
    """Reads, joins and sign-ups in each week (Monday to Sunday, local time) of the window;
    the first and the last week only in part."""
    local = timezone.get_current_timezone()
    rows, total = window.reads()
    reads = {
        _as_date(row["week"]): row["reads"]
        for row in DailyViews.objects.filter(**rows)
        .annotate(week=TruncWeek("day"))
        .order_by()
        .values("week")
        .annotate(reads=total)
    }

    def weekly(queryset, moment):
        grouped = (
            queryset.annotate(week=TruncWeek(moment, tzinfo=local))
            .order_by()
            .values("week")
            .annotate(count=Count("pk"))
        )
        return {_as_date(row["week"]): row["count"] for row in grouped}

    joins = weekly(window.joins(), "started_at")
    signups = weekly(window.signups(), "created_at")
    return [
        Row(
            label=f"Week of {week:%-d %b}",
            day=week,
            reads=reads.get(week, 0.0),
            joins=joins.get(week, 0),
            signups=signups.get(week, 0),
        )
        for week in window.weeks()
    ]


def _as_date(value):
    return timezone.localtime(value).date() if isinstance(value, datetime) else value

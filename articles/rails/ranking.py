"""Most Popular: stories ranked by their weighted reads in the window (``articles.reads``)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles import reader_cache
from articles.models import Article
from articles.rails.counting import flush_and_log
from articles.reads import WINDOW_DAYS
from newsroom import editions

WINDOW_LABELS = {"24h": _("in the last 24 hours"), "7d": _("in the last 7 days")}


@dataclass
class PopularList:
    window: str
    articles: list = field(default_factory=list)

    @property
    def label(self):
        return WINDOW_LABELS[self.window]


def rank_most_popular(*, region=None, window=None, count=None, spares=0, now=None, edition=None):
    """The most read published stories of ``edition`` (the one being read), edition-wide or
    in one region (uncached): each edition counts its own stories' reads.

    Only stories with at least POPULAR_MIN_READS reads in the window are listed. When the
    24-hour window cannot fill the list (a quiet day), the 7-day window is used instead: it
    holds every story the shorter one does, and more. Up to ``spares`` more stories follow
    the ``count`` the rail shows, to top it up where it leaves some out (``rails.beside``).
    """
    window = window or settings.POPULAR_WINDOW
    count = count or settings.POPULAR_COUNT
    if now is None:
        flush_and_log()  # reads still buffered in Redis count too
    windows = [window, "7d"] if window == "24h" else [window]
    edition = edition or editions.current()
    articles = []
    for shown in windows:
        articles = list(
            Article.objects.published(at=now)
            .in_edition(edition)
            .most_read(
                days=WINDOW_DAYS[shown],
                region=region,
                min_reads=settings.POPULAR_MIN_READS,
                now=now,
            )
            .with_rail_cards()[: count + spares]
        )
        if len(articles) >= count:
            break
    return PopularList(window=shown, articles=articles)


def most_popular(*, region=None, window=None, count=None, spares=0):
    """``rank_most_popular``, kept by the reader cache for at most ``POPULAR_SECONDS``
    (reads are not content changes, so the list may lag them that long)."""
    window = window or settings.POPULAR_WINDOW
    count = count or settings.POPULAR_COUNT
    return reader_cache.get_or_make(
        f"rails:popular:{region.pk if region else 'all'}:{window}:{count}:{spares}",
        lambda: rank_most_popular(region=region, window=window, count=count, spares=spares),
        timeout=reader_cache.setting("POPULAR_SECONDS"),
    )

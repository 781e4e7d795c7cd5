"""Reads within a window: the one weighted-reads expression Most Popular and the desk use.

Reads are kept as daily totals by the newsroom's local date (``TIME_ZONE``). "Last 24 hours"
is today's reads plus yesterday's in proportion to the hours of yesterday still inside the
last 24 hours (at 18:00, a quarter of yesterday's); "last 7 days" is today, the six days
before, and the seventh day back in the same proportion. This assumes reads spread evenly
over the oldest day, which is the only day of the window not wholly inside it.
"""

from datetime import timedelta

from django.db.models import Case, F, FloatField, Sum, Value, When
from django.utils import timezone

WINDOW_DAYS = {"24h": 1, "7d": 7}


def reads_window(*, days, now=None):
    """(oldest day, today, share of the oldest day inside the window) by local date."""
    local = timezone.localtime(now or timezone.now())
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    elapsed_share = (local - midnight).total_seconds() / 86400
    today = local.date()
    return today - timedelta(days=days), today, max(0.0, 1.0 - elapsed_share)


def weighted_reads(*, days, now=None, through=""):
    """``(the daily rows' filter, the sum of their weighted reads)`` for the window.

    ``through`` is the path to the daily totals (``"daily_views__"`` from a story), empty
    when summing the daily totals themselves.
    """
    oldest, today, weight = reads_window(days=days, now=now)
    rows = {f"{through}day__gte": oldest, f"{through}day__lte": today}
    total = Sum(
        Case(
            When(**{f"{through}day": oldest}, then=F(f"{through}views") * Value(weight)),
            default=F(f"{through}views") * Value(1.0),
            output_field=FloatField(),
        )
    )
    return rows, total

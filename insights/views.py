"""The editorial dashboard in the admin (/admin/insights/): which stories, regions, authors and
placements bring readers, newsletter sign-ups and members, and the CSV of each table.

Thin: ``insights.figures`` counts, ``insights.charts`` draws. Editors, Membership managers and
superusers may see it (the ``insights.view_dashboard`` permission, granted to their groups);
it shows counts only, never a member or subscriber.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.rails.counting import flush_and_log
from insights import charts
from insights.figures import WINDOW_CHOICES, figures, window_days
from newsroom.spreadsheets import csv_response

PERMISSION = "insights.view_dashboard"
CHART_STORIES = 10

TABLE_HEADER = [
    "reads",
    "joins",
    "joins per 1,000 reads",
    "newsletter sign-ups",
    "sign-ups per 1,000 reads",
]
DOWNLOADS = {
    "stories": ("story", ["story", "published", "main region"]),
    "regions": ("region", ["region"]),
    "authors": ("author", ["author"]),
}


def _allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _numbers(row):
    return [
        row.whole_reads,
        row.joins,
        row.joins_per_thousand,
        row.signups,
        row.signups_per_thousand,
    ]


@require_safe
def dashboard(request):
    _allowed(request)
    days = window_days(request.GET.get("days"))
    flush_and_log()  # reads still buffered count too
    numbers = figures(days=days)
    converting = [story for story in numbers.stories if story.joins][:CHART_STORIES]
    week_labels = [f"{week.day:%-d %b}" for week in numbers.weeks]
    return TemplateResponse(
        request,
        "admin/insights/dashboard.html",
        {
            **admin.site.each_context(request),
            "title": "Which journalism brings readers, sign-ups and members",
            "figures": numbers,
            "days": days,
            "windows": WINDOW_CHOICES,
            "chart_stories": converting,
            "trend_chart": charts.weekly_bars(
                chart_id="weekly-trend",
                title=f"Reads, joins and sign-ups per week, last {days} days",
                labels=week_labels,
                series=[
                    charts.Series("Reads", [w.whole_reads for w in numbers.weeks], "chart-reads"),
                    charts.Series("Joins", [w.joins for w in numbers.weeks], "chart-joins"),
                    charts.Series("Sign-ups", [w.signups for w in numbers.weeks], "chart-signups"),
                ],
            ),
            "stories_chart": charts.horizontal_bars(
                chart_id="stories-by-joins",
                title=f"Stories that brought the most members, last {days} days",
                labels=[story.label for story in converting],
                values=[story.joins for story in converting],
                unit="joins",
            ),
            "downloads": {
                table: f"{reverse('insights:download', args=[table])}?days={days}"
                for table in DOWNLOADS
            },
        },
    )


@require_safe
def download(request, table):
    """The per-story, per-region or per-author table as CSV, for the same window."""
    _allowed(request)
    if table not in DOWNLOADS:
        raise Http404
    days = window_days(request.GET.get("days"))
    flush_and_log()
    numbers = figures(days=days)
    name, first_columns = DOWNLOADS[table]
    if table == "stories":
        rows = (
            [story.label, story.day and story.day.isoformat(), story.detail, *_numbers(story)]
            for story in numbers.stories
        )
    else:
        rows = ([row.label, *_numbers(row)] for row in getattr(numbers, table))
    return csv_response(
        name=f"{name}-conversion-{days}-days",
        header=[*first_columns, *TABLE_HEADER],
        rows=rows,
    )

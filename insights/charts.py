"""The dashboard's charts, drawn here as inline SVG: no script, nothing loaded from elsewhere.

Each chart is an image with a title and a description for screen readers (``role="img"``,
``aria-labelledby``), and the page puts a table with the same numbers beside it. Every bar
carries its value as text, so the chart reads without hovering. Sizes are in the chart's own
units (``viewBox``): the stylesheet makes it as wide as its column, at 1366 pixels or on a phone.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 640
BAR_GAP = 0.25  # of each slot, left empty between bars


@dataclass(frozen=True)
class Series:
    name: str
    values: list
    css_class: str


def _scale(value, largest, length):
    return 0 if largest <= 0 else value / largest * length


def _svg(*, chart_id, title, description, height, body):
    return format_html(
        '<svg class="insights-chart" id="{id}" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        "{body}</svg>",
        id=chart_id,
        width=WIDTH,
        height=height,
        title=title,
        description=description,
        body=body,
    )


def weekly_bars(*, chart_id, title, labels, series):
    """One row of vertical bars per series (reads, joins, sign-ups), one bar per week, each row
    scaled to its own largest value: joins would not show beside thousands of reads."""
    panel, label_height, caption = 90, 18, 16
    height = len(series) * (panel + caption + 8) + label_height
    slot = WIDTH / max(len(labels), 1)
    parts = []
    top = 0
    for each in series:
        largest = max(each.values, default=0)
        parts.append(
            format_html(
                '<text class="chart-caption" x="0" y="{}">{}</text>', top + caption - 4, each.name
            )
        )
        base = top + caption + panel
        for index, value in enumerate(each.values):
            bar = _scale(value, largest, panel - 14)
            x = index * slot + slot * BAR_GAP / 2
            parts.append(
                format_html(
                    '<rect class="{}" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {} {}</title></rect>"
                    '<text class="chart-value" x="{}" y="{}" text-anchor="middle">{}</text>',
                    each.css_class,
                    _n(x),
                    _n(base - bar),
                    _n(slot * (1 - BAR_GAP)),
                    _n(bar),
                    labels[index],
                    f"{value:,}",
                    each.name.lower(),
                    _n(index * slot + slot / 2),
                    _n(base - bar - 3),
                    f"{value:,}",
                )
            )
        parts.append(
            format_html(
                '<line class="chart-axis" x1="0" x2="{}" y1="{}" y2="{}"/>', WIDTH, base, base
            )
        )
        top = base + 8
    parts.append(
        format_html_join(
            "",
            '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
            (
                (_n(index * slot + slot / 2), top + label_height - 6, label)
                for index, label in enumerate(labels)
            ),
        )
    )
    description = "; ".join(
        f"{label}: " + ", ".join(f"{each.values[index]:,} {each.name.lower()}" for each in series)
        for index, label in enumerate(labels)
    )
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description or "No weeks in the window.",
        height=height,
        body=mark_safe("".join(parts)),  # each part was made by format_html
    )


def horizontal_bars(*, chart_id, title, labels, values, unit):
    """One horizontal bar per label, longest for the largest value, the label above its bar."""
    row, label_space = 34, 14
    height = max(len(labels), 1) * row + 4
    largest = max(values, default=0)
    room = WIDTH - 60
    parts = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        top = index * row
        length = max(_scale(value, largest, room), 2)
        parts.append(
            format_html(
                '<text class="chart-label" x="0" y="{}">{}</text>'
                '<rect class="chart-joins" x="0" y="{}" width="{}" height="14">'
                "<title>{}: {} {}</title></rect>"
                '<text class="chart-value" x="{}" y="{}">{}</text>',
                top + label_space - 3,
                _shortened(label),
                top + label_space,
                _n(length),
                label,
                f"{value:,}",
                unit,
                _n(length + 6),
                top + label_space + 11,
                f"{value:,}",
            )
        )
    if not labels:
        parts.append(
            format_html('<text class="chart-label" x="0" y="20">{}</text>', f"No {unit} yet.")
        )
    description = "; ".join(
        f"{label}: {value:,} {unit}" for label, value in zip(labels, values, strict=True)
    )
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description or f"No {unit} in the window.",
        height=height,
        body=mark_safe("".join(parts)),  # each part was made by format_html
    )


def _n(number):
    """A coordinate as SVG takes it: one decimal is finer than any screen shows."""
    return f"{number:.1f}"


def _shortened(text, limit=80):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

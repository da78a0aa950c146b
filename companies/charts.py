"""Line charts of one company's figures over time, drawn on the server as inline SVG.

No JavaScript: the SVG is a picture with a title and a description for screen readers
(`role="img"`), and the page puts a table of the same points beside it. Colours are set
by CSS classes (the site's Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from factcheck import figures

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 96, 24, 20, 40


@dataclass
class Point:
    day: dt.date
    value: Decimal
    label: str  # the figure as shown in the tooltip and the table


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above `value` (a tidy top for the axis)."""
    if value <= 0:
        return Decimal(1)
    exponent = value.adjusted()
    for step in (1, 2, Decimal("2.5"), 5, 10):
        top = Decimal(step).scaleb(exponent)
        if top >= value:
            return top
    return Decimal(10).scaleb(exponent)


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = (last - first).days or 1
    return LEFT + (day - first).days / span * (WIDTH - LEFT - RIGHT)


def _y(value: Decimal, top: Decimal) -> float:
    return HEIGHT - BOTTOM - float(value / top) * (HEIGHT - TOP - BOTTOM)


def _axis_labels(top: Decimal, unit: str) -> list[str]:
    lines = []
    for i in range(5):
        value = top * i / 4
        y = _y(value, top)
        text = escape(figures.format_figure(value, unit, digits=3)) if value else "0"
        lines.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{text}</text>'
        )
    return lines


def _date_labels(first: dt.date, last: dt.date) -> list[str]:
    y = HEIGHT - BOTTOM + 22
    labels = [(first, "start"), (last, "end")] if first != last else [(first, "middle")]
    return [
        f'<text class="tick" x="{_x(day, first, last):.1f}" y="{y}" text-anchor="{anchor}">'
        f"{day.day} {day:%b %Y}</text>"
        for day, anchor in labels
    ]


def line_chart(points: list[Point], *, title: str, unit: str, chart_id: str) -> SafeString:
    """An SVG line chart of `points` (two or more, any order) with `unit` on the value axis."""
    points = sorted(points, key=lambda p: p.day)
    first, last = points[0].day, points[-1].day
    top = nice_ceiling(max(max(p.value for p in points), Decimal(0)))
    coords = [(_x(p.day, first, last), _y(max(p.value, Decimal(0)), top)) for p in points]
    description = (
        f"{len(points)} figures from {points[0].label} on {first:%d %b %Y} "
        f"to {points[-1].label} on {last:%d %b %Y}."
    )
    dots = [
        f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4">'
        f"<title>{escape(p.label)}, {p.day:%d %b %Y}</title></circle>"
        for (x, y), p in zip(coords, points, strict=True)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *_axis_labels(top, unit),
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" '
        f'y2="{HEIGHT - BOTTOM}"/>',
        *_date_labels(first, last),
        f'<polyline class="line" points="{path}" fill="none"/>',
        *dots,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped text only

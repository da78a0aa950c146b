"""Line charts of one company's figures over time, drawn on the server as inline SVG.

No JavaScript: the SVG is a picture with a title and a description for screen readers
(`role="img"`), and the page puts a one-sentence summary and a table of the same points
beside it. Colours and text sizes are set by CSS classes (the site's Content-Security-Policy
forbids inline styles); the text is sized so that it reads at 12 px or more on a 390 px phone.

What goes on which chart is decided here, never silently:
- figures of different periods (a point in time, a quarter, a half-year, a fiscal year) are
  separate series, never one line;
- money is drawn in ≈ US dollars where the figure's date has a reference rate, and on its
  own currency's axis where it has none;
- a figure that is on no chart (its verdict, no date, alone in its series) is listed with
  the reason, so the chart's points and the table below add up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext_lazy

from factcheck import figures
from factcheck.localise import claim_figure, day_text, figure_text
from factcheck.models import Status

# viewBox units. The SVG is 358 px wide on a 390 px phone and up to 704 px on a desktop;
# site.css sets text to 14 units on phones (12.5 px) and 8 units above 40rem (≥ 12.2 px).
WIDTH, HEIGHT = 400, 240
PAD, TOP, BOTTOM = 12, 30, 34

# Figures the desk found right: a chart of them shows what is established. Inaccurate and
# unverifiable figures stay in the table with their verdict, never on the line.
CHARTED = (Status.VERIFIED, Status.MISLEADING)
# Metrics that flow over a period; a blank period on one of them is a period not stated,
# where on a valuation or a market value it is a point in time.
FLOWS = frozenset({"revenue", "net_income", "net_loss", "forecast"})

_PERIODS = (
    ("quarter", re.compile(r"\bQ[1-4]\b|quarter", re.IGNORECASE)),
    ("half", re.compile(r"\bH[12]\b|half|six\s+months|\b6M\b", re.IGNORECASE)),
    ("nine_months", re.compile(r"nine\s+months|\b9M\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:FY|CY)|year|annual|^\s*(?:19|20)[0-9]{2}\s*$", re.IGNORECASE)),
)
PERIOD_PHRASES = {
    "point": pgettext_lazy("chart title", "over time"),
    "unstated": pgettext_lazy("chart title", "with no period stated"),
    "quarter": pgettext_lazy("chart title", "by quarter"),
    "half": pgettext_lazy("chart title", "by half-year"),
    "nine_months": pgettext_lazy("chart title", "over nine months"),
    "year": pgettext_lazy("chart title", "by year"),
}
PERIOD_NOUNS = {
    "point": pgettext_lazy("figures of a period", "dated"),
    "unstated": pgettext_lazy("figures of a period", "period-less"),
    "quarter": pgettext_lazy("figures of a period", "quarterly"),
    "half": pgettext_lazy("figures of a period", "half-year"),
    "nine_months": pgettext_lazy("figures of a period", "nine-month"),
    "year": pgettext_lazy("figures of a period", "full-year"),
}


@dataclass
class Point:
    day: dt.date
    value: Decimal
    label: str  # the figure as shown in the tooltip and the table
    when: str = ""  # "FY2024 (28 Jan 2024)" or "15 Oct 2024"
    claim: object = None  # the Claim drawn here


@dataclass
class Chart:
    """One series: its SVG, its points (oldest first), and words for those who cannot see it."""

    svg: SafeString
    points: list[Point]
    caption: str
    unit_note: str
    summary: str


@dataclass
class Omitted:
    """A figure in the table that is on no chart, and why."""

    claim: object
    reason: str


@dataclass
class Plan:
    charts: list[Chart] = field(default_factory=list)
    omitted: list[Omitted] = field(default_factory=list)


def period_kind(period: str, metric: str) -> str:
    """ "point", "unstated", "quarter", "half", "nine_months", "year" or "other:<label>"."""
    period = (period or "").strip()
    if not period:
        return "unstated" if metric in FLOWS else "point"
    for kind, pattern in _PERIODS:
        if pattern.search(period):
            return kind
    return "other:" + re.sub(r"[0-9]+", "", period).strip().lower()


def _phrase(kind: str) -> str:
    if kind in PERIOD_PHRASES:
        return str(PERIOD_PHRASES[kind])
    return gettext("by period (%(period)s)") % {"period": kind.removeprefix("other:")}


def _noun(kind: str) -> str:
    if kind in PERIOD_NOUNS:
        return str(PERIOD_NOUNS[kind])
    return gettext("“%(period)s”") % {"period": kind.removeprefix("other:")}


def short_date(day: dt.date) -> str:
    """ "2 Oct 2024", or "2024年10月2日" on a Chinese page."""
    return day_text(day)


def when(claim) -> str:
    if claim.as_of is None:
        return gettext("undated")
    if claim.period:
        return f"{claim.period} ({short_date(claim.as_of)})"
    return short_date(claim.as_of)


def _point(claim) -> tuple[str, Point]:
    """(axis unit, point): money in ≈ USD where its date has a rate, else in its own unit."""
    if figures.is_currency(claim.unit) and claim.usd_value is not None:
        label = figure_text(claim.usd_value, "USD", digits=3)
        if claim.unit != "USD":
            label = f"≈ {label} ({claim_figure(claim)})"
        return "USD", Point(claim.as_of, claim.usd_value, label, when(claim), claim)
    return claim.unit, Point(claim.as_of, claim.value, claim_figure(claim), when(claim), claim)


def unit_note(unit: str) -> str:
    if unit == "USD":
        return gettext("in US dollars at each date's rate")
    if figures.is_currency(unit):
        return gettext("as written: no reference rate for these dates")
    return unit or gettext("as a number")


def _at(point: Point) -> str:
    if point.claim is not None and point.claim.period:
        return gettext("in %(period)s") % {"period": point.claim.period}
    return gettext("on %(date)s") % {"date": short_date(point.day)}


def possessive(name: str) -> str:
    """ "SenseTime’s", "Moss’"; "商汤科技的" on a Chinese page."""
    if name.endswith("s"):
        return gettext("%(name)s’") % {"name": name}
    return gettext("%(name)s’s") % {"name": name}


# A series' one-sentence summary, by how it moved (`change` is a percentage).
_MOVES = {
    "rose_by": pgettext_lazy(
        "chart summary",
        "%(subject)s rose %(change)s, from %(first)s %(at_first)s to %(last)s %(at_last)s "
        "(%(count)s figures).",
    ),
    "fell_by": pgettext_lazy(
        "chart summary",
        "%(subject)s fell %(change)s, from %(first)s %(at_first)s to %(last)s %(at_last)s "
        "(%(count)s figures).",
    ),
    "unchanged": pgettext_lazy(
        "chart summary",
        "%(subject)s was unchanged, from %(first)s %(at_first)s to %(last)s %(at_last)s "
        "(%(count)s figures).",
    ),
    "rose": pgettext_lazy(
        "chart summary",
        "%(subject)s rose, from %(first)s %(at_first)s to %(last)s %(at_last)s "
        "(%(count)s figures).",
    ),
    "fell": pgettext_lazy(
        "chart summary",
        "%(subject)s fell, from %(first)s %(at_first)s to %(last)s %(at_last)s "
        "(%(count)s figures).",
    ),
    "held": pgettext_lazy(
        "chart summary",
        "%(subject)s held, from %(first)s %(at_first)s to %(last)s %(at_last)s "
        "(%(count)s figures).",
    ),
}


def summary(subject: str, points: list[Point]) -> str:
    """One sentence: where the series starts and ends, and how far it moved."""
    first, last = points[0], points[-1]
    shown = ""
    if first.value > 0 and last.value >= 0:
        change = (last.value - first.value) / first.value * 100
        shown = f"{abs(change).quantize(Decimal(1)):,}%"
        move = "rose_by" if change > 0 else "fell_by" if change < 0 else "unchanged"
    else:
        move = (
            "rose" if last.value > first.value else "fell" if last.value < first.value else "held"
        )
    return _MOVES[move] % {
        "subject": subject,
        "change": shown,
        "first": first.label,
        "at_first": _at(first),
        "last": last.label,
        "at_last": _at(last),
        "count": len(points),
    }


def plan_charts(company_name: str, metric: str, metric_label: str, claims) -> Plan:
    """The charts of one metric's claims, and every claim left off them with the reason."""
    plan = Plan()
    series: dict[tuple[str, str], list[Point]] = {}
    for claim in claims:
        if claim.status not in CHARTED:
            reason = gettext(
                "rated %(verdict)s: charts show only verified and misleading figures"
            ) % {"verdict": Status(claim.status).label}
            plan.omitted.append(Omitted(claim, reason))
        elif claim.as_of is None:
            reason = gettext("no as-of date to place it on a time axis")
            plan.omitted.append(Omitted(claim, reason))
        else:
            unit, point = _point(claim)
            series.setdefault((period_kind(claim.period, metric), unit), []).append(point)
    for (kind, unit), points in series.items():
        points.sort(key=lambda p: (p.day, p.claim.pk if p.claim else 0))
        if len({p.day for p in points}) < 2:
            words = {"kind": _noun(kind), "unit": unit_name(unit), "count": len(points)}
            if len(points) == 1:
                reason = gettext("the only %(kind)s figure in %(unit)s: a line needs two dates")
            else:
                reason = gettext("all %(count)s %(kind)s figures in %(unit)s are of one date")
            reason %= words
            plan.omitted.extend(Omitted(p.claim, reason) for p in points)
            continue
        metric_words = str(metric_label).lower()
        title = gettext("%(company)s: %(metric)s %(period)s") % {
            "company": company_name,
            "metric": metric_words,
            "period": _phrase(kind),
        }
        own_currency = unit != "USD" and figures.is_currency(unit)
        symbol = figures.currency_symbol(unit).strip() if own_currency else ""
        if own_currency:
            title = gettext("%(title)s, in %(currency)s") % {"title": title, "currency": symbol}
        if kind in ("point", "unstated"):
            subject = gettext("%(owner)s %(metric)s") % {
                "owner": possessive(company_name),
                "metric": metric_words,
            }
        else:
            subject = gettext("%(owner)s %(period)s %(metric)s") % {
                "owner": possessive(company_name),
                "period": _noun(kind),
                "metric": metric_words,
            }
        if kind == "unstated":
            subject = gettext("%(subject)s (period not stated)") % {"subject": subject}
        if own_currency:
            subject = gettext("%(subject)s in %(currency)s") % {
                "subject": subject,
                "currency": symbol,
            }
        chart_id = f"chart-{metric}-{len(plan.charts)}"
        text = summary(subject, points)
        svg = line_chart(points, title=title, unit=unit, chart_id=chart_id, description=text)
        plan.charts.append(Chart(svg, points, title, unit_note(unit), text))
    return plan


def unit_name(unit: str) -> str:
    if unit == "USD":
        return gettext("≈ USD")
    if figures.is_currency(unit):
        return figures.currency_symbol(unit).strip()
    return unit or gettext("plain numbers")


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


def axis_range(values: list[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """(bottom, top, step) of a value axis with tidy ticks that holds zero and every value."""
    low, high = min([*values, Decimal(0)]), max([*values, Decimal(0)])
    step = nice_ceiling((high - low) / 4) if high > low else Decimal(1)
    bottom = (low / step).to_integral_value(ROUND_FLOOR) * step
    top = (high / step).to_integral_value(ROUND_CEILING) * step
    return bottom, max(top, bottom + step), step


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = (last - first).days or 1
    inset = PAD + 8
    return inset + (day - first).days / span * (WIDTH - 2 * inset)


def _y(value: Decimal, bottom: Decimal, top: Decimal) -> float:
    return HEIGHT - BOTTOM - float((value - bottom) / (top - bottom)) * (HEIGHT - TOP - BOTTOM)


def _grid(bottom: Decimal, top: Decimal, step: Decimal, unit: str) -> list[str]:
    """Gridlines with their values written above them at the left (no margin to fit)."""
    lines, value = [], bottom
    while value <= top:
        y = _y(value, bottom, top)
        text = escape(figure_text(value, unit, digits=3)) if value else "0"
        css = "axis" if value == 0 else "grid"
        lines.append(
            f'<line class="{css}" x1="{PAD}" x2="{WIDTH - PAD}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{PAD}" y="{y - 4:.1f}">{text}</text>'
        )
        value += step
    return lines


def _date_labels(points: list[Point]) -> list[str]:
    y = HEIGHT - BOTTOM + 22
    first, last = points[0], points[-1]
    ends = [(first, "start", PAD), (last, "end", WIDTH - PAD)]
    return [
        f'<text class="tick" x="{x}" y="{y}" text-anchor="{anchor}">'
        f"{escape(p.claim.period if p.claim is not None and p.claim.period else short_date(p.day))}"
        "</text>"
        for p, anchor, x in ends
    ]


def line_chart(
    points: list[Point], *, title: str, unit: str, chart_id: str, description: str = ""
) -> SafeString:
    """An SVG line chart of `points` (two or more dates, any order) with `unit` on the value axis."""
    points = sorted(points, key=lambda p: p.day)
    first, last = points[0].day, points[-1].day
    bottom, top, step = axis_range([p.value for p in points])
    coords = [(_x(p.day, first, last), _y(p.value, bottom, top)) for p in points]
    description = description or gettext(
        "%(count)s figures from %(first)s on %(first_date)s to %(last)s on %(last_date)s."
    ) % {
        "count": len(points),
        "first": points[0].label,
        "first_date": short_date(first),
        "last": points[-1].label,
        "last_date": short_date(last),
    }
    dots = [
        f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4">'
        f"<title>{escape(p.label)}, {escape(p.when or short_date(p.day))}</title></circle>"
        for (x, y), p in zip(coords, points, strict=True)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *_grid(bottom, top, step, unit),
        *_date_labels(points),
        f'<polyline class="line" points="{path}" fill="none"/>',
        *dots,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped text only

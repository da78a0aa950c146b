"""Template filters for the public pages: verdict badges, dates and figures as readers write them."""

import html

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from factcheck import links, localise, tables
from factcheck.dates import claim_as_of_html
from factcheck.models import Source

register = template.Library()


@register.filter
def verdict(status: str):
    """A verdict as a badge: symbol and word, so it reads without colour."""
    return tables.verdict_badge(status)


@register.filter
def day(value):
    """A date as "2 Oct 2024" inside a <time> element; "undated" when there is none."""
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    return mark_safe(tables.time_tag(value))  # noqa: S308 - built from a date only


@register.filter
def as_of(claim):
    """A claim's date as written: "February 2024", "Q2 2024", "15 Oct 2024" (in a <time>)."""
    return claim_as_of_html(claim)


@register.filter
def usd(claim):
    """The ≈ USD text of a money figure with a known rate; blank otherwise."""
    return tables.usd_text(claim)


@register.filter
def tier(source: Source):
    """A source's tier and kind: "Primary · Filing" ("一手来源 · 监管文件")."""
    tier = gettext("Primary") if source.is_primary else gettext("Secondary")
    return f"{tier} · {source.get_kind_display()}"


@register.filter
def figure(claim) -> str:
    """A claim's figure in the page's language: "about RMB 30 billion", "约300亿元"."""
    return localise.claim_figure(claim)


@register.filter
def deviation_text(deviation, claim) -> str:
    """A source's figure against the claim's, in the page's language ("高估4.1%：…")."""
    return localise.deviation_text(deviation, claim)


@register.filter
def corrected(claim) -> str:
    """The right figure beside an inaccurate or misleading verdict, in the page's language."""
    return localise.corrected_figure(claim)


@register.filter
def http_url(url) -> str:
    """`url` when it is an http(s) URL, else "": templates link only what this lets through."""
    return url if links.is_http_url(url) else ""


@register.filter
def select_options(field) -> SafeString:
    """A bound choice field's <option>s, the current value selected, written in one pass.

    A template loop costs about ten microseconds an option; the company list has thousands.
    """
    current = str(field.value() or "")
    return mark_safe(  # noqa: S308 - every value and label is escaped (quotes included)
        "".join(
            f'<option value="{html.escape(str(value))}"'
            f"{' selected' if str(value) == current else ''}>{html.escape(str(label))}</option>"
            for value, label in field.field.choices
        )
    )

"""A claim's as-of date on a page, as written: "February 2024", "Q2 2024", "15 Oct 2024".

The reading and writing themselves are pure (factcheck/figures/as_of.py); this adds the
HTML (a <time> element where HTML has a value for the period) and the page's language.
Templates use the `as_of` filter (templatetags/factdesk.py), the claims table its cell.
"""

from __future__ import annotations

import datetime as dt

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from factcheck.figures.as_of import AsOf


def page_language() -> str:
    return "zh-hans" if (get_language() or "").lower().startswith("zh") else "en"


def as_of_html(day: dt.date | None, precision: str | None) -> SafeString:
    """`<time datetime="2024-02">February 2024</time>`; "undated" when there is no date.

    A quarter or half carries its year as the machine value (HTML has none for them); a
    fiscal year, whose months are the company's, carries none and is plain text.
    """
    if day is None:
        undated = escape(gettext("undated"))
        return mark_safe(f'<span class="blank">{undated}</span>')  # noqa: S308 - escaped
    as_of = AsOf(day, precision or "day")
    text = escape(as_of.text(page_language()))
    if not as_of.machine:
        return mark_safe(f'<span class="as-of">{text}</span>')  # noqa: S308 - escaped
    return mark_safe(f'<time datetime="{as_of.machine}">{text}</time>')  # noqa: S308 - escaped


def claim_as_of_html(claim) -> SafeString:
    """A claim's date as written (any object with `as_of` and `as_of_precision`)."""
    return as_of_html(claim.as_of, getattr(claim, "as_of_precision", None))

"""The page in the site's other languages: `hreflang` alternates and the language switch.

Plain links to the same page under each language's path (factcheck/urls.py), so switching
needs no JavaScript, no form and no cookie, and the page stays the same for everyone.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()

# HTML and hreflang write script subtags in title case (BCP 47): zh-Hans.
BCP47 = {"en": "en", "zh-hans": "zh-Hans"}


def bcp47(code: str) -> str:
    return BCP47.get(code, code)


@register.filter(name="bcp47")
def bcp47_filter(code: str) -> str:
    """A Django language code as HTML's `lang` and `hreflang` write it (zh-hans -> zh-Hans)."""
    return bcp47(code or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[dict]:
    """This page in every language of the site: code, name, URL, and whether it is this one.

    Empty when the page has no URL of its own in another language (an error page).
    """
    request = context.get("request")
    if request is None:
        return []
    here = request.get_full_path()
    current = get_language() or settings.LANGUAGE_CODE
    pages = []
    for code, name in settings.LANGUAGES:
        url = here if code == current else translate_url(here, code)
        if code != current and url == here:
            return []  # this path has no counterpart in `code` (not a localised page)
        pages.append(
            {
                "code": code,
                "lang": bcp47(code),
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return pages


@register.filter
def working(check) -> str:
    """An arithmetic check's working in the page's language ("从…跌至…，跌幅为…")."""
    from factcheck.figure_checks import working_in

    return working_in(check, get_language() or settings.LANGUAGE_CODE)

"""schema.org `ClaimReview` for a claim page, as search engines and fact-check tools read it.

The review is the desk's (settings.FACTDESK_DESK_NAME / FACTDESK_DESK_URL); the reviewed
`Claim` is the article's: its author, its date (when the article appeared, not when the
desk ruled) and where it appeared.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from factcheck.links import is_http_url
from factcheck.models import Claim, Status
from factcheck.templatetags.languages import bcp47
from factcheck.verdicts import BEST_RATING, MEANINGS, WORST_RATING, methodology_url

# The verdicts on schema.org's 1–5 scale (factcheck/verdicts.py says why each sits where it
# does; the methodology page shows the same table).
RATINGS = {status: MEANINGS[status].rating for status in Status.verdicts()}
BEST, WORST = BEST_RATING, WORST_RATING

# JSON inside <script> must not close the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _desk(request) -> dict:
    desk = {"@type": "Organization", "name": settings.FACTDESK_DESK_NAME}
    desk["url"] = settings.FACTDESK_DESK_URL or request.build_absolute_uri("/")
    return desk


def _item_reviewed(claim: Claim) -> dict:
    # The claim is in its article's language, whatever language the review is shown in.
    item: dict = {"@type": "Claim", "inLanguage": bcp47(claim.text_language)}
    article = claim.article
    if article is None:
        return item
    if article.author:
        item["author"] = {"@type": "Person", "name": article.author}
    elif article.publication:
        item["author"] = {"@type": "Organization", "name": article.publication}
    if article.published_on:
        item["datePublished"] = article.published_on.isoformat()
    if is_http_url(article.url):
        appearance = {"@type": "CreativeWork", "url": article.url, "headline": article.title}
        if article.publication:
            appearance["publisher"] = {"@type": "Organization", "name": article.publication}
        item["appearance"] = appearance
    return item


def _explanation(status: str, request) -> str:
    """The verdict's meaning, and where the desk explains its verdicts and scale."""
    url = request.build_absolute_uri(methodology_url(status))
    return gettext("%(meaning)s How the desk rates figures: %(url)s") % {
        "meaning": MEANINGS[status].summary,
        "url": url,
    }


def claim_review(claim: Claim, request, *, last_corrected=None) -> dict:
    """The ClaimReview of a public claim. `last_corrected`: when its verdict last changed."""
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "claimReviewed": claim.quote,
        "inLanguage": bcp47(get_language() or settings.LANGUAGE_CODE),  # the page's
        "datePublished": claim.published_at.isoformat(),
        "author": _desk(request),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[claim.status],
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": claim.get_status_display(),
            "ratingExplanation": _explanation(claim.status, request),
        },
        "itemReviewed": _item_reviewed(claim),
    }
    if last_corrected is not None:
        review["dateModified"] = last_corrected.isoformat()
    return review


def script_tag(data: dict) -> SafeString:
    """`data` as a JSON-LD <script> element, safe to put in HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308

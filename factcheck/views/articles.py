"""An article's page: its text with each published claim marked where the article makes it.

Only public claims are looked up, so an unpublished claim is never marked (nor hinted at).
An article with no public claim has no page: the desk has published nothing about it.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape

from factcheck.caching import public_page
from factcheck.models import Article, Claim
from factcheck.quotes import mark_claims
from factcheck.tables import STATUS_LABELS, VERDICT_SYMBOLS


def _mark_html(claim: Claim) -> str:
    """The mark around a quote: a link to the claim's page, and its verdict in words."""
    url = reverse("factcheck:claim", kwargs={"pk": claim.pk})
    label = escape(STATUS_LABELS[claim.status])
    symbol = VERDICT_SYMBOLS.get(claim.status, "")
    # `{}` is filled with the escaped quote; literal braces in the rest are doubled.
    return (
        f'<mark id="claim-{claim.pk}" class="claim verdict-{escape(claim.status)}">'
        f'<a href="{url}">{{}}</a> '
        f'<span class="verdict-tag"><span aria-hidden="true">{symbol}</span> {label}</span></mark>'
    )


@public_page
def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    claims = list(
        Claim.objects.public().filter(article=article).select_related("company").order_by("pk")
    )
    if not claims:
        raise Http404("No published claim from this article.")
    marked = mark_claims(article.text, claims, _mark_html) if article.text.strip() else None
    context = {
        "article": article,
        "claims": claims,
        "marked": marked,
    }
    return render(request, "factcheck/article_detail.html", context)

"""Template tags of the reader's side: the error-report form and share tags on claim pages.

The claim page's view (views/claims.py) knows nothing of these; the page asks for them.
"""

from django import template
from django.urls import reverse
from django.utils.text import Truncator

from factcheck.forms import ReportForm
from factcheck.localise import claim_figure
from factcheck.tables import VERDICT_SYMBOLS

register = template.Library()


@register.inclusion_tag("factcheck/includes/report_section.html")
def report_form(claim):
    """The "Report an error" section, with an empty form posting to the claim's report URL."""
    return {"claim": claim, "form": ReportForm()}


@register.inclusion_tag("factcheck/includes/share_meta.html", takes_context=True)
def share_meta(context, claim):
    """Open Graph and Twitter card tags: the figure and verdict, and the claim's words."""
    request = context["request"]
    return {
        "title": f"{claim_figure(claim)}: {claim.get_status_display()}",
        "description": Truncator(claim.quote).chars(200),
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "site_name": context.get("DESK_NAME", ""),
    }


@register.inclusion_tag("factcheck/includes/share_section.html", takes_context=True)
def share_section(context, claim):
    """The embed code for the claim's verdict card (views/embed.py)."""
    url = context["request"].build_absolute_uri(reverse("factcheck:claim-embed", args=[claim.pk]))
    title = f"{claim_figure(claim)}: {claim.get_status_display()}"
    return {"claim": claim, "embed_url": url, "embed_title": title}


@register.filter
def verdict_symbol(status: str) -> str:
    """The verdict's symbol (✓ ✗ ! ?), as on the badges."""
    return VERDICT_SYMBOLS.get(status, "")

"""`/claims/<id>/embed/`: a small verdict card other sites may put in an <iframe>.

Every other page refuses to be framed (X-Frame-Options: DENY, CSP frame-ancestors 'none');
this one drops X-Frame-Options and lets `FACTDESK_EMBED_FRAME_ANCESTORS` frame it (every
site, `*`, unless the desk names some). The card is self-contained: one stylesheet of its
own, no script, and every link opens the full fact-check in a new tab.
"""

from functools import wraps

from csp.decorators import csp_replace
from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_exempt

from factcheck.caching import public_page
from factcheck.models import Claim
from factcheck.tables import usd_text
from factcheck.verdicts import MEANINGS


def framable(view):
    """Let the sites in FACTDESK_EMBED_FRAME_ANCESTORS frame `view` (read per request)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        ancestors = list(settings.FACTDESK_EMBED_FRAME_ANCESTORS) or ["'none'"]
        framed = xframe_options_exempt(csp_replace({"frame-ancestors": ancestors})(view))
        return framed(request, *args, **kwargs)

    return wrapped


@framable
@public_page
def claim_embed(request, pk):
    claim = get_object_or_404(Claim.objects.public().select_related("company"), pk=pk)
    context = {
        "claim": claim,
        "meaning": MEANINGS[claim.status],
        "usd": usd_text(claim) if claim.unit != "USD" else "",
        "claim_url": request.build_absolute_uri(claim.get_absolute_url()),
    }
    response = render(request, "factcheck/embed.html", context)
    response["X-Robots-Tag"] = "noindex"  # the claim's own page is the one to index
    return response

"""Two reference pages on the app's own stack, kept out of the app: what the pages are compared to.

* `trivial`: a view that touches nothing — the floor of the middleware stack and the server.
* `plain_list`: the same 50 rows as `/` page 1 (the same query: public verified claims,
  newest as-of first, with company and source count), written by a plain Django template
  that prints each cell with a template variable, inside the site's base template. No
  filters, facets, caption, pagination or table library: what "just list the rows" costs.
"""

from django.http import HttpResponse
from django.shortcuts import render

from factcheck.models import Claim


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


def plain_list(request):
    # Page 1 sorts newest as-of first, blank dates last; the 50 newest dated claims are the
    # same rows, read the way an index gives them (DESC NULLS LAST would sort every row).
    claims = (
        Claim.objects.public()
        .verified()
        .filter(as_of__isnull=False)
        .select_related("company")
        .order_by("-as_of", "-id")[:50]
    )
    return render(request, "bench/plain_list.html", {"claims": claims})

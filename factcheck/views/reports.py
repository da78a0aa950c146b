"""Readers report an error in a published fact-check (`/claims/<id>/report/`).

The form sits at the foot of every public claim page and posts here; it works without
JavaScript. A report lands in the desk's queue (admin, "Reader reports") and is never shown
publicly. Answers are never cached (`never_cache`).

Abuse handling (docs/SECURITY.md, "Reader reports"):

* Cross-site requests are refused by origin: a browser's POST carries `Origin` (or at least
  `Referer`), and it must be this site (or one of `CSRF_TRUSTED_ORIGINS`). The claim page
  holds no CSRF token because it is one cached page shared by every reader; a token would
  make it personal (a cookie per reader) and uncacheable. The origin check is the part of
  Django's CSRF protection that does not need one.
* A honeypot field, hidden from people (and from screen readers), that bots fill in: such a
  post is thanked and dropped.
* A per-client limit (`FACTDESK_REPORTS_PER_HOUR`, counted in the cache): past it, 429
  with a page that says when to try again.
* Input is a form (factcheck/forms.py): NUL bytes, control characters, over-long text and
  non-http(s) URLs are form errors (status 400) with the form shown again, never a 500.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from redis.exceptions import RedisError

from factcheck.forms import ReportForm
from factcheck.models import Claim

logger = logging.getLogger("factcheck.reports")

WINDOW_SECONDS = 60 * 60


def client_address(request) -> str:
    """The reader's address: REMOTE_ADDR, or X-Forwarded-For behind trusted proxies."""
    proxies = settings.FACTDESK_TRUSTED_PROXIES
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]  # the address the outermost trusted proxy saw
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request) -> str:
    digest = hashlib.blake2b(client_address(request).encode(), digest_size=12).hexdigest()
    return f"reports:rate:{digest}"


def over_limit(request) -> bool:
    count = cache.get(_rate_key(request), 0)
    return count >= settings.FACTDESK_REPORTS_PER_HOUR


def count_report(request) -> None:
    """Count the report against its sender's hourly limit. With the cache down the report
    is kept uncounted (the limit waits for the cache; a reader's report is not lost)."""
    key = _rate_key(request)
    try:
        if cache.add(key, 1, WINDOW_SECONDS):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, WINDOW_SECONDS)
    except RedisError:
        logger.warning("A reader report was not counted: the cache is down.")


def _allowed_origins(request) -> set[str]:
    return {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}


def same_origin(request) -> bool:
    """Whether the POST comes from a page of this site (Origin, else Referer)."""
    allowed = _allowed_origins(request)
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin in allowed
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return bool(referer.scheme and referer.netloc) and (
        f"{referer.scheme}://{referer.netloc}" in allowed
    )


def _page(request, claim, template, context=None, *, status=200):
    context = {"claim": claim, **(context or {})}
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # see the module docstring: checked by origin instead (same_origin)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_error(request, pk):
    """GET: the form on its own page (or the thanks). POST: store the report, or say why not."""
    claim = get_object_or_404(Claim.objects.public().select_related("company"), pk=pk)
    template = "factcheck/report.html"
    if request.method != "POST":
        sent = request.GET.get("sent") == "1"
        return _page(request, claim, template, {"form": ReportForm(), "sent": sent})
    if not same_origin(request):
        return _page(request, claim, "factcheck/report_refused.html", status=403)
    if over_limit(request):
        response = _page(request, claim, "factcheck/report_limited.html", status=429)
        response["Retry-After"] = str(WINDOW_SECONDS)
        return response
    try:
        form = ReportForm(request.POST)
        form.is_valid()
    except RequestDataTooBig:  # past DATA_UPLOAD_MAX_MEMORY_SIZE: nothing was read
        context = {"form": ReportForm(), "too_big": True}
        return _page(request, claim, template, context, status=413)
    if form.is_bot():
        count_report(request)
        return _thanks(claim)  # thanked, and dropped
    if form.errors:
        return _page(request, claim, template, {"form": form}, status=400)
    report = form.save(commit=False)
    report.claim = claim
    report.language = (get_language() or "")[:10]
    report.save()
    count_report(request)
    return _thanks(claim)


def _thanks(claim) -> HttpResponseRedirect:
    """303 See Other to the thank-you page: reloading it never sends the report again."""
    url = reverse("factcheck:claim-report", args=[claim.pk]) + "?sent=1"
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response

"""Public pages served from the cache before the rest of the middleware stack runs.

A page a reader asked for is stored once made — status, headers (the security and CSP
headers the stack added included) and body — under its ETag: the public version and the
full path (views/caching.py). The next request for it pays the version query and one cache
read; sessions, authentication, CSRF and CSP do not run again for a page that is the same
for everyone. Any public change moves the version, so every key changes and the next
request is rendered afresh; old entries expire (`FACTDESK_PAGE_CACHE_SECONDS`, 0: off).

Only what a public view marks as storable is stored (views/caching.public_page: a 200 that
is not streamed and sets no cookie). A request carrying a session cookie (an editor) goes
through the whole stack. Sits after SecurityMiddleware, so an HTTPS redirect still comes
first, and answers 304 when the reader's ETag still matches.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language_from_path

from factcheck.views.caching import STORABLE, page_etag

# Where the public pages live (factcheck/public_urls.py, companies/urls.py, the API's list):
# only these are looked up, so no other request pays for the version query. A path left
# out here is still served correctly, by the view, just without this shortcut.
PUBLIC_PREFIXES = ("/claims", "/companies/", "/articles/", "/api/claims/", "/feed/", "/sitemap")


def _may_be_stored(path: str) -> bool:
    language = get_language_from_path(path)  # /zh-hans/claims/: the Chinese page of /claims/
    if language:
        path = path.removeprefix(f"/{language}") or "/"
    return path == "/" or path.startswith(PUBLIC_PREFIXES)


class PublicPageCacheMiddleware:
    """Answers a public page from the cache when it was made under the current version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.FACTDESK_PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or not _may_be_stored(request.path_info)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        try:
            etag = page_etag(request)  # the primary's version, even with a replica (caching.py)
        except DatabaseError:
            return self.get_response(request)  # the view will say so (a 503 page)
        key = f"public:page:{etag}"
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        response = self.get_response(request)
        if getattr(response, STORABLE, False) and not response.cookies:  # none set on the way
            cache.set(
                key, (response.status_code, list(response.items()), response.content), seconds
            )
        return response

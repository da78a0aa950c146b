"""The site's own middleware: public pages from the cache, and a 503 when the database is down.

`PublicPageCacheMiddleware`: a page a reader asked for is stored once made — status,
headers (the security and CSP headers the stack added included) and body — under its
ETag: the public version and the full path (factcheck/caching.py). The next request for it
pays the version query and one cache read; sessions, authentication, CSRF and CSP do not
run again for a page that is the same for everyone. Any public change moves the version,
so every key changes and the next request is rendered afresh; old entries expire
(`FACTDESK_PAGE_CACHE_SECONDS`, 0: off). Each process also keeps the pages it served last
(LocalPages), so a hit is the version query alone. Only what a public view marks as storable is
stored (caching.public_page: a 200 that is not streamed and sets no cookie). A request
carrying a session cookie (an editor) goes through the whole stack. Sits after
SecurityMiddleware, so an HTTPS redirect still comes first, and answers 304 when the
reader's ETag still matches. Which paths are looked up is read from the URLconf: the
patterns whose view `public_page` made (`public_paths`).

`DatabaseUnavailableMiddleware`: when the database is down, readers get a friendly 503
page, never a traceback. Only errors that mean "the database cannot be reached or used
right now" are turned into a 503 (`OperationalError`, `InterfaceError`); a programming
error still goes to the 500 handler, where it belongs. The page itself never touches the
database, and the response says when to retry. Recovery needs nothing from here: with
`CONN_HEALTH_CHECKS` Django drops a dead persistent connection at the start of the next
request and opens a new one.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language_from_path

from factcheck.caching import PUBLIC_VIEW, STORABLE, page_etag

logger = logging.getLogger("factcheck.unavailable")

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = (OperationalError, InterfaceError)


API_NAMESPACE = "api"
API_MESSAGE = "The desk is briefly unavailable: its database cannot be reached. Retry shortly."


def unavailable_response(*, json: bool = False) -> HttpResponse:
    """The 503 page (or JSON body for the API), made without a request or the database."""
    if json:
        response = JsonResponse({"detail": API_MESSAGE}, status=503)
    else:
        body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 (page, Retry-After) for a view that failed because the database is unavailable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        # Operators need the cause; readers need only the apology.
        logger.error("Database unavailable serving %s", request.path, exc_info=exception)
        match = request.resolver_match
        return unavailable_response(json=match is not None and match.namespace == API_NAMESPACE)


def _is_public_view(callback) -> bool:
    if getattr(callback, PUBLIC_VIEW, False):
        return True
    # A django-ninja endpoint: the URLconf holds one function per path, closing over the
    # path's operations (as `self`); `decorate_view(public_page)` marked the operation's `run`.
    code = getattr(callback, "__code__", None)
    if not inspect.isfunction(callback) or "self" not in code.co_freevars:
        return False
    try:
        path_view = callback.__closure__[code.co_freevars.index("self")].cell_contents
    except ValueError:  # a cell not yet filled
        return False
    operations = getattr(path_view, "operations", ())
    return any(getattr(operation.run, PUBLIC_VIEW, False) for operation in operations)


def _walk(patterns, prefix: str):
    """(route, callback) of every pattern below `patterns`, routes joined from `prefix`."""
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            route = prefix  # the language prefix is taken off the path before lookup
        elif isinstance(pattern.pattern, RoutePattern):
            route = prefix + str(pattern.pattern)
        else:
            continue  # regular expressions: the admin's, never a public page
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


@lru_cache(maxsize=4)
def public_paths(resolver) -> tuple[frozenset[str], tuple[str, ...]]:
    """The paths of the public pages in the URLconf: (whole paths, prefixes).

    A pattern without a parameter is a whole path ("/claims/"); one with parameters is the
    prefix before its first one ("/claims/" for "claims/<int:pk>/"). Derived once per
    URLconf, so a new public page is served from the cache with no list to keep up to date.
    """
    exact, prefixes = set(), set()
    for route, callback in _walk(resolver.url_patterns, "/"):
        if not _is_public_view(callback):
            continue
        literal, parameter, _ = route.partition("<")
        (prefixes if parameter else exact).add(literal)
    return frozenset(exact), tuple(sorted(prefixes))


def _may_be_stored(path: str) -> bool:
    language = get_language_from_path(path)  # /zh-hans/claims/: the Chinese page of /claims/
    if language:
        path = path.removeprefix(f"/{language}") or "/"
    exact, prefixes = public_paths(get_resolver())
    return path in exact or path.startswith(prefixes)


class LocalPages:
    """The pages this process stored or fetched last, by key: a hit needs no trip to Redis.

    A key names one version of one page, so an entry is never out of date while the
    version stands; a newer version simply asks for other keys. Entries live as long as in
    the shared cache and at most `max_bytes` of bodies are kept (least recently used out).
    A database that starts its version again (a test's flushed database) must `clear()` it,
    as it must the shared cache.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return entry[1]

    def set(self, key: str, stored: tuple, seconds: int) -> None:
        size = len(stored[2])
        if size > self.max_bytes // 8:
            return  # a very large page would push out many others
        with self._lock:
            if key in self._pages:
                self._drop(key)
            self._pages[key] = (time.monotonic() + seconds, stored)
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        _, stored = self._pages.pop(key)
        self._bytes -= len(stored[2])


LOCAL_PAGES = LocalPages(max_bytes=32 * 2**20)


class PublicPageCacheMiddleware:
    """Answers a public page from the cache when it was made under the current version.

    The version is read from the database on every request (caching.page_etag); the page
    is then looked up in this process's LOCAL_PAGES, then in the shared cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.FACTDESK_PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or not _may_be_stored(request.path_info)
        ):
            return self.get_response(request)
        try:
            etag = page_etag(request)  # the primary's version, even with a replica (caching.py)
        except DatabaseError:
            return self.get_response(request)  # the view will say so (a 503 page)
        key = f"public:page:{etag}"
        stored = LOCAL_PAGES.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                LOCAL_PAGES.set(key, stored, seconds)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            if "HTTP_IF_NONE_MATCH" not in request.META:
                return response
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        response = self.get_response(request)
        if getattr(response, STORABLE, False) and not response.cookies:  # none set on the way
            stored = (response.status_code, list(response.items()), response.content)
            cache.set(key, stored, seconds)
            LOCAL_PAGES.set(key, stored, seconds)
        return response

"""Conditional GET for public pages: one cheap query says whether anything public changed.

The version is read in ONE statement of index-only lookups, so it costs the same at a
million claims as at ten:

* the newest history row of claims and of sources (django-simple-history writes one on
  every save and delete; publishing, unpublishing, a verdict change with its correction
  and every edit all save the claim through the services);
* the newest article edit (the article page shows its text);
* the newest history row of arithmetic checks (a check saved or deleted) and their newest
  computation (checks recomputed in bulk);
* the newest company and company-group edit.

A claim change that the public cannot see (a draft edited) also moves the version: the
reader then re-downloads an unchanged page, never sees a stale one. The exact alternative
(`MAX(updated_at)` and `COUNT(*)` over `public()`) reads every public claim per request.

Responses get a strong ETag (the version and the full path, hashed) and
`Cache-Control: public, max-age=0, must-revalidate`: browsers and proxies keep the page but
ask every time, and a 304 costs this one query.

A page asked for without a matching ETag is served from the server's cache when the same
page was made under the same version (factcheck/page_cache.py, before most of the
middleware runs; `FACTDESK_PAGE_CACHE_SECONDS`, 0 turns it off): the key is the ETag
itself, so a change anywhere public changes every key and the next request is rendered
afresh; old entries simply expire. This module marks which responses may be stored.
"""

from __future__ import annotations

import hashlib
from functools import cache as memoize
from functools import wraps

from django.db import connection, connections
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from companies.models import Company, CompanyGroup
from factcheck.models import Article, Claim, FigureCheck, Source
from factcheck.routers import public_reads, read_alias


def _scalar(aggregate: str, column: str, meta) -> str:
    """`(SELECT MAX(col) FROM table)` for a model's table. Names only, never user input."""
    quote = connection.ops.quote_name
    column = "*" if column == "*" else quote(column)
    return f"(SELECT {aggregate}({column}) FROM {quote(meta.db_table)})"  # noqa: S608


@memoize  # built once: reaching the history models costs milliseconds (simple_history)
def _version_sql() -> str:
    claims, sources = Claim.history.model._meta, Source.history.model._meta
    checks = FigureCheck.history.model._meta
    parts = [
        _scalar("MAX", claims.pk.column, claims),
        _scalar("MAX", sources.pk.column, sources),
        _scalar("MAX", "updated_at", Article._meta),
        _scalar("MAX", "updated_at", Company._meta),
        _scalar("MAX", "updated_at", CompanyGroup._meta),
        _scalar("MAX", checks.pk.column, checks),  # a check saved or deleted
        _scalar("MAX", "computed_at", FigureCheck._meta),  # checks recomputed in bulk
    ]
    return "SELECT " + ", ".join(parts)


def public_version() -> str:
    """A string that changes whenever anything a public page shows may have changed.

    Read from the database the page's rows come from (the replica, when there is one), so
    a version never runs ahead of the rows it stands for.
    """
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(_version_sql())
        row = cursor.fetchone()
    text = "|".join(str(part) for part in row)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def request_version(request) -> str:
    """The public version for this request, queried once however many times it is asked."""
    if not hasattr(request, "_public_version"):
        request._public_version = public_version()
    return request._public_version


def page_etag(request, *args, **kwargs) -> str:
    """The page's ETag: the public version and the full path, hashed."""
    text = f"{request_version(request)}|{request.get_full_path()}"
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


# Set on a response that factcheck.page_cache may store: a public page, the same for everyone.
STORABLE = "factdesk_storable"


def _in_public_reads(iterator):
    """A streamed body whose queries (run as it is read, after the view returned) use the replica."""
    iterator = iter(iterator)
    while True:
        with public_reads():
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


def public_page(view):
    """Serve `view` with an ETag, answer 304 when it still matches, and ask caches to revalidate."""
    conditional = condition(etag_func=page_etag)(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with public_reads():  # reads go to the replica when there is one (routers.py)
            response = conditional(request, *args, **kwargs)
        if response.streaming:
            response.streaming_content = _in_public_reads(response.streaming_content)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            setattr(response, STORABLE, True)  # errors, streams, anything personal: never
        return response

    return wrapped

"""Conditional GET for public pages: one cheap query says whether anything public changed.

The version is the public version number (factcheck/models/versions.py): database triggers
raise it in the same commit as any write to a table public pages read, whatever wrote it
(the services, the CSV import's bulk SQL, COPY, a restore). Versions are handed out in
commit order, so a reader who sees a new number sees the rows it stands for, and a change
is visible the moment it commits — never later (no race between transactions that took
their numbers in one order and committed in another). Reading it is one primary-key lookup.
On PostgreSQL the version is the number and the transaction that last raised it
(`VERSION_SQL`), so a number that comes round again after a restore never finds the pages
cached under it in the lost timeline.

A write the public cannot see (a draft edited, a source of an unpublished claim, a login)
leaves the version (migration 0024), so readers keep their cached pages and facet counts;
the triggers decide what is public by `published_at` alone, a superset of `Claim.PUBLIC`,
so a change they let through unannounced can never be one the public sees.

Responses get a strong ETag (the version and the full path, hashed) and
`Cache-Control: public, max-age=0, must-revalidate`: browsers and proxies keep the page but
ask every time, and a 304 costs this one query.

A page asked for without a matching ETag is served from the server's cache when the same
page was made under the same version (factcheck/middleware.py, before most of the
middleware runs; `FACTDESK_PAGE_CACHE_SECONDS`, 0 turns it off): the key is the ETag
itself, so a change anywhere public changes every key and the next request is rendered
afresh; old entries simply expire. This module marks which responses may be stored, and
which views are public pages (the middleware finds their paths in the URLconf).

With a read replica (factcheck/routers.py) the version is read from the primary — the last
public change committed — and a page is rendered from the replica only when the replica has
replayed that version (its own copy of the number is as high); otherwise, while it lags,
from the primary. So a page, and the cache entry and ETag made from it, never shows less
than its version says: a claim unpublished on the primary is gone from the next page even
while the replica still holds it. A 304 or a page-cache hit costs the one primary query.
"""

from __future__ import annotations

import hashlib
import logging
from functools import wraps

from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from factcheck.models import PublicVersion
from factcheck.routers import public_reads, replica_alias

logger = logging.getLogger(__name__)

# The number, and on PostgreSQL the id of the transaction that last raised it (`xmin`): a
# number can come round again — a restored dump, a desk rebuilt from CSV, a rolled-back test
# start from an older number while the shared cache still holds pages made under it in the
# lost timeline — but the pair cannot (transaction ids are never reused by a cluster, and a
# restore writes the row in a transaction of its own). SQLite (development, tests) has none.
VERSION_SQL = {
    "postgresql": f"SELECT number, xmin::text FROM {PublicVersion._meta.db_table} WHERE id = 1",  # noqa: S608
    "sqlite": f"SELECT number, '' FROM {PublicVersion._meta.db_table} WHERE id = 1",  # noqa: S608
}


def _read_version(connection) -> str:
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL[connection.vendor])
        row = cursor.fetchone()
    if row is None:
        return "0"
    number, stamp = row
    return f"{number}.{stamp}" if stamp else str(number)


def version_number(version: str) -> int:
    """The number of a version text (which orders versions; the rest only tells timelines apart)."""
    return int(version.partition(".")[0])


def _version_on(alias: str) -> str:
    """The version number on `alias`; the first query of a request is also its health check.

    With `CONN_HEALTH_CHECKS` Django would send `SELECT 1` before the first query of every
    request on a persistent connection, doubling what a page-cache hit costs the database.
    The version query checks the connection instead: if the server dropped it, it is closed
    and the query sent once more on a new one, which is what Django's check would have done.
    A database that is down still raises (the page says so: a 503).
    """
    connection = connections[alias]
    if (
        connection.connection is None
        or not connection.health_check_enabled
        or connection.health_check_done
        or connection.in_atomic_block
    ):
        return _read_version(connection)
    connection.health_check_done = True
    try:
        return _read_version(connection)
    except (OperationalError, InterfaceError):
        connection.close()
        return _read_version(connection)


def public_version() -> str:
    """The public version, as text, read from the primary: the last change committed."""
    return _version_on(DEFAULT_DB_ALIAS)


def rows_alias(request) -> str:
    """Where this request's rows are read: the replica if it has replayed the request's version.

    A lagging replica (or one that cannot be reached) leaves the request to the primary, so
    the page is never older than the version it is answered and cached under.
    """
    replica = replica_alias()
    if replica is None:
        return DEFAULT_DB_ALIAS
    try:
        replayed = _version_on(replica)
    except DatabaseError:
        logger.warning("The read replica %r did not answer; reading the primary.", replica)
        return DEFAULT_DB_ALIAS
    if version_number(replayed) >= version_number(request_version(request)):
        return replica
    return DEFAULT_DB_ALIAS


def request_version(request) -> str:
    """The public version for this request, queried once however many times it is asked."""
    if not hasattr(request, "_public_version"):
        request._public_version = public_version()
    return request._public_version


def page_etag(request, *args, **kwargs) -> str:
    """The page's ETag: the public version, the scheme, host and full path, hashed."""
    # Host and scheme too: a page (a feed, a canonical link) may carry absolute URLs.
    text = f"{request_version(request)}|{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


# Set on a response that the page cache (factcheck/middleware.py) may store: a public page,
# the same for everyone.
STORABLE = "factdesk_storable"
# Set on a view that public_page made: the page cache looks up only the paths of such views.
PUBLIC_VIEW = "factdesk_public_page"


def _in_public_reads(iterator, alias: str):
    """A streamed body whose queries (run as it is read, after the view returned) use `alias`."""
    iterator = iter(iterator)
    while True:
        with public_reads(alias):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


def public_page(view):
    """Serve `view` with an ETag, answer 304 when it still matches, and ask caches to revalidate."""

    @wraps(view)
    def render(request, *args, **kwargs):
        alias = rows_alias(request)  # asked only when the page is made, not for a 304
        with public_reads(alias):
            response = view(request, *args, **kwargs)
        if response.streaming:
            response.streaming_content = _in_public_reads(response.streaming_content, alias)
        return response

    conditional = condition(etag_func=page_etag)(render)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            setattr(response, STORABLE, True)  # errors, streams, anything personal: never
        return response

    setattr(wrapped, PUBLIC_VIEW, True)
    return wrapped

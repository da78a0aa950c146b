"""An optional read replica: public pages read from it; the admin and every write use the primary.

Set `DATABASE_REPLICA_URL` and settings add a `replica` database and name it in
`FACTDESK_REPLICA`. Reads are sent there only while a public page is being answered
(`public_reads()`, entered by `factcheck.caching.public_page`), so:

* readers' pages, the JSON API, the feed and the sitemaps read from the replica;
* the admin, the services, imports, exports and commands read from the primary, so an
  editor always sees what they just saved (a replica may lag by a moment);
* every write goes to the primary, whatever the context.

A replica may lag. A public page is therefore answered under the primary's public version,
and its rows are read from the replica only when the replica has replayed that version;
otherwise from the primary (caching.py decides, per request, and passes the alias to
`public_reads`). A reader never sees a page older than the last public change committed.

Without a replica everything reads and writes `default`, as if this router were absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

# The alias public reads go to in the current block; "" outside any.
_public_reads: ContextVar[str] = ContextVar("factdesk_public_reads", default="")


@contextmanager
def public_reads(alias: str | None = None) -> Iterator[None]:
    """Within this block, reads go to `alias`: by default the replica when there is one."""
    token = _public_reads.set(alias or replica_alias() or DEFAULT_DB_ALIAS)
    try:
        yield
    finally:
        _public_reads.reset(token)


def replica_alias() -> str | None:
    """The replica's database alias, or None when none is configured."""
    return getattr(settings, "FACTDESK_REPLICA", "") or None


def read_alias() -> str:
    """The database a read made here and now goes to."""
    return _public_reads.get() or DEFAULT_DB_ALIAS


class ReplicaRouter:
    """Routes public reads to the replica (see the module's docstring); everything else to default."""

    def db_for_read(self, model, **hints):
        return read_alias()

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        """The replica holds the same rows as the primary: relations across them are fine."""
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        """Only the primary is migrated; the replica copies it."""
        return db == DEFAULT_DB_ALIAS

"""Make the database unreachable for a moment, the way a dead server or network does."""

from contextlib import contextmanager
from unittest import mock

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import OperationalError


@contextmanager
def database_down(
    message="connection to server at 127.0.0.1, port 5432 failed: Connection refused",
):
    """Every attempt to use any database connection fails, as psycopg does when the server is down.

    `ensure_connection` runs before every cursor, on open and already-open connections
    alike, so this covers both a fresh connect and a query on a kept-alive connection.
    """
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError(message)
    ):
        yield

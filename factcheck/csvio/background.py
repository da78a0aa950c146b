"""Writing one batch of an import while the next is being checked.

Checking rows is Python's work; writing them is mostly the database's (COPY into tables with
a dozen indexes each). Done one after the other, each waits for the other. Here the writes
run in a second thread on the import's own connection, inside its transaction, so the
database works on batch N while Python checks batch N+1. The thread spends its time waiting
for the server (psycopg releases the GIL then), so the two really overlap.

Only one thread uses the connection at a time: the importer calls `wait()` before its own
queries, and `submit()` waits for the batch in flight before handing over the next.
"""

from concurrent.futures import Future, ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connections

from factcheck.csvio.writer import Change, ClaimWriter


class BackgroundWriter:
    """A ClaimWriter in a worker thread that borrows the current thread's connection."""

    def __init__(self, writer: ClaimWriter, using: str = DEFAULT_DB_ALIAS):
        self.writer = writer
        self.connection = connections[using]
        self.pending: Future | None = None
        self.executor: ThreadPoolExecutor | None = None

    def __enter__(self) -> "BackgroundWriter":
        # As Django's LiveServerThread does: the worker thread uses this very connection
        # (and so this transaction), which Django allows once sharing is declared.
        self.connection.inc_thread_sharing()
        self.executor = ThreadPoolExecutor(max_workers=1, initializer=self._borrow_connection)
        return self

    def _borrow_connection(self) -> None:
        connections[self.connection.alias] = self.connection

    def wait(self) -> None:
        """Return once the batch in flight is written; raise what its writing raised."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def submit(self, changes: list[Change]) -> None:
        self.wait()
        self.pending = self.executor.submit(self.writer.write, changes)

    def __exit__(self, exc_type, exc, traceback) -> None:
        try:
            if exc_type is None:
                self.wait()
        finally:
            # Never leave a write running under a transaction that is being rolled back.
            self.executor.shutdown(wait=True)
            self.connection.dec_thread_sharing()

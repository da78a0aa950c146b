"""Writing one batch of an import while the next is being made ready.

Checking rows and making their COPY rows is Python's work; writing them is mostly the
database's (COPY into tables with dozens of indexes). Done one after the other, each waits
for the other. Here the writes run in a second thread on the import's own connection,
inside its transaction, so the database works on batch N while Python makes the rows of
batch N+1 and checks batch N+2. The thread spends its time waiting for the server (psycopg
releases the GIL then), so the two really overlap; the server waits only while a batch's
ids are reserved (two queries).

Only one thread uses the connection at a time: the importer calls `wait()` before its own
queries, and `submit()` waits for the batch in flight before it reserves ids and hands
over the next.
"""

from concurrent.futures import Future, ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connections

from factcheck.csvio.writer import Batch, Change, ClaimWriter


class BackgroundWriter:
    """A ClaimWriter in a worker thread that borrows the current thread's connection.

    `submit` keeps one batch ready (its ids reserved, its rows made) and writes the one
    before it; `finish` writes the last. Each batch carries the changes to tell once it is
    written, which `wait`, `submit` and `finish` return.
    """

    def __init__(self, writer: ClaimWriter, using: str = DEFAULT_DB_ALIAS):
        self.writer = writer
        self.connection = connections[using]
        self.pending: Future | None = None
        self.in_flight: list[Change] = []  # the changes to tell once `pending` is done
        self.ready: tuple[Batch, list[Change]] | None = None
        self.executor: ThreadPoolExecutor | None = None

    def __enter__(self) -> "BackgroundWriter":
        # As Django's LiveServerThread does: the worker thread uses this very connection
        # (and so this transaction), which Django allows once sharing is declared.
        self.connection.inc_thread_sharing()
        self.executor = ThreadPoolExecutor(max_workers=1, initializer=self._borrow_connection)
        return self

    def _borrow_connection(self) -> None:
        connections[self.connection.alias] = self.connection

    def wait(self) -> list[Change]:
        """Return once the batch in flight is written (raise what its writing raised): the
        changes it carried."""
        pending, self.pending = self.pending, None
        if pending is None:
            return []
        pending.result()
        written, self.in_flight = self.in_flight, []
        return written

    def submit(self, changes: list[Change], told: list[Change] | None = None) -> list[Change]:
        """Take a batch's `changes` to write (`told`, default the same, are returned once
        they are written): write the batch before it, and make this one's rows meanwhile.
        Returns the changes written since the last call."""
        batch = self.writer.plan(changes)
        written = self.wait()  # the connection is ours again
        self.writer.reserve(batch)
        self._start()
        self.writer.rows(batch)  # while the batch before is written
        self.ready = (batch, changes if told is None else told)
        return written

    def _start(self) -> None:
        if self.ready is not None:
            batch, self.in_flight = self.ready
            self.ready = None
            self.pending = self.executor.submit(self.writer.write, batch)

    def finish(self) -> list[Change]:
        """Write the batch still ready; the changes written since the last call."""
        written = self.wait()
        self._start()
        return written + self.wait()

    def discard(self) -> list[Change]:
        """Drop the batch ready, unwritten (the import has failed): the changes it carried."""
        ready, self.ready = self.ready, None
        return ready[1] if ready else []

    def __exit__(self, exc_type, exc, traceback) -> None:
        self.ready = None  # never written unless finish() was called
        try:
            if exc_type is None:
                self.wait()
        finally:
            # Never leave a write running under a transaction that is being rolled back.
            self.executor.shutdown(wait=True)
            self.connection.dec_thread_sharing()

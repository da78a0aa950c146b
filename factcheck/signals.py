"""The desk's own signals. A write sends them from below; what they keep current listens
from above (the public read path), so no lower layer imports a higher one."""

from django.db import transaction
from django.dispatch import Signal

# A transaction that changed what readers see has committed: the public version has moved.
public_change_committed = Signal()


def send_public_change() -> None:
    public_change_committed.send(sender=None)


def on_public_change_commit() -> None:
    """Send `public_change_committed` once the current transaction commits (once for it)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is send_public_change for entry in connection.run_on_commit
    ):
        return
    # robust: a receiver's failure is logged; the change itself has committed.
    transaction.on_commit(send_public_change, robust=True)

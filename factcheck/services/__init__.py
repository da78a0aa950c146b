"""Every write that moves a claim or its evidence: the one place each transition is decided.

Admin views, inlines and actions, the Source admin, the CSV import (for claims already
published), management commands and history reverts call these; none of them changes a
claim's status, publication, or a published claim's content any other way.

* `claims`: entering and editing claims, review, verdicts, publication, retraction.
* `revisions`: a published claim's pending change (a draft claim) and its release.
* `sources`: adding, editing, moving and removing a claim's sources.
* `desk`: assignment to a fact-checker's queue, and the discussion (neither is public).
* `common`: permissions, row locks and versions (a stale edit is refused, not obeyed).
"""

from .claims import (
    give_verdict,
    publish_claim,
    revise_claim,
    save_claim,
    send_to_review,
    unpublish_claim,
)
from .common import StaleEdit, describe_changes
from .desk import add_comment, assign_claim
from .sources import delete_source, save_source

__all__ = [
    "StaleEdit",
    "add_comment",
    "assign_claim",
    "delete_source",
    "describe_changes",
    "give_verdict",
    "publish_claim",
    "revise_claim",
    "save_claim",
    "save_source",
    "send_to_review",
    "unpublish_claim",
]

"""CSV rows that change a published claim: applied by the services, so they become pending changes.

The bulk writer never touches a published claim. Each such row is handed to
services.revise_claim (figure, words, sources) and, when it changes the verdict, to
services.give_verdict, exactly as the change form and the verdict screen do; what they
refuse comes back as the row's errors, with its line.
"""

from django.core.exceptions import PermissionDenied, ValidationError

from factcheck import services
from factcheck.csv_rows import RowError
from factcheck.csv_writer import Change, import_reason
from factcheck.models import Claim
from factcheck.rules import CONTENT_FIELDS

VERDICT_FIELDS = ("note", "corrected_value")
# Service field names -> CSV columns, for errors.
COLUMNS = {
    "status": "status",
    "note": "note",
    "reason": "note",
    "corrected_value": "corrected_value",
}


def _errors(line: int, error: Exception) -> list[RowError]:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return [
            RowError(line, COLUMNS.get(field, ""), message)
            for field, problems in error.message_dict.items()
            for message in problems
        ]
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    return [RowError(line, "", message) for message in messages]


def apply_published(changes: list[Change], *, user, file_name: str, report) -> None:
    """Make each row's change to a published claim its pending change; errors to `report`."""
    for change in changes:
        row = change.row
        verdict = row.status != change.stored["status"]
        # A new verdict's rationale and correction are the verdict's own (give_verdict sets
        # them): edited as content first, they would make its author a basis editor.
        values = {
            name: getattr(row, name)
            for name in CONTENT_FIELDS
            if not (verdict and name in VERDICT_FIELDS)
        }
        try:
            claim = Claim.objects.get(pk=change.claim_id)
            written = services.revise_claim(
                claim=claim,
                user=user,
                values=values,
                source_urls=row.sources,
                reason=import_reason(file_name, change),
            )
            if verdict:
                services.give_verdict(
                    claim=written,
                    reviewer=user,
                    status=row.status,
                    note=row.note,
                    corrected_value=row.corrected_value,
                    reason=row.note,
                )
        except (ValidationError, PermissionDenied) as error:
            report.errors.extend(_errors(row.line, error))

"""The desk's verification rules as plain functions over values.

Services, the admin forms and the CSV import all ask these, so a rule is decided in one
place; none of them queries the database.
"""

from django.conf import settings

from factcheck.models.claims import Status

VERDICTS = frozenset(Status.verdicts())


def verdict_errors(*, status: str, source_count: int, corrected_value) -> dict[str, str]:
    """What stops `status` being given to a claim with these sources and correction."""
    errors: dict[str, str] = {}
    if status in VERDICTS and source_count < 1:
        errors["status"] = (
            f"A verdict ({Status(status).label.lower()}) needs at least one source: "
            "add the source that settles it first."
        )
    if status == Status.INACCURATE and corrected_value is None:
        errors["corrected_value"] = (
            "An inaccurate claim needs the corrected figure: enter the right value."
        )
    return errors


def two_person_error(*, created_by_id, reviewer_id) -> str | None:
    """The two-person rule: whoever entered a claim may not give it its verdict."""
    if not settings.FACTDESK_TWO_PERSON_RULE:
        return None
    if created_by_id is not None and created_by_id == reviewer_id:
        return (
            "You entered this claim, so someone else must give its verdict (the two-person rule)."
        )
    return None


def publish_error(*, status: str) -> str | None:
    if status not in VERDICTS:
        return (
            f"Only a verdict can be published; this claim is {Status(status).label.lower()}. "
            "Give it a verdict first."
        )
    return None


def is_secondary_only(kinds: list[str]) -> bool:
    """True when there are sources and none of them is primary (flagged for data quality)."""
    from factcheck.models.sources import Source

    return bool(kinds) and not any(kind in Source.PRIMARY_KINDS for kind in kinds)

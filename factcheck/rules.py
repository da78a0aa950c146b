"""The desk's verification rules as plain functions over values.

Services, the admin forms and the CSV import all ask these, so a rule is decided in one
place; none of them queries the database.
"""

from collections.abc import Iterable

from django.conf import settings

from factcheck.models.claims import CORRECTABLE, Status

VERDICTS = frozenset(Status.verdicts())
# What a verdict is given on: the figure, what it is a figure of, and the words that state it
# (and the sources, which live in their own table). Changing any of them after a verdict
# sends the claim back to review.
BASIS_FIELDS = (
    "quote",
    "company_id",
    "metric",
    "value",
    "unit",
    "qualifier",
    "as_of",
    "as_of_precision",  # "February 2024" and "29 Feb 2024" are different claims
    "period",
)
# Everything a reader sees of a claim besides its sources and verdict (its language too: the
# quote is set in it, and a published claim's change of language waits as a pending change).
CONTENT_FIELDS = (*BASIS_FIELDS, "article_id", "note", "corrected_value", "language")
SUPPORTS, CONTRADICTS = "supports", "contradicts"
# The stance a source takes when it agrees with the verdict; verdicts not listed
# (misleading, unverifiable) agree with sources of either stance.
AGREEING = {Status.VERIFIED: SUPPORTS, Status.INACCURATE: CONTRADICTS}


def at_odds(status: str, stances: Iterable[str]) -> bool:
    """True when the claim has sources and none of them agrees with its verdict."""
    agreeing = AGREEING.get(status)
    stances = list(stances)
    return agreeing is not None and bool(stances) and agreeing not in stances


def verdict_errors(
    *,
    status: str,
    source_count: int,
    corrected_value,
    note: str = "",
    stances: Iterable[str] | None = None,
) -> dict[str, str]:
    """What stops `status` being given to a claim with these sources, rationale and correction.

    `stances` are the sources' stances, when known: a verdict the sources contradict
    (only supporting sources for "inaccurate", only contradicting ones for "verified") is
    refused, so no reader sees a verdict beside evidence that says the opposite.
    """
    errors: dict[str, str] = {}
    if status not in VERDICTS:
        return errors
    if status == Status.UNVERIFIABLE:
        if not (note or "").strip():
            errors["note"] = (
                "An unverifiable verdict needs a rationale: say what was tried "
                "(which sources were asked, what they said)."
            )
    elif source_count < 1:
        label = Status(status).label.lower()  # translated: only for the message (it costs)
        errors["status"] = (
            f"A verdict ({label}) needs at least one source: add the source that settles it first."
        )
    if status == Status.INACCURATE and corrected_value is None:
        errors["corrected_value"] = (
            "An inaccurate claim needs the corrected figure: enter the right value."
        )
    if stances is not None and "status" not in errors and at_odds(status, stances):
        if status == Status.VERIFIED:
            errors["status"] = (
                "Every source of this claim contradicts it, so it cannot be verified: "
                "add a source that supports it, or choose another verdict."
            )
        else:
            errors["status"] = (
                "Every source of this claim supports it, so it cannot be inaccurate: mark the "
                "source that shows the right figure as contradicting the claim, or choose "
                "another verdict."
            )
    return errors


def two_person_error(*, basis_editors: Iterable[int], reviewer_id) -> str | None:
    """The two-person rule: whoever changed the verdict's basis may not give the verdict.

    `basis_editors` are everyone who entered or changed the figure, quote or sources
    since the last verdict.
    """
    if not settings.FACTDESK_TWO_PERSON_RULE or reviewer_id is None:
        return None
    if reviewer_id in set(basis_editors):
        return (
            "You entered or changed this claim's figure, quote or sources since its last "
            "verdict, so someone else must give the verdict (the two-person rule)."
        )
    return None


def status_after_edit(*, status: str, basis_changed: bool, content_changed: bool) -> str:
    """A verdict stands only on what was checked: an edit after it sends the claim to review."""
    if status in VERDICTS and (basis_changed or content_changed):
        return Status.IN_REVIEW
    return status


def kept_correction(status: str, corrected_value):
    """The corrected figure kept with `status`: it means something only for some verdicts."""
    if status in VERDICTS and status not in CORRECTABLE:
        return None
    return corrected_value


def publish_error(
    *,
    status: str,
    source_count: int = 0,
    corrected_value=None,
    note: str = "",
    stances: Iterable[str] | None = None,
) -> str | None:
    """What stops a claim in this state going public (the verdict's rules, asked again)."""
    if status not in VERDICTS:
        return (
            f"Only a verdict can be published; this claim is {Status(status).label.lower()}. "
            "Give it a verdict first."
        )
    problems = verdict_errors(
        status=status,
        source_count=source_count,
        corrected_value=corrected_value,
        note=note,
        stances=stances,
    )
    if problems:
        return "Not published: " + " ".join(problems.values())
    return None

"""Where a source's recorded stance and the claim's verdict disagree.

A verified claim rests on a source that supports it, an inaccurate one on a source that
contradicts it. A verdict none of whose sources agrees with it is *at odds* with its
evidence: the services refuse to give such a verdict (rules.verdict_errors), older data and
other paths may still hold one, so the public claim page never prints "Supports the claim"
beside an Inaccurate verdict as if that were settled, and the admin counts these claims
under data quality. Where sources disagree among themselves, the verdict rests on the ones
that agree with it and the others are said to be dissenting.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext

from factcheck.models import Source, Status
from factcheck.models.claims import AT_ODDS

# Which stance agrees with which verdict is decided in rules (the services refuse a verdict
# at odds with its sources); this module shows and counts the claims that still are.
from factcheck.rules import AGREEING, at_odds


def stance_note(source: Source, status: str, stances: Iterable[str]) -> tuple[str, str]:
    """(css class, words) for a source's stance beside the claim's verdict.

    "agrees" or no verdict to agree with: the stance as recorded. "at-odds": no source
    agrees with the verdict, so the stance is shown as a question for the desk, not as
    evidence. "dissents": other sources agree with the verdict, this one does not.
    """
    recorded = source.get_stance_display()
    agreeing = AGREEING.get(status)
    if agreeing is None or source.stance == agreeing:
        return "agrees", recorded
    verdict = Status(status).label
    if at_odds(status, stances):
        words = gettext(
            "Recorded as “%(stance)s”, which is at odds with the verdict (%(verdict)s): "
            "the desk is reviewing this source"
        )
        return "at-odds", words % {"stance": recorded.lower(), "verdict": verdict}
    words = gettext("%(stance)s; the verdict (%(verdict)s) rests on the other sources")
    return "dissents", words % {"stance": recorded, "verdict": verdict}


def claims_at_odds(claims):
    """`claims` (a Claim queryset) narrowed to the verdicts at odds with their sources, from
    the flag the write path stores (factcheck/source_counts.py)."""
    return claims.filter(AT_ODDS)

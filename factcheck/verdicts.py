"""What each status means, in words for readers: one text for the methodology page,
the verdict badges' link targets and the ClaimReview's `ratingExplanation`.

The rating scale is schema.org's 1 (worst) to 5 (best), as fact-check readers such as
search engines expect it: 5 true, 1 false, 3 neither. Misleading sits at 2 (a right number
framed to suggest a wrong conclusion); no verdict of this desk means "mostly true" (4).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from factcheck.models import Status

BEST_RATING, WORST_RATING = 5, 1


@dataclass(frozen=True)
class Meaning:
    status: str
    label: str
    summary: str  # a verdict's in one sentence (the ClaimReview explanation); a state's, a clause
    detail: str  # what the desk did to reach it, for the methodology page
    rating: int | None  # on the 1–5 scale above; None: never public, so never rated

    @property
    def anchor(self) -> str:
        return f"verdict-{self.status}"


MEANINGS: dict[str, Meaning] = {
    meaning.status: meaning
    for meaning in [
        Meaning(
            Status.VERIFIED,
            Status.VERIFIED.label,
            _(
                "The figure matches what reliable sources say, within the rounding its wording allows."
            ),
            _(
                "At least one source backs the figure, preferably a primary one (a filing, a "
                "press release, official data). A figure written as “$157 billion” is verified by "
                "a source saying $157.3 billion: the writer rounded, and that is allowed."
            ),
            5,
        ),
        Meaning(
            Status.UNVERIFIABLE,
            Status.UNVERIFIABLE.label,
            _("No reliable source the desk could find settles the figure either way."),
            _(
                "The rationale says what the desk tried: which filings, statements and reports "
                "it looked for and why they do not settle the figure. An unverifiable figure may "
                "be right; the desk cannot show that it is."
            ),
            3,
        ),
        Meaning(
            Status.MISLEADING,
            Status.MISLEADING.label,
            _("The number is right, but the way it is framed leads to a wrong conclusion."),
            _(
                "For example a valuation quoted as if it were revenue, a peak presented as the "
                "current level, or a change measured from an unusual starting point. The "
                "rationale says what a reader would wrongly conclude."
            ),
            2,
        ),
        Meaning(
            Status.INACCURATE,
            Status.INACCURATE.label,
            _("The figure is wrong; the right figure is given beside it."),
            _(
                "Sources show a different figure, beyond the rounding the wording allows. The "
                "claim's page gives the right figure and the sources it comes from."
            ),
            1,
        ),
        Meaning(
            Status.UNVERIFIED,
            Status.UNVERIFIED.label,
            _("entered by the desk; nobody has checked it yet"),
            _("Never shown to the public."),
            None,
        ),
        Meaning(
            Status.IN_REVIEW,
            Status.IN_REVIEW.label,
            _("a fact-checker is working on it"),
            _("Never shown to the public."),
            None,
        ),
    ]
}

PUBLIC_MEANINGS = [MEANINGS[status] for status in Status.verdicts()]
DESK_ONLY_MEANINGS = [MEANINGS[Status.UNVERIFIED], MEANINGS[Status.IN_REVIEW]]


def methodology_url(status: str | None = None) -> str:
    """The methodology page, at the verdict's own section when `status` is given."""
    url = reverse("factcheck:methodology")
    if status in MEANINGS:
        url += f"#{MEANINGS[status].anchor}"
    return url

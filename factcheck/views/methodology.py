"""`/methodology/`: what each verdict means, how figures are converted and compared, and
how the desk corrects itself. The verdict badges and the ClaimReview link here."""

from django.shortcuts import render

from factcheck.caching import public_page
from factcheck.figures.tolerance import ABOUT_RELATIVE
from factcheck.verdicts import BEST_RATING, DESK_ONLY_MEANINGS, PUBLIC_MEANINGS, WORST_RATING


@public_page
def methodology(request):
    context = {
        "verdicts": PUBLIC_MEANINGS,
        "desk_only": DESK_ONLY_MEANINGS,
        "best_rating": BEST_RATING,
        "worst_rating": WORST_RATING,
        "about_percent": f"{(ABOUT_RELATIVE * 100).normalize():f}",
        "nav": "methodology",
    }
    return render(request, "factcheck/methodology.html", context)

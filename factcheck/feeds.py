"""`/feed/`: the newest published verdicts and retractions, as Atom."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from factcheck.models import Claim, Retraction

ITEMS = 50


class LatestVerdictsFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    def title(self):
        return f"{settings.FACTDESK_DESK_NAME}: newest verdicts"

    def subtitle(self):
        return "Figures in the news, checked and published by the desk."

    def link(self):
        return reverse("factcheck:claims")

    def items(self):
        verdicts = list(
            Claim.objects.public()
            .select_related("company")
            .order_by("-published_at", "-pk")[:ITEMS]
        )
        # A retraction is news too, for as long as its claim stays unpublished.
        retractions = list(
            Retraction.objects.exclude(claim__in=Claim.objects.public()).order_by(
                "-created_at", "-pk"
            )[:ITEMS]
        )
        newest = sorted(verdicts + retractions, key=self.item_pubdate, reverse=True)
        return newest[:ITEMS]

    def item_title(self, item):
        if isinstance(item, Retraction):
            return f"Retracted: {item.figure or item.quote[:60]}"
        company = f"{item.company.name}, " if item.company_id else ""
        return f"{item.get_status_display()}: {company}{item.figure_display}"

    def item_description(self, claim):
        if isinstance(claim, Retraction):
            return f"“{claim.quote}” This fact-check was retracted: {claim.reason}"
        parts = [f"“{claim.quote}”"]
        if claim.shows_correction:
            parts.append(f"The right figure: {claim.corrected_display}.")
        if claim.note:
            parts.append(claim.note)
        return " ".join(parts)

    def item_pubdate(self, item):
        return item.created_at if isinstance(item, Retraction) else item.published_at

    def item_updateddate(self, item):
        return item.created_at if isinstance(item, Retraction) else item.updated_at

    def item_guid(self, item):
        if isinstance(item, Retraction):
            return f"retraction-{item.pk}"
        return f"claim-{item.pk}"

    item_guid_is_permalink = False

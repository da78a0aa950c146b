"""`/feed/`: the newest published verdicts, as Atom."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from factcheck.models import Claim

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
        return (
            Claim.objects.public()
            .select_related("company")
            .order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_title(self, claim):
        company = f"{claim.company.name}, " if claim.company_id else ""
        return f"{claim.get_status_display()}: {company}{claim.figure_display}"

    def item_description(self, claim):
        parts = [f"“{claim.quote}”"]
        if claim.shows_correction:
            parts.append(f"The right figure: {claim.corrected_display}.")
        if claim.note:
            parts.append(claim.note)
        return " ".join(parts)

    def item_pubdate(self, claim):
        return claim.published_at

    def item_updateddate(self, claim):
        return claim.updated_at

    def item_guid(self, claim):
        return f"claim-{claim.pk}"

    item_guid_is_permalink = False

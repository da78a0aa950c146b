"""A published claim taken back: what readers who follow its link see instead of a verdict."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Retraction(models.Model):
    """One unpublication, with the claim's words as they were public and the reason.

    The notice at the claim's URL reads these, never the claim's current (perhaps edited)
    fields, so a retraction cannot show readers anything that was not published.
    """

    claim = models.ForeignKey(
        "factcheck.Claim", on_delete=models.CASCADE, related_name="retractions"
    )
    quote = models.TextField(help_text="The claim's words as they were published.")
    figure = models.CharField(max_length=200, blank=True)
    old_status = models.CharField(max_length=12)
    reason = models.TextField(help_text="Why the claim was taken back, in words for readers.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Retraction of claim {self.claim_id}"

    def get_absolute_url(self):
        return reverse("factcheck:claim", kwargs={"pk": self.claim_id})

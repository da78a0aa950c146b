"""The desk's conversation about a claim: who said what, when. Never public."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Comment(models.Model):
    claim = models.ForeignKey("factcheck.Claim", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(help_text="What you want the desk to know about this claim.")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment by {self.author} on claim {self.claim_id}"

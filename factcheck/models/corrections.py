from django.conf import settings
from django.db import models


class Correction(models.Model):
    """A change to a claim already published (its verdict, figure or evidence): the public log."""

    claim = models.ForeignKey(
        "factcheck.Claim", on_delete=models.CASCADE, related_name="corrections"
    )
    old_status = models.CharField(max_length=12)
    new_status = models.CharField(max_length=12)
    old_figure = models.CharField(
        max_length=200, blank=True, help_text="The figure as published before, when it changed."
    )
    new_figure = models.CharField(
        max_length=200, blank=True, help_text="The figure as published now, when it changed."
    )
    reason = models.TextField(help_text="Why the claim changed, in words for readers.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.old_status} → {self.new_status}"

    def status_label(self, value: str) -> str:
        from .claims import Status

        return Status(value).label if value in Status.values else value

    @property
    def old_label(self) -> str:
        return self.status_label(self.old_status)

    @property
    def new_label(self) -> str:
        return self.status_label(self.new_status)

"""What readers tell the desk: an error report on a public claim. Never shown publicly."""

from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from factcheck.models.fields import desk_user

http_url = URLValidator(schemes=["http", "https"], message=_("Enter an http:// or https:// URL."))

# Limits a reader can act on; the form repeats them in its messages.
MESSAGE_MAX = 4000
URL_MAX = 1000


class ReaderReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ReaderReport.State.OPEN)


class ReaderReport(models.Model):
    """A reader's report that a public claim is wrong, and the desk's answer to it."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    claim = models.ForeignKey(
        "factcheck.Claim", on_delete=models.CASCADE, related_name="reader_reports"
    )
    message = models.TextField(
        "what is wrong", max_length=MESSAGE_MAX, help_text="The reader's words, as sent."
    )
    source_url = models.URLField(
        "source URL",
        max_length=URL_MAX,
        blank=True,
        validators=[http_url],
        help_text="Where the reader says the right figure can be found (optional).",
    )
    email = models.EmailField(
        blank=True, help_text="Only for answering the reader; never published (optional)."
    )
    language = models.CharField(
        max_length=10, blank=True, help_text="The language of the page the report came from."
    )
    state = models.CharField(max_length=6, choices=State.choices, default=State.OPEN, db_index=True)
    answer = models.TextField(
        blank=True, help_text="The desk's answer: what was checked and what, if anything, changed."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = desk_user()

    history = HistoricalRecords()
    objects = ReaderReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "reader report"

    def __str__(self):
        return f"Report #{self.pk} on claim #{self.claim_id} ({self.get_state_display()})"

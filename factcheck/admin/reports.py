"""Readers' error reports: the desk's queue. Readers write them; the desk answers and closes."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from factcheck.models import ReaderReport


class ReaderReportForm(forms.ModelForm):
    """Closing a report needs an answer: the next person to read it should know what was done."""

    class Meta:
        model = ReaderReport
        fields = ["state", "answer"]

    def clean(self):
        cleaned = super().clean()
        closing = cleaned.get("state") == ReaderReport.State.CLOSED
        if closing and not cleaned.get("answer", "").strip():
            self.add_error(
                "answer",
                "Write the desk's answer before closing: what was checked, and whether the "
                "claim changed.",
            )
        return cleaned


@admin.register(ReaderReport)
class ReaderReportAdmin(SimpleHistoryAdmin):
    """Open reports first; the reader's words and links are shown as text, never as HTML."""

    form = ReaderReportForm
    list_display = ["__str__", "claim_link", "summary", "state", "created_at"]
    list_filter = ["state", "created_at"]
    search_fields = ["message", "claim__quote", "email"]
    list_select_related = ["claim"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    readonly_fields = [
        "claim_link",
        "message",
        "source_url",
        "email",
        "language",
        "created_at",
        "closed_at",
        "closed_by",
    ]
    fieldsets = [
        ("The reader's report", {"fields": ["claim_link", "message", "source_url", "email"]}),
        ("Received", {"fields": ["created_at", "language"]}),
        ("The desk's answer", {"fields": ["answer", "state", "closed_at", "closed_by"]}),
    ]

    def get_queryset(self, request):
        # Open before closed ("closed" > "open"), newest first within each.
        return super().get_queryset(request).order_by("-state", "-created_at", "-pk")

    def has_add_permission(self, request):
        return False  # reports come from readers, through the claim page

    @admin.display(description="claim", ordering="claim")
    def claim_link(self, report):
        url = reverse("admin:factcheck_claim_change", args=[report.claim_id])
        return format_html(
            '<a href="{}">#{} {}</a>',
            url,
            report.claim_id,
            Truncator(report.claim.quote).chars(60),
        )

    @admin.display(description="what is wrong")
    def summary(self, report):
        return Truncator(report.message).chars(80)

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data:
            closed = obj.state == ReaderReport.State.CLOSED
            obj.closed_at = timezone.now() if closed else None
            obj.closed_by = request.user if closed else None
        super().save_model(request, obj, form, change)

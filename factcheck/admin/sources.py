"""Sources on their own: every source, with its change history (who and when)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from factcheck import services
from factcheck.models import Claim, Source

from .workflow import error_text


class SourceForm(forms.ModelForm):
    """A source, with the version of its claim the page was drawn from (stale saves refused)."""

    seen_claim_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )

    class Meta:
        model = Source
        fields = [
            "claim",
            "url",
            "title",
            "publisher",
            "published_on",
            "accessed_on",
            "archive_url",
            "kind",
            "excerpt",
            "stance",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            current = Claim.objects.filter(pk=self.instance.claim_id).values_list("version")
            self.fields["seen_claim_version"].initial = current.first()[0]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("seen_claim_version") is None:
            raise ValidationError(
                "This form did not say which version of the claim it showed, so nothing was "
                "saved: reload the source and make your change again."
            )
        return cleaned


def published_source(source: Source | None) -> bool:
    return source is not None and source.pk is not None and source.claim.is_public


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    form = SourceForm
    list_display = ["__str__", "publisher", "kind", "stance", "claim"]
    list_filter = ["kind", "stance"]
    list_select_related = ["claim"]
    search_fields = ["url", "title", "publisher", "excerpt"]
    autocomplete_fields = ["claim"]
    show_full_result_count = False

    # Every write goes through services.sources: a change to a source of a claim with a
    # verdict sends the claim back to review; on a published claim it is made on the
    # claim's pending change, never on what readers see.

    def get_readonly_fields(self, request, obj=None):
        if published_source(obj):
            # Readers see this source: it changes only on the claim's pending change.
            return [f.name for f in Source._meta.fields if f.editable] + ["pending_note"]
        return super().get_readonly_fields(request, obj)

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if published_source(obj):
            fields = ["pending_note", *[f for f in fields if f != "seen_claim_version"]]
        return fields

    @admin.display(description="Published")
    def pending_note(self, source):
        url = reverse("admin:factcheck_claim_change", args=[source.claim_id])
        return format_html(
            "This source belongs to a published claim. Readers see it as it is: change it on "
            '<a href="{}">the claim</a>, whose edits wait as a pending change until checked '
            "and published again.",
            url,
        )

    def has_delete_permission(self, request, obj=None):
        if published_source(obj):
            return False  # removed on the claim's pending change instead
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        written = services.save_source(
            source=obj,
            user=request.user,
            expected_claim_version=form.cleaned_data.get("seen_claim_version") if change else None,
        )
        if written.pk != obj.pk:
            # Its claim is published: the service wrote a copy on the claim's pending change.
            # That row is the one the admin logs, names and goes to after saving.
            obj.pk, obj.claim = written.pk, written.claim
            request._factdesk_pending_source = True

    def pending_message(self, request, source) -> None:
        claim_url = reverse("admin:factcheck_claim_change", args=[source.claim_id])
        self.message_user(
            request,
            format_html(
                'The claim is published, so the source went to <a href="{}">its pending '
                "change</a>: readers see it once someone else gives the change a verdict and a "
                "publisher publishes it.",
                claim_url,
            ),
            messages.WARNING,
        )

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "_factdesk_pending_source", False):
            self.pending_message(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if not getattr(request, "_factdesk_pending_source", False):
            return super().response_change(request, obj)
        # Moved to a published claim: the source at this address was removed.
        self.pending_message(request, obj)
        response = super().response_change(request, obj)
        if "_continue" in request.POST:
            return HttpResponseRedirect(reverse("admin:factcheck_source_change", args=[obj.pk]))
        return response

    def delete_model(self, request, obj):
        services.delete_source(source=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for source in queryset.select_related("claim"):
            if published_source(source):
                self.message_user(
                    request,
                    f"{source}: belongs to published claim {source.claim_id}, so it was kept; "
                    "remove it on the claim's pending change.",
                    messages.ERROR,
                )
                continue
            try:
                services.delete_source(source=source, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{source}: {error_text(error)}", messages.ERROR)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

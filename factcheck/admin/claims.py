"""The editors' desk: claims with their sources, and the workflow actions."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from factcheck import rules, services
from factcheck.checks import with_check_counts
from factcheck.csv_admin import ClaimCSVAdminMixin
from factcheck.models import Claim, Source
from factcheck.resources import ClaimResource

from .checks import ChecksFailingFilter, checks_cell
from .filters import HasSourcesFilter, PublishedFilter, SecondaryOnlyFilter
from .forms import ClaimForm, VerdictForm


def error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def seen_version(request, claim) -> int:
    """The version of the claim the editor's page was drawn from (the current one if absent)."""
    try:
        return int(request.POST.get("seen_version", ""))
    except ValueError:
        return claim.version


class SourceFormSet(BaseInlineFormSet):
    """Refuses to take away the last source of a claim that has a verdict."""

    def clean(self):
        super().clean()
        if self.instance.pk is None or self.instance.status not in rules.VERDICTS:
            return
        remaining = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("url")
        ]
        errors = rules.verdict_errors(
            status=self.instance.status,
            source_count=len(remaining),
            corrected_value=self.instance.corrected_value,
        )
        if "status" in errors:
            raise ValidationError(errors["status"])


class SourceInline(admin.StackedInline):
    model = Source
    formset = SourceFormSet
    extra = 1
    fieldsets = [
        (None, {"fields": [("url", "kind", "stance"), ("title", "publisher"), "excerpt"]}),
        (
            "Dates and archive",
            {"fields": [("published_on", "accessed_on"), "archive_url"], "classes": ["collapse"]},
        ),
    ]


@admin.register(Claim)
class ClaimAdmin(ClaimCSVAdminMixin, SimpleHistoryAdmin):
    # CSV import (import_claim permission) and export (export_claim), also of a selection.
    resource_classes = [ClaimResource]
    form = ClaimForm
    inlines = [SourceInline]
    list_display = [
        "short_quote",
        "company",
        "figure",
        "as_of",
        "status_badge",
        "checks_column",
        "is_published",
        "reviewed_by",
    ]
    list_filter = [
        "status",
        "metric",
        PublishedFilter,
        HasSourcesFilter,
        SecondaryOnlyFilter,
        ChecksFailingFilter,
        ("as_of", admin.EmptyFieldListFilter),
        ("company", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["company", "reviewed_by"]
    search_fields = ["quote", "note", "company__name", "company__aliases__name"]
    autocomplete_fields = ["company", "article"]
    date_hierarchy = "as_of"
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = [
        "status_badge",
        "reviewed_by",
        "reviewed_at",
        "published_at",
        "published_by",
        "created_by",
        "usd_value",
        "version",
    ]
    fieldsets = [
        ("The claim", {"fields": ["article", "company", "quote", "metric"]}),
        (
            "The figure",
            {"fields": [("value", "unit", "qualifier"), ("as_of", "period"), "usd_value"]},
        ),
        (
            "Verdict",
            {
                "fields": [
                    "status_badge",
                    "note",
                    "corrected_value",
                    ("reviewed_by", "reviewed_at"),
                ],
                "description": "The verdict itself is given with the “Give verdict” button above.",
            },
        ),
        (
            "Publication",
            {"fields": [("published_at", "published_by"), "created_by", "version", "seen_version"]},
        ),
    ]
    actions = ["send_to_review", "give_verdict", "publish", "unpublish"]

    class Media:
        css = {"all": ["factcheck/admin.css", "factcheck/checks-admin.css"]}

    def get_queryset(self, request):
        # The arithmetic checks' counts, for the column and the filter: no query per row.
        return with_check_counts(super().get_queryset(request))

    # --- columns -----------------------------------------------------------------

    @admin.display(description="Checks", ordering="checks_failing")
    def checks_column(self, claim):
        return checks_cell(claim)

    @admin.display(description="Quote", ordering="quote")
    def short_quote(self, claim):
        return claim.quote if len(claim.quote) <= 90 else claim.quote[:88] + "…"

    @admin.display(description="Figure", ordering="value")
    def figure(self, claim):
        return claim.figure_display

    @admin.display(description="Status", ordering="status")
    def status_badge(self, claim):
        return format_html(
            '<span class="badge badge-{}">{}</span>', claim.status, claim.get_status_display()
        )

    @admin.display(description="Published", boolean=True, ordering="published_at")
    def is_published(self, claim):
        return claim.published_at is not None

    # --- permissions for the workflow actions ------------------------------------

    def has_verdict_permission(self, request):
        return request.user.has_perm("factcheck.give_verdict")

    def has_publish_permission(self, request):
        return request.user.has_perm("factcheck.publish_claim")

    # --- saving goes through the services ----------------------------------------

    def save_model(self, request, obj, form, change):
        services.save_claim(
            claim=obj,
            user=request.user,
            expected_version=form.cleaned_data.get("seen_version") if change else None,
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleEdit as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)

        class StaleCheckingForm(form):
            def clean(self):
                cleaned = super().clean()
                seen = cleaned.get("seen_version")
                if self.instance.pk and seen is not None:
                    current = Claim.objects.get(pk=self.instance.pk)
                    if current.version != seen:
                        raise ValidationError(
                            services.describe_changes(self.instance.pk, seen, current)
                        )
                return cleaned

        return StaleCheckingForm

    # --- actions -------------------------------------------------------------------

    def _apply(self, request, queryset, service, done: str, **kwargs):
        ok, failed = 0, []
        for claim in queryset:
            try:
                service(claim=claim, **kwargs)
                ok += 1
            except (ValidationError, PermissionDenied) as error:
                failed.append(f"“{claim.quote[:50]}”: {error_text(error)}")
        if ok:
            self.message_user(request, f"{ok} claim(s) {done}.", messages.SUCCESS)
        for problem in failed:
            self.message_user(request, problem, messages.ERROR)

    @admin.action(description="Send to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        self._apply(request, queryset, services.send_to_review, "sent to review", user=request.user)

    @admin.action(description="Publish selected verdicts", permissions=["publish"])
    def publish(self, request, queryset):
        self._apply(request, queryset, services.publish_claim, "published", user=request.user)

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._apply(request, queryset, services.unpublish_claim, "unpublished", user=request.user)

    @admin.action(description="Give verdict…", permissions=["verdict"])
    def give_verdict(self, request, queryset):
        if "apply" in request.POST:
            form = VerdictForm(request.POST)
            if form.is_valid():
                self._apply(
                    request,
                    queryset,
                    services.give_verdict,
                    "given a verdict",
                    reviewer=request.user,
                    **form.cleaned_data,
                )
                return None
        else:
            form = VerdictForm()
        return self._verdict_page(request, form, list(queryset))

    def _verdict_page(self, request, form, claims, single=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Give verdict",
            "form": form,
            "claims": claims,
            "single": single,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/factcheck/claim/verdict.html", context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/verdict/",
                self.admin_site.admin_view(self.verdict_view),
                name="factcheck_claim_verdict",
            ),
            *super().get_urls(),
        ]

    def verdict_view(self, request, pk):
        """One claim's verdict form, reached from the change page's "Give verdict" button."""
        claim = get_object_or_404(Claim, pk=pk)
        if not self.has_verdict_permission(request):
            raise PermissionDenied
        change_url = reverse("admin:factcheck_claim_change", args=[claim.pk])
        if request.method == "POST":
            form = VerdictForm(request.POST)
            if form.is_valid():
                try:
                    services.give_verdict(
                        claim=claim,
                        reviewer=request.user,
                        expected_version=seen_version(request, claim),
                        **form.cleaned_data,
                    )
                except PermissionDenied as error:
                    form.add_error(None, str(error))
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        for field, problems in error.error_dict.items():
                            target = field if field in form.fields else None
                            for problem in problems:
                                form.add_error(target, problem)
                    else:
                        form.add_error(None, error)
                else:
                    self.message_user(request, "Verdict saved.", messages.SUCCESS)
                    return HttpResponseRedirect(change_url)
        else:
            form = VerdictForm(
                initial={
                    "status": claim.status if claim.status in rules.VERDICTS else None,
                    "note": claim.note,
                }
            )
        return self._verdict_page(request, form, [claim], single=claim)

"""The editors' desk: claims with their sources, and the workflow actions."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin

from factcheck import rules, services
from factcheck.models import Claim, Comment, Source

from .changelist import CappedPaginator, ClaimChangeList, CompanyFilter
from .checks import checks_cell
from .csv import ClaimCSVAdminMixin
from .evidence import claim_evidence, next_step
from .filters import (
    ChecksFailingFilter,
    HasSourcesFilter,
    MyQueueFilter,
    PublishedFilter,
    SecondaryOnlyFilter,
    StanceConflictFilter,
)
from .forms import ClaimForm, RetractionForm, VerdictForm
from .rendering import RENDERER
from .resources import ClaimResource
from .revisions import revision_differences
from .workflow import (
    apply_to_each,
    confirm_page,
    error_text,
    posted_version,
    require_version,
)


class DeskInlineFormSet(BaseInlineFormSet):
    """An inline's forms, drawn by the desk's renderer (rendering.py) like the claim's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.renderer = self.form_renderer = RENDERER


class SourceFormSet(DeskInlineFormSet):
    """The claim's sources; saved one by one through services.sources (see save_formset)."""


class CommentInline(admin.StackedInline):
    """The desk's conversation about the claim: added here, never edited, never public."""

    model = Comment
    formset = DeskInlineFormSet
    extra = 1
    can_delete = False
    fields = ["text"]
    readonly_fields = []
    verbose_name = "comment"
    verbose_name_plural = "Discussion"
    template = "admin/factcheck/claim/comments_inline.html"

    def has_change_permission(self, request, obj=None):
        return False  # what was said stays said (the history keeps it too)

    def has_add_permission(self, request, obj=None):
        return obj is not None and request.user.has_perm("factcheck.change_claim")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


ADD_SOURCE = "add_source"  # ?add_source=1: the change page with a blank source form


class SourceInline(admin.StackedInline):
    model = Source
    formset = SourceFormSet
    template = "admin/factcheck/claim/sources_inline.html"  # + "Add a source" without JS
    fieldsets = [
        (None, {"fields": [("url", "kind", "stance"), ("title", "publisher"), "excerpt"]}),
        (
            "Dates and archive",
            {"fields": [("published_on", "accessed_on"), "archive_url"], "classes": ["collapse"]},
        ),
    ]

    def get_extra(self, request, obj=None, **kwargs):
        """A blank source form on a new claim, on one without sources, or when asked for
        (`?add_source=1`, the "Add a source" link shown without JavaScript); otherwise none,
        and "Add another source" (JavaScript) adds one: each blank form is ~12 widgets."""
        if obj is None or obj.n_sources == 0 or ADD_SOURCE in request.GET:
            return 1
        return 0


# Read with the claim on its change page: its read-only fields show them.
SHOWN_WITH_CLAIM = ["article", "company", "created_by", "reviewed_by", "published_by"]


@admin.register(Claim)
class ClaimAdmin(ClaimCSVAdminMixin, SimpleHistoryAdmin):
    # CSV import (import_claim permission) and export (export_claim), also of a selection.
    resource_classes = [ClaimResource]
    form = ClaimForm
    inlines = [SourceInline, CommentInline]
    list_display_links = ["short_quote"]  # not the hidden version column
    list_display = [
        "row_version",
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
        MyQueueFilter,
        "status",
        "metric",
        PublishedFilter,
        HasSourcesFilter,
        SecondaryOnlyFilter,
        StanceConflictFilter,
        ChecksFailingFilter,
        ("as_of", admin.EmptyFieldListFilter),
        CompanyFilter,
    ]
    list_select_related = ["company", "reviewed_by"]
    search_fields = ["quote", "note", "company__name", "company__aliases__name"]
    autocomplete_fields = ["company", "article"]
    date_hierarchy = "as_of"
    list_per_page = 50
    # At a million claims nothing on the list may read every row (factcheck/admin/changelist.py):
    # counts stop at 10,000, facet counts (a COUNT per filter choice) are not offered.
    paginator = CappedPaginator
    change_list_template = "admin/factcheck/claim/change_list.html"  # rows: result_rows.py
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    readonly_fields = [
        "status_badge",
        "reviewed_by",
        "reviewed_at",
        "published_at",
        "published_by",
        "created_by",
        "usd_value",
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
            {"fields": [("published_at", "published_by"), "created_by", "seen_version"]},
        ),
        ("Desk", {"fields": ["assigned_to"]}),
    ]
    actions = ["send_to_review", "give_verdict", "publish", "unpublish"]

    class Media:
        css = {"all": ["factcheck/checks-admin.css"]}  # admin.css: admin/base_site.html

    def view_on_site(self, obj):
        """The claim's page as readers would see it ("View on site"), marked as a preview."""
        return reverse("claim-preview", args=[obj.pk])

    def get_object(self, request, object_id, from_field=None):
        """Django's, with the people and the company the page shows read in the same query."""
        claims = self.get_queryset(request).select_related(*SHOWN_WITH_CLAIM)
        field = Claim._meta.pk if from_field is None else Claim._meta.get_field(from_field)
        try:
            claim = claims.get(**{field.name: field.to_python(object_id)})
        except (Claim.DoesNotExist, ValidationError, ValueError):
            return None
        if request.method == "GET":
            # A page only reads: its pending change is looked up once, not by each of the
            # six places that ask (read-only fields, inlines, evidence, the form's context).
            pending = claim.pending_change()
            claim.pending_change = lambda: pending
        return claim

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        if request.GET.get(SEARCH_VAR, "").strip():
            paginator.cap = paginator.search_cap  # a search counts fewer (changelist.py)
        return paginator

    def get_changelist(self, request, **kwargs):
        return ClaimChangeList

    def get_search_results(self, request, queryset, search_term):
        """The site's own search (factcheck/search.py: full text or trigram on PostgreSQL,
        company names and aliases in the same query), not ILIKE over joins; no duplicates."""
        return queryset.search(search_term), False

    # --- columns -----------------------------------------------------------------

    # The counts are annotated on the page's rows only (ClaimChangeList.get_results); the
    # column sorts by the state stored on each claim, which an index can order.
    @admin.display(description="Checks", ordering="checks_state")
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

    # --- what may be edited --------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_public and obj.pending_change() is not None:
            # Edits go to the pending change; this page shows what readers see.
            fields += [name for name in ClaimForm.Meta.fields if name not in fields]
        return fields

    def get_inlines(self, request, obj):
        """A claim not yet saved has no discussion (its comments cannot even be read)."""
        if obj is None:
            return [inline for inline in self.inlines if inline is not CommentInline]
        return self.inlines

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and obj.is_public and obj.pending_change() is not None:
            # The sources are edited on the pending change; the discussion stays here.
            inlines = [inline for inline in inlines if not isinstance(inline, SourceInline)]
        return inlines

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.published_at is not None or obj.retractions.exists()):
            # A claim readers have seen is unpublished (retracted), never made to vanish:
            # its retraction notice stays at its address.
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        published = queryset.filter(
            Q(published_at__isnull=False) | Q(retractions__isnull=False)
        ).distinct()
        for claim in published:
            self.message_user(
                request,
                f"Claim {claim.pk} is or was published, so it was not deleted: readers keep "
                "its retraction notice (unpublish it, with a reason, if it is still public).",
                messages.ERROR,
            )
        super().delete_queryset(
            request, queryset.filter(published_at__isnull=True, retractions__isnull=True)
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = fact_checkers()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["pending"] = obj.pending_change()
            context["live"] = obj.draft_of if obj.is_draft else None
            context["differences"] = revision_differences(obj)
            context["evidence"] = claim_evidence(obj)
            context["next_step"] = next_step(obj, request.user)
            context["publishable"] = sorted(rules.VERDICTS)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- saving goes through the services ----------------------------------------

    def save_model(self, request, obj, form, change):
        request._factdesk_written = services.save_claim(
            claim=obj,
            user=request.user,
            expected_version=form.cleaned_data.get("seen_version") if change else None,
        )
        for note in getattr(form, "date_notes", ()):  # e.g. a date after the article's own
            self.message_user(request, note, messages.WARNING)

    def save_formset(self, request, form, formset, change):
        """Sources are added, edited and removed one by one through services.sources."""
        if formset.model is Comment:
            for comment in formset.save(commit=False):
                services.add_comment(claim=form.instance, user=request.user, text=comment.text)
            return None
        if formset.model is not Source:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for source in formset.deleted_objects:
            services.delete_source(source=source, user=request.user)
        for source in instances:
            services.save_source(source=source, user=request.user)
        formset.save_m2m()

    def response_change(self, request, obj):
        pending = obj.pending_change() if obj.is_public else None
        if pending is not None:
            self.message_user(
                request,
                "This claim is published, so your change waits as its pending change: readers "
                "keep seeing the published version until someone else gives the change a "
                "verdict and a publisher publishes it.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:factcheck_claim_change", args=[pending.pk]))
        return super().response_change(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:  # stale, or refused by a rule after the form was valid
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A revert is an edit like any other: from the claim's current version, via services."""
        request._factdesk_reverting = True
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        reverting = getattr(request, "_factdesk_reverting", False)

        class StaleCheckingForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if reverting and self.instance.pk and not self.is_bound:
                    # The revert page shows an old version; the edit is made on the current one.
                    current = Claim.objects.filter(pk=self.instance.pk).values_list("version")
                    self.fields["seen_version"].initial = current.first()[0]

            def clean(self):
                cleaned = super().clean()
                seen = cleaned.get("seen_version")
                if self.instance.pk and seen is not None:
                    current = Claim.objects.filter(pk=self.instance.pk).values_list("version")
                    stored = current.first()
                    if stored is None or stored[0] != seen:
                        raise ValidationError(services.describe_changes(self.instance.pk, seen))
                return cleaned

        return StaleCheckingForm

    def action_checkbox(self, claim):
        """Django's row checkbox, written directly: rendering a CheckboxInput through the form
        renderer's template for each of 50 rows was a fifth of the list page. As Django's,
        the translated label is trusted and the claim's text escaped."""
        label = gettext("Select this object for an action - {}").format(escape(str(claim)))
        return SafeString(
            f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" '
            f'value="{escape(claim.pk)}" class="action-select" aria-label="{label}">'
        )

    # --- the changelist carries each row's version -----------------------------------

    @admin.display(description="")
    def row_version(self, claim):
        return format_html(
            '<input type="hidden" name="seen_version_{}" value="{}">', claim.pk, claim.version
        )

    # --- actions (each asks first, posting the versions the changelist showed) --------

    @admin.action(description="Send to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        apply_to_each(
            self,
            request,
            list(queryset),
            services.send_to_review,
            "sent to review",
            user=request.user,
        )

    @admin.action(description="Publish selected verdicts…", permissions=["publish"])
    def publish(self, request, queryset):
        claims = list(queryset)
        if "confirmed" in request.POST:
            apply_to_each(
                self, request, claims, services.publish_claim, "published", user=request.user
            )
            return None
        return confirm_page(
            self,
            request,
            claims=claims,
            action="publish",
            title="Publish",
            intro="These claims will go public with the verdict, figure and sources shown "
            "(a pending change replaces its published claim). Publish them?",
            button=f"Yes, publish {len(claims)}",
        )

    @admin.action(description="Unpublish (retract)…", permissions=["publish"])
    def unpublish(self, request, queryset):
        claims = list(queryset)
        form = RetractionForm(request.POST if "confirmed" in request.POST else None)
        if form.is_valid():
            apply_to_each(
                self,
                request,
                claims,
                services.unpublish_claim,
                "unpublished",
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
            return None
        return confirm_page(
            self,
            request,
            claims=claims,
            action="unpublish",
            title="Unpublish",
            intro="Readers who follow these claims' links will see a retraction notice with "
            "your reason and today's date instead of the verdict.",
            button="Unpublish",
            reason_label="Reason, for readers",
            reason_error=form.error_text(),
        )

    @admin.action(description="Give verdict…", permissions=["verdict"])
    def give_verdict(self, request, queryset):
        claims = list(queryset)
        if "apply" in request.POST:
            form = VerdictForm(request.POST)
            if form.is_valid():
                apply_to_each(
                    self,
                    request,
                    claims,
                    services.give_verdict,
                    "given a verdict",
                    reviewer=request.user,
                    **form.cleaned_data,
                )
                return None
        else:
            form = VerdictForm()
        return self._verdict_page(request, form, claims)

    def _verdict_page(self, request, form, claims, single=None, blockers=(), evidence=None):
        context = {
            "blockers": blockers,
            "evidence": evidence,
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Give verdict",
            "form": form,
            "claims": claims,
            "single": single,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "versions": {
                c.pk: posted_version(request, c.pk, single=single is not None) or c.version
                for c in claims
            },
        }
        return TemplateResponse(request, "admin/factcheck/claim/verdict.html", context)

    # --- one claim's buttons -----------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/verdict/", view(self.verdict_view), name="factcheck_claim_verdict"),
            path("<int:pk>/review/", view(self.review_view), name="factcheck_claim_review"),
            path("<int:pk>/publish/", view(self.publish_view), name="factcheck_claim_publish"),
            path(
                "<int:pk>/unpublish/", view(self.unpublish_view), name="factcheck_claim_unpublish"
            ),
            *super().get_urls(),
        ]

    def _one(self, request, pk, allowed: bool):
        claim = get_object_or_404(Claim, pk=pk)
        if not allowed:
            raise PermissionDenied
        return claim, reverse("admin:factcheck_claim_change", args=[claim.pk])

    def review_view(self, request, pk):
        claim, back = self._one(request, pk, self.has_change_permission(request))
        if request.method == "POST":
            apply_to_each(
                self,
                request,
                [claim],
                services.send_to_review,
                "sent to review",
                single=True,
                user=request.user,
            )
            return HttpResponseRedirect(back)
        return confirm_page(
            self,
            request,
            claims=[claim],
            action="review",
            title="Send to review",
            intro="A fact-checker other than whoever entered or changed it will give its verdict.",
            button="Send to review",
            single=claim,
        )

    def publish_view(self, request, pk):
        claim, back = self._one(request, pk, self.has_publish_permission(request))
        if request.method == "POST":
            if apply_to_each(
                self,
                request,
                [claim],
                services.publish_claim,
                "published",
                single=True,
                user=request.user,
            ):
                back = reverse("admin:factcheck_claim_change", args=[claim.draft_of_id or claim.pk])
            return HttpResponseRedirect(back)
        return confirm_page(
            self,
            request,
            claims=[claim],
            action="publish",
            title="Publish",
            intro="This goes public with the verdict, figure and sources shown"
            + (", replacing the published claim" if claim.is_draft else "")
            + ". Publish it?",
            button="Yes, publish",
            single=claim,
        )

    def unpublish_view(self, request, pk):
        claim, back = self._one(request, pk, self.has_publish_permission(request))
        form = RetractionForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            apply_to_each(
                self,
                request,
                [claim],
                services.unpublish_claim,
                "unpublished",
                single=True,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
            return HttpResponseRedirect(back)
        return confirm_page(
            self,
            request,
            claims=[claim],
            action="unpublish",
            title="Unpublish",
            intro="Readers who follow this claim's link will see a retraction notice with your "
            "reason and today's date instead of the verdict.",
            button="Unpublish",
            reason_label="Reason, for readers",
            reason_error=form.error_text(),
            single=claim,
        )

    def verdict_view(self, request, pk):
        """One claim's verdict form, reached from the change page's "Give verdict" button."""
        claim = get_object_or_404(Claim, pk=pk)
        if not self.has_verdict_permission(request):
            raise PermissionDenied
        correcting = claim.is_draft or claim.published_at is not None
        if request.method == "POST":
            form = VerdictForm(request.POST, correcting=correcting)
            if form.is_valid():
                try:
                    written = services.give_verdict(
                        claim=claim,
                        reviewer=request.user,
                        expected_version=require_version(request, claim, single=True),
                        **form.cleaned_data,
                    )
                except PermissionDenied as error:
                    form.add_error(None, str(error))
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    self.message_user(request, "Verdict saved.", messages.SUCCESS)
                    return HttpResponseRedirect(
                        reverse("admin:factcheck_claim_change", args=[written.pk])
                    )
        else:
            form = VerdictForm(initial={"note": claim.note}, correcting=correcting)
        return self._verdict_page(
            request,
            form,
            [claim],
            single=claim,
            blockers=verdict_blockers(claim, request.user),
            evidence=claim_evidence(claim.pending_change() or claim),
        )


def fact_checkers():
    """Who may be assigned a claim: the people who may give verdicts."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    may = Q(groups__permissions__codename="give_verdict") | Q(
        user_permissions__codename="give_verdict"
    )
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    return users.filter(may | Q(is_superuser=True)).distinct().order_by("username")


def verdict_blockers(claim: Claim, user) -> list[str]:
    """What the rules already forbid before the checker fills in the form (said up front)."""
    target = claim.pending_change() or claim
    problems = []
    if target.n_sources == 0:
        problems.append(
            "This claim needs at least one source before it can be verified, found inaccurate "
            "or misleading (unverifiable needs only a rationale of what was tried)."
        )
    two_person = rules.two_person_error(basis_editors=target.basis_editors, reviewer_id=user.pk)
    if two_person:
        problems.append(two_person)
    return problems


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            target = field if field in form.fields else None
            for problem in problems:
                form.add_error(target, problem)
    else:
        form.add_error(None, error)

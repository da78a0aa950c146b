"""Arithmetic checks on the desk: editors link figures, the desk computes whether they hold."""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join

from factcheck import figure_checks
from factcheck.models import CheckOperand, FigureCheck

OPERAND_HELP = (
    "In order: from, to (percent change); larger, smaller (difference); multiple, base "
    "(ratio); the amount in the first currency (conversion); the parts (sum)."
)


class CheckOperandInline(admin.TabularInline):
    model = CheckOperand
    fk_name = "check_ref"
    fields = ["position", "claim"]
    autocomplete_fields = ["claim"]
    extra = 2
    verbose_name = "figure used"
    verbose_name_plural = "figures used"

    # An operand is part of its check: whoever may add or change the check may edit its
    # figures (the roles grant no separate CheckOperand permissions).
    def _may_edit_check(self, request, obj) -> bool:
        action = "add" if obj is None else "change"
        return request.user.has_perm(f"factcheck.{action}_figurecheck")

    def has_add_permission(self, request, obj=None):
        return self._may_edit_check(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit_check(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit_check(request, obj)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("factcheck.view_figurecheck")


def outcome_badge(check: FigureCheck) -> str:
    if not check.outcome:
        return format_html('<span class="badge">{}</span>', "not computed")
    return format_html(
        '<span class="badge badge-{}">{}</span>', check.outcome, check.get_outcome_display()
    )


@admin.register(FigureCheck)
class FigureCheckAdmin(admin.ModelAdmin):
    """Saving a check computes it: the outcome and working are never typed by hand."""

    inlines = [CheckOperandInline]
    list_display = ["__str__", "kind", "stated_figure", "figures", "outcome_column", "computed_at"]
    list_filter = ["outcome", "kind"]
    search_fields = ["label", "stated__quote", "working"]
    autocomplete_fields = ["stated"]
    readonly_fields = ["outcome_column", "expected", "working", "computed_at"]
    fieldsets = [
        (None, {"fields": ["label", "kind", "stated"], "description": OPERAND_HELP}),
        ("Result", {"fields": ["outcome_column", "expected", "working", "computed_at"]}),
    ]
    actions = ["recompute"]

    class Media:
        css = {"all": ["factcheck/checks-admin.css"]}  # admin.css: admin/base_site.html

    def get_queryset(self, request):
        return figure_checks.with_figures(super().get_queryset(request))

    @admin.display(description="Stated figure")
    def stated_figure(self, check):
        if check.stated is None:
            return format_html('<span class="quiet">{}</span>', "none: working only")
        return check.stated.figure_display

    @admin.display(description="Figures used")
    def figures(self, check):
        return format_html_join(
            ", ", "{}", ((operand.claim.figure_display,) for operand in check.inputs.all())
        )

    @admin.display(description="Outcome", ordering="outcome")
    def outcome_column(self, check):
        return outcome_badge(check)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The operands are saved only now, so the check is computed here, in the open.
        figure_checks.recompute(FigureCheck.objects.filter(pk=form.instance.pk))
        check = FigureCheck.objects.get(pk=form.instance.pk)
        level = messages.WARNING if check.outcome in ("fails", "error") else messages.INFO
        self.message_user(request, f"{check.get_outcome_display()}: {check.working}", level)

    @admin.action(description="Recompute selected checks", permissions=["change"])
    def recompute(self, request, queryset):
        outcomes = figure_checks.recompute(queryset)
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        self.message_user(request, f"Recomputed: {summary}.", messages.SUCCESS)


def checks_cell(claim) -> str:
    """ "1 failing, 2 holding" from the annotations of figure_checks.with_check_counts."""
    parts = []
    if claim.checks_failing:
        parts.append(
            format_html('<span class="badge badge-fails">{} failing</span>', claim.checks_failing)
        )
    if claim.checks_holding:
        parts.append(
            format_html('<span class="badge badge-holds">{} holding</span>', claim.checks_holding)
        )
    return format_html_join(" ", "{}", ((part,) for part in parts)) if parts else "—"

from django import forms
from django.contrib import admin, messages

from factcheck import figure_checks, fx_rates
from factcheck.fx_rates import ECB_SOURCE
from factcheck.models import FxRate


class FxRateForm(forms.ModelForm):
    """A rate typed by hand names where it comes from, so load_fx never overwrites it."""

    class Meta:
        model = FxRate
        fields = ["currency", "date", "per_eur", "source"]

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        typed = self.instance.pk is None or "per_eur" in self.changed_data
        if typed and cleaned.get("source", "").strip() == ECB_SOURCE:
            self.add_error(
                "source",
                f"Say where this rate comes from (e.g. “HKMA fixing, 15 Oct 2024”): a rate "
                f"labelled “{ECB_SOURCE}” is replaced by the ECB's own figure on the next "
                "load_fx.",
            )
        return cleaned


@admin.register(FxRate)
class FxRateAdmin(admin.ModelAdmin):
    """The ECB series as loaded by load_fx, and the rates the desk amended or added.

    Every change moves the stored ≈ USD of the claims in that currency and the
    conversion checks, so both are recomputed at once.
    """

    form = FxRateForm
    list_display = ["currency", "date", "per_eur", "source"]
    list_filter = ["currency", "source"]
    search_fields = ["currency", "source"]
    date_hierarchy = "date"
    show_full_result_count = False

    def get_changeform_initial_data(self, request):
        return {"source": "", **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        currencies = {obj.currency}
        if change and "currency" in form.changed_data:
            currencies.add(form.initial["currency"])  # its claims lose this rate
        self._recompute(request, currencies)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._recompute(request, {obj.currency})

    def delete_queryset(self, request, queryset):
        currencies = set(queryset.values_list("currency", flat=True))
        super().delete_queryset(request, queryset)
        self._recompute(request, currencies)

    def _recompute(self, request, currencies: set[str]) -> None:
        moved = fx_rates.refresh_usd_values(
            currencies, reason="≈ USD recomputed: an FX rate was edited"
        )
        conversions = sum(figure_checks.recompute_conversions().values())
        self.message_user(
            request,
            f"Recomputed the ≈ USD of {moved} claim(s) and {conversions} conversion check(s).",
            messages.INFO,
        )

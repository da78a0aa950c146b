"""Admin forms: a value field that reads figures as articles write them, and the verdict form."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from factcheck import figures
from factcheck.models import Claim, Status


def plain_number(value) -> str:
    """157000000000.000000 → "157000000000"; 1.620000 → "1.62"."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text


class FigureField(forms.CharField):
    """Takes "$157 billion", "over HK$320 billion", "168%", "54,000 GPUs" or a plain number."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            'A plain number with a unit below, or the figure as written: "$157 billion", '
            '"RMB 2.477 billion", "over HK$320 billion", "168%", "54,000 GPUs".',
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            return plain_number(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return figures.parse_figure_strict(text)
        except figures.FigureError as error:
            raise ValidationError(str(error), code="figure") from error


def apply_figure(cleaned_data: dict, *, field: str, add_error) -> None:
    """Fill value, unit and qualifier from the parsed figure in `field`; a unit conflict is an error."""
    figure = cleaned_data.get(field)
    if figure is None:
        return
    unit = (cleaned_data.get("unit") or "").strip()
    if figure.unit and unit and figures.normalise_unit(unit) != figure.unit:
        add_error(
            "unit",
            f"The figure says {figure.unit} but the unit says {unit}: "
            "clear one of them or make them agree.",
        )
        return
    cleaned_data[field] = figure.value
    if field == "value":
        cleaned_data["unit"] = figure.unit or figures.normalise_unit(unit)
        if figure.qualifier != "exact" or not cleaned_data.get("qualifier"):
            cleaned_data["qualifier"] = figure.qualifier


class ClaimForm(forms.ModelForm):
    value = FigureField(label="Figure")
    corrected_value = FigureField(
        label="Corrected figure",
        required=False,
        help_text="For inaccurate claims: the right figure, in the claim's unit.",
    )
    seen_version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        error_messages={"invalid": "Reload the claim: this form's version is not readable."},
    )

    class Meta:
        model = Claim
        fields = [
            "article",
            "company",
            "quote",
            "metric",
            "value",
            "unit",
            "qualifier",
            "as_of",
            "period",
            "note",
            "corrected_value",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["seen_version"].initial = self.instance.version
        self.fields["unit"].required = False

    def clean(self):
        cleaned = super().clean()
        apply_figure(cleaned, field="value", add_error=self.add_error)
        apply_figure(cleaned, field="corrected_value", add_error=self.add_error)
        if self.instance.pk and cleaned.get("seen_version") is None:
            self.add_error(
                None,
                "This form did not say which version of the claim it showed, so nothing was "
                "saved: reload the claim and make your change again.",
            )
        return cleaned


class VerdictForm(forms.Form):
    status = forms.ChoiceField(
        label="Verdict",
        choices=[("", "— choose a verdict —"), *((s, Status(s).label) for s in Status.verdicts())],
    )
    note = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the sources show, in words a reader understands (for unverifiable: "
        "what was tried).",
        error_messages={"required": "Write the rationale: readers see it beside the verdict."},
    )
    corrected_value = FigureField(
        label="Corrected figure",
        required=False,
        help_text="Required for inaccurate: the right figure, e.g. 83.2% or HK$53.7 billion.",
    )
    reason = forms.CharField(
        label="Reason for the correction",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="For a published claim (or its pending change): what changes and why, "
        "shown to readers in the correction log.",
    )

    def clean_corrected_value(self):
        figure = self.cleaned_data.get("corrected_value")
        return figure.value if figure is not None else None

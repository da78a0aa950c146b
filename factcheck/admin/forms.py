"""Admin forms: figures and dates read and shown as articles write them, and the verdict form.

A journalist types "$2.5 billion" and "February 2024" and sees them again as typed; the
claim keeps the exact decimal (2500000000, unit USD) and the period's last day with its
precision (2024-02-29, month).
"""

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from factcheck import figures
from factcheck.csvio.columns import plain_number
from factcheck.figures.as_of import EXAMPLES, AsOf, AsOfError, parse_as_of
from factcheck.models import Article, Claim, Status

from .rendering import RENDERER


def figure_as_written(value, unit: str) -> str:
    """The figure as a journalist writes it ("$2.5 billion"), read back to exactly `value`.

    A figure with more digits than a reader is shown ("RMB 2,477,123,456.78") keeps them
    all, and a unit the grammar does not know leaves the plain number (the unit field
    beside it says the rest), so saving the form unchanged never rounds the stored value.
    """
    if value is None:
        return ""
    value = Decimal(value)
    significant = len(value.normalize().as_tuple().digits)
    for digits in (None, significant):
        try:
            text = figures.format_figure(value, unit, digits=digits)
            read = figures.parse_figure_strict(text)
        except (figures.FigureError, ArithmeticError, ValueError):
            continue
        if read.value == value and (read.unit or "") == figures.normalise_unit(unit or ""):
            return text
    return plain_number(value)


class FigureField(forms.CharField):
    """Takes "$157 billion", "over HK$320 billion", "168%", "54,000 GPUs" or a plain number."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            'The figure as the article writes it: "$2.5 billion", "RMB 2.477 billion", '
            '"over HK$320 billion", "168%", "54,000 GPUs". The unit and the qualifier are '
            "filled in from it.",
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


class AsOfField(forms.CharField):
    """A date as written, with its precision: "15 Oct 2024", "February 2024", "Q2 2024", "FY2024"."""

    default_error_messages = {"as_of": "%(message)s"}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "As of")
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            "When the figure applies, as precisely as the article or the source says it: "
            f"{EXAMPLES} or 2024年2月. A month, quarter or year is kept as that period, "
            "not as a day in it.",
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, AsOf):
            return value.text()
        if isinstance(value, dt.date):
            return AsOf(value).text()
        return value

    def to_python(self, value) -> AsOf | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_as_of(text)
        except AsOfError as error:
            raise ValidationError(str(error), code="as_of") from error


def date_note(as_of: AsOf | None, article: Article | None) -> str:
    """A warning (never a refusal) when the figure's period begins after its article appeared.

    A forecast may do that on purpose; a typo in the year usually does it by accident.
    """
    if as_of is None or article is None or article.published_on is None:
        return ""
    if as_of.start <= article.published_on:
        return ""
    published = AsOf(article.published_on).text()
    return (
        f"Check the date: the figure is dated {as_of.text()}, after its article was "
        f"published ({published}). Right for a forecast; otherwise correct the year."
    )


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
    """The claim as a journalist enters it; what the desk stores is said in CONTRACT.md."""

    default_renderer = RENDERER  # its plain widgets written directly (rendering.py)

    value = FigureField(label="Figure")
    as_of = AsOfField()
    corrected_value = FigureField(
        label="Corrected figure",
        required=False,
        help_text='For an inaccurate claim: the right figure, as you would write it ("$2.3 '
        'billion"), in the same unit as the claim.',
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
        help_texts = {
            "quote": "The sentence or phrase that states the figure, word for word as the "
            "article has it.",
            "unit": 'Filled in from the figure ("$2.5 billion" gives USD). Needed only for a '
            "plain number: a currency code such as USD, CNY or HKD, or a unit such as %, "
            "GPUs or users.",
            "qualifier": 'Filled in when the figure says so ("over $1 billion", "about 3,000").',
            "period": "Optional: the company's own name for the period, when the date alone "
            "does not say it (Q2 FY2025).",
            "note": "Why the verdict: what the sources show, in words a reader understands.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # A posted article or company that is no id ("NaN") fails validation as an
            # unknown choice; kept as it was, the autocomplete widget would crash re-drawing it.
            data = self.data.copy()
            for name in ("article", "company"):
                value = data.get(self.add_prefix(name), "")
                if value and not (value.isascii() and value.isdigit() and len(value) < 19):
                    data[self.add_prefix(name)] = "0"
            self.data = data
        claim = self.instance
        if claim.pk and not self.is_bound:
            self.fields["seen_version"].initial = claim.version
        if "unit" in self.fields:  # read-only on a published claim with a pending change
            self.fields["unit"].required = False
        # Shown as written: "$2.5 billion", "February 2024" (the stored values stay exact).
        if claim.value is not None:
            self.initial["value"] = figure_as_written(claim.value, claim.unit)
        if claim.corrected_value is not None:
            self.initial["corrected_value"] = figure_as_written(claim.corrected_value, claim.unit)
        if claim.as_of is not None:
            self.initial["as_of"] = AsOf(claim.as_of, claim.as_of_precision or "day").text()
        self._as_of: AsOf | None = None

    @property
    def date_notes(self) -> list[str]:
        """Warnings about the date that do not stop a save (see date_note)."""
        if self.is_bound and hasattr(self, "cleaned_data"):
            as_of, article = self._as_of, self.cleaned_data.get("article")
        else:
            claim = self.instance
            as_of = AsOf(claim.as_of, claim.as_of_precision or "day") if claim.as_of else None
            article = claim.article if claim.article_id else None
        note = date_note(as_of, article)
        return [note] if note else []

    def clean(self):
        cleaned = super().clean()
        apply_figure(cleaned, field="value", add_error=self.add_error)
        apply_figure(cleaned, field="corrected_value", add_error=self.add_error)
        if "as_of" in cleaned:
            self._as_of = cleaned["as_of"]
            cleaned["as_of"] = self._as_of.date if self._as_of else None
        if self.instance.pk and cleaned.get("seen_version") is None:
            self.add_error(
                None,
                "This form did not say which version of the claim it showed, so nothing was "
                "saved: reload the claim and make your change again.",
            )
        return cleaned

    def _post_clean(self):
        if "as_of" in self.fields and "as_of" in getattr(self, "cleaned_data", {}):
            self.instance.as_of_precision = self._as_of.precision if self._as_of else "day"
        super()._post_clean()


class VerdictForm(forms.Form):
    default_renderer = RENDERER

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

    def __init__(self, *args, correcting: bool = True, **kwargs):
        """`correcting`: the claim is published (or a published claim's pending change), so
        the reason readers will see is asked for; otherwise the field is left off."""
        super().__init__(*args, **kwargs)
        if not correcting:
            del self.fields["reason"]

    def clean_corrected_value(self):
        figure = self.cleaned_data.get("corrected_value")
        return figure.value if figure is not None else None


class RetractionForm(forms.Form):
    """Why a claim is unpublished, for readers. A CharField, as each of the verdict form's
    texts: Django's rule refuses a NUL (the database cannot store one) and blank text."""

    reason = forms.CharField(error_messages={"required": "Say why, for readers."})

    def error_text(self) -> str:
        return " ".join(self.errors.get("reason", []))

"""The "Find figures" review screen's forms: one row per figure found, the editor's edits.

Each row is a small form named after its candidate's key, so the rows may be shown in any
order (disagreements first) and a text changed since the page was drawn is noticed (the
page also carries the text's fingerprint). Only ticked rows are validated and added.
"""

from __future__ import annotations

from django import forms

from factcheck import extraction
from factcheck.figures.as_of import EXAMPLES, AsOf, AsOfError, parse_as_of
from factcheck.models.claims import DatePrecision, Metric

AS_WRITTEN = ""


def with_precision(as_of: AsOf, precision: str) -> AsOf:
    """The period of `precision` that holds `as_of`'s date: "February 2024" as a quarter is Q1 2024."""
    if not precision or precision == as_of.precision:
        return as_of
    day = as_of.date
    number = {
        "day": day.month,
        "month": day.month,
        "quarter": (day.month - 1) // 3 + 1,
        "half": 1 if day.month <= 6 else 2,
    }
    return AsOf.of(day.year, precision, number.get(precision, 1), day.day)


class FigureRow(forms.Form):
    """What the editor decides about one figure: add it or not, and its metric, company, date."""

    add = forms.BooleanField(required=False)
    metric = forms.ChoiceField(choices=Metric.choices)
    company = forms.ChoiceField(required=False)
    as_of = forms.CharField(required=False, max_length=40, label="As of")
    precision = forms.ChoiceField(required=False, label="Precision")

    def __init__(self, *args, candidate, company_choices, **kwargs):
        claim = candidate.claim
        self.candidate = candidate
        self.found_as_of = AsOf(claim.as_of, claim.as_of_precision) if claim.as_of else None
        kwargs.setdefault(
            "initial",
            {
                "add": candidate.standing == extraction.NEW,
                "metric": claim.metric,
                "company": str(claim.company.pk) if claim.company else "",
                "as_of": self.found_as_of.text() if self.found_as_of else "",
                "precision": AS_WRITTEN,
            },
        )
        super().__init__(*args, prefix=f"f-{candidate.key}", **kwargs)
        self.fields["company"].choices = company_choices
        found = f" ({self.found_as_of.precision.replace('_', ' ')})" if self.found_as_of else ""
        self.fields["precision"].choices = [
            (AS_WRITTEN, f"as written{found}"),
            *DatePrecision.choices,
        ]
        written = candidate.written or claim.figure_display
        for name, what in (
            ("add", "Add"),
            ("metric", "Metric of"),
            ("company", "Company of"),
            ("as_of", "Date of"),
            ("precision", "Date precision of"),
        ):
            self.fields[name].label = f"{what} {written}"
        self.fields["as_of"].widget.attrs.update(
            {"size": 14, "placeholder": "undated", "title": f"For example {EXAMPLES}."}
        )

    @property
    def posted(self) -> bool:
        """Did the submitted page have this row? (A select is always sent, ticked or not.)"""
        return self.is_bound and self.add_prefix("metric") in self.data

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("add"):
            return cleaned  # a skipped figure's date is nobody's concern
        text = (cleaned.get("as_of") or "").strip()
        if not text:
            cleaned["as_of"] = None
            return cleaned
        try:
            cleaned["as_of"] = with_precision(parse_as_of(text), cleaned.get("precision") or "")
        except AsOfError as error:
            self.add_error("as_of", str(error))
        return cleaned

    def apply(self, companies: dict[str, object]) -> None:
        """Put the editor's choices on the candidate's unsaved claim."""
        claim, data = self.candidate.claim, self.cleaned_data
        claim.metric = data["metric"]
        claim.company = companies.get(data["company"] or "")
        as_of = data["as_of"]
        claim.as_of = as_of.date if as_of else None
        claim.as_of_precision = as_of.precision if as_of else DatePrecision.DAY


class FigureReview:
    """Every row of the screen, in the order shown: disagreements, new figures, claimed ones."""

    ORDER = (extraction.DISAGREES, extraction.NEW, extraction.CLAIMED)
    HEADINGS = {
        extraction.DISAGREES: "Disagrees with a stored claim",
        extraction.NEW: "New",
        extraction.CLAIMED: "Already claimed",
    }

    def __init__(self, result: extraction.Extraction, data=None):
        self.result = result
        self.companies = {str(c.pk): c for c in result.companies}
        choices = [("", "—"), *((str(c.pk), c.name) for c in result.companies)]
        self.rows = [
            FigureRow(data, candidate=c, company_choices=choices) for c in result.candidates
        ]

    def groups(self) -> list[tuple[str, str, list[FigureRow]]]:
        """(standing, heading, rows) for each standing that has rows, in ORDER."""
        groups = []
        for standing in self.ORDER:
            rows = [r for r in self.rows if r.candidate.standing == standing]
            if rows:
                groups.append((standing, self.HEADINGS[standing], rows))
        return groups

    def is_valid(self) -> bool:
        return all(row.is_valid() for row in self.rows)

    @property
    def complete(self) -> bool:
        """Every figure on the page is still in the text (and no other)."""
        return all(row.posted for row in self.rows)

    def chosen(self) -> list[extraction.Candidate]:
        """The ticked figures, with the editor's metric, company and date on their claims."""
        chosen = []
        for row in self.rows:
            if row.cleaned_data.get("add"):
                row.apply(self.companies)
                chosen.append(row.candidate)
        return chosen

    @property
    def skipped(self) -> int:
        return sum(1 for row in self.rows if not row.cleaned_data.get("add"))

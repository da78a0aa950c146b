"""Query parameters → the filtered, sorted public claims: the one row pipeline.

`/`, `/claims/`, `/claims.csv` and `/api/claims/` all call `public_claims(params)`, so the
same query string gives the same rows, in the same order, everywhere. Every queryset here
starts from `Claim.objects.public()`; nothing re-derives what the public may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import django_filters
import django_filters.fields
from django import forms
from django.db.models import OuterRef, QuerySet, Subquery
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from companies.models import Company
from factcheck.columns import DEFAULT_SORT, ordering, sort_choices
from factcheck.figures.units import CURRENCIES
from factcheck.localise import day_text
from factcheck.models import Article, Claim, Metric, Status

ISO_DATE = ["%Y-%m-%d"]


class UpperChoiceField(django_filters.fields.ChoiceField):
    """A choice field that reads "usd" as "USD"."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class CurrencyFilter(django_filters.ChoiceFilter):
    field_class = UpperChoiceField


# Up to this many companies the company filter is a <select>; past it, a search box.
COMPANY_SELECT_MAX = 300


class CompanyList(tuple):
    """(slug, name, id) of the companies with public claims, by name: what `company` may name.

    The lookups a request needs from it are made once per list, not once per request: a
    process keeps the list of the current public version (listing.cached_companies), and
    at 5,000 companies each lookup is a dict of 5,000 entries. They are not pickled.
    """

    def __reduce__(self):
        return (CompanyList, (tuple(self),))

    @cached_property
    def ids(self) -> dict[str, int]:
        return {slug: pk for slug, _, pk in self}

    @cached_property
    def names(self) -> dict[str, str]:
        return {slug: name for slug, name, _ in self}

    @cached_property
    def choices(self) -> list[tuple[str, str]]:
        return [(slug, name) for slug, name, _ in self]

    def derive(self, key: str, make):
        """`make()`, kept with the list: it must depend on nothing but the list and `key`."""
        derived = self.__dict__.setdefault("derived", {})
        if key not in derived:
            derived[key] = make()
        return derived[key]


class CompanyChoiceField(django_filters.fields.ChoiceField):
    """The company filter's field: a slug is looked up, not searched for among thousands."""

    def __init__(self, *args, slugs=frozenset(), **kwargs):
        self.slugs = slugs
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        return str(value) in self.slugs


class CompanyFilter(django_filters.ChoiceFilter):
    field_class = CompanyChoiceField


def _attrs_html(attrs: dict) -> str:
    """As django/forms/attrs.html writes them: ` name="value"`, a bare name for True."""
    return "".join(
        f" {conditional_escape(name)}"
        + ("" if value is True else f'="{conditional_escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class FilterFormRenderer(DjangoTemplates):
    """Django's form renderer, with the filter form's <input>s and <label>s written in Python.

    The same HTML as Django's templates (django/forms/widgets/input.html, forms/label.html),
    without a template render per input, label and attribute list: the form is on every
    list page. Anything else (error lists) goes to Django's templates.
    """

    INPUTS = frozenset(f"django/forms/widgets/{kind}.html" for kind in ("text", "date", "hidden"))

    def render(self, template_name, context, request=None):
        if template_name in self.INPUTS:
            widget = context["widget"]
            value = widget["value"]
            shown = "" if value is None else f' value="{conditional_escape(value)}"'
            return mark_safe(  # noqa: S308 - every part is escaped
                f'<input type="{conditional_escape(widget["type"])}" '
                f'name="{conditional_escape(widget["name"])}"{shown}{_attrs_html(widget["attrs"])}>'
            )
        if template_name == "django/forms/label.html":
            label = conditional_escape(context["label"])
            if not context["use_tag"]:
                return SafeString(label.strip())  # as the template's output is stripped
            tag = conditional_escape(context["tag"])
            return mark_safe(f"<{tag}{_attrs_html(context['attrs'])}>{label}</{tag}>")  # noqa: S308
        return super().render(template_name, context, request)


FILTER_FORM_RENDERER = FilterFormRenderer()  # one per process: it holds its template engine


class ClaimFilterForm(forms.Form):
    """Checks that the as-of range runs forwards; labels without a trailing colon."""

    default_renderer = FILTER_FORM_RENDERER

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("as_of_from"), cleaned.get("as_of_to")
        if start and end and start > end:
            self.add_error(
                "as_of_to",
                gettext(
                    "The end of the as-of range (%(end)s) is before its start (%(start)s): "
                    "swap them."
                )
                % {"end": f"{end:%Y-%m-%d}", "start": f"{start:%Y-%m-%d}"},
            )
        return cleaned


def date_filter(lookup: str, label: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        field_name="as_of",
        lookup_expr=lookup,
        label=label,
        input_formats=ISO_DATE,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Enter a date as YYYY-MM-DD, e.g. 2024-10-02.")},
    )


class ClaimFilter(django_filters.FilterSet):
    """The filters of `/claims/`: company, metric, status, currency, as-of range, text, sort."""

    q = django_filters.CharFilter(
        label=gettext_lazy("Search"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    company = CompanyFilter(
        method="filter_company",
        label=gettext_lazy("Company"),
        empty_label=gettext_lazy("Any company"),
        error_messages={
            "invalid_choice": gettext_lazy(
                "No company with published figures is called “%(value)s”."
            )
        },
    )
    metric = django_filters.ChoiceFilter(
        choices=Metric.choices, label=gettext_lazy("Metric"), empty_label=gettext_lazy("Any metric")
    )
    status = django_filters.ChoiceFilter(
        choices=[(s, Status(s).label) for s in Status.verdicts()],
        label=gettext_lazy("Verdict"),
        empty_label=gettext_lazy("Any verdict"),
    )
    currency = CurrencyFilter(
        field_name="unit",
        choices=[(c.code, c.code) for c in sorted(CURRENCIES, key=lambda c: c.code)],
        label=gettext_lazy("Currency"),
        empty_label=gettext_lazy("Any currency"),
    )
    as_of_from = date_filter("gte", gettext_lazy("As of, from"))
    as_of_to = date_filter("lte", gettext_lazy("As of, to"))
    sort = django_filters.ChoiceFilter(
        choices=sort_choices(),
        method="apply_sort",
        label=gettext_lazy("Sort"),
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Claim
        fields: list[str] = []
        form = ClaimFilterForm

    def __init__(self, data=None, *args, companies=(), **kwargs):
        if not isinstance(companies, CompanyList):
            companies = CompanyList(companies)
        self.companies = companies
        self.company_ids = companies.ids
        super().__init__(self._company_by_name(data), *args, **kwargs)
        choices = companies.choices
        self.filters["company"].extra["slugs"] = companies.ids
        if len(choices) > COMPANY_SELECT_MAX:
            # A <select> of thousands of companies is no help to a reader and weighs
            # 300 kB on every page: a search box that takes a name or a slug instead.
            self.filters["company"].extra["widget"] = forms.TextInput(
                attrs={"type": "search", "placeholder": gettext("Any company")}
            )
        # A callable: form fields deep-copy a list of choices on every request (thousands
        # of companies), but only keep a reference to a callable.
        self.filters["company"].extra["choices"] = lambda: choices

    def _company_by_name(self, data):
        """`data` with a company given by name or alias (any case) replaced by its slug."""
        wanted = (data or {}).get("company", "").strip()
        if not wanted or wanted in self.company_ids:
            return data
        company = Company.objects.lookup(wanted)  # one query, only for a name typed in
        if company is None or company.slug not in self.company_ids:
            return data  # left as it is: the form says it is not a company with figures
        data = data.copy()
        data["company"] = company.slug
        return data

    def filter_company(self, queryset, name, value):
        # By id, not by a join on the slug: PostgreSQL then knows which company, so how
        # many figures it has, and reads a large company's newest ones from the index.
        return queryset.filter(company_id=self.company_ids[value])

    def search(self, queryset, name, value):
        return queryset.search(value)

    def apply_sort(self, queryset, name, value):
        return queryset.order_by(*ordering(value))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*ordering(DEFAULT_SORT))
        return queryset


class VerifiedFigureFilter(ClaimFilter):
    """The filters of `/`: the same as `/claims/` without `status` (the rows are all verified)."""

    status = None


# The parameters that narrow the rows (not sort or page): what facets and counts depend on.
FILTER_PARAMS = ("q", "company", "metric", "status", "currency", "as_of_from", "as_of_to")


# What a heading calls the figures of one metric: "Verified valuations of SenseTime".
METRIC_NOUNS = {
    Metric.VALUATION: pgettext_lazy("heading", "valuations"),
    Metric.FUNDING: pgettext_lazy("heading", "funding figures"),
    Metric.MARKET_CAP: pgettext_lazy("heading", "market caps"),
    Metric.REVENUE: pgettext_lazy("heading", "revenue figures"),
    Metric.NET_INCOME: pgettext_lazy("heading", "net income figures"),
    Metric.NET_LOSS: pgettext_lazy("heading", "net losses"),
    Metric.SHARE_PRICE: pgettext_lazy("heading", "share prices"),
    Metric.CHANGE: pgettext_lazy("heading", "changes"),
    Metric.COMPUTE: pgettext_lazy("heading", "compute figures"),
    Metric.COUNT: pgettext_lazy("heading", "counts"),
    Metric.FORECAST: pgettext_lazy("heading", "forecasts"),
    Metric.OTHER: pgettext_lazy("heading", "other figures"),
}
# What a heading calls the figures of one verdict: "Inaccurate valuations".
STATUS_HEADINGS = {
    Status.VERIFIED: gettext_lazy("Verified %(noun)s"),
    Status.INACCURATE: gettext_lazy("Inaccurate %(noun)s"),
    Status.MISLEADING: gettext_lazy("Misleading %(noun)s"),
    Status.UNVERIFIABLE: gettext_lazy("Unverifiable %(noun)s"),
}


def _dates_text(text: str, start, end) -> str:
    """`text` narrowed to the as-of range: "… as of 2024", "… as of 1 Mar 2024 to 30 Jun 2024"."""
    if start and end:
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
            return gettext("%(text)s as of %(years)s") % {"text": text, "years": years}
        return gettext("%(text)s as of %(start)s to %(end)s") % {
            "text": text,
            "start": day_text(start),
            "end": day_text(end),
        }
    if start:
        return gettext("%(text)s as of %(start)s or later") % {
            "text": text,
            "start": day_text(start),
        }
    if end:
        return gettext("%(text)s as of %(end)s or earlier") % {"text": text, "end": day_text(end)}
    return text


@dataclass
class ClaimQuery:
    """What `public_claims` made of a query string."""

    filterset: ClaimFilter
    filtered: QuerySet  # public claims after the filters, sorted; no annotations
    sort: str
    companies: CompanyList  # public_companies(), ordered by name

    @property
    def errors(self) -> dict[str, list[str]]:
        return {name: list(messages) for name, messages in self.filterset.errors.items()}

    @property
    def form(self) -> forms.Form:
        return self.filterset.form

    @property
    def verified_only(self) -> bool:
        return isinstance(self.filterset, VerifiedFigureFilter)

    @property
    def active_filters(self) -> list[str]:
        """The narrowing parameters that are set and valid (what the heading names)."""
        cleaned = self.form.cleaned_data
        return [name for name in FILTER_PARAMS if cleaned.get(name)]

    @property
    def sorts_within_units(self) -> bool:
        return self.sort.removeprefix("-") == "figure"

    def heading(self, default: str) -> str:
        """What these rows are, in words: "Verified valuations of SenseTime in USD as of 2024".

        `default` when no filter is set. Only valid parameters are named, so a heading
        never claims a filter that the rows do not have.
        """
        if not self.active_filters:
            return default
        cleaned = self.form.cleaned_data
        metric, status = cleaned.get("metric"), cleaned.get("status")
        company = self.companies.names.get(cleaned.get("company") or "")
        noun = METRIC_NOUNS.get(metric, pgettext_lazy("heading", "figures"))
        if self.verified_only:
            text = STATUS_HEADINGS[Status.VERIFIED] % {"noun": noun}
        elif status:
            text = STATUS_HEADINGS[status] % {"noun": noun}
        elif metric or not company:
            text = gettext("Published verdicts on %(noun)s") % {"noun": noun}
        else:
            text = ""
        if company and not text:
            text = gettext("Published verdicts on %(company)s") % {"company": company}
        elif company:
            text = gettext("%(text)s of %(company)s") % {"text": text, "company": company}
        if cleaned.get("currency"):
            text = gettext("%(text)s in %(currency)s") % {
                "text": text,
                "currency": cleaned["currency"],
            }
        text = _dates_text(text, cleaned.get("as_of_from"), cleaned.get("as_of_to"))
        if cleaned.get("q"):
            text = gettext("%(text)s matching “%(query)s”") % {"text": text, "query": cleaned["q"]}
        return text

    def rows(self) -> QuerySet:
        """The sorted rows with what a table or an export shows beside each claim."""
        # The article's slug only (its row holds the whole article text), as a subquery: a
        # join would stay in the id-only query of a deep page and keep PostgreSQL off the
        # index-only scan of the partial indexes.
        article = Article.objects.filter(pk=OuterRef("article_id"))
        return self.filtered.select_related("company").annotate(
            article_slug=Subquery(article.values("slug")[:1]),
            article_title=Subquery(article.values("title")[:1]),
        )

    def filter_key(self) -> tuple:
        """The valid narrowing parameters, for caching what depends on them (counts, facets)."""
        cleaned = self.form.cleaned_data
        return tuple((name, str(cleaned.get(name) or "")) for name in FILTER_PARAMS)


def unfiltered_key() -> tuple:
    """ClaimQuery.filter_key() of a query string that sets no filter."""
    return tuple((name, "") for name in FILTER_PARAMS)


def public_companies() -> CompanyList:
    """(slug, name, id) of the companies that have public claims: what `company` may name."""
    return CompanyList(
        Company.objects.with_public_claims().order_by("name").values_list("slug", "name", "pk")
    )


def public_claims(
    params: QueryDict | dict,
    *,
    verified_only: bool = False,
    companies: CompanyList | None = None,
) -> ClaimQuery:
    """The public claims the query parameters ask for, filtered and sorted.

    Parameters that do not validate are left out and reported in `.errors`; callers show
    them (HTML) or refuse the request (CSV, JSON). `companies` are `public_companies()`
    when the caller has them cached; otherwise they are queried.
    """
    base = Claim.objects.public()
    filter_class = ClaimFilter
    if verified_only:
        base, filter_class = base.verified(), VerifiedFigureFilter
    if not isinstance(params, QueryDict):
        data = QueryDict(mutable=True)
        data.update(params)
        params = data
    if companies is None:
        companies = public_companies()
    filterset = filter_class(params, queryset=base, companies=companies)
    filtered = filterset.qs
    sort = filterset.form.cleaned_data.get("sort") or DEFAULT_SORT
    return ClaimQuery(
        filterset=filterset, filtered=filtered, sort=sort, companies=filterset.companies
    )

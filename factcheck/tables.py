"""The claims table of `/` and `/claims/`, on django-tables2 with a lean template.

django-tables2 supplies the columns, their headers and the sort state (for links and
`aria-sort`). The cells are written by plain `cell_*` functions, once per row, into a
string: no template is rendered per cell, so 50 rows cost about what a hand-written
template would. The rows arrive sorted and paginated by the database (see filters.py and
pagination.py); `PageData` keeps tables2 from sorting them again.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy
from django_tables2.data import TableListData
from django_tables2.utils import OrderByTuple

from factcheck.columns import SHOWN
from factcheck.dates import claim_as_of_html, page_language
from factcheck.facets import query_url
from factcheck.localise import corrected_figure, day_text, figure_text
from factcheck.models import Claim, Metric, Status
from factcheck.verdicts import methodology_url

METRIC_LABELS = dict(Metric.choices)
VERDICT_SYMBOLS = {
    Status.VERIFIED: "✓",
    Status.INACCURATE: "✗",
    Status.MISLEADING: "!",
    Status.UNVERIFIABLE: "?",
}
STATUS_LABELS = dict(Status.choices)


def url_maker(name: str, kwarg: str, sentinel: str):
    """A function making `name`'s URL from one value, reversing the pattern only once.

    `reverse()` costs more than the rest of a cell; a table needs a URL on every row.
    """
    prefix, _, suffix = reverse(name, kwargs={kwarg: sentinel}).partition(sentinel)
    return lambda value: f"{prefix}{escape(value)}{suffix}"


@cache
def _methodology_path(language: str | None) -> str:
    return methodology_url()  # one reverse() per language, not one per badge


def verdict_badge(status: str) -> SafeString:
    """The verdict as a word with a symbol, linking to what it means (the methodology page).

    Colour only repeats what the text says.
    """
    symbol = VERDICT_SYMBOLS.get(status, "")
    label = escape(STATUS_LABELS.get(status, status))
    href = f"{_methodology_path(get_language())}#verdict-{escape(status)}"
    meaning = escape(gettext(": what this verdict means"))
    return mark_safe(  # noqa: S308 - every part is escaped or a constant
        f'<a class="verdict verdict-{escape(status)}" href="{href}">'
        f'<span class="verdict-symbol" aria-hidden="true">{symbol}</span> {label}'
        f'<span class="vh">{meaning}</span></a>'
    )


def usd_text(claim: Claim) -> str:
    """The ≈ USD text ("≈ $21.5 billion", "≈ 215亿美元"); blank when not money or no rate is known."""
    if claim.usd_value is None:
        return ""
    return "≈ " + figure_text(claim.usd_value, "USD", digits=3)


def date_text(day: dt.date | None) -> str:
    """ "2 Oct 2024" ("2024年10月2日" on a Chinese page); "" without a date."""
    return day_text(day)


def time_tag(day: dt.date | None) -> str:
    if day is None:
        undated = escape(gettext("undated"))
        return f'<span class="blank">{undated}</span>'
    return f'<time datetime="{day.isoformat()}">{date_text(day)}</time>'


def company_url(slug: str) -> str:
    return _makers(get_language())["company"](slug)


def claim_url(pk: int) -> str:
    return _makers(get_language())["claim"](pk)


def article_url(slug: str) -> str:
    return _makers(get_language())["article"](slug)


@cache
def _makers(language: str | None) -> dict:
    """The URL makers of `language`'s pages (/zh-hans/… for Chinese), made once per language."""
    return {
        "company": url_maker("companies:detail", "slug", "zz-sentinel-zz"),
        "claim": url_maker("factcheck:claim", "pk", "987654321"),
        "article": url_maker("factcheck:article", "slug", "zz-sentinel-zz"),
    }


QUOTE_CHARS = 120  # a claim's words in the table; its page has them all
TITLE_CHARS = 40


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


# Each cell names its column (class) and its label (data-label): on a phone the rows are
# cards, and the label is written before the value there (site.css).
def td(name: str, label: str, content: str, extra: str = "") -> str:
    return f'<td class="c-{name}{extra}" data-label="{escape(label)}">{content}</td>'


BLANK_DASH = '<span class="blank">—</span>'
# The label a cell carries for the phone's cards (data-label); not always the header's words.
CELL_LABELS = {
    "figure": gettext_lazy("Figure"),
    "quote": gettext_lazy("Claim"),
    "company": gettext_lazy("Company"),
    "metric": gettext_lazy("Metric"),
    "usd": gettext_lazy("In US dollars"),
    "as_of": gettext_lazy("As of"),
    "status": gettext_lazy("Verdict"),
    "sources": gettext_lazy("Sources"),
    "article": gettext_lazy("Article"),
}


class Shared:
    """What every row of one table has in common, worked out once per table, not per cell.

    The page's language, each column's opening `<td>` (its label translated once), the
    blanks' words, the URL makers, and each verdict's badge and metric's label the first time
    a row has it. A row's cells then only escape and join what is its own.
    """

    def __init__(self, columns=()):
        language = get_language()
        self.language = page_language()
        self.open = {
            name: f'<td class="c-{name}{" num" if numeric else ""}" '
            f'data-label="{escape(CELL_LABELS[name])}">'
            for name, numeric in columns
        }
        makers = _makers(language)
        self.company_url, self.claim_url, self.article_url = (
            makers["company"],
            makers["claim"],
            makers["article"],
        )
        self.no_company = f'<span class="blank">{escape(gettext("no company"))}</span>'
        self.no_rate = escape(gettext("no reference rate for this date"))
        self.not_money = escape(gettext("not money"))
        self.claim_words = gettext("Claim %(pk)s")
        self.badges: dict[str, str] = {}
        self.metrics: dict[str, str] = {}
        self.dates: dict[tuple, str] = {}

    def as_of(self, claim: Claim) -> str:
        """The claim's date as written; rows sorted by date share it, so it is written once."""
        key = (claim.as_of, getattr(claim, "as_of_precision", None))
        if key not in self.dates:
            self.dates[key] = claim_as_of_html(claim)
        return self.dates[key]

    def claim_link(self, pk: int) -> str:
        """ "Claim 123", linking to the claim's page."""
        text = escape(self.claim_words % {"pk": pk})
        return f'<a href="{self.claim_url(pk)}">{text}</a>'

    def badge(self, status: str) -> str:
        if status not in self.badges:
            self.badges[status] = verdict_badge(status)
        return self.badges[status]

    def metric(self, metric: str) -> str:
        if metric not in self.metrics:
            self.metrics[metric] = escape(METRIC_LABELS.get(metric, metric))
        return self.metrics[metric]


def cell_company(claim: Claim, shared: Shared) -> str:
    company = claim.company
    if company is None:
        return f"{shared.open['company']}{shared.no_company}</td>"
    link = f'<a href="{shared.company_url(company.slug)}">{escape(company.name)}</a>'
    return f"{shared.open['company']}{link}</td>"


def cell_metric(claim: Claim, shared: Shared) -> str:
    return f"{shared.open['metric']}{shared.metric(claim.metric)}</td>"


def cell_figure(claim: Claim, shared: Shared) -> str:
    """The figure as written, linking to the claim's page (its verdict, sources, reasoning)."""
    figure = figure_text(claim.value, claim.unit, claim.qualifier, language=shared.language)
    link = f'<a href="{shared.claim_url(claim.pk)}">{escape(figure)}</a>'
    return f"{shared.open['figure']}{link}</td>"


def cell_quote(claim: Claim, shared: Shared) -> str:
    return f"{shared.open['quote']}{escape(shorten(claim.quote, QUOTE_CHARS))}</td>"


def cell_usd(claim: Claim, shared: Shared) -> str:
    if claim.usd_value is None:
        return f"{shared.open['usd']}{BLANK_DASH}</td>"
    text = "≈ " + figure_text(claim.usd_value, "USD", digits=3, language=shared.language)
    return f"{shared.open['usd']}{escape(text)}</td>"


def cell_as_of(claim: Claim, shared: Shared) -> str:
    period = f' <span class="period">({escape(claim.period)})</span>' if claim.period else ""
    return f"{shared.open['as_of']}{shared.as_of(claim)}{period}</td>"  # "February 2024"


def cell_status(claim: Claim, shared: Shared) -> str:
    return f"{shared.open['status']}{shared.badge(claim.status)}</td>"


def cell_sources(claim: Claim, shared: Shared) -> str:
    return f"{shared.open['sources']}{claim.n_sources}</td>"


def cell_article(claim: Claim, shared: Shared) -> str:
    """The article the claim comes from (`article_slug`/`article_title`, see ClaimQuery.rows)."""
    slug, title = getattr(claim, "article_slug", None), getattr(claim, "article_title", None)
    if not slug:
        return f"{shared.open['article']}{BLANK_DASH}</td>"
    link = f'<a href="{shared.article_url(slug)}">{escape(shorten(title or slug, TITLE_CHARS))}</a>'
    return f"{shared.open['article']}{link}</td>"


class PageData(TableListData):
    """Rows the database already sorted and cut to a page: tables2 only shows them."""

    def __init__(self, rows, sort: str):
        super().__init__(list(rows))
        self.sort = sort

    @property
    def ordering(self):
        return OrderByTuple((self.sort,))

    def order_by(self, aliases):
        """Sorting happened in SQL (with the id tie-breaker); re-sorting here could differ."""


class ClaimTable(tables.Table):
    """Published claims, one per row: the figure as written links to the claim's page.

    The columns, their headers and which of them sort are columns.COLUMNS; this class only
    writes their cells (CELLS, by column name). `sort=id` still works without a column of
    its own.
    """

    CELLS = {
        "figure": cell_figure,
        "quote": cell_quote,
        "company": cell_company,
        "metric": cell_metric,
        "usd": cell_usd,
        "as_of": cell_as_of,
        "status": cell_status,
        "sources": cell_sources,
        "article": cell_article,
    }
    NUMERIC = {column.name for column in SHOWN if column.numeric}

    class Meta:
        template_name = "includes/table.html"
        order_by_field = "sort"
        page_field = "page"
        attrs = {"class": "claims"}
        empty_text = gettext_lazy("No published figures match these filters.")

    def __init__(self, rows, *, sort: str, caption: str, params, **kwargs):
        columns = [
            (column.name, tables.Column(column.header, orderable=column.sortable))
            for column in SHOWN
        ]
        super().__init__(PageData(rows, sort), extra_columns=columns, **kwargs)
        self.caption = caption
        self.params = params  # the request's query: header links keep its filters

    def headers(self) -> list[dict]:
        """Each column's label, the link that sorts by it (next direction) and its aria-sort.

        Sort links end in #results: the page opens at the table, not at its top.
        """
        headers = []
        for column in self.columns:
            url, aria_sort = None, None
            if column.orderable:
                url = query_url(self.params, **{self.order_by_field: column.order_by_alias.next})
                if column.is_ordered:
                    descending = column.order_by_alias.is_descending
                    aria_sort = "descending" if descending else "ascending"
            headers.append(
                {
                    "name": column.name,
                    "label": column.header,
                    "url": url,
                    "aria_sort": aria_sort,
                    "arrow": {"descending": "▼", "ascending": "▲"}.get(aria_sort or "", ""),
                    "numeric": column.name in self.NUMERIC,
                }
            )
        return headers

    def lean_rows(self) -> list[SafeString]:
        """Each row's cells as one HTML string, in column order."""
        columns = list(self.columns)
        shared = Shared((column.name, column.name in self.NUMERIC) for column in columns)
        cells = [self.CELLS[column.name] for column in columns]
        return [
            mark_safe("".join([cell(claim, shared) for cell in cells]))  # noqa: S308 - escaped
            for claim in self.data
        ]


# A company's page (companies/views.py) lists its latest figures, one table per metric, and
# each chart's figures as a table: up to 200 rows and as many chart points, written here in
# Python like the claims table's, not by the template engine tag by tag.
def company_row(claim: Claim, shared: Shared) -> SafeString:
    """One row of a company page's table: as of, figure, ≈ USD, verdict, sources, claim."""
    period = f" ({escape(claim.period)})" if claim.period else ""
    figure = escape(figure_text(claim.value, claim.unit, claim.qualifier, language=shared.language))
    if claim.corrected_value is not None and claim.status == Status.INACCURATE:
        right = gettext("right figure: %(figure)s") % {"figure": escape(corrected_figure(claim))}
        figure = f'{figure}<br><span class="corrected">{right}</span>'
    if claim.usd_value is not None:
        usd = escape("≈ " + figure_text(claim.usd_value, "USD", digits=3, language=shared.language))
    elif claim.is_money:
        usd = f'<span class="no-rate">{shared.no_rate}</span>'
    else:
        usd = f'<span aria-hidden="true">—</span><span class="vh">{shared.not_money}</span>'
    return mark_safe(  # noqa: S308 - every part is escaped or our own markup
        f"<td>{shared.as_of(claim)}{period}</td>"
        f'<td class="num">{figure}</td>'
        f'<td class="num">{usd}</td>'
        f"<td>{shared.badge(claim.status)}</td>"
        f'<td class="num">{claim.n_sources}</td>'
        f"<td>{shared.claim_link(claim.pk)}</td>"
    )


def chart_point_row(point, shared: Shared) -> SafeString:
    """One row of a chart's figures as a table (a companies.charts.Point): when, figure, claim."""
    return mark_safe(  # noqa: S308 - every part is escaped or our own markup
        f"<td>{escape(point.when)}</td>"
        f'<td class="num">{escape(point.label)}</td>'
        f"<td>{shared.claim_link(point.claim.pk)}</td>"
    )

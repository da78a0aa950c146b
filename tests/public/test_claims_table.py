"""The claims table a reader scans (`/`, `/claims/`): what each row says, the choices the
filters offer, the figure sort by unit, headings that name the filters, and links that land
on the results."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from factcheck.models import Claim
from tests.factories import ArticleFactory, PublishedClaimFactory
from tests.public.helpers import api_ids, csv_ids, table_ids

pytestmark = pytest.mark.django_db


def body_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def select_options(body: str, name: str) -> list[str]:
    """The option labels of the <select name=…>, in order."""
    match = re.search(rf'<select name="{name}".*?</select>', body, re.S)
    assert match, f"no <select name={name}>"
    return re.findall(r"<option[^>]*>([^<]*)</option>", match.group(0))


# Rows: the claim's words, the figure as the link, the article


def test_a_row_links_with_the_figure_and_shows_the_claims_words(client, desk):
    body = body_of(client, "/claims/?status=inaccurate")
    pk = desk["revenue"].pk
    assert f'<a href="/claims/{pk}/">RMB 120 million</a>' in body
    assert '<td class="c-quote" data-label="Claim">Revenue fell to RMB 120 million</td>' in body
    assert f"Claim {pk}<" not in body  # no bare "Claim 24" link any more


def test_long_words_are_shortened_and_every_word_escaped(client, desk):
    quote = "<script>alert(1)</script> The company said " + "very " * 60 + "much."
    claim = PublishedClaimFactory(company=desk["lumen"], quote=quote, as_of=dt.date(2025, 1, 1))
    body = body_of(client, "/")
    cell = re.search(r'<td class="c-quote" data-label="Claim">(.*?)</td>', body).group(1)
    assert cell.startswith("&lt;script&gt;alert(1)&lt;/script&gt; The company said very")
    assert cell.endswith("very…")
    assert len(cell.replace("&lt;", "<").replace("&gt;", ">")) <= 120
    assert "<script>alert" not in body
    assert table_ids(client.get("/"))[0] == claim.pk


def test_the_article_column_links_to_the_article_or_says_there_is_none(client, desk):
    loose = PublishedClaimFactory(article=None, quote="No article here", as_of=dt.date(2025, 1, 1))
    titled = PublishedClaimFactory(
        article=ArticleFactory(title="Robots & <money> again", slug="robots-again"),
        as_of=dt.date(2025, 2, 1),
    )
    body = body_of(client, "/")
    assert '<th scope="col" class="c-article unsorted">Article</th>' in body
    rows = {
        pk: row for pk, row in re.findall(r'<tr><td[^>]*><a href="/claims/(\d+)/">(.*?)</tr>', body)
    }
    assert (
        '<a href="/articles/robots-and-money/">Robots and money</a>'
        in rows[str(desk["valuation"].pk)]
    )
    assert 'data-label="Article"><span class="blank">—</span>' in rows[str(loose.pk)]
    assert "Robots &amp; &lt;money&gt; again</a>" in rows[str(titled.pk)]


def test_words_and_articles_do_not_sort_and_id_still_does(client, desk):
    body = body_of(client, "/claims/")
    assert '<th scope="col" class="c-quote unsorted">Claim</th>' in body
    assert "sort=quote" not in body and "sort=article" not in body
    assert table_ids(client.get("/claims/?sort=id")) == sorted(c.pk for c in desk["public"])


# The filters offer what the rows have, with counts


def test_the_currency_choices_are_the_currencies_in_the_results(client, desk):
    body = body_of(client, "/claims/")
    assert select_options(body, "currency") == ["Any currency", "CNY (1)", "USD (2)"]
    assert '<option value="EUR"' not in body


def test_choices_count_within_the_other_filters(client, desk):
    body = body_of(client, "/claims/?company=lumen-robotics")
    assert select_options(body, "metric") == ["Any metric", "Valuation (2)", "Revenue (1)"]
    assert select_options(body, "status") == ["Any verdict", "Verified (2)", "Inaccurate (1)"]
    body = body_of(client, "/?metric=valuation")
    assert select_options(body, "currency") == ["Any currency", "USD (2)"]
    assert select_options(body, "company") == ["Any company", "Lumen Robotics (2)"]


def test_the_chosen_value_stays_offered_and_selected(client, desk):
    body = body_of(client, "/claims/?currency=cny&metric=valuation")  # no such row
    assert '<option value="CNY" selected>CNY (0)</option>' in body
    assert '<option value="valuation" selected>Valuation (0)</option>' in body


def test_an_unknown_choice_is_still_refused_with_a_message(client, desk):
    response = client.get("/claims/?currency=EUR")  # a currency, but none of these rows
    assert response.status_code == 200  # a valid filter that selects nothing
    assert table_ids(response) == []
    assert client.get("/claims/?currency=XYZ").status_code == 400


# The figure sort: by unit, then by value


@pytest.fixture
def mixed_units(desk):
    """Besides the desk: a share of a percent, a plain count and more dollars."""
    extra = [
        PublishedClaimFactory(quote="grew 168%", value=Decimal(168), unit="%", usd_value=None),
        PublishedClaimFactory(quote="up 12%", value=Decimal(12), unit="%", usd_value=None),
        PublishedClaimFactory(quote="54,000 staff", value=Decimal(54000), unit="", usd_value=None),
        PublishedClaimFactory(quote="$2 billion", value=Decimal(2) * 10**9, unit="USD"),
    ]
    return [*desk["public"], *extra]


def by_unit_then_value(claims, descending=False):
    ordered = sorted(claims, key=lambda c: (c.unit, c.value, c.pk), reverse=descending)
    return [c.pk for c in ordered]


@pytest.mark.parametrize("sort", ["figure", "-figure"])
def test_the_figure_sort_groups_by_unit_then_value(client, mixed_units, sort):
    descending = sort.startswith("-")
    expected = by_unit_then_value(mixed_units, descending)
    response = client.get(f"/claims/?sort={sort}")
    assert table_ids(response) == expected
    assert csv_ids(client.get(f"/claims.csv?sort={sort}")) == expected
    assert api_ids(client.get(f"/api/claims/?sort={sort}")) == expected
    body = response.content.decode()
    assert "sorted by unit, then figure" in body
    units = "USD, GPUs, CNY, %, plain numbers" if descending else "plain numbers, %, CNY, GPUs, USD"
    assert f"this sort groups them by unit ({units})" in body


def test_other_sorts_do_not_explain_units(client, mixed_units):
    assert 'class="sort-note"' not in body_of(client, "/claims/?sort=usd")


@pytest.mark.parametrize("sort", ["figure", "-figure"])
def test_the_figure_sort_pages_through_units_without_losing_a_row(client, many_claims, sort):
    claims = many_claims(130)  # USD and GPUs, interleaved
    claims += [PublishedClaimFactory(value=Decimal(n), unit="%", usd_value=None) for n in range(7)]
    shown = []
    for page in (1, 2, 3):
        shown += table_ids(client.get(f"/claims/?sort={sort}&page={page}"))
    fresh = Claim.objects.filter(pk__in=[c.pk for c in claims])
    assert shown == by_unit_then_value(fresh, sort.startswith("-"))


def test_the_figure_sort_costs_what_other_sorts_cost(
    client, many_claims, django_assert_num_queries
):
    many_claims(130)  # 26 GPUs, then 104 USD
    client.get("/claims/?sort=figure")  # counts and facets cached
    # the version, then the page's rows: one query per unit it shows
    with django_assert_num_queries(3):
        client.get("/claims/?sort=figure")  # GPUs and USD
    with django_assert_num_queries(2):
        client.get("/claims/?sort=figure&page=2")  # USD only


# Headings name the filters


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "Verified figures"),
        ("/claims/", "Published verdicts"),
        ("/?company=lumen-robotics&metric=valuation", "Verified valuations of Lumen Robotics"),
        ("/?currency=usd", "Verified figures in USD"),
        ("/claims/?company=quill-labs", "Published verdicts on Quill Labs"),
        ("/claims/?metric=revenue", "Published verdicts on revenue figures"),
        ("/claims/?status=inaccurate&currency=CNY", "Inaccurate figures in CNY"),
        (
            "/claims/?as_of_from=2023-01-01&as_of_to=2023-12-31",
            "Published verdicts on figures as of 2023",
        ),
        ("/?as_of_from=2024-03-01", "Verified figures as of 1 Mar 2024 or later"),
        ("/?q=reached", "Verified figures matching “reached”"),
    ],
)
def test_title_and_h1_name_the_filters(client, desk, url, heading):
    body = body_of(client, url)
    assert f"<title>{heading} · Factdesk</title>" in body
    assert f"<h1>{heading}</h1>" in body
    assert f'<caption id="table-caption">{heading} ' in body


def test_a_heading_escapes_the_search_and_names_only_valid_filters(client, desk):
    body = client.get("/?q=<b>x</b>&metric=vibes").content.decode()
    assert "<title>Verified figures matching “&lt;b&gt;x&lt;/b&gt;” · Factdesk</title>" in body
    assert "vibes" not in body.split("<main")[1].split('class="notice')[0]


def test_later_pages_say_which_page_in_the_title(client, many_claims):
    many_claims(60)
    body = body_of(client, "/?company=maker-1&page=1")
    assert "<title>Verified figures of Maker 1 · Factdesk</title>" in body
    assert "<title>Verified figures, page 2 · Factdesk</title>" in body_of(client, "/?page=2")


# Results: a heading, and every sort, filter and page link lands on it


def test_the_results_have_a_heading_and_a_caption(client, desk):
    body = body_of(client, "/claims/")
    assert '<section class="results" aria-labelledby="results">' in body
    assert '<h2 id="results" tabindex="-1">Results</h2>' in body
    assert body.index('id="results"') < body.index("<table") < body.index('id="facets-title"')


def test_sort_filter_and_page_links_land_on_the_results(client, many_claims):
    many_claims(60)
    body = body_of(client, "/claims/?metric=valuation&page=2")
    assert 'action="/claims/#results"' in body
    sort_links = re.findall(r'<th scope="col"[^>]*><a href="([^"]+)"', body)
    facet_links = re.findall(r'<section class="facet".*?</section>', body, re.S)
    page_links = re.findall(r'<nav class="pagination".*?</nav>', body, re.S)
    assert len(sort_links) == 7 and all(link.endswith("#results") for link in sort_links)
    hrefs = re.findall(r'href="([^"]+)"', "".join(facet_links + page_links))
    assert hrefs and all(href.endswith("#results") for href in hrefs)


# Filters fold behind <details>: closed, unless something needs the reader's attention


def test_filters_are_folded_and_say_how_many_are_on(client, desk):
    body = body_of(client, "/claims/")
    assert '<details class="filter-box">' in body
    assert "<summary>Search and filter</summary>" in body
    body = body_of(client, "/claims/?company=lumen-robotics&metric=valuation")
    assert '<span class="active-count">(2 active)</span>' in body
    assert '<a href="/claims/#results">Clear all filters</a>' in body


def test_filters_open_when_a_parameter_was_refused(client, desk):
    body = client.get("/claims/?as_of_from=yesterday").content.decode()
    assert '<details class="filter-box" open>' in body

"""`/claims.csv` and `/api/claims/` give exactly the rows of `/claims/` for the same query."""

import pytest

from tests.factories import PublishedClaimFactory, SourceFactory
from tests.public.helpers import api_ids, csv_ids, csv_rows, table_ids

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "sort=usd",
    "sort=-company",
    "status=verified&sort=as_of",
    "metric=valuation",
    "company=lumen-robotics&sort=-figure",
    "currency=CNY",
    "as_of_from=2023-01-01&as_of_to=2023-12-31",
    "q=valuation",
    "sort=-sources",
]


def all_table_ids(client, query: str) -> list[int]:
    """Every row of /claims/ for `query`, page after page."""
    shown, page = [], 1
    while True:
        response = client.get(f"/claims/?{query}&page={page}")
        assert response.status_code == 200
        shown += table_ids(response)
        if f"page={page + 1}" not in response.content.decode():
            return shown
        page += 1


@pytest.mark.parametrize("query", QUERIES)
def test_csv_and_json_agree_with_the_page_row_for_row(client, desk, query):
    page = table_ids(client.get(f"/claims/?{query}"))
    assert csv_ids(client.get(f"/claims.csv?{query}")) == page
    assert api_ids(client.get(f"/api/claims/?{query}")) == page


@pytest.mark.parametrize("query", ["", "sort=company", "sort=-usd", "metric=valuation&sort=as_of"])
def test_twins_agree_across_pages(client, many_claims, query):
    many_claims(120)
    every_row = all_table_ids(client, query)
    assert len(every_row) == len(set(every_row)) == 120  # no row lost or shown twice
    assert csv_ids(client.get(f"/claims.csv?{query}")) == every_row
    from_api, page = [], 1
    while True:
        data = client.get(f"/api/claims/?{query}&page={page}").json()
        from_api += [row["id"] for row in data["results"]]
        if data["next"] is None:
            break
        page += 1
    assert from_api == every_row


def test_csv_has_the_contract_columns_and_plain_numbers(client, desk):
    response = client.get("/claims.csv?status=inaccurate")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_rows(response)
    assert list(rows[0]) == [
        "id", "version", "article", "company", "quote", "metric", "value", "as_written", "unit",
        "usd_value", "qualifier", "as_of", "period", "status", "note", "corrected_value",
        "sources", "published_at", "language",
    ]  # fmt: skip
    row = rows[0]
    assert row["value"] == "120000000"
    assert row["corrected_value"] == "102000000"
    assert row["unit"] == "CNY"
    assert row["company"] == "Lumen Robotics"
    assert row["article"] == "robots-and-money"
    assert row["sources"].startswith("https://")
    assert row["published_at"].endswith("+00:00")


def test_csv_is_formula_safe(client, desk):
    PublishedClaimFactory(quote='=HYPERLINK("http://evil.example","click")', note="@SUM(A1)")
    rows = csv_rows(client.get("/claims.csv?sort=-id"))
    assert rows[0]["quote"].startswith("'=HYPERLINK")
    assert rows[0]["note"] == "'@SUM(A1)"


def test_csv_lists_every_source(client, desk):
    SourceFactory(claim=desk["gpus"], url="https://example.org/second")
    rows = {int(r["id"]): r for r in csv_rows(client.get("/claims.csv"))}
    assert rows[desk["gpus"].pk]["sources"].endswith(" | https://example.org/second")


def test_csv_refuses_bad_parameters_with_400(client, desk):
    response = client.get("/claims.csv?as_of_from=soon")
    assert response.status_code == 400
    assert "as_of_from: Enter a date as YYYY-MM-DD" in response.content.decode()


def test_api_refuses_bad_parameters_with_400(client, desk):
    response = client.get("/api/claims/?metric=vibes&page=1")
    assert response.status_code == 400
    assert "metric" in response.json()["errors"]


def test_api_page_shape_and_links(client, many_claims):
    many_claims(60)
    data = client.get("/api/claims/?sort=id").json()
    assert (data["count"], data["page"], data["pages"], data["per_page"]) == (60, 1, 2, 50)
    assert data["previous"] is None
    assert data["next"].endswith("/api/claims/?sort=id&page=2")
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 10 and second["next"] is None
    row = second["results"][0]
    assert set(row) >= {"id", "url", "quote", "value", "unit", "figure", "status", "sources"}
    assert row["url"].startswith("http://testserver/claims/")


def test_api_never_returns_unpublished_claims(client, desk):
    returned = api_ids(client.get("/api/claims/"))
    assert desk["draft"].pk not in returned and desk["unpublished"].pk not in returned
    assert sorted(returned) == sorted(c.pk for c in desk["public"])


def test_openapi_describes_the_claims_endpoint(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    operation = spec["paths"]["/api/claims/"]["get"]
    params = {p["name"] for p in operation["parameters"]}
    assert params == {
        "company",
        "metric",
        "status",
        "currency",
        "q",
        "as_of_from",
        "as_of_to",
        "sort",
        "page",
    }
    assert {"200", "400"} <= set(operation["responses"])

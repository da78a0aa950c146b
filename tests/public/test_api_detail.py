"""`/api/claims/<id>/`, `/api/companies/`, `/api/companies/<slug>/` and `/api/docs`: the same
public gate as the pages, the same fields as the CSV columns."""

import re

import pytest
from django.urls import reverse

from factcheck.csvio.columns import HEADER


def test_one_claim_has_every_csv_column(client, desk):
    claim = desk["revenue"]
    response = client.get(f"/api/claims/{claim.pk}/")
    assert response.status_code == 200
    data = response.json()
    missing = [column for column in HEADER if column not in data]
    assert missing == []
    assert data["id"] == claim.pk
    assert data["article"] == "robots-and-money"
    assert data["company"] == "lumen-robotics"
    assert data["value"] == "120000000" and data["unit"] == "CNY"
    assert data["corrected_value"] == "102000000"
    assert data["status"] == "inaccurate"
    assert [s["url"] for s in data["sources"]] == [s.url for s in claim.sources.order_by("pk")]
    assert response["ETag"]


def test_one_claim_is_the_same_as_in_the_list(client, desk):
    listed = {row["id"]: row for row in client.get("/api/claims/").json()["results"]}
    for claim in desk["public"]:
        assert client.get(f"/api/claims/{claim.pk}/").json() == listed[claim.pk]


@pytest.mark.parametrize("name", ["draft", "unpublished"])
def test_what_is_not_public_is_404(client, desk, name):
    response = client.get(f"/api/claims/{desk[name].pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": f"No published fact-check has the id {desk[name].pk}."}


@pytest.mark.parametrize("claim_id", ["0", "-1", "99999999999999999999999", "12abc"])
def test_ids_no_claim_could_have_are_refused_cleanly(client, db, claim_id):
    response = client.get(f"/api/claims/{claim_id}/")
    assert response.status_code in (400, 404)


def test_companies_lists_those_with_published_figures(client, desk):
    response = client.get("/api/companies/")
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()}
    assert set(rows) == {"lumen-robotics", "quill-labs"}
    assert rows["lumen-robotics"]["figures"] == 3
    assert rows["quill-labs"]["figures"] == 1  # its draft and unpublished verdict do not count
    assert rows["lumen-robotics"]["groups"] == ["Test Tigers"]
    assert rows["lumen-robotics"]["url"] == "http://testserver/companies/lumen-robotics/"
    assert rows["lumen-robotics"]["api_url"] == "http://testserver/api/companies/lumen-robotics/"


def test_one_company_with_its_public_figures(client, desk):
    data = client.get("/api/companies/quill-labs/").json()
    assert data["name"] == "Quill Labs"
    assert [claim["id"] for claim in data["claims"]] == [desk["gpus"].pk]
    assert data["more"] is False
    assert data["claims_url"] == "http://testserver/api/claims/?company=quill-labs"


@pytest.mark.parametrize("slug", ["no-such-company", "bad%00slug", "%E2%80%AE", "a" * 300])
def test_unknown_or_malformed_companies(client, desk, slug):
    response = client.get(f"/api/companies/{slug}/")
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_a_company_with_nothing_published_is_404(client, db):
    from tests.factories import ClaimFactory

    claim = ClaimFactory()
    assert client.get(f"/api/companies/{claim.company.slug}/").status_code == 404


def test_openapi_describes_the_new_operations(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/claims/", "/api/claims/{claim_id}/", "/api/companies/"} <= set(paths)
    assert "/api/companies/{slug}/" in paths
    responses = paths["/api/claims/{claim_id}/"]["get"]["responses"]
    assert {"200", "400", "404"} <= set(responses)


def test_the_api_docs_use_local_assets_only(client, db):
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    body = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', body)
    assert sources, body
    for url in sources:
        assert url.startswith("/static/"), url  # no CDN
    assert "/static/ninja/swagger-ui-bundle.js" in body
    assert "/static/ninja/swagger-ui-init.js" in body
    assert '"url": "/api/openapi.json"' in body
    for url in sources:
        assert client.get(url).status_code == 200, url

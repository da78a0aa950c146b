"""Database down: /healthz says 503, pages say a friendly 503, never a traceback; then recovery.

The outage here is simulated in-process (every connection attempt raises OperationalError,
as psycopg does when the server refuses). test_faults_live.py cuts a real connection.
"""

import pytest
from django.db.utils import OperationalError, ProgrammingError
from django.test import RequestFactory
from django.urls import reverse

from factcheck.middleware import DatabaseUnavailableMiddleware, unavailable_response
from tests.factories import PublishedClaimFactory
from tests.security.outage import database_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_claim():
    return PublishedClaimFactory()


def public_urls(claim) -> list[str]:
    return [
        reverse("factcheck:home"),
        reverse("factcheck:claims") + "?q=valuation",
        reverse("factcheck:claim", args=[claim.pk]),
        reverse("factcheck:article", args=[claim.article.slug]),
        reverse("companies:list"),
        reverse("companies:detail", args=[claim.company.slug]),
        reverse("factcheck:claims-csv"),
        reverse("factcheck:feed"),
        reverse("factcheck:sitemap"),
    ]


def assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "briefly unavailable" in body
    for leak in ("Traceback", "OperationalError", "5432", "Connection refused"):
        assert leak not in body


def test_every_public_page_answers_a_friendly_503_while_the_database_is_down(client, public_claim):
    urls = public_urls(public_claim)
    with database_down():
        for url in urls:
            assert_friendly_503(client.get(url))


def test_the_api_answers_503_in_json(client, public_claim):
    with database_down():
        response = client.get(reverse("api:claims"))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("The desk is briefly unavailable")


def test_a_logged_in_editor_gets_the_503_page_in_the_admin(client, editor):
    client.force_login(editor)
    with database_down():
        assert_friendly_503(client.get(reverse("admin:factcheck_claim_changelist")))


def test_healthz_answers_503_then_200_when_the_database_returns(client):
    with database_down():
        down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json() == {"status": "unavailable", "database": "unreachable"}
    assert client.get("/healthz").status_code == 200


def test_pages_recover_by_themselves_when_the_database_returns(client, public_claim):
    url = reverse("factcheck:claim", args=[public_claim.pk])
    with database_down():
        assert client.get(url).status_code == 503
    recovered = client.get(url)
    assert recovered.status_code == 200
    assert public_claim.quote in recovered.content.decode()


def test_the_503_page_needs_no_database():
    with database_down():  # any query would raise here
        response = unavailable_response()
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"


def test_a_programming_error_is_not_disguised_as_an_outage():
    """Only "cannot reach the database" becomes 503; a bug still goes to the 500 handler."""
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ProgrammingError("no such column")) is None
    assert middleware.process_exception(request, ValueError("bug")) is None
    assert middleware.process_exception(request, OperationalError("gone")).status_code == 503

"""The read replica: public pages read from it; the admin and every write use the primary.

The test settings define a `replica` alias that mirrors the test database (TEST MIRROR),
so both aliases see the same rows through two connections; these tests commit their data
(transaction=True) for the second connection to see it. Routing is switched on per test
by FACTDESK_REPLICA, as DATABASE_REPLICA_URL does in production.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck import services
from factcheck.models import Claim
from factcheck.routers import ReplicaRouter, public_reads
from tests.factories import PublishedClaimFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

PUBLIC_URLS = ["/", "/claims/?sort=-usd", "/api/claims/", "/companies/", "/feed/"]


@pytest.fixture
def replica_on(settings):
    settings.FACTDESK_REPLICA = "replica"


def queries_by_alias(client, url: str) -> tuple[int, int, object]:
    """(queries on default, queries on replica, response) for one GET of `url`."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(primary), len(replica), response


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_read_only_from_the_replica(client, replica_on, url):
    PublishedClaimFactory.create_batch(3)
    primary, replica, response = queries_by_alias(client, url)
    assert response.status_code == 200
    assert (primary, replica > 0) == (1, True)  # the primary answers the public version only


def test_claim_page_and_streamed_csv_read_from_the_replica(client, replica_on):
    claim = PublishedClaimFactory()
    for url in (claim.get_absolute_url(), "/claims.csv"):
        primary, replica, response = queries_by_alias(client, url)
        assert response.status_code == 200
        assert primary == 1, url  # the public version (caching.py)
        assert replica > 0, url


def test_the_admin_reads_only_from_the_primary(client, replica_on, publisher):
    PublishedClaimFactory.create_batch(3)
    client.force_login(publisher)
    primary, replica, response = queries_by_alias(
        client, reverse("admin:factcheck_claim_changelist")
    )
    assert response.status_code == 200
    assert (primary > 0, replica) == (True, 0)


def test_a_publication_on_the_primary_shows_on_the_next_public_request(
    client, replica_on, publisher
):
    claim = VerdictClaimFactory()
    assert f"/claims/{claim.pk}/" not in client.get("/claims/").content.decode()
    services.publish_claim(claim=claim, user=publisher)
    assert f"/claims/{claim.pk}/" in client.get("/claims/").content.decode()


def test_writes_go_to_the_primary_even_while_a_public_page_reads(replica_on):
    router = ReplicaRouter()
    with public_reads():
        assert router.db_for_read(Claim) == "replica"
        assert router.db_for_write(Claim) == "default"
    assert router.db_for_read(Claim) == "default"


def test_without_a_replica_public_pages_read_the_primary(client):
    PublishedClaimFactory.create_batch(2)
    primary, replica, response = queries_by_alias(client, "/")
    assert response.status_code == 200
    assert (primary > 0, replica) == (True, 0)


def test_only_the_primary_is_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "factcheck") is True
    assert router.allow_migrate("replica", "factcheck") is False

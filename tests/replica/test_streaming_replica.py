"""Public pages read from a real streaming replica, and a lagging one never shows a stale page.

A second PostgreSQL cluster streams the test cluster's WAL (tests/replica/cluster.py). A
test pauses its replay to make it lag, changes something public on the primary, and reads
the public pages. The mechanism (factcheck/caching.py): the public version comes from
the primary, and a page's rows come from the replica only when it has replayed that version.
Data is committed (transaction=True) so that it reaches the replica at all.
"""

import logging
import socket

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck import services
from factcheck.caching import public_version, version_number
from factcheck.models import Claim
from tests.factories import PublishedClaimFactory, VerdictClaimFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="streaming replication needs PostgreSQL"
    ),
]

REASON = "The figure was the company's own forecast, not its valuation."


class Read:
    """One GET: the response's text and how many queries each database answered."""

    def __init__(self, client, url: str):
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as replica,
        ):
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        self.status = response.status_code
        self.text = body.decode()
        self.primary, self.replica = len(primary), len(replica)


def public_on(alias: str, claim: Claim) -> bool:
    return Claim.objects.using(alias).public().filter(pk=claim.pk).exists()


@pytest.fixture
def page_cache(request, settings):
    settings.FACTDESK_PAGE_CACHE_SECONDS = request.param
    return request.param


@pytest.mark.parametrize(
    "page_cache", [0, 300], ids=["page-cache-off", "page-cache-on"], indirect=True
)
def test_a_claim_unpublished_on_the_primary_is_gone_from_the_next_page_while_the_replica_lags(
    client, replica, publisher, page_cache
):
    claim = PublishedClaimFactory(quote="Its valuation reached $7.25 billion in October.")
    replica.catch_up()
    listing = Read(client, "/claims/")
    assert claim.quote in listing.text
    assert listing.replica > 1  # the rows came from the replica
    assert claim.quote in Read(client, claim.get_absolute_url()).text  # cached, when it is on

    replica.pause()
    services.unpublish_claim(claim=claim, user=publisher, reason=REASON)
    # The replica really lags: it still holds the claim as published.
    assert (public_on("default", claim), public_on("replica", claim)) == (False, True)

    listing = Read(client, "/claims/")
    assert listing.status == 200
    assert claim.quote not in listing.text
    assert listing.replica == 1  # its version, found behind; the rows came from the primary
    page = Read(client, claim.get_absolute_url())
    assert "This fact-check was retracted" in page.text
    assert REASON.replace("'", "&#x27;") in page.text
    api = Read(client, "/api/claims/")
    assert f'"id": {claim.pk},' not in api.text and f'"id":{claim.pk},' not in api.text
    assert claim.quote not in Read(client, "/claims.csv").text  # a streamed body too
    assert replica.is_paused()  # nothing above waited for the replica


def test_reads_go_back_to_the_replica_once_it_has_replayed(client, replica, publisher):
    PublishedClaimFactory()
    claim = VerdictClaimFactory(quote="Its revenue was $3.5 billion last year.")
    replica.pause()
    services.publish_claim(claim=claim, user=publisher)

    lagging = Read(client, "/claims/")
    assert claim.quote in lagging.text  # published a moment ago: read from the primary
    assert (lagging.primary > 1, lagging.replica) == (True, 1)

    replica.resume()
    replica.catch_up()
    caught_up = Read(client, "/claims/")
    assert claim.quote in caught_up.text
    assert (caught_up.primary, caught_up.replica > 1) == (1, True)
    assert public_on("replica", claim)


def test_a_304_costs_the_primary_one_query_and_the_replica_none(client, replica):
    claim = PublishedClaimFactory()
    replica.catch_up()
    etag = client.get(claim.get_absolute_url())["ETag"]
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as standby,
    ):
        response = client.get(claim.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert (len(primary), len(standby)) == (1, 0)


def test_an_editor_reads_their_own_writes_while_the_replica_lags(client, replica, publisher):
    claim = VerdictClaimFactory(quote="Its valuation reached $9.5 billion in March.")
    replica.catch_up()
    client.force_login(publisher)
    replica.pause()

    services.publish_claim(claim=claim, user=publisher)
    draft = services.revise_claim(
        claim=claim, user=publisher, values={"quote": "Its valuation reached $9.75 billion."}
    )
    assert not Claim.objects.using("replica").filter(pk=draft.pk).exists()  # not replayed yet

    # The desk: every read on the primary, the replica never asked.
    change_page = Read(client, reverse("admin:factcheck_claim_change", args=[draft.pk]))
    assert change_page.status == 200
    assert "$9.75 billion" in change_page.text
    assert (change_page.primary > 0, change_page.replica) == (True, 0)
    changelist = Read(client, reverse("admin:factcheck_claim_changelist"))
    assert "$9.75 billion" in changelist.text
    assert changelist.replica == 0

    # The public page the editor just published shows, although the replica lacks it.
    public = Read(client, claim.get_absolute_url())
    assert public.status == 200
    assert claim.quote in public.text
    assert "$9.75 billion" not in public.text  # the pending change is not public


def test_the_version_comes_from_the_primary_even_while_public_reads_use_the_replica(
    client, replica, publisher
):
    claim = PublishedClaimFactory()
    replica.catch_up()
    replica.pause()
    before = public_version()
    services.unpublish_claim(claim=claim, user=publisher, reason=REASON)
    assert version_number(public_version()) > version_number(before)
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT number FROM factcheck_publicversion WHERE id = 1")
        assert cursor.fetchone()[0] == version_number(before)


@pytest.fixture
def unreachable_replica(settings):
    """The `replica` alias pointed at a port on which nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    wrapper = connections["replica"]
    saved = {key: wrapper.settings_dict[key] for key in ("HOST", "PORT")}
    wrapper.close()
    wrapper.settings_dict.update(HOST="127.0.0.1", PORT=str(port))
    settings.FACTDESK_REPLICA = "replica"
    yield
    wrapper.close()
    wrapper.settings_dict.update(saved)


def test_a_replica_that_does_not_answer_leaves_public_pages_to_the_primary(
    client, unreachable_replica, caplog
):
    claim = PublishedClaimFactory()
    with caplog.at_level(logging.WARNING, logger="factcheck.caching"):
        response = client.get(claim.get_absolute_url())
    assert response.status_code == 200
    assert claim.quote in response.content.decode()
    assert "did not answer; reading the primary" in caplog.text

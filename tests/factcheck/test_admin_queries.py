"""The desk's lists cost a fixed number of queries, however many claims there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ClaimFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db


def changelist_queries(client, more: int) -> int:
    ClaimFactory.create_batch(more)
    VerdictClaimFactory.create_batch(more)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:factcheck_claim_changelist"))
    assert response.status_code == 200
    return len(queries)


def test_claim_changelist_queries_do_not_grow_with_claims(client, publisher):
    client.force_login(publisher)
    assert changelist_queries(client, 2) == changelist_queries(client, 20)


def test_source_history_is_visible(client, publisher):
    source = VerdictClaimFactory().sources.get()
    client.force_login(publisher)
    response = client.get(reverse("admin:factcheck_source_history", args=[source.pk]))
    assert response.status_code == 200
    assert "Added" in response.content.decode() or "Created" in response.content.decode()

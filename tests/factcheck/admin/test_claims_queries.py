"""The claim's change page and its verdict screen cost the same queries for 1 source or 6."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck import services
from factcheck.models import CheckOperand, FigureCheck
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def build(editor, n: int):
    claim = ClaimFactory(created_by=editor)
    for i in range(n):
        SourceFactory(claim=claim, excerpt=f"The company reported ${i + 1} billion.")
        other = ClaimFactory(created_by=editor)
        check = FigureCheck.objects.create(kind=FigureCheck.Kind.RATIO, stated=claim, label=f"r{i}")
        CheckOperand.objects.create(check_ref=check, claim=other, position=0)
        services.revise_claim(claim=claim, user=editor, values={"note": f"Note {i}."})
    return claim


@pytest.mark.parametrize("page", ["change", "verdict"])
def test_no_query_per_source_check_or_history_row(client, editor, fact_checker, page):
    few, many = build(editor, 1), build(editor, 6)
    client.force_login(fact_checker)
    name = "admin:factcheck_claim_change" if page == "change" else "admin:factcheck_claim_verdict"
    client.get(reverse(name, args=[few.pk]))  # warm caches (content types, permissions)
    assert queries(client, reverse(name, args=[few.pk])) == queries(
        client, reverse(name, args=[many.pk])
    )

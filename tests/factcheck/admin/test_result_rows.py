"""The claims list's rows, written once per column, are the cells Django's admin writes."""

import pytest
from django.contrib.admin.templatetags import admin_list

from factcheck.admin import result_rows
from tests.factories import ClaimFactory, PublishedClaimFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/factcheck/claim/"


@pytest.mark.parametrize(
    "query", ["", "?status__exact=verified", "?q=valuation&o=3", "?has_sources=no"]
)
def test_the_rows_are_djangos_cells(client, fact_checker, query):
    ClaimFactory(as_of=None, company=None, quote="  ")
    VerdictClaimFactory(quote="Its valuation <b>reached</b> $3 billion.")
    PublishedClaimFactory(quote="A valuation " + "long " * 40)
    client.force_login(fact_checker)
    response = client.get(LIST_URL + query)
    assert response.status_code == 200
    cl = response.context_data["cl"]
    cl.result_list = list(cl.result_list)
    assert cl.result_list
    assert result_rows.rows(cl) == [list(row) for row in admin_list.results(cl)]
    for cells in result_rows.rows(cl):
        assert "".join(cells) in response.content.decode()

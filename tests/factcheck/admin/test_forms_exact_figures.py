"""The claim form shows a stored figure so that saving it unchanged stores the same number.

The form shows a figure as written where that reads back exactly, else as csvio's plain
number: every digit of the stored Decimal, whatever its length (the field keeps 30).
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from factcheck.models import Claim
from tests.factories import ClaimFactory, claim_post

pytestmark = pytest.mark.django_db

THIRTY_DIGITS = Decimal("123456789012345678901234.567891")


@pytest.mark.parametrize("unit", ["", "GPUs", "USD"])
def test_a_thirty_digit_value_survives_a_resave_unchanged(client, editor, unit):
    claim = ClaimFactory(value=THIRTY_DIGITS, unit=unit, created_by=editor)
    stored = Claim.objects.get(pk=claim.pk).value
    if connection.vendor == "postgresql":  # SQLite keeps a decimal's first 15 digits only
        assert stored == THIRTY_DIGITS
    url = reverse("admin:factcheck_claim_change", args=[claim.pk])
    client.force_login(editor)
    shown = client.get(url).context["adminform"].form["value"].value()

    response = client.post(
        url,
        claim_post(
            value=shown,
            unit=unit,
            quote=claim.quote,
            as_of="2 Oct 2024",
            seen_version=claim.version,
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Claim.objects.get(pk=claim.pk).value == stored

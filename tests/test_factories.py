"""The factories make what their names promise (tests/factories.py)."""

import pytest

from factcheck.models import Claim
from tests.factories import ClaimFactory, PublishedClaimFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db


def test_factories_make_public_and_non_public_claims():
    ClaimFactory()
    VerdictClaimFactory()
    published = PublishedClaimFactory()
    assert list(Claim.objects.public()) == [published]
    assert published.sources.count() == 1
    assert published.figure_display.startswith("$")

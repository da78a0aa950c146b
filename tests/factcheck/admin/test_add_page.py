"""The add pages of the desk, for every role (a superuser sees every inline)."""

import pytest
from django.urls import reverse

from factcheck.models import Claim, Comment
from tests.factories import claim_post

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:factcheck_claim_add")


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_the_add_claim_page_shows_no_discussion_for_an_unsaved_claim(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(ADD_URL)
    assert response.status_code == 200
    assert "Discussion" not in response.content.decode()


def test_a_superuser_adds_a_claim_and_then_discusses_it(client, superuser):
    client.force_login(superuser)
    data = claim_post()
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        del data[f"comments-{name}"]  # the add page has no discussion to post
    response = client.post(ADD_URL, data)
    assert response.status_code == 302
    claim = Claim.objects.get()
    page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk]))
    assert "Add to the discussion" in page.content.decode()
    assert not Comment.objects.exists()

"""Each role against each desk action: allowed or refused exactly as designed.

Editor: enters and edits claims, sources, articles. Fact-checker: + verdicts. Publisher:
+ publish, unpublish, delete. Nobody reaches the desk anonymously.
"""

import pytest
from django.urls import reverse

from factcheck.models import Claim
from tests.factories import ClaimFactory, SourceFactory, UserFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db

ROLES = ["editor", "fact_checker", "publisher"]
ALLOWED = {
    "add": {"editor", "fact_checker", "publisher"},
    "change": {"editor", "fact_checker", "publisher"},
    "verdict": {"fact_checker", "publisher"},
    "publish": {"publisher"},
    "delete": {"publisher"},
    "history": {"editor", "fact_checker", "publisher"},
}


def page_status(client, action, claim):
    urls = {
        "add": reverse("admin:factcheck_claim_add"),
        "change": reverse("admin:factcheck_claim_change", args=[claim.pk]),
        "verdict": reverse("admin:factcheck_claim_verdict", args=[claim.pk]),
        "delete": reverse("admin:factcheck_claim_delete", args=[claim.pk]),
        "history": reverse("admin:factcheck_claim_history", args=[claim.pk]),
    }
    return client.get(urls[action]).status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["add", "change", "verdict", "delete", "history"])
def test_role_page_matrix(client, role_users, role, action):
    claim = ClaimFactory()
    client.force_login(role_users[role])
    expected = 200 if role in ALLOWED[action] else 403
    assert page_status(client, action, claim) == expected


@pytest.mark.parametrize("role", ROLES)
def test_role_publish_matrix(client, role_users, role):
    claim = VerdictClaimFactory()
    client.force_login(role_users[role])
    client.post(
        reverse("admin:factcheck_claim_changelist"),
        {
            "action": "publish",
            "_selected_action": [claim.pk],
            f"seen_version_{claim.pk}": claim.version,
            "confirmed": "1",
        },
    )
    assert Claim.objects.public().exists() == (role in ALLOWED["publish"])


@pytest.mark.parametrize("role", ROLES)
def test_role_verdict_post_matrix(client, role_users, role):
    claim = ClaimFactory(created_by=UserFactory(username="someone-else"))
    SourceFactory(claim=claim)
    client.force_login(role_users[role])
    client.post(
        reverse("admin:factcheck_claim_verdict", args=[claim.pk]),
        {"status": "verified", "note": "Matches the filing.", "seen_version": claim.version},
    )
    claim.refresh_from_db()
    assert (claim.status == "verified") == (role in ALLOWED["verdict"])


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        reverse("admin:factcheck_claim_changelist"),
        reverse("admin:factcheck_claim_add"),
    ],
)
def test_anonymous_users_never_reach_the_desk(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_roles_exist_as_groups_made_by_a_migration(db):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Editor", "Fact-checker", "Publisher"} <= names
    publisher = Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True)
    assert {"publish_claim", "give_verdict", "delete_claim"} <= set(publisher)

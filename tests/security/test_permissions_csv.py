"""Each role against the admin's CSV import and export, including requests that skip the UI.

The design (factcheck/roles.py): every role exports (export_claim); fact-checkers and
publishers import (import_claim), editors do not. A staff account with no role, or only
"view", does neither; a non-staff account never reaches the admin, whatever its
permissions; anonymous users are sent to the login page. The other desk actions
(add, change, verdict, publish, delete, history) are in tests/factcheck/test_roles.py.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factcheck.models import Claim
from tests.factories import PublishedClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:factcheck_claim_import")
CONFIRM = reverse("admin:factcheck_claim_process_import")
EXPORT = reverse("admin:factcheck_claim_export")
CHANGELIST = reverse("admin:factcheck_claim_changelist")
CSV = (
    b"id,article,company,quote,metric,value,unit,usd_value,qualifier,as_of,period,status,"
    b"note,corrected_value,sources,published_at\n"
    b",,,Imported by the matrix test.,revenue,$5 million,,,,2024-06-30,,unverified,,,,\n"
)

ROLES = ["editor", "fact_checker", "publisher", "viewer", "no_role"]
ALLOWED = {
    "import": {"fact_checker", "publisher"},
    "export": {"editor", "fact_checker", "publisher"},
}


@pytest.fixture
def users(role_users):
    viewer = UserFactory(username="vic")
    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    return {**role_users, "viewer": viewer, "no_role": UserFactory(username="nora")}


def upload(client):
    """Upload the file, following an allowed upload to the status page of its preview."""
    file = SimpleUploadedFile("claims.csv", CSV, "text/csv")
    return client.post(IMPORT, {"format": "0", "import_file": file}, follow=True)


def imported() -> bool:
    return Claim.objects.filter(quote="Imported by the matrix test.").exists()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("role", ROLES)
def test_import_page_and_upload(client, users, role):
    client.force_login(users[role])
    allowed = role in ALLOWED["import"]
    assert client.get(IMPORT).status_code == (200 if allowed else 403)
    preview = upload(client)
    assert preview.status_code == (200 if allowed else 403)
    assert not imported()  # the upload is only a preview


@pytest.mark.parametrize("role", ROLES)
def test_confirming_an_import_without_the_permission_writes_nothing(client, users, role):
    """A forged "Confirm import" (someone else's preview, posted directly) is refused too:
    without the permission, a 403; with it, a message (only the uploader confirms a file)."""
    client.force_login(users["fact_checker"])
    confirm = upload(client).context["confirm_form"].initial
    client.force_login(users[role])
    response = client.post(CONFIRM, confirm)
    allowed = role in ALLOWED["import"]
    assert response.status_code == (302 if allowed else 403)
    assert imported() == (role == "fact_checker")


@pytest.mark.parametrize("role", ROLES)
def test_export_view(client, users, role):
    PublishedClaimFactory(quote="Exported by the matrix test.")
    client.force_login(users[role])
    response = client.post(EXPORT, {"format": "0"})
    allowed = role in ALLOWED["export"]
    assert response.status_code == (200 if allowed else 403)
    assert (b"Exported by the matrix test." in body(response)) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_export_action_on_a_selection(client, users, role):
    claim = PublishedClaimFactory(quote="Exported by the matrix test.")
    client.force_login(users[role])
    response = client.post(
        CHANGELIST, {"action": "export_admin_action", "_selected_action": [claim.pk], "format": "0"}
    )
    allowed = role in ALLOWED["export"]
    is_csv = response.get("Content-Type", "").startswith("text/csv")
    assert is_csv == allowed
    if allowed:
        assert b"Exported by the matrix test." in body(response)


@pytest.mark.parametrize("url", [IMPORT, CONFIRM, EXPORT])
def test_anonymous_users_are_sent_to_the_login_page(client, url):
    for response in (client.get(url), client.post(url, {"format": "0"})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert not imported()


def test_a_non_staff_account_never_reaches_the_admin_even_with_permissions(client):
    outsider = UserFactory(username="otto", is_staff=False, role="Publisher")
    client.force_login(outsider)
    for url in (reverse("admin:index"), CHANGELIST, IMPORT, EXPORT):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login"))

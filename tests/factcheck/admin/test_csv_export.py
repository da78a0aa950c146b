"""Exporting claims from the admin: the changelist's filters and search, or a selection."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from factcheck.csvio.columns import HEADER
from tests.factories import ClaimFactory, PublishedClaimFactory, UserFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db

EXPORT = reverse("admin:factcheck_claim_export")
CHANGELIST = reverse("admin:factcheck_claim_changelist")


def rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff" + ",".join(HEADER))  # a BOM, for spreadsheets
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_export_honours_the_filters(client, editor):
    verified = VerdictClaimFactory()
    ClaimFactory()
    client.force_login(editor)
    response = client.get(EXPORT, {"status__exact": "verified"})
    assert [row["id"] for row in rows(response)] == [str(verified.pk)]


def test_export_honours_the_search(client, editor):
    wanted = ClaimFactory(quote="Moonshot raised a billion dollars.")
    ClaimFactory(quote="Zhipu opened an office.")
    client.force_login(editor)
    response = client.get(EXPORT, {"q": "Moonshot"})
    assert [row["id"] for row in rows(response)] == [str(wanted.pk)]


def test_export_the_selected_claims(client, editor):
    chosen = ClaimFactory.create_batch(2)
    ClaimFactory()
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        {"action": "export_admin_action", ACTION_CHECKBOX_NAME: [c.pk for c in chosen]},
    )
    assert sorted(row["id"] for row in rows(response)) == sorted(str(c.pk) for c in chosen)


def test_pending_changes_are_not_exported(client, editor):
    published = PublishedClaimFactory()
    pending = ClaimFactory(draft_of=published)
    client.force_login(editor)
    assert [row["id"] for row in rows(client.get(EXPORT))] == [str(published.pk)]
    response = client.post(
        CHANGELIST,
        {"action": "export_admin_action", ACTION_CHECKBOX_NAME: [published.pk, pending.pk]},
    )
    assert [row["id"] for row in rows(response)] == [str(published.pk)]


def test_export_needs_the_export_permission(client):
    from django.contrib.auth.models import Permission

    viewer = UserFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(viewer)
    assert client.get(EXPORT).status_code == 403
    page = client.get(CHANGELIST).content.decode()
    assert "export_admin_action" not in page
    assert "export_link" not in page


def test_exported_formula_cells_are_neutralised(client, editor):
    ClaimFactory(quote="=HYPERLINK(1)")
    client.force_login(editor)
    (row,) = rows(client.get(EXPORT))
    assert row["quote"] == "'=HYPERLINK(1)"


def test_the_claim_change_form_is_still_the_desks_own(client, editor):
    claim = ClaimFactory()
    client.force_login(editor)
    response = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk]))
    assert "admin/factcheck/claim/change_form.html" in [t.name for t in response.templates]

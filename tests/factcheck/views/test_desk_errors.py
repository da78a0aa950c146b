"""The desk's own 403, 404 and 500 pages: the admin's look, saying what was refused and why."""

import pytest
from django.urls import reverse

from factcheck import admin_site
from tests.factories import ClaimFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db


def test_an_editor_opening_the_verdict_screen_gets_the_desk_403_naming_the_role(client, editor):
    claim = ClaimFactory(created_by=editor)
    client.force_login(editor)
    response = client.get(reverse("admin:factcheck_claim_verdict", args=[claim.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="site-name"' in html and "Factdesk" in html  # the admin's header
    assert "admin/css/base.css" in html
    assert "Giving a claim its verdict needs the Fact-checker role." in html
    assert "with the Editor role" in html


def test_a_fact_checker_publishing_is_told_a_publisher_is_needed(client, fact_checker):
    claim = PublishedClaimFactory()
    client.force_login(fact_checker)
    response = client.get(reverse("admin:factcheck_claim_unpublish", args=[claim.pk]))
    assert response.status_code == 403
    assert "Unpublishing a claim needs the Publisher role." in response.content.decode()


def test_a_missing_page_in_the_desk_is_a_desk_404(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:factcheck_claim_verdict", args=[999999]))
    assert response.status_code == 404
    html = response.content.decode()
    assert 'id="site-name"' in html and "Page not found" in html
    assert "nothing at this address in the desk" in html


def test_a_missing_public_page_keeps_the_public_404(client):
    html = client.get("/claims/999999/").content.decode()
    assert 'id="site-name"' not in html


def test_a_server_error_in_the_desk_is_a_desk_500(client, editor, monkeypatch):
    def broken():
        raise RuntimeError("the data-quality query failed")

    monkeypatch.setattr(admin_site, "data_quality", broken)
    client.raise_request_exception = False
    client.force_login(editor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 500
    html = response.content.decode()
    assert 'id="site-name"' in html and "Something went wrong on the desk" in html
    assert "the data-quality query failed" not in html

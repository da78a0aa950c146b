"""The desk's queue of readers' reports: who sees it, answering and closing, history."""

import pytest
from django.urls import reverse

from factcheck.models import ReaderReport
from tests.factories import PublishedClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports():
    claim = PublishedClaimFactory(quote="Revenue reached $2 billion")
    return {
        "open": ReaderReport.objects.create(
            claim=claim, message="<b>It was $1.8 billion</b>", email="r@example.org"
        ),
        "closed": ReaderReport.objects.create(
            claim=claim, message="Old report text", state="closed", answer="Checked; no change."
        ),
    }


def change_url(report) -> str:
    return reverse("admin:factcheck_readerreport_change", args=[report.pk])


def test_every_role_sees_the_queue_with_a_state_filter(client, role_users, reports):
    for user in role_users.values():
        client.force_login(user)
        response = client.get(reverse("admin:factcheck_readerreport_changelist"))
        assert response.status_code == 200, user
        body = response.content.decode()
        assert "By state" in body
        assert "&lt;b&gt;It was $1.8 billion&lt;/b&gt;" in body  # escaped
        only_open = client.get(
            reverse("admin:factcheck_readerreport_changelist") + "?state__exact=open"
        ).content.decode()
        assert "It was $1.8 billion" in only_open and "Old report text" not in only_open


def test_nobody_adds_a_report_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:factcheck_readerreport_add")).status_code == 403


def test_a_fact_checker_answers_and_closes(client, fact_checker, reports):
    report = reports["open"]
    client.force_login(fact_checker)
    response = client.post(
        change_url(report), {"state": "closed", "answer": "The filing says $2.0 billion."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "closed"
    assert report.answer == "The filing says $2.0 billion."
    assert report.closed_by == fact_checker and report.closed_at is not None
    assert report.message == "<b>It was $1.8 billion</b>"  # the reader's words are untouched
    history = client.get(
        reverse("admin:factcheck_readerreport_history", args=[report.pk])
    ).content.decode()
    assert "fiona" in history


def test_closing_needs_an_answer(client, fact_checker, reports):
    client.force_login(fact_checker)
    response = client.post(change_url(reports["open"]), {"state": "closed", "answer": "  "})
    assert response.status_code == 200
    assert "Write the desk&#x27;s answer before closing" in response.content.decode()
    reports["open"].refresh_from_db()
    assert reports["open"].state == "open"


def test_reopening_clears_who_closed_it(client, fact_checker, reports):
    client.force_login(fact_checker)
    client.post(change_url(reports["closed"]), {"state": "open", "answer": "Looking again."})
    reports["closed"].refresh_from_db()
    assert reports["closed"].state == "open"
    assert reports["closed"].closed_at is None and reports["closed"].closed_by is None


def test_an_editor_reads_but_does_not_answer(client, editor, reports):
    client.force_login(editor)
    assert client.get(change_url(reports["open"])).status_code == 200
    client.post(change_url(reports["open"]), {"state": "closed", "answer": "x"})
    reports["open"].refresh_from_db()
    assert reports["open"].state == "open"


def test_only_a_publisher_deletes_spam(client, fact_checker, publisher, reports):
    url = reverse("admin:factcheck_readerreport_delete", args=[reports["open"].pk])
    client.force_login(fact_checker)
    assert client.post(url, {"post": "yes"}).status_code == 403
    client.force_login(publisher)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not ReaderReport.objects.filter(pk=reports["open"].pk).exists()

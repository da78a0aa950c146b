"""Importing claims in the admin: permission, preview with line-numbered errors, then confirm."""

import threading
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from factcheck import services
from factcheck.admin import import_jobs
from factcheck.models import Claim
from tests.factcheck.csvio.csvdata import csv_bytes, make_import_targets, row_for
from tests.factories import ClaimFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def import_targets(db):
    """The companies and the article the sample files name (tests/factcheck/csvio/csvdata.py)."""
    return make_import_targets()


IMPORT = reverse("admin:factcheck_claim_import")
CONFIRM = reverse("admin:factcheck_claim_process_import")
CHANGELIST = reverse("admin:factcheck_claim_changelist")


def upload(client, data: bytes, name="claims.csv"):
    """Upload a file and follow its preview to the status page that shows it."""
    return client.post(
        IMPORT,
        {"format": "0", "import_file": SimpleUploadedFile(name, data, "text/csv")},
        follow=True,
    )


def test_only_users_with_the_import_permission_may_import(client, editor, fact_checker):
    client.force_login(editor)
    assert client.get(IMPORT).status_code == 403
    assert b"import_link" not in client.get(CHANGELIST).content
    client.force_login(fact_checker)
    assert client.get(IMPORT).status_code == 200
    assert b"import_link" in client.get(CHANGELIST).content


def test_bad_rows_are_listed_by_line_and_column_and_nothing_can_be_confirmed(
    client, fact_checker, import_targets, data_dir
):
    client.force_login(fact_checker)
    response = upload(client, (data_dir / "claims_several_errors.csv").read_bytes())

    page = response.content.decode()
    assert "line 3, company: no company &#x27;Zhipu A1&#x27; — did you mean &#x27;Zhipu AI&#x27;?" in page  # fmt: skip
    assert "line 6, as_of: &#x27;2024-13-01&#x27; is not a date" in page
    assert "Nothing was imported: 2 row(s) have errors." in page
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Claim.objects.exists()


def test_a_file_that_is_not_utf8_gets_one_clear_message(client, fact_checker, data_dir):
    client.force_login(fact_checker)
    response = upload(client, (data_dir / "claims_latin1.csv").read_bytes())
    assert response.context["job"].failure == (
        "The file is not UTF-8: line 7 (byte 0x92) is in another encoding (Windows-1252 or "
        'Latin-1?). Save it from the spreadsheet as "CSV UTF-8" and upload it again.'
    )
    page = response.content.decode()
    assert "The file is not UTF-8: line 7 (byte 0x92)" in page
    assert 'name="import_file"' in page  # the form to upload it again
    assert response.context.get("confirm_form") is None


def test_preview_then_confirm(client, fact_checker, import_targets):
    stored = ClaimFactory(company=import_targets["openai"], quote="Stored words.")
    same = ClaimFactory(company=import_targets["openai"])
    data = csv_bytes(
        row_for(stored, quote="Better words."),
        row_for(same),
        {"company": "Zhipu", "quote": "Zhipu raised RMB 2.477 billion.", "value": "RMB 2.477 billion"},
    )  # fmt: skip
    client.force_login(fact_checker)

    preview = upload(client, data)

    assert (
        "Dry run, nothing was written: 1 new, 1 updated, 1 unchanged." in preview.content.decode()
    )
    shown = preview.context["result"].preview  # unchanged rows are only counted
    assert [(row.line, row.kind) for row in shown.rows] == [(2, "update"), (4, "new")]
    assert [(f.column, f.old, f.new) for f in shown.rows[0].fields] == [
        ("quote", "Stored words.", "Better words.")  # what the update changes
    ]
    assert Claim.objects.count() == 2

    confirm = client.post(CONFIRM, preview.context["confirm_form"].initial, follow=True)

    assert "Imported: 1 new, 1 updated, 1 unchanged." in confirm.content.decode()
    new = Claim.objects.get(quote__startswith="Zhipu")
    assert (new.company, new.created_by) == (import_targets["zhipu"], fact_checker)
    assert new.history.get().history_user == fact_checker
    stored.refresh_from_db()
    assert stored.quote == "Better words."
    assert stored.history.latest("history_id").history_user == fact_checker


def test_a_confirmed_import_is_in_the_admin_log(client, fact_checker, import_targets):
    stored = ClaimFactory(company=import_targets["openai"], quote="Stored words.")
    data = csv_bytes(row_for(stored, quote="Better words."), {"quote": "New.", "value": "5"})
    client.force_login(fact_checker)
    preview = upload(client, data)
    client.post(CONFIRM, preview.context["confirm_form"].initial, follow=True)
    assert LogEntry.objects.filter(user=fact_checker).count() == 2  # "Recent actions"


def test_confirm_refuses_if_the_desk_changed_since_the_preview(
    client, fact_checker, import_targets
):
    stored = ClaimFactory()
    client.force_login(fact_checker)
    preview = upload(client, csv_bytes(row_for(stored, quote="Better words.")))
    Claim.objects.filter(pk=stored.pk).delete()

    response = client.post(CONFIRM, preview.context["confirm_form"].initial, follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert (
        shown[0] == f"line 2, id: there is no claim {stored.pk}: leave id blank to add a new claim."
    )
    assert response.redirect_chain[-1][0] == IMPORT
    assert not Claim.objects.exists()


def test_confirm_refuses_a_row_whose_claim_was_edited_since_the_preview(
    client, fact_checker, editor
):
    stored = ClaimFactory(quote="Stored words.", note="")
    client.force_login(fact_checker)
    preview = upload(client, csv_bytes(row_for(stored, quote="Better words.")))
    assert "1 updated" in preview.content.decode()
    current = Claim.objects.get(pk=stored.pk)
    current.note = "Asked the company."
    services.save_claim(claim=current, user=editor)  # while the preview was on screen

    response = client.post(CONFIRM, preview.context["confirm_form"].initial, follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert shown[0] == (
        f"line 2, version: this row was made from version 1 of claim {stored.pk}, which is "
        "now at version 2 (changed since by edna: note: — → Asked the company.). Export again "
        "and redo the change, or import with --force to overwrite on purpose."
    )
    assert response.redirect_chain[-1][0] == IMPORT
    stored.refresh_from_db()
    assert (stored.quote, stored.note, stored.version) == ("Stored words.", "Asked the company.", 2)


def test_a_stale_row_is_shown_in_the_preview_and_cannot_be_confirmed(client, fact_checker, editor):
    stored = ClaimFactory(quote="Stored words.")
    row = row_for(stored, quote="Better words.")
    current = Claim.objects.get(pk=stored.pk)
    current.quote = "Edited words."
    services.save_claim(claim=current, user=editor)
    client.force_login(fact_checker)

    response = upload(client, csv_bytes(row))

    page = response.content.decode()
    assert f"line 2, version: this row was made from version 1 of claim {stored.pk}" in page
    assert "changed since by edna: quote: Stored words. → Edited words." in page
    assert response.context.get("confirm_form") is None


def test_a_row_changing_a_published_claim_previews_and_confirms_as_its_pending_change(
    client, fact_checker
):
    live = PublishedClaimFactory(period="")
    client.force_login(fact_checker)
    preview = upload(client, csv_bytes(row_for(live, period="FY2024")))
    assert (
        "Dry run, nothing was written: 0 new, 1 updated, 0 unchanged." in preview.content.decode()
    )
    assert live.pending_change() is None

    client.post(CONFIRM, preview.context["confirm_form"].initial, follow=True)

    assert Claim.objects.public().get(pk=live.pk).period == ""
    assert live.pending_change().period == "FY2024"


def test_the_two_person_rule_applies_to_the_importer(client, fact_checker):
    client.force_login(fact_checker)
    response = upload(
        client,
        csv_bytes({"quote": "A claim", "value": "5", "status": "verified", "sources": "https://a.example"}),
    )  # fmt: skip
    assert (
        "line 2, status: You entered or changed this claim&#x27;s figure, quote or sources"
        in response.content.decode()
    )


def confirm_form(client, user, quote="A new claim, imported once."):
    """`user` uploads a one-row file of a new claim; the preview's confirmation form."""
    client.force_login(user)
    preview = upload(client, csv_bytes({"quote": quote, "value": "$3 billion"}))
    return preview.context["confirm_form"].initial


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_confirming_twice_imports_once(client, fact_checker, monkeypatch):
    """A double click: the second confirmation arrives while the first import still runs."""
    form = confirm_form(client, fact_checker)
    started = []
    run = import_jobs.start
    monkeypatch.setattr(import_jobs, "start", lambda *args, **kw: started.append((args, kw)))

    first = client.post(CONFIRM, form)
    second = client.post(CONFIRM, form, follow=True)
    for args, kw in started:  # the jobs run after both clicks
        run(*args, **kw)

    assert first.status_code == 302
    assert len(started) == 1
    assert messages_of(second) == [import_jobs.ALREADY_CONFIRMED]
    assert Claim.objects.filter(quote="A new claim, imported once.").count() == 1


def test_confirming_again_after_the_import_is_refused(client, fact_checker):
    form = confirm_form(client, fact_checker)
    client.post(CONFIRM, form, follow=True)
    again = client.post(CONFIRM, form, follow=True)
    assert messages_of(again) == [import_jobs.ALREADY_CONFIRMED]
    assert Claim.objects.count() == 1


def test_only_who_uploaded_a_file_confirms_it(client, fact_checker, publisher):
    form = confirm_form(client, fact_checker)
    client.force_login(publisher)  # who may import too, but did not preview this file

    response = client.post(CONFIRM, form, follow=True)

    assert messages_of(response) == [import_jobs.NOT_YOURS]
    assert not Claim.objects.exists()
    client.force_login(fact_checker)  # the uploader still can
    client.post(CONFIRM, form, follow=True)
    assert Claim.objects.get().created_by == fact_checker


@pytest.mark.parametrize("name", ["../../etc/passwd", "a b", "x\x00", ".hidden", "é"])
def test_a_confirmation_naming_no_upload_is_the_gone_message(client, fact_checker, name):
    form = {**confirm_form(client, fact_checker), "import_file_name": name}
    response = client.post(CONFIRM, form, follow=True)
    assert response.status_code == 200
    assert any("Upload it again" in m for m in messages_of(response))
    assert not Claim.objects.exists()


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers; test_confirming_twice_imports_once posts twice in turn",
)
@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_once_import_once(fact_checker):
    """Two tabs post the same confirmation at the same moment; the imports run in threads."""
    uploader = Client()
    uploader.force_login(fact_checker)
    data = csv_bytes({"quote": "A new claim, imported once.", "value": "$3 billion"})
    sent = uploader.post(
        IMPORT, {"format": "0", "import_file": SimpleUploadedFile("c.csv", data, "text/csv")}
    )
    deadline = time.monotonic() + 30
    while "confirm_form" not in (preview := uploader.get(sent["Location"])).context:
        assert time.monotonic() < deadline, "the preview did not finish"
        time.sleep(0.05)
    form = preview.context["confirm_form"].initial
    gate = threading.Barrier(2)
    answers = []

    def confirm(tab):
        gate.wait()
        answers.append(tab.post(CONFIRM, form))
        connection.close()

    logged_in = [Client() for _ in range(2)]  # logged in first: only the posts race
    for tab in logged_in:
        tab.force_login(fact_checker)
    tabs = [threading.Thread(target=confirm, args=(tab,)) for tab in logged_in]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(30)
    for job in [t for t in threading.enumerate() if t.name.startswith("csv-import-")]:
        job.join(30)

    assert sorted(a["Location"].endswith("/import/") for a in answers) == [False, True]
    assert Claim.objects.filter(quote="A new claim, imported once.").count() == 1

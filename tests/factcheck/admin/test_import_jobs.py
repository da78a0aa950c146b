"""The admin's imports run as jobs: a status page follows them, reloading itself (no JavaScript)."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factcheck.admin import import_jobs
from factcheck.models import Claim
from tests.factcheck.csvio.csvdata import csv_bytes

IMPORT = reverse("admin:factcheck_claim_import")
CONFIRM = reverse("admin:factcheck_claim_process_import")


def status_url(job) -> str:
    return reverse("admin:factcheck_claim_import_status", args=[job.id])


def running_job(user, **values) -> import_jobs.ImportJob:
    job = import_jobs.new_job(
        user_id=user.pk,
        file_name="claims.csv",
        storage_name="stored",
        format="0",
        dry_run=True,
    )
    for name, value in values.items():
        setattr(job, name, value)
    job.save()
    return job


@pytest.mark.django_db
def test_a_running_job_shows_its_progress_and_reloads_itself(client, fact_checker):
    job = running_job(fact_checker, rows=42000, share=0.42)
    client.force_login(fact_checker)

    page = client.get(status_url(job)).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in page
    assert "Checking claims.csv" in page
    assert '<progress max="100" value="42">' in page
    assert "42000 rows read, 42% of the file." in page


@pytest.mark.django_db
def test_a_job_that_stopped_moving_says_so(client, fact_checker, monkeypatch):
    job = running_job(fact_checker, rows=2000)
    client.force_login(fact_checker)
    assert "has probably stopped" not in client.get(status_url(job)).content.decode()
    later = time.time() + import_jobs.STALLED_AFTER + 1
    monkeypatch.setattr(import_jobs.time, "time", lambda: later)
    assert "has probably stopped" in client.get(status_url(job)).content.decode()


@pytest.mark.django_db
def test_only_the_person_who_started_a_job_sees_it(client, fact_checker, publisher, editor):
    job = running_job(fact_checker)
    client.force_login(publisher)
    assert client.get(status_url(job)).status_code == 404
    client.force_login(editor)  # no import permission at all
    assert client.get(status_url(job)).status_code == 403
    client.force_login(fact_checker)
    assert client.get(reverse("admin:factcheck_claim_import_status", args=["0" * 32])).status_code == 404  # fmt: skip


def follow(client, response, seconds=30):
    """Reload the status page a redirect leads to until the job is done, as a browser does."""
    url = response["Location"]
    deadline = time.monotonic() + seconds
    while True:
        page = client.get(url)
        if page.status_code != 200 or b'http-equiv="refresh"' not in page.content:
            return page
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_preview_and_import_run_beside_the_request(client, fact_checker):
    data = csv_bytes(*({"quote": f"Claim {n}.", "value": f"${n + 1} million"} for n in range(30)))
    client.force_login(fact_checker)

    upload = client.post(
        IMPORT, {"format": "0", "import_file": SimpleUploadedFile("c.csv", data, "text/csv")}
    )
    assert upload.status_code == 302  # to the job's status page, before the job is done
    preview = follow(client, upload)
    assert (
        "Dry run, nothing was written: 30 new, 0 updated, 0 unchanged." in preview.content.decode()
    )
    assert not Claim.objects.exists()

    confirm = client.post(CONFIRM, preview.context["confirm_form"].initial)
    assert confirm.status_code == 302
    done = follow(client, confirm)

    assert done.status_code == 302 and done["Location"].endswith("/factcheck/claim/")
    assert Claim.objects.count() == 30
    assert {claim.history.get().history_user for claim in Claim.objects.all()} == {fact_checker}

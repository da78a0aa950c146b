"""The admin's import preview: counts, then only what changes, published claims first."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factcheck.csvio.export import iter_csv
from factcheck.csvio.importer import import_claims
from factcheck.csvio.preview import SHOWN, PreviewBuilder
from factcheck.models import Claim
from tests.factcheck.csvio.csvdata import csv_bytes
from tests.factories import ClaimFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:factcheck_claim_import")


def exported(claims) -> list[str]:
    return "".join(
        iter_csv(Claim.objects.filter(pk__in=[c.pk for c in claims]).order_by("pk"))
    ).splitlines()


def test_preview_lists_changes_old_to_new_and_flags_published_first(client, fact_checker):
    unchanged = [ClaimFactory(quote=f"Unchanged claim {i}.") for i in range(25)]
    draft_target = ClaimFactory(quote="A claim whose figure changes.")
    published = PublishedClaimFactory(quote="A published claim whose figure changes.")
    lines = exported([*unchanged, draft_target, published])
    header, rows = lines[0], lines[1:]
    old_value = str(int(draft_target.value))
    rows[-2] = rows[-2].replace(f",{old_value},", ",123000000,", 1)
    pub_value = str(int(published.value))
    rows[-1] = rows[-1].replace(f",{pub_value},", ",999000000,", 1)
    rows.append(",," + ",".join([""] * (len(header.split(",")) - 2)))
    data = "\n".join([header, *rows[:-1]]) + "\n"
    client.force_login(fact_checker)
    response = client.post(
        IMPORT,
        {"format": "0", "import_file": SimpleUploadedFile("c.csv", data.encode(), "text/csv")},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    preview = response.context["result"].preview
    assert (preview.new, preview.updated, preview.published, preview.unchanged) == (0, 2, 1, 25)
    assert [row.claim_id for row in preview.rows] == [published.pk, draft_target.pk]
    assert "change a published claim" in page or "changes a published claim" in page
    assert "$123 million" in page and "→" in page
    assert "Unchanged claim 3." not in page, "unchanged rows are only counted"


def test_the_preview_keeps_only_the_rows_it_shows_whatever_the_file():
    rows = [{"quote": f"New claim {n}.", "value": str(n + 1)} for n in range(SHOWN + 30)]
    builder = PreviewBuilder()

    report = import_claims(io.BytesIO(csv_bytes(*rows)), dry_run=True, on_change=builder)

    preview = builder.preview(unchanged=report.unchanged)
    assert sum(len(kept) for kept in builder.kept) == SHOWN  # not one Change per row
    assert (preview.new, preview.hidden, len(preview.rows)) == (SHOWN + 30, 30, SHOWN)
    assert [row.line for row in preview.rows[:2]] == [2, 3]

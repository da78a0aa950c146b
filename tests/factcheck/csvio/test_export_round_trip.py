"""Export → import into an empty desk → export gives back the same file, apart from ids.

CONTRACT.md: `published_at` is written on export and ignored on import (importing never
publishes), and an id that matches no claim is an error, so the export goes into the empty
desk with `import_claims --as-new` (ids ignored) and the claims get the new desk's ids. The
files are therefore compared with the `id` and `published_at` columns left out; every other
cell must be identical, row for row, in the same order.
"""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from factcheck import fx_rates
from factcheck.models import Claim, FxRate
from tests.factories import ClaimFactory, PublishedClaimFactory, SourceFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def full_desk(import_targets):
    FxRate.objects.create(currency="USD", date=dt.date(2024, 1, 2), per_eur=Decimal("1.0956"))
    FxRate.objects.create(currency="HKD", date=dt.date(2024, 1, 2), per_eur=Decimal("8.5539"))
    PublishedClaimFactory(
        company=import_targets["openai"], article=import_targets["article"], value=Decimal("157e9")
    )
    inaccurate = VerdictClaimFactory(
        company=import_targets["zhipu"],
        status="inaccurate",
        value=Decimal("2477000000"),
        unit="CNY",
        qualifier="about",
        corrected_value=Decimal("1620000000"),
        period="H1 2024",
        note="The filing says RMB 1.62 billion.\nSee page 4.",
        published_at=timezone.now(),
    )
    SourceFactory(claim=inaccurate, url="https://zhipu.example/filing?page=4&lang=en")
    ClaimFactory(
        company=import_targets["moonshot"],
        quote='"=1+1" is what the spreadsheet ran; @admin said -5.',
        note="=cmd|' /C calc'!A0",
        value=Decimal("9.7"),
        unit="HKD",
        as_of=None,
        status="in_review",
    )
    ClaimFactory(company=None, article=None, quote="'Quoted' — 54,000 GPUs", value=Decimal("54000"), unit="GPUs", qualifier="over")  # fmt: skip
    ClaimFactory(
        company=import_targets["minimax"], value=Decimal("-12.5"), unit="%", metric="change"
    )
    VerdictClaimFactory(status="unverifiable", value=Decimal("0.000001"), unit="USD")
    # Factories bypass the services, which store each claim's dollar value: do it here.
    for claim in Claim.objects.all():
        claim.usd_value = fx_rates.to_usd(claim.value, claim.unit, claim.as_of)
        claim.save(update_fields=["usd_value"])


def export_text() -> str:
    out = io.StringIO()
    call_command("export_claims", stdout=out)
    return out.getvalue()


def without_id_and_published_at(text: str) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        del row["id"], row["published_at"]
    return rows


def test_export_import_export_gives_the_same_file(full_desk, tmp_path):
    first = export_text()
    Claim.objects.all().delete()  # an empty desk (companies and articles stay)
    (tmp_path / "claims.csv").write_text(first, encoding="utf-8", newline="")

    call_command("import_claims", str(tmp_path / "claims.csv"), "--as-new", stdout=io.StringIO())
    second = export_text()

    assert without_id_and_published_at(second) == without_id_and_published_at(first)
    assert len(second.splitlines()) == len(first.splitlines())
    assert Claim.objects.count() == 6


def test_without_as_new_the_exported_ids_must_exist(full_desk, tmp_path):
    (tmp_path / "claims.csv").write_text(export_text(), encoding="utf-8", newline="")
    Claim.objects.all().delete()
    with pytest.raises(CommandError, match="Nothing was imported: 6 row"):
        call_command("import_claims", str(tmp_path / "claims.csv"), stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip


def test_importing_an_export_into_the_same_desk_changes_nothing(full_desk, tmp_path):
    first = export_text()
    (tmp_path / "claims.csv").write_text(first, encoding="utf-8", newline="")
    out = io.StringIO()

    call_command("import_claims", str(tmp_path / "claims.csv"), stdout=out)

    assert out.getvalue() == "Imported: 0 new, 0 updated, 6 unchanged.\n"
    assert export_text() == first  # ids and publication included

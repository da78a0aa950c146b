"""What the good sample file becomes: figures as written, companies by any name, sources, history."""

import datetime as dt
from decimal import Decimal

import pytest

from factcheck.models import Claim, FxRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(import_targets, import_file):
    FxRate.objects.create(currency="USD", date=dt.date(2024, 6, 28), per_eur=Decimal("1.0705"))
    FxRate.objects.create(currency="CNY", date=dt.date(2024, 6, 28), per_eur=Decimal("7.7748"))
    report = import_file("claims_good.csv")
    assert report.ok, [str(e) for e in report.errors]
    return {claim.quote.split()[0]: claim for claim in Claim.objects.select_related("company")}


def test_counts(import_targets, import_file):
    report = import_file("claims_good.csv")
    assert (report.new, report.updated, report.unchanged) == (6, 0, 0)
    assert report.summary() == "Imported: 6 new, 0 updated, 0 unchanged."


def test_figures_as_written(imported):
    figures = {word: (c.value, c.unit, c.qualifier) for word, c in imported.items()}
    assert figures == {
        "OpenAI's": (Decimal("157000000000"), "USD", "exact"),
        "Zhipu": (Decimal("2477000000"), "CNY", "about"),
        "Its": (Decimal("9.7"), "HKD", "exact"),
        "Revenue": (Decimal("168"), "%", "exact"),
        "The": (Decimal("54000"), "GPUs", "over"),
        "=HYPERLINK(1)": (Decimal("157000000000"), "USD", "exact"),
    }


def test_companies_by_name_slug_or_alias_and_blank(imported, import_targets):
    assert imported["Zhipu"].company == import_targets["zhipu"]  # by name
    assert imported["Revenue"].company == import_targets["minimax"]  # by slug
    assert imported["Its"].company == import_targets["moonshot"]  # by alias, any case
    assert imported["=HYPERLINK(1)"].company is None
    assert imported["Revenue"].article is None
    assert imported["Zhipu"].article == import_targets["article"]


def test_a_quoted_cell_keeps_its_newline(imported):
    assert imported["Zhipu"].quote == "Zhipu raised RMB 2.477 billion\nin its latest round."


def test_sources_one_per_url(imported):
    urls = list(imported["Revenue"].sources.order_by("pk").values_list("url", flat=True))
    assert urls == ["https://minimax.example/annual-report", "https://news.example/minimax"]


def test_verdict_fields(imported):
    minimax = imported["Revenue"]
    assert (minimax.status, minimax.corrected_value) == ("inaccurate", Decimal("158"))
    assert minimax.note == "The filing says 158%."
    assert minimax.reviewed_at is not None
    assert minimax.reviewed_by is None  # imported by the system


def test_neutralised_cells_come_back_as_typed(imported):
    claim = imported["=HYPERLINK(1)"]
    assert claim.quote == "=HYPERLINK(1) is what a spreadsheet would run"
    assert claim.note == "-starts with a minus"


def test_importing_never_publishes_and_ignores_usd_value(imported):
    assert not Claim.objects.filter(published_at__isnull=False).exists()
    assert not Claim.objects.public().exists()
    assert imported["=HYPERLINK(1)"].usd_value == Decimal("157000000000.00")  # not the file's 999


def test_usd_value_computed_as_the_desk_computes_it(imported):
    from factcheck import fx_rates

    zhipu = imported["Zhipu"]
    assert zhipu.usd_value == fx_rates.to_usd(zhipu.value, "CNY", zhipu.as_of)
    assert zhipu.usd_value == Decimal("341054239.34")
    assert imported["Revenue"].usd_value is None  # a percentage is not money


def test_every_claim_and_source_has_its_history(imported):
    for claim in imported.values():
        (record,) = claim.history.all()
        assert record.history_type == "+"
        assert record.history_change_reason.startswith("Imported from claims_good.csv, line ")
        assert record.version == 1
        for source in claim.sources.all():
            assert [r.history_type for r in source.history.all()] == ["+"]
    assert imported["Revenue"].history.get().history_change_reason.endswith("line 6")


def test_new_claims_start_at_version_one(imported):
    assert {c.version for c in imported.values()} == {1}

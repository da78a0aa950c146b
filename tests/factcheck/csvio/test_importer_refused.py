"""Every broken kind of row in tests/data refuses the whole import and names its line.

Each broken file has good rows around the bad one (line 7, after a quoted cell that spans
two lines), so these tests also check that nothing at all is written and that lines are
counted as a spreadsheet counts them.
"""

import pytest

from factcheck.models import Claim, Source

pytestmark = pytest.mark.django_db

BROKEN_ROWS = [
    ("claims_unknown_company.csv", "company", "no company 'Zhipu A1' — did you mean 'Zhipu AI'?"),
    ("claims_unit_conflict.csv", "unit", "the value says USD, the unit column says HKD"),
    ("claims_bad_value.csv", "value", "'a lot' is not a figure"),
    ("claims_unknown_metric.csv", "metric", "'valuaton' is not a metric: use one of valuation, funding,"),
    ("claims_unknown_status.csv", "status", "'approved' is not a status: use one of unverified, in_review, verified,"),
    ("claims_unknown_qualifier.csv", "qualifier", "'roughly-ish' is not a qualifier: use one of exact, about, over,"),
    ("claims_bad_date.csv", "as_of", "'05/08/2024' is not a date written YYYY-MM-DD"),
    ("claims_bad_source.csv", "sources", "'ftp://files.example/b': Enter an http:// or https:// URL."),
    ("claims_unknown_id.csv", "id", "there is no claim 999999: leave id blank to add a new claim."),
    ("claims_bad_article.csv", "article", "no article 'six-tiger' — did you mean 'six-tigers'?"),
    ("claims_verdict_without_source.csv", "sources", "A verdict (verified) needs at least one source"),
    ("claims_inaccurate_without_correction.csv", "corrected_value", "An inaccurate claim needs the corrected figure"),
    ("claims_bad_corrected_value.csv", "corrected_value", "is not in the claim's unit (USD)"),
    ("claims_missing_quote.csv", "quote", "This field cannot be blank."),
    ("claims_too_precise.csv", "value", "no more than 6 decimal places"),
    ("claims_short_row.csv", "", "5 cells, but the header has 16 columns"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "column", "message"), BROKEN_ROWS)
def test_a_bad_row_refuses_the_whole_file_naming_its_line(
    import_targets, import_file, name, column, message
):
    report = import_file(name)

    assert [(e.line, e.column) for e in report.errors] == [(7, column)]
    assert message in report.errors[0].message
    assert not Claim.objects.exists()
    assert not Claim.history.exists()
    assert not Source.objects.exists()


def test_the_error_reads_as_line_column_message(import_targets, import_file):
    report = import_file("claims_unknown_company.csv")
    assert (
        str(report.errors[0]) == "line 7, company: no company 'Zhipu A1' — did you mean 'Zhipu AI'?"
    )


def test_every_bad_row_and_cell_is_reported(import_targets, import_file):
    report = import_file("claims_several_errors.csv")

    assert [str(e) for e in report.errors] == [
        "line 3, company: no company 'Zhipu A1' — did you mean 'Zhipu AI'?",
        "line 6, as_of: '2024-13-01' is not a date written YYYY-MM-DD (e.g. 2024-06-30).",
        "line 6, metric: 'revenu' is not a metric: use one of valuation, funding, market_cap, "
        "revenue, net_income, net_loss, share_price, change, compute, count, forecast, other.",
    ]
    assert report.summary() == (
        "Nothing was imported: 2 row(s) have errors. The other rows: 3 new, 0 updated, 0 unchanged."
    )
    assert not Claim.objects.exists()


def test_a_bad_row_in_a_later_batch_undoes_the_batches_already_written(
    import_targets, import_file, monkeypatch
):
    monkeypatch.setattr("factcheck.csvio.importer.BATCH_SIZE", 2)
    report = import_file("claims_unknown_company.csv")

    assert [e.line for e in report.errors] == [7]
    assert not Claim.objects.exists()
    assert not Claim.history.exists()


def test_claim_has_no_clean_of_its_own():
    """rows.FieldChecks runs the model's field validation without building a Claim per
    row; if Claim ever gets a clean(), the import must call it too."""
    from django.db import models

    from factcheck.models import Claim

    assert Claim.clean is models.Model.clean

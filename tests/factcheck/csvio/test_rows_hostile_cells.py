"""Cells an import cannot store or read are a row error with their line, never a crash.

PostgreSQL refuses a NUL character in text and SQLite would store it silently, so both
must refuse it the same way, before anything is written, wherever it is in the file.
"""

import pytest

from factcheck.csvio.columns import HEADER
from factcheck.csvio.reader import CSVFileError
from factcheck.models import Claim, Source
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

GOOD = {"company": "OpenAI", "quote": "OpenAI's valuation reached $157 billion.", "value": "5"}
NUL_MESSAGE = "contains a NUL character (byte 0), which cannot be stored: remove it."


def nothing_written():
    assert not Claim.objects.exists()
    assert not Claim.history.exists()
    assert not Source.objects.exists()


@pytest.mark.parametrize("column", HEADER)
def test_a_nul_in_any_cell_names_its_line_and_column(import_targets, import_file, column):
    bad = {**GOOD, column: (GOOD.get(column) or "x") + "\x00"}
    report = import_file(csv_bytes(GOOD, bad, GOOD))
    assert [str(e) for e in report.errors] == [f"line 3, {column}: {NUL_MESSAGE}"]
    nothing_written()


def test_a_nul_beyond_the_first_4_kb_names_its_line(import_targets, import_file):
    rows = [{**GOOD, "quote": f"Claim number {n} about a valuation."} for n in range(200)]
    rows.append({**GOOD, "note": "Asked\x00 twice."})
    data = csv_bytes(*rows)
    assert data.index(b"\x00") > 4096

    report = import_file(data)

    assert [str(e) for e in report.errors] == [f"line 202, note: {NUL_MESSAGE}"]
    nothing_written()


def test_a_nul_inside_a_quoted_cell_over_two_lines(import_targets, import_file):
    data = b'quote,value,company\nA claim,5,OpenAI\n"Two\nli\x00nes",6,OpenAI\nMore,7,OpenAI\n'
    report = import_file(data)
    assert [str(e) for e in report.errors] == [f"line 3, quote: {NUL_MESSAGE}"]
    nothing_written()


def test_a_nul_in_an_update_leaves_the_stored_claim(import_targets, import_file):
    claim = ClaimFactory(quote="Stored words.")
    report = import_file(csv_bytes(row_for(claim, quote="New\x00 words.")))
    assert [(e.line, e.column) for e in report.errors] == [(2, "quote")]
    claim.refresh_from_db()
    assert (claim.quote, claim.version, claim.history.count()) == ("Stored words.", 1, 1)


def test_a_nul_in_the_header_line_is_a_binary_file(import_targets, import_file):
    with pytest.raises(CSVFileError, match="This is not a CSV file: it contains binary data."):
        import_file(b"quote,val\x00ue\nA claim,5\n")
    nothing_written()


BAD_IDS = [
    "²",  # a digit to str.isdigit(), not a number int() reads the same way everywhere
    "١٢",  # Arabic-Indic digits
    "１２",  # full-width digits
    "99999999999999999999999",
    "9223372036854775808",  # one past the largest key
    "-1",
    "0",
    "1.5",
    "1e3",
    "0x10",
    "+7",
]


@pytest.mark.parametrize("text", BAD_IDS)
def test_an_id_that_is_not_a_claim_id(import_targets, import_file, text):
    report = import_file(csv_bytes({**GOOD, "id": text}, GOOD))
    assert [str(e) for e in report.errors] == [
        f"line 2, id: '{text}' is not a claim id: use the number from an export, or leave it "
        "blank for a new claim."
    ]
    nothing_written()


@pytest.mark.parametrize("number", [2**31, 2**63 - 1])
def test_a_large_id_that_fits_the_key_is_looked_up(import_targets, import_file, number):
    """Past a 32-bit integer, up to the largest key: no claim has it, which the row says."""
    report = import_file(csv_bytes({**GOOD, "id": str(number), "version": "1"}))
    assert [str(e) for e in report.errors] == [
        f"line 2, id: there is no claim {number}: leave id blank to add a new claim."
    ]
    nothing_written()


def test_a_very_long_id_is_shortened_in_the_message(import_targets, import_file):
    report = import_file(csv_bytes({**GOOD, "id": "9" * 5000}))
    assert len(report.errors) == 1
    assert len(report.errors[0].message) < 200

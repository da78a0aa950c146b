"""A file that cannot be read as a claims CSV gets one clear error: no traceback, no mojibake."""

import pytest

from factcheck.csvio.reader import CSVFileError
from factcheck.models import Claim

pytestmark = pytest.mark.django_db

SAVE_AS = 'Save it from the spreadsheet as "CSV UTF-8" and upload it again.'

BROKEN_FILES = [
    ("claims_latin1.csv", "The file is not UTF-8: line 7 (byte 0x92) is in another encoding (Windows-1252 or Latin-1?). " + SAVE_AS),
    ("claims_utf16.csv", "The file is encoded as UTF-16, not UTF-8. " + SAVE_AS),
    ("claims_empty.csv", "The file is empty: it needs a header line (id, version, article, company, …) and then one line per claim."),
    ("claims_binary.csv", "This is not a CSV file: it is a zip archive (an Excel .xlsx or OpenDocument .ods workbook?). " + SAVE_AS),
    ("claims_nul_bytes.csv", "This is not a CSV file: it contains binary data. " + SAVE_AS),
    ("claims_missing_columns.csv", "Line 1 (the header): unknown column 'figure'; missing required column 'quote', 'value'. The columns are: id, version, article, company, quote, metric, value, as_written, unit, usd_value, qualifier, as_of, period, status, note, corrected_value, sources, published_at, language."),
    ("claims_unclosed_quote.csv", "Line 7: the CSV cannot be read (unexpected end of data). A quote (\") is probably not closed: check that cell."),
]  # fmt: skip


@pytest.mark.parametrize(("name", "message"), BROKEN_FILES)
def test_one_clear_error_for_the_file(import_targets, import_file, name, message):
    with pytest.raises(CSVFileError) as raised:
        import_file(name)

    assert str(raised.value) == message
    assert not Claim.objects.exists()


def test_a_misspelt_column_is_named_with_its_likely_spelling(import_targets, import_file):
    with pytest.raises(CSVFileError, match="unknown column 'compnay' — did you mean 'company'"):
        import_file(b"quote,value,compnay\nA claim,5,OpenAI\n")


def test_a_column_given_twice_is_refused(import_targets, import_file):
    with pytest.raises(CSVFileError, match="column 'value' appears twice"):
        import_file(b"quote,value,value\nA claim,5,6\n")


def test_an_encoding_error_past_the_first_chunk_names_its_line(import_targets, import_file):
    good = ",,OpenAI,Its valuation reached $157 billion.,valuation,157000000000,USD\n"
    data = ("id,article,company,quote,metric,value,unit\n" + good * 3000).encode()
    data += ",,OpenAI,Caf\xe9 valuation,valuation,5,USD\n".encode("latin-1")

    with pytest.raises(CSVFileError, match=r"line 3002 \(byte 0xE9\)"):
        import_file(data)
    assert not Claim.objects.exists()


def test_a_header_only_file_imports_nothing(import_targets, import_file):
    report = import_file("claims_header_only.csv")
    assert report.ok
    assert (report.new, report.updated, report.unchanged) == (0, 0, 0)


def test_utf8_with_a_bom_reads_like_utf8(import_targets, import_file):
    report = import_file("claims_good_bom.csv")

    assert report.ok, report.errors
    assert report.new == 2
    assert Claim.objects.filter(quote__startswith="OpenAI's valuation").exists()


def test_crlf_line_endings_and_blank_lines(import_targets, import_file):
    data = (
        b"quote,value,company\r\n"
        b"\r\n"
        b"A claim,5,OpenAI\r\n"
        b",,\r\n"
        b'"Two\r\nlines",6,OpenAI\r\n'
        b"Bad,7,Nobody\r\n"
    )
    report = import_file(data)
    assert [str(e) for e in report.errors] == ["line 7, company: no company 'Nobody'"]


def test_the_file_is_checked_before_the_database_is_touched(import_file, django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(CSVFileError):
        import_file("claims_missing_columns.csv")

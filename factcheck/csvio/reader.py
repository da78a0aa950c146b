"""Reading a claims CSV as a stream of rows, each with the line a spreadsheet shows for it.

Whatever is wrong with the file as a whole (not UTF-8, a spreadsheet saved as .xlsx, empty, a
missing column) is raised once as `CSVFileError`, with a sentence an editor can act on: never
a traceback, never mojibake. Rows are read one at a time, so memory stays flat whatever the
size of the file.
"""

import codecs
import csv
import difflib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from factcheck.csvio.columns import HEADER

REQUIRED_COLUMNS = ("quote", "value")
SAVE_AS_UTF8 = 'Save it from the spreadsheet as "CSV UTF-8" and upload it again.'

# Byte-order marks of encodings a spreadsheet may use but we do not read.
FOREIGN_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}
# What a binary file starts with, and what it probably is.
BINARY_SIGNATURES = {
    b"PK\x03\x04": "a zip archive (an Excel .xlsx or OpenDocument .ods workbook?)",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook",
    b"%PDF": "a PDF document",
}


class CSVFileError(ValueError):
    """The file as a whole cannot be read as a claims CSV; the message says why and what to do."""


@dataclass(slots=True)
class CSVRow:
    """One data row: the line it starts on (header = line 1) and its cells by column name."""

    line: int
    cells: dict[str, str]
    width: int  # how many cells the line had: a row error unless it is the header's width


def _check_start(head: bytes) -> None:
    if not head.strip() or head.strip() == codecs.BOM_UTF8:
        raise CSVFileError(
            "The file is empty: it needs a header line (" + ", ".join(HEADER[:4]) + ", …) "
            "and then one line per claim."
        )
    for bom, name in FOREIGN_BOMS.items():
        if head.startswith(bom):
            raise CSVFileError(f"The file is encoded as {name}, not UTF-8. {SAVE_AS_UTF8}")
    for signature, what in BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise CSVFileError(f"This is not a CSV file: it is {what}. {SAVE_AS_UTF8}")
    # A NUL in the header line means binary data (or UTF-16 without its mark); one in a
    # later line is a bad cell, which the row's check reports with its line and column.
    if b"\x00" in head.split(b"\n", 1)[0]:
        raise CSVFileError(f"This is not a CSV file: it contains binary data. {SAVE_AS_UTF8}")


def _locate_bad_byte(binary: BinaryIO) -> str:
    """Where the first byte that is not UTF-8 is, as "line N" (only if the file can be re-read)."""
    if not binary.seekable():
        return "it"
    binary.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    while chunk := binary.read(1 << 16):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            bad = chunk[error.start]
            line += chunk.count(b"\n", 0, error.start)
            return f"line {line} (byte 0x{bad:02X})"
        line += chunk.count(b"\n")
    return "it"


def _check_header(header: list[str]) -> list[str]:
    """The header's column names, cleaned; unknown, repeated or missing columns are refused."""
    columns = [name.strip().lower().lstrip("\ufeff") for name in header]
    problems = []
    for name in columns:
        if name not in HEADER:
            close = difflib.get_close_matches(name, HEADER, n=1)
            hint = f" — did you mean '{close[0]}'?" if close else ""
            problems.append(f"unknown column '{name}'{hint}")
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    problems += [f"column '{name}' appears twice" for name in repeated]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        problems.append("missing required column " + ", ".join(f"'{m}'" for m in missing))
    if problems:
        raise CSVFileError(
            "Line 1 (the header): "
            + "; ".join(problems)
            + ". The columns are: "
            + ", ".join(HEADER)
            + "."
        )
    return columns


def read_rows(binary: BinaryIO) -> Iterator[CSVRow]:
    """The data rows of a claims CSV in `binary` (UTF-8, with or without a BOM).

    The file's start and its header are checked at once, before any row is asked for (and
    before anything else is done with the file); blank lines are skipped. Raises
    CSVFileError for a problem with the file as a whole.
    """
    return iter(_RowReader(binary))


class _RowReader:
    """The csv reader over the decoded file, with each file problem turned into a sentence."""

    def __init__(self, binary: BinaryIO):
        self.binary = binary
        head = binary.read(4096)
        _check_start(head)
        if binary.seekable():
            binary.seek(0)
            source = binary
        else:
            source = io.BufferedReader(_Prepended(head, binary))
        self.text = io.TextIOWrapper(source, encoding="utf-8-sig", errors="strict", newline="")
        self.reader = csv.reader(self.text, strict=True)
        self.previous_end = 0  # the last physical line of the previous row
        self.released = False
        with self._explained():
            header = next(self.reader, None)
            if header is None:
                raise CSVFileError(
                    "The file is empty: it needs a header line and one line per claim."
                )
            self.columns = _check_header(header)
            self.previous_end = self.reader.line_num

    def __iter__(self) -> Iterator[CSVRow]:
        columns = self.columns
        try:
            with self._explained():
                for cells in self.reader:
                    start, self.previous_end = self.previous_end + 1, self.reader.line_num
                    if not any(cell.strip() for cell in cells):
                        continue
                    padded = cells + [""] * (len(columns) - len(cells))
                    yield CSVRow(start, dict(zip(columns, padded, strict=False)), len(cells))
        finally:
            self._release()

    @contextmanager
    def _explained(self):
        """Turn a decoding or CSV error into CSVFileError, letting go of the file."""
        try:
            yield
        except UnicodeDecodeError:
            self._release()
            where = _locate_bad_byte(self.binary)
            raise CSVFileError(
                f"The file is not UTF-8: {where} is in another encoding "
                "(Windows-1252 or Latin-1?). " + SAVE_AS_UTF8
            ) from None
        except csv.Error as error:
            self._release()
            raise CSVFileError(
                f"Line {self.previous_end + 1}: the CSV cannot be read ({error}). "
                'A quote (") is probably not closed: check that cell.'
            ) from None
        except CSVFileError:
            self._release()
            raise

    def _release(self) -> None:
        """Let go of the file without closing it: it is the caller's (and may be stdin)."""
        if not self.released:
            self.released = True
            if not self.text.closed:  # a caller may close the file before the rows run out
                self.text.detach()


class _Prepended(io.RawIOBase):
    """A non-seekable stream with the bytes already read from it put back in front."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size], self._head = self._head[:size], self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

"""Streaming claims out as CSV with flat memory, however many there are.

Claims are read in chunks by primary key (keyset pagination: each chunk is one indexed
query, whatever the offset), with one more query per chunk for their sources, and written
as they come. Nothing holds more than one chunk, so a million claims take as little memory
as a thousand. Rows come from csvio, so cells are neutralised here as in every export.

These are the desk's exports (the admin's, and `export_claims` on SQLite): pending changes
are left out (`Claim.objects.desk()`), as the desk's lists reach them from their claim.
"""

import csv
from collections.abc import Iterator
from typing import TextIO

from django.db.models import QuerySet

from factcheck.csvio import HEADER, VALUE_FIELDS, row_from_values
from factcheck.models import Source

CHUNK_SIZE = 5000
UTF8_BOM = "\ufeff"


def iter_rows(claims: QuerySet, chunk_size: int = CHUNK_SIZE) -> Iterator[list[str]]:
    """The CSV rows of `claims` (pending changes left out), in id order, without the header."""
    claims = claims.desk().order_by("pk")
    last = 0
    while True:
        chunk = list(claims.filter(pk__gt=last).values_list(*VALUE_FIELDS)[:chunk_size])
        if not chunk:
            return
        ids = [values[0] for values in chunk]
        urls: dict[int, list[str]] = {}
        # The chunk's ids as a subquery, not 5,000 bound parameters.
        chunk_ids = claims.filter(pk__gt=last).values("pk")[:chunk_size]
        sources = Source.objects.filter(claim_id__in=chunk_ids).order_by("pk")
        for claim_id, url in sources.values_list("claim_id", "url"):
            urls.setdefault(claim_id, []).append(url)
        for values in chunk:
            yield row_from_values(values, urls.get(values[0], ()))
        last = ids[-1]


class _Echo:
    """A file-like object that hands back what is written: csv.writer into a generator."""

    def write(self, text: str) -> str:
        return text


def iter_csv(claims: QuerySet, *, bom: bool = False) -> Iterator[str]:
    """The whole CSV file of `claims` as text chunks (for streaming HTTP responses)."""
    writer = csv.writer(_Echo())
    yield (UTF8_BOM if bom else "") + writer.writerow(HEADER)
    buffer = []
    for row in iter_rows(claims):
        buffer.append(writer.writerow(row))
        if len(buffer) >= 500:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def write_csv(claims: QuerySet, out: TextIO) -> int:
    """Write `claims` as CSV (header first) to `out`; returns how many claims were written."""
    writer = csv.writer(out)
    writer.writerow(HEADER)
    count = 0
    for row in iter_rows(claims):
        writer.writerow(row)
        count += 1
    return count

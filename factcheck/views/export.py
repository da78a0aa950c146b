"""`/claims.csv`: exactly the rows of `/claims/` for the same query parameters, streamed.

Rows come from the shared pipeline (filters.public_claims) and are written by csvio, the
module every export path uses, so each cell is neutralised against spreadsheet formulas.
Memory stays flat: claims are read in chunks, with one query for the sources of each chunk.
"""

import csv
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse

from factcheck import csvio
from factcheck.filters import public_claims
from factcheck.models import Source

from .caching import public_page, request_version
from .listing import cached_companies

CHUNK = 1000


class _Echo:
    """A file-like object whose write() hands the line straight back to the stream."""

    def write(self, value):
        return value


def _source_urls(claim_ids: list[int]) -> dict[int, list[str]]:
    urls: dict[int, list[str]] = {pk: [] for pk in claim_ids}
    rows = (
        Source.objects.filter(claim_id__in=claim_ids).order_by("pk").values_list("claim_id", "url")
    )
    for claim_id, url in rows:
        urls[claim_id].append(url)
    return urls


def csv_lines(queryset):
    """The CSV text of `queryset` (sorted claims), header first, one line at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow(csvio.HEADER)
    values = queryset.values_list(*csvio.VALUE_FIELDS).iterator(chunk_size=CHUNK)
    while chunk := list(islice(values, CHUNK)):
        urls = _source_urls([row[0] for row in chunk])
        for row in chunk:
            yield writer.writerow(csvio.row_from_values(row, urls[row[0]]))


@public_page
def claims_csv(request):
    query = public_claims(request.GET, companies=cached_companies(request_version(request)))
    if query.errors:
        lines = [f"{name}: {' '.join(messages)}" for name, messages in query.errors.items()]
        return HttpResponse(
            "The CSV was not made; fix these query parameters:\n" + "\n".join(lines) + "\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = StreamingHttpResponse(
        csv_lines(query.filtered), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="claims.csv"'
    return response

"""`/claims.csv`: exactly the rows of `/claims/` for the same query parameters, streamed.

Rows come from the shared pipeline (filters.public_claims) and are written by csvio.export,
the stream every export uses, so each cell is neutralised against spreadsheet formulas.
Memory stays flat: claims are read in chunks, with one query for the sources of each chunk.
"""

from django.http import HttpResponse, StreamingHttpResponse

from factcheck.caching import public_page, request_version
from factcheck.csvio.export import iter_csv
from factcheck.filters import public_claims
from factcheck.listing import cached_companies


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
        iter_csv(query.filtered), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="claims.csv"'
    return response

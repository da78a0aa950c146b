"""Reading the public pages' rows back out of HTML, CSV and JSON responses."""

import csv
import io
import re

# Each row's figure as written links to its claim's page.
TABLE_LINK = re.compile(r'<td class="c-figure num" data-label="Figure"><a href="/claims/(\d+)/">')


def table_ids(response) -> list[int]:
    """Claim ids in the order the claims table shows them."""
    return [int(pk) for pk in TABLE_LINK.findall(response.content.decode())]


def csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def csv_ids(response) -> list[int]:
    return [int(row["id"]) for row in csv_rows(response)]


def api_ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]

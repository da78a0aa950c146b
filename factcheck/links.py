"""Which stored URLs may become a link: http(s) only, whatever got into the database.

Forms, the admin and the CSV import already refuse other schemes; this is the second
line, for data that arrived some other way (a restored dump, a raw SQL fix). A
`javascript:` or `data:` URL rendered as a link would run in the reader's browser.
"""

from urllib.parse import urlsplit


def is_http_url(url) -> bool:
    """True for an absolute http:// or https:// URL with a host; False for anything else."""
    if not isinstance(url, str) or url != url.strip():
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)

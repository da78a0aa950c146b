"""The one rule for what may become a link: an absolute http(s) URL with a host."""

import pytest

from factcheck.links import is_http_url
from tests.security import hostile


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=1#c", "http://example.org", "HTTPS://EXAMPLE.ORG/"]
)
def test_http_and_https_urls_may_be_links(url):
    assert is_http_url(url)


@pytest.mark.parametrize(
    "url",
    [
        *hostile.BAD_URLS,
        "JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "//evil.example.org/x",
        "/relative/path",
        "https://",
        "https:/evil",
        "http://[::1",
        "",
        None,
        " https://example.org",
    ],
)
def test_anything_else_may_not(url):
    assert not is_http_url(url)

"""The quick check of source URLs (rows.plain_url_check) never accepts what the field refuses."""

import random

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from factcheck.csvio.rows import plain_url_check
from factcheck.models import Source

URL_FIELD = Source._meta.get_field("url")

TRICKY = [
    "https://news.example.com/story/1",
    "http://a.bc",
    "HTTPS://NEWS.EXAMPLE.COM/A",
    "https://example.com/",
    "https://example.com/path?q=1&r=2#frag",
    "https://sub-domain.example.co.uk/a/b/c.html",
    "ftp://example.com/file",
    "https://localhost/x",
    "https://127.0.0.1/x",
    "https://[::1]/x",
    "https://example/x",
    "https://-bad.example.com/",
    "https://bad-.example.com/",
    "https://exa mple.com/",
    "https://example.com/a b",
    "https://example.com/\t",
    "https://example.c/",
    "https://example.123/",
    "https://user:pw@example.com/",
    "https://example.com:8080/",
    "https://exämple.com/",
    "https://example.com/ä",
    "https://example.com?x=1",
    "https://" + "a" * 64 + ".com/",
    "https://" + "a" * 63 + ".com/",
    "https://" + ".".join(["abcdefghij"] * 30) + ".com/",
    "https://example.com/" + "x" * 990,
    "https://example.com/" + "x" * 240,
    "javascript://example.com/%0aalert(1)",
    "https://xn--nxasmq6b.com/",
    "https://example.xn--p1ai/",
    "https://exa..mple.com/",
    "https://.example.com/",
    "https://example.com./",
    "//example.com/",
    "https:/example.com/",
]


def _field_accepts(url: str) -> bool:
    try:
        URL_FIELD.clean(url, None)
    except ValidationError:
        return False
    return True


def _random_urls(count: int):
    pick = random.Random(15)
    alphabet = "abcXYZ019-._~/?#:@[]% \tä"
    host_alphabet = "abcXYZ019-."
    for _ in range(count):
        letters = host_alphabet if pick.random() < 0.8 else alphabet
        host = "".join(pick.choice(letters) for _ in range(pick.randint(1, 70)))
        path = "".join(pick.choice(alphabet) for _ in range(pick.randint(0, 20)))
        yield f"{pick.choice(['http', 'https', 'HTTP', 'ftp'])}://{host}.{pick.choice(['com', 'c', 'co9', 'org'])}/{path}"


@pytest.mark.parametrize("url", TRICKY)
def test_the_quick_check_accepts_only_what_the_field_accepts(url):
    if plain_url_check(URL_FIELD)(url):
        assert _field_accepts(url), url


def test_random_urls_agree_with_the_field():
    quick = plain_url_check(URL_FIELD)
    quick_ones = [url for url in _random_urls(5000) if quick(url)]
    assert len(quick_ones) > 100  # the comparison is not empty
    assert [url for url in quick_ones if not _field_accepts(url)] == []


def test_the_commonest_urls_take_the_quick_path():
    quick = plain_url_check(URL_FIELD)
    assert quick("https://news.example.com/story/1")
    assert quick("http://www.reuters.com/technology/openai-raises-6-billion-2024-10-02/")


def test_a_field_with_other_checks_is_left_to_itself():
    only_gov = models.URLField(validators=[RegexValidator(r"\.gov/")], max_length=200)
    assert not plain_url_check(only_gov)("https://news.example.com/story/1")


@pytest.mark.django_db
def test_a_refused_url_still_reports_the_fields_message(import_file):
    report = import_file(
        b"quote,value,status,note,sources\nRose.,5,verified,Checked.,ftp://example.com/x\n"
    )
    assert [e.column for e in report.errors] == ["sources"]
    assert "ftp://example.com/x" in str(report.errors[0])

"""Every response carries the security headers; pages run no inline script or style.

CSP comes from django-csp (CONTENT_SECURITY_POLICY in settings/base.py). The only inline
<script> allowed is the claim page's JSON-LD, which is data: browsers do not run it, and
CSP does not apply to it.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import PublishedClaimFactory
from tests.security.outage import database_down

pytestmark = pytest.mark.django_db

SCRIPT_DATA_TYPES = {"application/ld+json"}


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == ["'self'"]
    # inline style attributes: only simple-history's one, by its hash (no 'unsafe-inline')
    assert csp["style-src-attr"] == [
        "'unsafe-hashes'",
        "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
    ]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]


@pytest.fixture
def claim():
    return PublishedClaimFactory()


def surfaces(claim) -> list[str]:
    return [
        reverse("factcheck:home"),
        reverse("factcheck:claims"),
        reverse("factcheck:claim", args=[claim.pk]),
        reverse("factcheck:article", args=[claim.article.slug]),
        reverse("companies:list"),
        reverse("companies:detail", args=[claim.company.slug]),
        reverse("factcheck:claims-csv"),
        reverse("api:claims"),
        "/api/openapi.json",
        reverse("factcheck:feed"),
        reverse("factcheck:sitemap"),
        "/healthz",
        "/claims/999999/",  # the 404 page
        "/claims/?as_of_from=not-a-date",  # a 400 page
        reverse("admin:login"),
    ]


def test_every_surface_carries_the_security_headers(client, claim):
    for url in surfaces(claim):
        response = client.get(url)
        assert response.status_code < 500, url
        assert_security_headers(response)


def test_the_admin_carries_them_too(client, editor, claim):
    client.force_login(editor)
    for url in [
        reverse("admin:index"),
        reverse("admin:factcheck_claim_changelist"),
        reverse("admin:factcheck_claim_change", args=[claim.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert_security_headers(response)


def test_the_outage_page_carries_them_too(client, claim):
    with database_down():
        response = client.get(reverse("factcheck:home"))
    assert response.status_code == 503
    assert_security_headers(response)


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, handlers, style attributes."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inline = tag == "script" and "src" not in attributes
        if inline and attributes.get("type") not in SCRIPT_DATA_TYPES:
            self.problems.append(f"inline <script {attributes}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")


@pytest.mark.parametrize("html_page", [0, 1, 2, 3, 4, 5])
def test_public_pages_have_no_inline_code_that_csp_would_block(client, claim, html_page):
    url = surfaces(claim)[html_page]
    parser = InlineCode()
    parser.feed(client.get(url).content.decode())
    assert parser.problems == [], url


def test_the_claim_page_has_exactly_one_inline_script_and_it_is_json_ld(client, claim):
    html = client.get(reverse("factcheck:claim", args=[claim.pk])).content.decode()
    assert html.count("<script") == 1
    assert '<script type="application/ld+json">' in html

"""Readers report an error: the form on the claim page, what lands in the desk, what never shows."""

import pytest
from django.test import override_settings
from django.urls import reverse

from factcheck.models import ReaderReport

ORIGIN = "http://testserver"


def report_url(claim) -> str:
    return reverse("factcheck:claim-report", args=[claim.pk])


@pytest.fixture
def post(client):
    """POST the report form as a browser on this site would (with its Origin header)."""

    def send(claim, origin=ORIGIN, **data):
        fields = {"message": "The annual report gives a different number.", **data}
        headers = {"HTTP_ORIGIN": origin} if origin else {}
        return client.post(report_url(claim), fields, **headers)

    return send


def test_the_claim_page_has_the_form_posting_to_the_report_url(client, desk):
    claim = desk["revenue"]
    body = client.get(claim.get_absolute_url()).content.decode()
    assert (
        f'<form class="report-form" method="post" action="{report_url(claim)}" novalidate>' in body
    )
    assert 'name="message"' in body and 'name="source_url"' in body and 'name="email"' in body
    assert "csrfmiddlewaretoken" not in body  # the page stays one cached page for everyone


def test_a_report_lands_in_the_desk_and_the_reader_is_thanked(client, desk, post):
    claim = desk["revenue"]
    response = post(
        claim,
        source_url="https://ir.example.com/annual-2023",
        email="reader@example.org",
    )
    assert response.status_code == 303
    assert response["Location"] == f"{report_url(claim)}?sent=1"
    report = ReaderReport.objects.get()
    assert report.claim == claim
    assert report.message == "The annual report gives a different number."
    assert report.source_url == "https://ir.example.com/annual-2023"
    assert report.email == "reader@example.org"
    assert report.state == ReaderReport.State.OPEN
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "The desk has your report" in thanks.content.decode()
    assert "no-store" in response["Cache-Control"]  # never cached


def test_reports_are_never_shown_publicly(client, desk, post):
    claim = desk["revenue"]
    post(claim, message="SECRET-REPORT-TEXT is what I saw", email="hidden@example.org")
    for url in [
        claim.get_absolute_url(),
        reverse("factcheck:claims"),
        reverse("api:claim", args=[claim.pk]),
        f"{reverse('factcheck:claims-csv')}",
        reverse("factcheck:claim-embed", args=[claim.pk]),
    ]:
        response = client.get(url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert "SECRET-REPORT-TEXT" not in body, url
        assert "hidden@example.org" not in body, url


def test_only_public_claims_take_reports(client, desk, post):
    for claim in (desk["draft"], desk["unpublished"]):
        assert client.get(report_url(claim)).status_code == 404
        assert post(claim).status_code == 404
    assert client.post("/claims/999999/report/", {"message": "x" * 20}).status_code == 404
    assert not ReaderReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"message": ""}, "message", "Say what is wrong"),
        ({"message": "short"}, "message", "at least 10 characters"),
        ({"message": "x" * 4001}, "message", "under 4000 characters"),
        ({"message": "A NUL \x00 byte in the middle"}, "message", "Null characters"),
        ({"message": "A bell \x07 in the middle"}, "message", "U+0007"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "URL"),
        ({"source_url": "ftp://files.example.org/report.pdf"}, "source_url", "http"),
        ({"source_url": "https://" + "a" * 1000 + ".org"}, "source_url", "1000"),
        ({"email": "not an address"}, "email", "e-mail address"),
    ],
)
def test_bad_input_is_a_form_error_never_a_500(desk, post, data, field, words):
    response = post(desk["revenue"], **data)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert words.lower() in " ".join(form.errors[field]).lower()
    body = response.content.decode()
    assert "The report was not sent" in body
    assert 'aria-invalid="true"' in body
    assert not ReaderReport.objects.exists()


def test_what_the_reader_typed_is_shown_again_escaped(desk, post):
    response = post(desk["revenue"], message="<script>alert('x')</script>", email="not an address")
    body = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(" in body


def test_odd_unicode_is_kept_as_written(desk, post):
    text = "Le chiffre est faux: ９０％, not 80% — 数字错误 👀 e\u0301"
    assert post(desk["revenue"], message=text).status_code == 303
    assert ReaderReport.objects.get().message == text.replace("e\u0301", "é")  # NFC


def test_an_oversized_body_is_refused_with_the_form(desk, post):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000):
        response = post(desk["revenue"], message="x" * 20_000)
    assert response.status_code == 413
    assert "far too long" in response.content.decode()
    assert not ReaderReport.objects.exists()


def test_the_honeypot_thanks_and_drops(desk, post):
    response = post(desk["revenue"], website="http://spam.example")
    assert response.status_code == 303  # a bot learns nothing
    assert not ReaderReport.objects.exists()


def test_the_honeypot_is_hidden_from_people(client, desk):
    body = client.get(desk["revenue"].get_absolute_url()).content.decode()
    hidden = body.index('<div class="honeypot" hidden>')
    assert body.index('name="website"') > hidden


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {},  # neither: a browser always sends one of them on a form POST
    ],
)
def test_posts_from_other_sites_are_refused(client, desk, headers):
    claim = desk["revenue"]
    response = client.post(report_url(claim), {"message": "A forged report text"}, **headers)
    assert response.status_code == 403
    assert "could not be accepted" in response.content.decode()
    assert not ReaderReport.objects.exists()


def test_a_same_site_referer_is_enough(client, desk):
    claim = desk["revenue"]
    response = client.post(
        report_url(claim),
        {"message": "Sent by a browser that gives only a Referer."},
        HTTP_REFERER=f"http://testserver{claim.get_absolute_url()}",
    )
    assert response.status_code == 303


@override_settings(FACTDESK_REPORTS_PER_HOUR=3)
def test_reports_are_limited_per_client(client, desk, post):
    claim = desk["revenue"]
    for _ in range(3):
        assert post(claim).status_code == 303
    response = post(claim)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Too many reports" in response.content.decode()
    assert ReaderReport.objects.count() == 3
    other = client.post(
        report_url(claim),
        {"message": "From another reader's connection."},
        HTTP_ORIGIN=ORIGIN,
        REMOTE_ADDR="198.51.100.7",
    )
    assert other.status_code == 303


@override_settings(FACTDESK_REPORTS_PER_HOUR=1, FACTDESK_TRUSTED_PROXIES=1)
def test_behind_a_proxy_the_forwarded_address_is_the_client(client, desk):
    claim = desk["revenue"]

    def send(forwarded):
        return client.post(
            report_url(claim),
            {"message": "Reported through the proxy."},
            HTTP_ORIGIN=ORIGIN,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    assert send("203.0.113.1").status_code == 303
    assert send("203.0.113.2").status_code == 303  # another reader, same proxy
    assert send("10.0.0.9, 203.0.113.1").status_code == 429  # a spoofed first hop is ignored


def test_form_errors_do_not_count_against_the_limit(desk, post):
    with override_settings(FACTDESK_REPORTS_PER_HOUR=1):
        for _ in range(3):
            assert post(desk["revenue"], message="").status_code == 400
        assert post(desk["revenue"]).status_code == 303


def test_the_report_page_is_not_indexed(client, desk):
    response = client.get(report_url(desk["revenue"]))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_with_the_cache_down_a_report_still_lands(desk, post, settings):
    settings.CACHES = {  # nothing listens on port 9: Redis is down
        "default": {
            "BACKEND": "factcheck.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    response = post(desk["revenue"])
    assert response.status_code == 303
    assert ReaderReport.objects.filter(claim=desk["revenue"]).exists()

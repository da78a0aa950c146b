"""Production behind a TLS-terminating proxy: HTTPS enforced, cookies secure, HSTS sent.

The values are read from factcheck.settings.production in a subprocess (it refuses to
import without a real SECRET_KEY), then applied here to real requests: a login over
HTTPS must set only Secure, HttpOnly cookies.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
KEY = "p" * 20 + "Zq8-uR2_vX5yT1wP0sL9mN3bV7cH4gJ6"
NAMES = [
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
]


def production_settings(**env) -> dict:
    program = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DEBUG"))}
    clean.update(SECRET_KEY=KEY, DJANGO_SETTINGS_MODULE="factcheck.settings.production", **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", program],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture(scope="module")
def production():
    return production_settings()


def test_production_defaults_are_secure(production):
    assert production["DEBUG"] is False
    assert production["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True


def test_https_settings_come_from_the_environment():
    """docker compose on localhost serves plain HTTP: it says so explicitly."""
    relaxed = production_settings(SECURE_SSL_REDIRECT="false", SECURE_COOKIES="false")
    assert relaxed["SECURE_SSL_REDIRECT"] is False
    assert relaxed["SESSION_COOKIE_SECURE"] is False


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_check(client, production):
    with override_settings(**production):
        redirected = client.get("/claims/")
        assert redirected.status_code == 301
        assert redirected["Location"] == "https://testserver/claims/"
        assert client.get("/healthz").status_code == 200  # the container's probe speaks HTTP


@pytest.mark.django_db
def test_behind_the_proxy_https_is_recognised_and_hsts_sent(client, production):
    with override_settings(**production):
        response = client.get("/claims/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_a_login_over_https_sets_only_secure_httponly_cookies(client, editor, production):
    with override_settings(**production):
        client.get(reverse("admin:login"), HTTP_X_FORWARDED_PROTO="https")
        response = client.post(
            reverse("admin:login"),
            {"username": "edna", "password": "correct horse battery", "next": "/admin/"},
            HTTP_X_FORWARDED_PROTO="https",
        )
    assert response.status_code == 302
    session, csrf = response.cookies["sessionid"], client.cookies["csrftoken"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert csrf["secure"] and csrf["httponly"]

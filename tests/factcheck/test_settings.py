"""Production settings refuse to start without a real SECRET_KEY and pass check --deploy."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.production import manage_in_production

GOOD_KEY = "k" * 20 + "Zq8-uR2_vX5yT1wP0sL9mN3bV7cH4gJ6"


def run_manage(*args, **env):
    return manage_in_production(*args, **env)


@pytest.mark.parametrize("key", [None, "", "change-me", "django-insecure-abc", "short"])
def test_production_refuses_a_missing_or_default_secret_key(key):
    env = {} if key is None else {"SECRET_KEY": key}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is missing or a default" in result.stderr


def test_production_check_deploy_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="factdesk.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_production_defaults_to_debug_off():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        SECRET_KEY=GOOD_KEY,
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


@pytest.mark.django_db
def test_ensure_admin_uses_the_given_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-local-password")
    call_command("ensure_admin", stdout=StringIO())
    assert User.objects.get(username="admin").check_password("a-long-local-password")


@pytest.mark.django_db
def test_ensure_admin_generates_and_prints_a_password_once(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    assert User.objects.get(username="admin").check_password(password)
    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()

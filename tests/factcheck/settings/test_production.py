"""Production settings refuse to start without a real SECRET_KEY and pass check --deploy."""

import pytest

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

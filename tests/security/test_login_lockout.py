"""Brute force on the admin: a few failures lock that username from that address, for a while.

django-axes, configured in settings/base.py: AXES_FAILURE_LIMIT failures (5) lock the
username+IP pair for AXES_COOLOFF_TIME (a quarter of an hour), then it opens again by itself.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # UserFactory's
LOGIN = reverse("admin:login")
ATTACKER = "203.0.113.9"


@pytest.fixture
def victim():
    return UserFactory(username="vera", role="Editor")


def attempt(client, username, password, ip=ATTACKER, **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
        **headers,
    )


def fail_until_locked(client, username, ip=ATTACKER):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, username, "guess", ip=ip)
        assert response.status_code in (200, 429)  # the form again, then the lockout


def assert_locked(response):
    assert response.status_code == 429
    assert "too many login attempts" in response.content.decode().lower()


def test_the_limit_is_a_few_failures_and_the_lock_a_while_not_forever():
    assert 3 <= settings.AXES_FAILURE_LIMIT <= 10
    assert 0 < settings.AXES_COOLOFF_TIME <= 1  # hours
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_failures_below_the_limit_still_let_the_right_password_in(client, victim):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "vera", "guess").status_code == 200
    assert attempt(client, "vera", PASSWORD).status_code == 302


def test_after_the_limit_even_the_right_password_is_refused(client, victim):
    """Otherwise the attacker learns which guess was right."""
    fail_until_locked(client, "vera")
    assert_locked(attempt(client, "vera", PASSWORD))
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_by_itself_after_the_cool_off(client, victim):
    fail_until_locked(client, "vera")
    assert_locked(attempt(client, "vera", PASSWORD))
    # Let the cool-off pass: every recorded failure becomes older than it.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - dt.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    )
    assert attempt(client, "vera", PASSWORD).status_code == 302


def test_a_success_resets_the_count(client, victim):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "vera", "guess")
    assert attempt(client, "vera", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "vera", "guess")
    assert attempt(client, "vera", PASSWORD).status_code == 302


def test_the_lock_is_per_username_and_address(client, victim):
    """An attacker cannot lock a real editor out of the desk from somewhere else."""
    UserFactory(username="walt", role="Editor")
    fail_until_locked(client, "vera")
    assert attempt(client, "walt", PASSWORD).status_code == 302  # same address, other user
    client.logout()
    assert attempt(client, "vera", PASSWORD, ip="198.51.100.7").status_code == 302


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, victim):
    """The address is the connection's (REMOTE_ADDR), not a header the attacker writes."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "vera", "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert_locked(attempt(client, "vera", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200"))


def test_unknown_usernames_are_locked_out_too(client):
    """Guessing usernames is brute force as well, and the answer does not say which exist."""
    fail_until_locked(client, "nobody")
    assert_locked(attempt(client, "nobody", "guess"))

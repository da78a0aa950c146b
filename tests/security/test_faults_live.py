"""The database really goes away and comes back; the app server says 503, then recovers alone.

A gunicorn worker (persistent connections with health checks, as in production) reaches
PostgreSQL through a loopback relay. Cutting the relay drops the worker's live connection
and refuses new ones; restoring it must bring pages back with no restart.

PostgreSQL only: SQLite is a file inside the app's own process, with no server to lose.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import PublishedClaimFactory
from tests.security.tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no database server to lose; run with DATABASE_URL=postgres://…",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback http
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def relay():
    db = connection.settings_dict
    proxy = TcpProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def server(relay):
    """gunicorn serving the app, its database behind `relay`; yields the base URL."""
    db = connection.settings_dict
    port = free_port()
    url = f"postgres://{db['USER']}@127.0.0.1:{relay.port}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tests.security.live_settings",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "factcheck.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if get(f"{base}/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail(f"the app server did not start: {process.communicate()[0].decode()[-2000:]}")
    yield base
    process.terminate()
    process.wait(timeout=10)


def test_outage_answers_503_then_the_app_recovers_by_itself(server, relay):
    claim = PublishedClaimFactory(quote="Revenue reached $2 billion")
    page = f"{server}/claims/{claim.pk}/"
    assert get(page)[0] == 200  # the worker now holds a connection through the relay

    relay.cut()
    status, body = get(page)
    assert status == 503
    assert "briefly unavailable" in body and "Traceback" not in body
    assert get(f"{server}/healthz")[0] == 503
    assert get(f"{server}/")[0] == 503

    relay.restore()
    status, body = get(page)
    assert status == 200, body[:500]  # the very first request after the database returns
    assert "Revenue reached $2 billion" in body
    assert get(f"{server}/healthz")[0] == 200

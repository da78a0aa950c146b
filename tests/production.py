"""Running manage.py under production settings in a subprocess, as a deployment would."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What the test process itself sets (the browser tests allow sync ORM calls inside
# Playwright's event loop; a developer may have a cache or key exported) must not reach
# the production process being checked.
NOT_INHERITED = {
    "SECRET_KEY",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CACHE_URL",
}


def manage_in_production(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    clean.update(env, DJANGO_SETTINGS_MODULE="factcheck.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )

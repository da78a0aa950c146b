"""Settings for the app server that test_faults_live.py starts: the test settings, plus
persistent connections with health checks, as production runs them."""

from factcheck.settings.test import *  # noqa: F403
from factcheck.settings.test import DATABASES

DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

"""Print the URL of the fullest public claim page (sources, a correction, a check), for load.sh."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from bench.targets import claim_with_everything  # noqa: E402

print(f"/claims/{claim_with_everything()}/")

"""bench/smoke.sh runs every benchmark in bench/ at a small size, so none can rot unnoticed."""

import re
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in BENCH.glob("*.*")}


def scripts() -> set[str]:
    """Every .sh but smoke.sh, and every .py that no other bench file imports or names as a
    module (bench.settings, bench.urls, `from . import fake`...)."""
    modules = set()
    for text in texts().values():
        modules |= set(re.findall(r"\bbench\.(\w+)", text))  # bench.settings, bench.fake
        modules |= set(re.findall(r"from (?:bench|\.) import (\w+)", text))
        modules |= set(re.findall(r"from \.(\w+) import", text))
    return {
        name
        for name in texts()
        if (name.endswith(".sh") and name != "smoke.sh")
        or (name.endswith(".py") and name != "__init__.py" and name[:-3] not in modules)
    }


def run_by_smoke() -> set[str]:
    """What smoke.sh runs, and what the shell scripts it runs run (load.sh runs claim_url.py)."""
    ran, todo = set(), ["smoke.sh"]
    while todo:
        lines = texts()[todo.pop()].splitlines()
        code = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
        for name in re.findall(r"bench/(\w+\.(?:py|sh))", code):
            if name.endswith(".sh") and name not in ran:
                todo.append(name)  # a Python script's mentions of others are prose
            ran.add(name)
    return ran


def test_every_script_in_bench_is_run_by_the_smoke_run():
    found = scripts()
    assert {"seed.py", "pages.py", "load.sh", "claim_url.py"} <= found
    assert found - run_by_smoke() == set()

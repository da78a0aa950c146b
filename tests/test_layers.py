"""Layers point down: no module of factcheck/ or companies/ imports one from a higher layer.

The layers, lowest first (a module may import its own layer and any below it):

1. base: pure Python and settings — the figures (`factcheck/figures/`), formats, settings,
   routing of reads (`routers`), roles, links, the claims table's columns (`columns`).
2. models: the models and their querysets (`models/`, `companies.models`), with the
   text search their `search()` calls.
3. rules: what the models' values mean — transitions, stances, verdicts, counts, dates,
   localised figures, FX rates, the arithmetic checks, quotes in articles.
4. services: writes that cross models, CSV import and export, the demo desk, extraction.
5. reads: the public read path below the pages — the public version and the page decorator
   (`caching`), filters, facets, pagination (the page planner), the listing.
6. presentation: what pages are made of — tables, JSON-LD, charts, the report form,
   template tags.
7. pages: the public views, the API, the feed and the sitemaps.
8. top: the URLconfs, the middleware (it reads the URLconf to find the public pages), the
   admin (and the template tags only its pages use), management commands, app configs, WSGI.

So views → listing → filters/pagination → models, never back; caching and the middleware
import no view; the admin and the commands may import anything below them and nothing below
imports them. Every import is checked, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("factcheck", "companies")

LAYERS: list[tuple[str, list[str]]] = [
    (
        "base",
        [
            "=factcheck",
            "factcheck.figures",
            "factcheck.formats",
            "factcheck.settings",
            "factcheck.translations",
            "factcheck.routers",
            "factcheck.redis_cache",
            "factcheck.roles",
            "factcheck.links",
            "factcheck.columns",
            "factcheck.signals",
            "factcheck.bulk_rows",
            "factcheck.context_processors",
            "factcheck.csvio.safety",
            "factcheck.demo.data",
            "factcheck.demo.chinese",
            "factcheck.views.errors",  # the 400 page: imports nothing of the project
            "=factcheck.views",
            "=factcheck.templatetags",
            "=factcheck.management",
            "=factcheck.demo",
            "=factcheck.csvio",
            "=companies",
        ],
    ),
    ("models", ["factcheck.models", "companies.models", "factcheck.search"]),
    (
        "rules",
        [
            "factcheck.rules",
            "factcheck.stances",
            "factcheck.verdicts",
            "factcheck.source_counts",
            "factcheck.check_counts",
            "factcheck.dates",
            "factcheck.localise",
            "factcheck.fx_rates",
            "factcheck.figure_checks",
            "factcheck.quotes",
        ],
    ),
    (
        "services",
        [
            "factcheck.services",
            "factcheck.csvio.",  # every module of the package (not its empty __init__)
            "factcheck.csv_",
            "factcheck.extraction",
            "factcheck.demo.loader",
        ],
    ),
    (
        "reads",
        [
            "factcheck.caching",
            "factcheck.filters",
            "factcheck.facets",
            "factcheck.pagination",
            "factcheck.listing",
        ],
    ),
    (
        "presentation",
        [
            "factcheck.tables",
            "factcheck.jsonld",
            "factcheck.forms",
            "factcheck.templatetags.",
            "companies.charts",
        ],
    ),
    (
        "pages",
        [
            "factcheck.views.",
            "factcheck.api",
            "factcheck.feeds",
            "factcheck.sitemaps",
            "companies.views",
        ],
    ),
    (
        "top",
        [
            "factcheck.urls",
            "factcheck.public_urls",
            "companies.urls",
            "factcheck.middleware",
            "factcheck.admin",
            "factcheck.admin_site",
            "factcheck.templatetags.desk_list",  # the desk's own tags: admin templates use them
            "companies.admin",
            "factcheck.management.",
            "factcheck.apps",
            "companies.apps",
            "factcheck.wsgi",
        ],
    ),
]


def modules() -> dict[str, Path]:
    """Every module of the packages by dotted name (migrations left out: they are history)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _matches(name: str, entry: str) -> bool:
    """ "=x": the module x only; "x." or "x_": modules whose name starts so; "x": x and below."""
    if entry.startswith("="):
        return name == entry[1:]
    if entry.endswith((".", "_")):
        return name.startswith(entry)
    return name == entry or name.startswith(f"{entry}.")


def layer_of(name: str) -> int | None:
    """The layer of `name`, by its longest matching entry in LAYERS."""
    best, best_length = None, -1
    for index, (_, entries) in enumerate(LAYERS):
        for entry in entries:
            if _matches(name, entry) and len(entry) > best_length:
                best, best_length = index, len(entry)
    return best


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `path` imports, anywhere in it (functions included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                names.add(full if full in known else base)
    found = set()
    for target in names:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name and target.split(".")[0] in PACKAGES:
            found.add(target)
    return found


def test_every_module_has_a_layer():
    unplaced = [name for name in modules() if layer_of(name) is None]
    assert not unplaced, f"Give these modules a layer in tests/test_layers.py: {unplaced}"


def test_no_module_imports_a_higher_layer():
    known = modules()
    upward = []
    for name, path in known.items():
        own = layer_of(name)
        if own is None:
            continue
        for target in sorted(imported(name, path, known)):
            theirs = layer_of(target)
            if theirs is not None and theirs > own:
                upward.append(f"{name} ({LAYERS[own][0]}) imports {target} ({LAYERS[theirs][0]})")
    assert not upward, "Upward imports:\n" + "\n".join(upward)


def test_the_check_sees_an_upward_import(tmp_path):
    """The walker finds `from .x import y` and imports inside functions (a test that can fail)."""
    module = tmp_path / "filters.py"
    module.write_text("def f():\n    from .views.claims import home\n")
    known = {"factcheck.filters": module, "factcheck.views.claims": module}
    assert imported("factcheck.filters", module, known) == {"factcheck.views.claims"}
    assert layer_of("factcheck.views.claims") > layer_of("factcheck.filters")

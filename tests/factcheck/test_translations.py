"""The translation catalogues: every string the public pages translate has a Chinese
translation, and the compiled .mo files say what their .po files say.

The strings are read the way gettext's tools read them, without gettext: Django's
`templatize` turns a template into gettext calls, and Babel's Python extractor reads those
and the modules' own calls. A `{% translate %}` added without its translation fails here.
"""

import gettext
import io
from pathlib import Path

from babel.messages.extract import extract_python
from django.conf import settings
from django.utils.translation.template import templatize

from factcheck.models import Article
from factcheck.translations import po_files, translated

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
STAFF_ONLY = {"claim_preview.html"}  # the desk's preview, outside the public prefix
TEMPLATES = [
    path
    for pattern in ("templates/*.html", "templates/factcheck/**/*.html")
    for path in ROOT.glob(pattern)
    if path.name not in STAFF_ONLY
] + [*ROOT.glob("templates/companies/**/*.html"), *ROOT.glob("templates/includes/*.html")]
MODULES = [
    "factcheck/verdicts.py",
    "factcheck/tables.py",
    "factcheck/filters.py",
    "factcheck/facets.py",
    "factcheck/localise.py",
    "factcheck/stances.py",
    "factcheck/jsonld.py",
    "factcheck/dates.py",
    "factcheck/templatetags/factdesk.py",
    "factcheck/models/claims.py",
    "factcheck/models/sources.py",
    "factcheck/models/checks.py",
    "factcheck/models/articles.py",
    "factcheck/views/claims.py",
    "factcheck/views/reports.py",
    "factcheck/forms.py",
    "factcheck/columns.py",
    "companies/views.py",
    "companies/charts.py",
    "companies/models.py",
]
KEYWORDS = ["gettext", "gettext_lazy", "_", "pgettext", "pgettext_lazy", "ngettext"]


def messages(path: Path) -> list[tuple[str | None, str]]:
    """(context, msgid) of every translatable string in a template or a Python module."""
    text = path.read_text()
    if path.suffix == ".html":
        text = templatize(text, origin=str(path))
    found = []
    for _line, function, message, _comments in extract_python(
        io.BytesIO(text.encode()), KEYWORDS, [], {}
    ):
        if isinstance(message, tuple) and function.startswith("pgettext"):
            found.append((message[0], message[1]))
        elif isinstance(message, tuple):
            found.append((None, message[0]))
        else:
            found.append((None, message))
    return found


def catalogue_keys() -> set[tuple[str | None, str]]:
    keys = set()
    for key in translated(PO):
        msgid = key[0] if isinstance(key, tuple) else key
        context, _, text = msgid.rpartition("\x04")
        keys.add((context or None, text))
    return keys


def test_the_extractor_sees_templates_and_modules():
    assert (None, "Report an error") in messages(ROOT / "templates/factcheck/report.html")
    assert ("heading", "valuations") in messages(ROOT / "factcheck/filters.py")


def test_every_public_string_has_a_chinese_translation():
    have = catalogue_keys()
    missing = {
        f"{path.relative_to(ROOT)}: {context + ' | ' if context else ''}{msgid}"
        for path in [*TEMPLATES, *(ROOT / module for module in MODULES)]
        for context, msgid in messages(path)
        if (context, msgid) not in have
    }
    assert sorted(missing) == [], "add these to locale/zh_Hans/LC_MESSAGES/django.po"


def test_compiled_catalogues_match_their_po_files():
    pos = po_files(settings.LOCALE_PATHS)
    assert pos, "no translation catalogue under LOCALE_PATHS"
    for po in pos:
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo} missing: run manage.py compile_translations"
        with mo.open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)._catalog
        compiled = {k: v for k, v in compiled.items() if k}
        assert compiled == translated(po), (
            f"{mo} is out of date: run manage.py compile_translations"
        )


def test_language_choices_are_the_sites():
    assert [code for code, _ in settings.LANGUAGES] == [
        c for c, _ in Article._meta.get_field("language").choices
    ]

"""The compiled catalogues are the .po files' translations, for the site's languages."""

import gettext

from django.conf import settings

from factcheck.models import Article
from factcheck.translations import po_files, translated


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

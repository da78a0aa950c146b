"""The site's translation catalogues: compiling .po to .mo without GNU gettext (Babel)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def po_files(locale_paths: Iterable) -> list[Path]:
    return sorted(po for root in locale_paths for po in Path(root).glob("*/LC_MESSAGES/*.po"))


def read_po(po: Path):
    from babel.messages.pofile import read_po as babel_read_po

    with po.open("rb") as handle:
        return babel_read_po(handle, abort_invalid=True)


def translated(po: Path) -> dict:
    """Every translated, non-fuzzy message of `po`, keyed as a compiled catalogue keys them:
    msgid -> msgstr, and (msgid, n) -> the n-th form of a plural message."""
    messages: dict = {}
    for message in read_po(po):
        if not message.id or message.fuzzy or not message.string:
            continue
        plural = isinstance(message.id, tuple)
        msgid = message.id[0] if plural else message.id
        key = f"{message.context}\x04{msgid}" if message.context else msgid
        if not plural:
            messages[key] = message.string
        elif all(message.string):
            messages.update({(key, n): form for n, form in enumerate(message.string)})
    return messages


def compile_catalog(po: Path) -> int:
    """Write `po`'s .mo beside it; returns how many messages it holds."""
    from babel.messages.mofile import write_mo

    catalog = read_po(po)
    with po.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)
    return len(translated(po))

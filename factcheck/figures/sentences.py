"""Split an article into sentences, keeping their spans in the original text."""

from __future__ import annotations

import re

# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    [
        "inc",
        "corp",
        "co",
        "ltd",
        "plc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "vs",
        "no",
        "approx",
        "est",
        "rs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "etc",
        "fig",
        "p.m",
        "a.m",
    ]
)

# Chinese sentences end at 。！？； (no space follows them), with any closing quote or
# bracket after the stop kept in the sentence: 他说：“营收增长了三成。”
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|[。！？；]+[」』”’）)\]]*|\n+")
_LAST_WORD = re.compile(r"([\w.]+)[.!?]+[\"'”’)\]]*$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without surrounding whitespace.

    A sentence ends at a line break, at "。", "！", "？" or "；", or at ".", "!" or "?"
    followed by white space, unless the word before the stop is an abbreviation
    ("Corp.", "U.S.") or a single capital initial.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if m.group(0)[0] == ".":
            word = _LAST_WORD.search(text, start, m.end())
            if word and (
                word.group(1).lower().rstrip(".") in ABBREVIATIONS
                or re.fullmatch(r"[A-Z]", word.group(1))
            ):
                continue
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))

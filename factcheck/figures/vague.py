"""Vague amounts ("billions of dollars", "tens of thousands of GPUs"): no number to check."""

from __future__ import annotations

import re

_PLURAL = r"(?:thousands|millions|billions|trillions)"
_SINGULAR = r"(?:hundred|thousand|million|billion|trillion)"
_WHAT = (
    r"(?:(?:US|U\.S\.|Hong\s+Kong|Singapore|Taiwan)\s+)?"
    r"(?:dollars|yuan|euros|pounds|yen|won|rupees|GPUs|chips|parameters|users|people|servers|"
    r"tokens|customers|employees|downloads)"
)
_VAGUE_RE = re.compile(
    rf"""
    (?<![0-9]\s)(?<![0-9])\b
    (?:
        (?:(?:tens|hundreds|dozens)\s+of\s+)?{_PLURAL}
        (?:\s+(?:or|and)\s+(?:even\s+)?(?:(?:tens|hundreds)\s+of\s+)?{_PLURAL})?
        (?:\s+of\s+{_WHAT})?
      | (?:several|a\s+few|many)\s+{_SINGULAR}(?:\s+{_WHAT})?
    )
    \b
    """,
    re.IGNORECASE | re.VERBOSE,
)


def find_vague_amounts(text: str) -> list[tuple[str, int, int]]:
    """Each vague amount as (text, start, end): "hundreds of millions of dollars"."""
    return [(m.group(0), m.start(), m.end()) for m in _VAGUE_RE.finditer(text)]

"""Vague amounts ("billions of dollars", "数十亿美元"): no number to check."""

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
    """Each vague amount as (text, start, end): "hundreds of millions of dollars", "数十亿美元"."""
    found = [(m.group(0), m.start(), m.end()) for m in _VAGUE_RE.finditer(text)]
    found += find_vague_amounts_zh(text)
    return sorted(found, key=lambda v: v[1])


# Chinese vague amounts: "数十亿美元", "几十家", "上百家", "十几家公司", "成千上万", "数以亿计".
_ZH_VAGUE_RE = re.compile(
    r"(?:数以[万亿]计|成千上万|成百上千|"
    r"(?:数|几|上)[十百千万亿]+[万亿]*|[十百千][几]+[万亿]*|[一二两三四五六七八九][十百千万亿]几[万亿]*)"
    r"(?:[张台家名位个款颗辆座项人]?[\u4e00-\u9fff]{0,2}?"
    r"(?:美元|港元|人民币|元|公司|企业|员工|用户|GPU|服务器))?"
)


def find_vague_amounts_zh(text: str) -> list[tuple[str, int, int]]:
    """Each Chinese vague amount as (text, start, end): "数十亿美元", "十几家公司"."""
    return [(m.group(0), m.start(), m.end()) for m in _ZH_VAGUE_RE.finditer(text)]

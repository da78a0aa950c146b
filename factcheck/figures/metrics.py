"""Guess what a figure measures (valuation, revenue, ...) from the words around it.

The guess reads the figure's *clause*: the words between the previous figure in the
sentence and the next one. Within it the keyword nearest the figure wins, before or
after it ("valued at $2.5 billion", "a $2.5 billion valuation"; in "raised $600 million
at a $2.5 billion valuation" the first figure is funding, the second a valuation), a
keyword before it on a tie; a keyword after it counts only up to the next comma or
bracket. Failing that, the nearest keyword earlier in the sentence ("market value ... has
now shrunk to RMB 11.5 billion"), then the first one later in the clause. Distance is counted in words, a Chinese character being
a word. It is a guess for an editor to confirm.
"""

from __future__ import annotations

import re

from .figure import Figure
from .units import COMPUTE_UNITS, is_currency

METRICS = (
    "valuation",
    "funding",
    "market_cap",
    "revenue",
    "net_income",
    "net_loss",
    "share_price",
    "change",
    "compute",
    "count",
    "forecast",
    "other",
)

# Keyword -> metric for money figures. Order matters where phrases overlap:
# "market value" must be read before "valu...".
_MONEY_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("market_cap", r"market\s+(?:value|cap(?:itali[sz]ation)?)|market\s+worth"),
    (
        "share_price",
        r"(?:share|stock)\s+prices?|per\s+share|a\s+share|peak(?:ed|ing)\s+at|"
        r"ipo\s+price|priced\s+(?:its\s+)?shares|shares?\s+(?:closed|traded|opened)",
    ),
    ("valuation", r"valuations?|valued|valuing|pre-money|post-money|worth"),
    ("funding", r"raised|raises|raising|raise|funding|financing|investment\s+round|series\s+[a-f]"),
    ("net_income", r"net\s+(?:income|profit)|profits?|earnings"),
    ("net_loss", r"net\s+loss(?:es)?|losses|loss|lost"),
    ("revenue", r"revenues?|sales|turnover|top\s+line"),
    (
        "change",
        r"(?:decrease|increase|decline|drop|fall|rise|gain|jump|cut|reduction)\s+of|"
        r"(?:down|up)\s+by",
    ),
)
# The same metrics in Chinese. CJK has no word boundaries, so these match anywhere;
# longer words come first where they overlap ("净亏损" before "亏损", "市值" is not "估值").
_ZH_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("market_cap", r"总市值|市值"),
    ("share_price", r"股价|每股|发行价|收盘价|开盘价|报价"),
    ("valuation", r"投后估值|投前估值|估值|身价"),
    ("funding", r"融资|募资|募集|筹集|筹资|获投"),
    ("net_loss", r"净亏损|亏损|净亏|亏了"),
    ("net_income", r"净利润|净利|归母利润|利润|盈利"),
    ("revenue", r"营业收入|营业额|销售额|营收|收入"),
    ("change", r"增长了|增加了|下降了|减少了|同比|环比"),
)
_FORECAST = re.compile(
    r"\b(?:predict(?:s|ed)?|forecasts?|projected|projects|expects?|expected|estimates?|"
    r"will\s+(?:reach|grow|hit|exceed|rise|top)|by\s+20[0-9]{2})\b"
    r"|预计|预测|预期|有望|将达|将超|到20[0-9]{2}年",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:decrease[sd]?|increase[sd]?|declin(?:e[sd]?|ing)|drop(?:s|ped)?|fall(?:s|en)?|fell|"
    r"ris(?:e|es|en|ing)|rose|grew|grow(?:s|th|ing)?|gain(?:s|ed)?|jump(?:s|ed)?|surg(?:e|es|ed)|"
    r"plung(?:e|es|ed)|plummet(?:s|ed)?|shr[au]nk|down|up|year-(?:over|on)-year|"
    r"compared|from)\b"
    r"|增长|增加|上涨|上升|提升|提高|下降|下滑|下跌|减少|缩水|暴跌|大涨|同比|环比|翻了?[一两二三四]?番|跌|涨",
    re.IGNORECASE,
)
_KEYWORD_RE = re.compile(
    "|".join(f"(?P<{metric}>\\b(?:{pattern})\\b)" for metric, pattern in _MONEY_KEYWORDS),
    re.IGNORECASE,
)
_ZH_KEYWORD_RE = re.compile(
    "|".join(f"(?P<{metric}>{pattern})" for metric, pattern in _ZH_KEYWORDS)
)
_PHYSICAL_UNITS = frozenset({"MW", "GW", "kW", "TWh", "GWh", "MWh", "tonnes"})


# How far a keyword is from the figure: Latin words and numbers, each CJK character a word.
_WORD = re.compile(r"[^\W\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|[\u2e80-\u9fff\uf900-\ufaff]")
# A keyword after the figure belongs to it only up to the next clause mark.
_CLAUSE_MARK = re.compile(r"[,;:()\[\]—–，；：（）、]")


def _keyword_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, metric) of every metric keyword in `text`, in reading order."""
    found = [(m.start(), m.end(), m.lastgroup or "other") for m in _KEYWORD_RE.finditer(text)]
    found += [(m.start(), m.end(), m.lastgroup or "other") for m in _ZH_KEYWORD_RE.finditer(text)]
    return sorted(found)


def _keywords(text: str) -> list[tuple[int, str]]:
    """(start, metric) of every metric keyword in `text` (quantities.py reads these too)."""
    return [(start, metric) for start, _, metric in _keyword_spans(text)]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _nearest(before: str, after: str) -> str | None:
    """The metric of the keyword nearest the figure, which sits between `before` and `after`."""
    mark = _CLAUSE_MARK.search(after)
    after = after[: mark.start()] if mark else after
    ranked = [(_words(before[end:]), 0, metric) for _, end, metric in _keyword_spans(before)]
    ranked += [(_words(after[:start]), 1, metric) for start, _, metric in _keyword_spans(after)]
    return min(ranked)[2] if ranked else None


def guess_metric(
    figure: Figure, sentence: str, clause: tuple[int, int], at: tuple[int, int]
) -> str:
    """The metric for `figure`, found at `at` inside `sentence`; `clause` bounds its clause.

    All positions are offsets into `sentence`.
    """
    before = sentence[clause[0] : at[0]]
    after = sentence[at[1] : clause[1]]
    if figure.unit in COMPUTE_UNITS:
        return "compute"
    if figure.unit in ("%", "pp", "×"):
        return "change" if _CHANGE.search(sentence) else "other"
    if _FORECAST.search(before) or _FORECAST.search(after):
        return "forecast"
    if figure.unit in _PHYSICAL_UNITS:
        return "other"
    if not is_currency(figure.unit):
        return "count"
    nearest = _nearest(before, after)
    if nearest:
        return nearest
    found = _keywords(sentence[: at[0]])
    if found:
        return found[-1][1]
    found = _keywords(after)  # past a comma: "$5 billion, most of it in sales"
    return found[0][1] if found else "other"

"""What kind of quantity a figure in a text is, so that only like is compared with like.

"RMB 7.115 per dollar" is written in yuan but is an exchange rate, not an amount of money;
"$1.2 million per employee" is an amount per head; "up 168%" is a change where "a 30% share"
is a share. Each figure found in a text is read as a `Reading`: the figure, its kind, and the
metrics that its own clause names ("revenue of $3.5 billion" names revenue). A comparison
with a source (deviation.compare_with_excerpt) takes only readings of the claim's kind.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .figure import Figure
from .finder import find_figures
from .metrics import _FORECAST, _keywords
from .sentences import sentence_spans
from .units import CURRENCIES, currency_prefix_forms, is_currency


def _currency_alternation() -> str:
    words = set(currency_prefix_forms())
    for currency in CURRENCIES:
        for word in currency.words:
            words.add(word)
            words.add(word.removesuffix("s"))  # "per dollar", "to the euro"
    words.update({"dollar", "greenback"})
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


_CURRENCY = _currency_alternation()
_A_CURRENCY = r"(?:U\.?S\.?\s+)?(?:" + _CURRENCY + r")(?![\w$])"
# Straight after the figure: "7.115 yuan to the US dollar", "RMB 7.115 per dollar",
# "HK$7.8 against the greenback".
_RATE_AFTER = re.compile(
    r"\s*(?:per|to\s+(?:the|one|a|each|every)?|for\s+(?:the|one|a|each|every)?|"
    r"against\s+(?:the|one|a)?|a|an|each|/)\s*(?:one\s+|1\s+)?" + _A_CURRENCY,
    re.IGNORECASE,
)
# Straight before it: "$1 = RMB 7.1", "one dollar bought 7.1 yuan", "USD/CNY at 7.115",
# "an exchange rate of RMB 7.1".
_APPROX = r"(?:(?:about|around|roughly|some|approximately|nearly|almost|over|under)\s*)?"
_RATE_BEFORE = re.compile(
    r"(?:(?:\b(?:one|a|1)\s+" + _A_CURRENCY + r"|(?:" + _CURRENCY + r")\s*1)"
    r"\s*(?:=|equals?|(?:is|was)\s+worth|buys|bought|fetche[sd]|gets|got|traded\s+at)"
    r"|\b[A-Z]{3}\s*/\s*[A-Z]{3}(?:\s+(?:at|of|was|is|stood\s+at))?\s*:?"
    r"|\b(?:exchange|reference|cross|conversion|fx|forex|currency)[\s-]+rates?"
    r"(?:\s+(?:of|at|was|is|stood\s+at|stands\s+at))?\s*[:=]?)\s*" + _APPROX + r"$",
    re.IGNORECASE,
)
# "$1" in "$1 = RMB 7.1" is one side of a rate too.
_RATE_SIDE = re.compile(
    r"\s*(?:=|equals?\b|(?:is|was)\s+worth\b|buys\b|bought\b|fetche[sd]\b|gets\b|got\b)",
    re.IGNORECASE,
)
# "per employee", "a month": an amount per something. A year is the usual span of a flow
# ("$5 billion a year" is the year's revenue) and a share price is money (its metric tells
# it apart), so those two keep the figure an amount.
_PER_ANY = re.compile(r"\s*(?:per|/|for\s+(?:each|every))\s*(?P<noun>[a-z]+)", re.IGNORECASE)
_PER_SHORT = re.compile(
    r"\s*(?:a|an|each)\s+(?P<noun>month|week|day|quarter|head|person|user|customer|"
    r"employee|unit|barrel|tonne|ton|hour|subscriber)\b",
    re.IGNORECASE,
)
_PER_BEFORE = re.compile(r"\b(?:per|for\s+(?:each|every))\s+(?P<noun>[a-z]+)\b", re.IGNORECASE)
_STILL_AN_AMOUNT = {"year", "annum", "share"}
_CHANGE_WORDS = re.compile(
    r"\b(?:up|down|rise[sn]?|rising|rose|fall(?:s|en|ing)?|fell|gain(?:s|ed)?|"
    r"grow(?:s|n|th|ing)?|grew|increase[sd]?|decrease[sd]?|declin(?:e[sd]?|ing)|"
    r"drop(?:s|ped)?|jump(?:s|ed)?|surg(?:e|es|ed)|plung(?:e|es|ed)|slump(?:s|ed)?|"
    r"more|less|higher|lower|year-(?:over|on)-year|compared)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:(]")


@dataclass(frozen=True)
class Reading:
    """A figure as found in a text, with what it measures.

    `kind` is "money", "exchange_rate", "per:<noun>" (an amount per share, per employee,
    per month), "change" or "share" (percentages), "points" (percentage points),
    "count:<unit>" or "number" (no unit). `metrics` holds the metrics (Claim.metric values)
    that the figure's own clause names, "forecast" among them; empty when it names none,
    and for every kind but money (a count's unit names what it counts). `context` is the
    metric named last earlier in the sentence when the clause names none ("Revenue was
    $3.36 billion, up from $2.9 billion": revenue, for $2.9 billion): a hint, not a name.
    """

    figure: Figure
    kind: str
    metrics: frozenset[str]
    context: str = ""


def _base_kind(figure: Figure) -> str:
    if is_currency(figure.unit):
        return "money"
    if figure.unit == "%":
        return "share"
    if figure.unit == "pp":
        return "points"
    return f"count:{figure.unit}" if figure.unit else "number"


def _per(noun: str) -> str:
    noun = noun.lower().removesuffix("s")
    return "" if noun in _STILL_AN_AMOUNT else f"per:{noun}"


def _kind(figure: Figure, text: str, clause: tuple[int, int, int, int]) -> str:
    """The figure's kind, read from its clause in `text`: (clause start, the end of the text
    after the figure that is still its clause, the next figure's start, the sentence start)."""
    start, after_end, next_start, sentence_start = clause
    before, after = text[start : figure.start], text[figure.end : after_end]
    rest = text[figure.end : next_start]  # "RMB 7.115 per dollar", "$1 = RMB 7.1"
    base = _base_kind(figure)
    if base == "money" and (
        _RATE_AFTER.match(rest)
        or _RATE_SIDE.match(rest)
        or _RATE_BEFORE.search(text[sentence_start : figure.start])
    ):
        return "exchange_rate"
    per = _PER_ANY.match(rest) or _PER_SHORT.match(rest)
    per_before = _PER_BEFORE.search(before)  # "revenue per employee was $1.2 million"
    kind = _per(per.group("noun")) if per else ""
    kind = kind or (_per(per_before.group("noun")) if per_before else "")
    if kind:
        return kind
    if base == "share" and (_CHANGE_WORDS.search(before) or _CHANGE_WORDS.search(after)):
        return "change"
    return base


def _metrics(before: str, after: str) -> frozenset[str]:
    named = {metric for _, metric in _keywords(before) + _keywords(after)}
    if _FORECAST.search(before) or _FORECAST.search(after):
        named.add("forecast")
    return frozenset(name for name in named if name != "other")


def read_quantities(text: str) -> list[Reading]:
    """Every figure in `text` (as find_figures finds them) with its kind and named metrics.

    A figure's clause runs from the previous figure in its sentence (or the sentence's
    start) to the next one, and after the figure stops at the first comma or semicolon:
    "up from $2.9 billion" belongs to $2.9 billion, not to the figure before it.
    """
    found = [candidate.figure for candidate in find_figures(text)]
    spans = sentence_spans(text) or [(0, len(text))]
    starts = [start for start, _ in spans]
    readings = []
    for i, figure in enumerate(found):
        s_start, s_end = spans[max(bisect_right(starts, figure.start) - 1, 0)]
        clause_start = max(found[i - 1].end, s_start) if i else s_start
        next_start = found[i + 1].start if i + 1 < len(found) else len(text)
        after = text[figure.end : min(next_start, max(s_end, figure.end))]
        clause_end = _CLAUSE_END.search(after)
        after_end = figure.end + (clause_end.start() if clause_end else len(after))
        kind = _kind(figure, text, (clause_start, after_end, next_start, s_start))
        metrics, context = frozenset(), ""
        if kind == "money":
            before, after = text[clause_start : figure.start], text[figure.end : after_end]
            metrics = _metrics(before, after)
            earlier = _keywords(text[s_start : figure.start]) if not metrics else []
            context = earlier[-1][1] if earlier and earlier[-1][1] != "other" else ""
            if "share_price" in metrics:  # "shares closed at HK$1.62": an amount per share
                kind = "per:share"
                if len(metrics) > 1:  # "earnings per share": earnings, counted per share
                    metrics = metrics - {"share_price"}
        readings.append(Reading(figure, kind, metrics, context))
    return readings


def claim_kind(figure: Figure, quote: str, metric: str) -> str:
    """The kind of quantity a claim states: read from its quote, else from its unit.

    A percentage claimed as a change (metric "change") is a change however the quote words it.
    """
    if figure.unit == "%" and metric == "change":
        return "change"
    if is_currency(figure.unit) and metric == "share_price":
        return "per:share"
    for reading in read_quantities(quote or ""):
        if reading.figure.value == figure.value and reading.figure.unit == figure.unit:
            return reading.kind
    return _base_kind(figure)

"""Find the checkable figures in an article, with the sentence, metric and company of each."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .figure import Figure
from .grammar import FIGURE_RE, Match, match_to_figure
from .metrics import guess_metric
from .sentences import sentence_spans
from .units import YUAN_CONTEXT_WORDS

_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_YUAN_CONTEXT = re.compile(r"\b(?:" + "|".join(YUAN_CONTEXT_WORDS) + r")\b", re.IGNORECASE)
# "between $5 and $7 billion": the first figure takes the second one's scale.
_RANGE_JOIN = re.compile(r"\s*(?:and|to|or|-|–)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A figure found in an article, with what an editor needs to turn it into a claim.

    `sentence` is the claim quote; `metric` and `company` are guesses (company is a
    key of the `companies` mapping given to find_figures). `vague` is always False
    here: vague amounts have no value and come from find_vague_amounts instead.
    """

    figure: Figure
    sentence: str
    metric: str
    company: str | None
    vague: bool = False


def _is_year(match: Match) -> bool:
    return match.scale == 1 and bool(_YEAR.fullmatch(match.mantissa))


def _is_checkable(match: Match) -> bool:
    """Bare numbers ("476", "28") and years are not figures; a unit or a scale makes one.

    "2024 results" is a year too: only a registered unit ("2024 GPUs") or a currency
    turns a year-like number into a figure.
    """
    figure = match.figure
    if not figure.unit and match.scale == 1:
        return False
    return not (_is_year(match) and (not figure.unit or match.loose_unit))


def _matches(text: str) -> list[Match]:
    found: list[Match] = []
    for m in FIGURE_RE.finditer(text):
        match = match_to_figure(m)
        if match is not None:
            found.append(match)
    return [m for m in _inherit_ranges(text, found) if _is_checkable(m)]


def _inherit_ranges(text: str, found: list[Match]) -> list[Match]:
    """In a range the first number takes the second one's scale and unit.

    "$5 and $7 billion" -> $5 billion; "by 13 to 18 percent" -> 13%.
    """
    result = list(found)
    for i in range(len(result) - 1):
        first, second = result[i], result[i + 1]
        joined = _RANGE_JOIN.fullmatch(text[first.figure.end : second.figure.start])
        if not joined or _is_year(first) or first.figure.unit not in ("", second.figure.unit):
            continue
        figure, scale = first.figure, first.scale
        if scale == 1 and second.scale != 1:
            figure, scale = replace(figure, value=figure.value * second.scale), second.scale
        figure = replace(figure, unit=second.figure.unit)
        result[i] = replace(first, figure=figure, scale=scale, loose_unit=second.loose_unit)
    return result


class _CompanyGuesser:
    """Finds the company a figure is about, from the `companies` alias mapping."""

    def __init__(self, companies: Mapping[str, str] | None) -> None:
        self.lookup = {n.strip().lower(): key for n, key in (companies or {}).items() if n.strip()}
        names = sorted(self.lookup, key=len, reverse=True)
        alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        self.pattern = (
            re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE) if names else None
        )

    def guess(
        self, text: str, sentence: tuple[int, int], previous: tuple[int, int] | None, at: int
    ) -> str | None:
        """The company named nearest before `at` in its sentence, else last in the previous one."""
        if self.pattern is None:
            return None
        windows = [(sentence[0], at)] + ([previous] if previous else [])
        for start, end in windows:
            mentions = list(self.pattern.finditer(text, start, end))
            if mentions:
                return self.lookup.get(" ".join(mentions[-1].group(0).lower().split()))
        return None


def find_figures(text: str, *, companies: Mapping[str, str] | None = None) -> list[Candidate]:
    """Every figure in `text` that a fact-checker could check, in reading order.

    `companies` maps lower-cased names and aliases to a company key. Years, dates,
    ordinals, fiscal-year labels, model names ("GPT-4") and bare numbers are skipped;
    vague amounts ("billions of dollars") are left to find_vague_amounts.
    """
    spans = sentence_spans(text)
    guesser = _CompanyGuesser(companies)
    by_sentence: dict[int, list[Match]] = {}
    starts = [start for start, _ in spans]
    for match in _matches(text):
        index = bisect_right(starts, match.figure.start) - 1
        by_sentence.setdefault(max(index, 0), []).append(match)
    candidates: list[Candidate] = []
    for index, inside in sorted(by_sentence.items()):
        s_start, s_end = spans[index]
        sentence = text[s_start:s_end]
        previous = spans[index - 1] if index else None
        for pos, match in enumerate(inside):
            figure = match.figure
            if match.yen_ambiguous and _YUAN_CONTEXT.search(sentence):
                figure = replace(figure, unit="CNY")
            clause_start = inside[pos - 1].figure.end if pos else s_start
            clause_end = inside[pos + 1].figure.start if pos + 1 < len(inside) else s_end
            metric = guess_metric(
                figure,
                sentence,
                (clause_start - s_start, clause_end - s_start),
                (figure.start - s_start, min(figure.end, s_end) - s_start),
            )
            company = guesser.guess(text, (s_start, s_end), previous, figure.start)
            candidates.append(Candidate(figure, sentence, metric, company))
    return candidates

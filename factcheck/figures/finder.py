"""Find the checkable figures in an article, with the sentence, metric and company of each."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .chinese import find_chinese, has_chinese
from .dates import FigureDate, date_for, find_dates
from .figure import Figure
from .grammar import FIGURE_RE, Match, match_to_figure
from .metrics import guess_metric
from .sentences import sentence_spans
from .units import YUAN_CONTEXT_WORDS

_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_YUAN_CONTEXT = re.compile(r"\b(?:" + "|".join(YUAN_CONTEXT_WORDS) + r")\b", re.IGNORECASE)
# A Chinese sentence writes yen as 日元 (or 円); a lone "¥" in one is the yuan.
_YEN_CONTEXT = re.compile(r"日元|日圆|円|yen", re.IGNORECASE)
# "between $5 and $7 billion", "100亿至200亿元": the first figure takes the second one's scale.
_RANGE_JOIN = re.compile(r"\s*(?:and|to|or|-|–|—|~|～|至|到)\s*", re.IGNORECASE)
# A word character that is not CJK: names written in Chinese have no spaces around them.
_LATIN_WORD = r"[^\W\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]"


@dataclass(frozen=True)
class Candidate:
    """A figure found in an article, with what an editor needs to turn it into a claim.

    `sentence` is the claim quote; `metric` and `company` are guesses (company is a
    key of the `companies` mapping given to find_figures). `vague` is always False
    here: vague amounts have no value and come from find_vague_amounts instead.
    `as_of` is the date written in the same sentence, when there is one.
    """

    figure: Figure
    sentence: str
    metric: str
    company: str | None
    vague: bool = False
    as_of: FigureDate | None = None  # the date the sentence names nearest the figure


def _is_year(match: Match) -> bool:
    return match.scale == 1 and bool(_YEAR.fullmatch(match.mantissa))


def _is_checkable(match: Match) -> bool:
    """Bare numbers ("476", "28") and years are not figures; a unit or a scale makes one.

    "2024 results" is a year too: only a registered unit ("2024 GPUs") or a currency
    turns a year-like number into a figure.
    """
    figure = match.figure
    if match.indefinite:  # "一家公司": "a company"
        return False
    if not figure.unit and (match.scale == 1 or match.spelled):
        return False  # "三百五十" alone, or "零一万物" (a name), are not figures
    return not (_is_year(match) and (not figure.unit or match.loose_unit))


def _matches(text: str) -> list[Match]:
    found: list[Match] = []
    for m in FIGURE_RE.finditer(text):
        match = match_to_figure(m)
        if match is not None:
            found.append(match)
    if has_chinese(text):
        found = _without_overlaps(found + find_chinese(text))
    return [m for m in _inherit_ranges(text, found) if _is_checkable(m)]


def _without_overlaps(found: list[Match]) -> list[Match]:
    """Where the two grammars read the same words, keep the earlier, then the longer, reading."""
    kept: list[Match] = []
    for match in sorted(found, key=lambda m: (m.figure.start, -m.figure.end)):
        if not kept or match.figure.start >= kept[-1].figure.end:
            kept.append(match)
    return kept


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


def _name_pattern(name: str) -> str:
    """A company name as a regex, with a word boundary on each side that ends in a Latin letter.

    "Acme" must not match inside "Acmes", but "商汤科技2023年" and "MiniMax估值" name their
    companies: Chinese writes no spaces around names.
    """
    body = re.escape(name).replace(r"\ ", r"\s+")
    before = f"(?<!{_LATIN_WORD})" if re.match(_LATIN_WORD, name) else ""
    after = f"(?!{_LATIN_WORD})" if re.match(_LATIN_WORD, name[-1]) else ""
    return before + body + after


class _CompanyGuesser:
    """Finds the company a figure is about, from the `companies` alias mapping."""

    def __init__(self, companies: Mapping[str, str] | None) -> None:
        self.lookup = {n.strip().lower(): key for n, key in (companies or {}).items() if n.strip()}
        names = sorted(self.lookup, key=len, reverse=True)
        alternation = "|".join(_name_pattern(n) for n in names)
        self.pattern = re.compile(alternation, re.IGNORECASE) if names else None

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

    `companies` maps lower-cased names and aliases to a company key. Text may be in
    English or Chinese (or both). Years, dates, ordinals, fiscal-year labels, model
    names ("GPT-4"), bare numbers and "一家" ("a company") are skipped; vague amounts
    ("billions of dollars", "数十亿元") are left to find_vague_amounts.
    """
    spans = sentence_spans(text)
    guesser = _CompanyGuesser(companies)
    dates = find_dates(text)
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
            if match.yen_ambiguous and _says_yuan(sentence):
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
            in_sentence = [d for d in dates if s_start <= d.start and d.end <= s_end]
            as_of = date_for(in_sentence, figure.start)
            candidates.append(Candidate(figure, sentence, metric, company, as_of=as_of))
    return candidates


def _says_yuan(sentence: str) -> bool:
    """A lone "¥" is the yuan in a sentence that says so, or in a Chinese one (not about yen)."""
    if _YUAN_CONTEXT.search(sentence):
        return True
    return has_chinese(sentence) and not _YEN_CONTEXT.search(sentence)

"""Find the figures in an article's text and set each beside the article's stored claims.

The finding is pure (factcheck.figures.find_figures); this module adds the desk: company
guesses from the names and aliases it knows, the date the sentence names (kept as the
period's last day with its precision, as claims keep it), and how each figure stands
against the claims already stored for the article:

- **already claimed**: a claim has the same figure and was quoted from the same sentence
  (a fragment of it, or all), or is about the same company, metric and date;
- **disagrees**: a claim quoted from the same sentence (its numbers aside: the article or the
  claim may have been edited since), or about the same company, metric and date, states a
  different figure; the editor decides which is right, so it is never added on its own;
- **new**: neither.

New claims are written through services.save_claim, as `unverified`.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from companies.models import Company
from factcheck import figures, services
from factcheck.figures.as_of import AsOf
from factcheck.figures.chinese import has_chinese
from factcheck.figures.sentences import sentence_spans
from factcheck.models import Article, Claim, Status
from factcheck.models.articles import Language

NEW, CLAIMED, DISAGREES = "new", "claimed", "disagrees"

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LETTERS = re.compile(r"[\W\d_#]+")
# A stored quote shorter than this, its numbers aside, says too little to tie it to a sentence
# ("$3.39 trillion" alone would match every sentence with a number in it).
_MIN_WORDS = 4


def _plain(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class Candidate:
    """A figure found in the text, as an unsaved unverified claim, and how it stands.

    `before`, `written` and `after` are the claim's quote cut around the figure (for
    highlighting). `existing` is the stored claim with the same figure; `disagrees` the
    stored claim that states this figure differently; `saved` the claim written for it.
    """

    claim: Claim
    key: str
    before: str = ""
    written: str = ""
    after: str = ""
    existing: Claim | None = None
    disagrees: Claim | None = None
    saved: Claim | None = None

    @property
    def standing(self) -> str:
        if self.existing is not None:
            return CLAIMED
        return DISAGREES if self.disagrees is not None else NEW

    @property
    def stored(self) -> Claim | None:
        """The claim in the desk for this figure: the one already there, or the one saved."""
        return self.existing or self.saved


@dataclass
class Extraction:
    candidates: list[Candidate] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)  # every company, by name
    created: int = 0

    def _with(self, standing: str) -> list[Candidate]:
        return [c for c in self.candidates if c.standing == standing]

    @property
    def new(self) -> list[Candidate]:
        return self._with(NEW)

    @property
    def already_there(self) -> list[Candidate]:
        return self._with(CLAIMED)

    @property
    def disagreeing(self) -> list[Candidate]:
        return self._with(DISAGREES)

    def by_key(self) -> dict[str, Candidate]:
        return {c.key: c for c in self.candidates}


def _companies() -> tuple[dict[str, str], dict[str, Company]]:
    """Name/alias → slug for the finder, and slug → Company (two queries)."""
    index = Company.objects.name_index()
    return {name: company.slug for name, company in index.items()}, {
        company.slug: company for company in index.values()
    }


def as_of_from(found: figures.FigureDate | None) -> AsOf | None:
    """The finder's date (the first day of the period written) as claims keep it: its last day."""
    if found is None:
        return None
    day, precision = found.date, found.precision
    number = {"day": day.month, "month": day.month, "quarter": (day.month - 1) // 3 + 1}
    return AsOf.of(day.year, precision, number.get(precision, 1), day.day)


def _key(quote: str, figure: figures.Figure) -> str:
    """Names a candidate on the review form; the same text gives the same keys."""
    raw = f"{quote}\x00{figure.value}\x00{figure.unit}\x00{figure.qualifier}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def text_fingerprint(text: str) -> str:
    """Tells the review form whether the article's text changed between showing and saving."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def candidates_in(text: str, *, article: Article | None = None, companies=None) -> list[Candidate]:
    """Every figure in `text` as an unsaved, unverified claim with its sentence as quote.

    Years, dates, ordinals and bare numbers are not figures (see find_figures). The metric,
    company and date (the one the sentence names nearest the figure) are guesses for the
    editor to confirm. `companies` is `_companies()`, when the caller has it already.
    """
    names, by_slug = companies or _companies()
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    language = article.language if article is not None else Language.EN
    found_list, seen = [], set()
    for found in figures.find_figures(text, companies=names):
        figure, quote = found.figure, _plain(found.sentence)
        if (quote, figure.value, figure.unit, figure.qualifier) in seen:
            continue  # the same figure twice in one sentence is one claim
        seen.add((quote, figure.value, figure.unit, figure.qualifier))
        as_of = as_of_from(found.as_of)
        written = "zh-hans" if has_chinese(found.sentence) else "en"
        claim = Claim(
            article=article,
            company=by_slug.get(found.company) if found.company else None,
            quote=quote,
            metric=found.metric,
            value=figure.value,
            unit=figure.unit,
            qualifier=figure.qualifier,
            as_of=as_of.date if as_of else None,
            as_of_precision=as_of.precision if as_of else "day",
            language="" if written == language else written,
            status=Status.UNVERIFIED,
        )
        s_start = spans[max(bisect_right(starts, figure.start) - 1, 0)][0] if spans else 0
        candidate = Candidate(claim, _key(quote, figure))
        candidate.before, candidate.written, candidate.after = _cut(
            found.sentence, figure.start - s_start, figure.end - s_start
        )
        found_list.append(candidate)
    return found_list


def _cut(sentence: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence before, at and after the figure, spaced as the quote (`_plain`) is."""
    start, end = max(0, min(start, len(sentence))), max(0, min(end, len(sentence)))
    if sentence[start:end].strip() == "":
        return _plain(sentence), "", ""
    before = _SPACE.sub(" ", sentence[:start]).lstrip()
    after = _SPACE.sub(" ", sentence[end:]).rstrip()
    return before, _SPACE.sub(" ", sentence[start:end]).strip(), after


def _words(text: str) -> str:
    """Lower-cased, spaces collapsed, every number as #: "reached $# trillion"."""
    return _plain(_NUMBER.sub("#", text)).lower()


def _same_sentence(stored: Claim, claim: Claim) -> bool:
    """The stored quote and the candidate's sentence hold each other, numbers aside."""
    quote, sentence = _plain(stored.quote).lower(), claim.quote.lower()
    if quote and (quote in sentence or sentence in quote):
        return True
    quote, sentence = _words(quote), _words(sentence)
    shorter = min(quote, sentence, key=len)
    if len(_LETTERS.sub("", shorter)) < _MIN_WORDS:
        return False
    return quote in sentence or sentence in quote


def _same_value(stored: Claim, claim: Claim) -> bool:
    return Decimal(stored.value) == Decimal(claim.value) and stored.unit == claim.unit


def _same_facts(stored: Claim, claim: Claim) -> bool:
    """About the same company, metric and date, in the same unit."""
    return (
        stored.company_id is not None
        and stored.company_id == claim.company_id
        and stored.metric == claim.metric
        and stored.as_of is not None
        and stored.as_of == claim.as_of
        and stored.unit == claim.unit
    )


def _comparable(stored: Claim, claim: Claim) -> bool:
    """Could the stored claim be this figure, written differently? The same unit, or money
    for the same metric ("$3.4 trillion" for "RMB 24 trillion" is not, unless both are
    the market cap and nothing closer in the sentence is)."""
    if stored.unit == claim.unit:
        return True
    both_money = figures.is_currency(stored.unit) and figures.is_currency(claim.unit)
    return both_money and stored.metric == claim.metric


def stored_claims(article: Article | None) -> list[Claim]:
    """The article's claims in the desk (pending changes aside), with what a CSV row reads."""
    if article is None or not article.pk:
        return []
    return list(
        Claim.objects.desk()
        .filter(article=article)
        .select_related("article", "company")
        .prefetch_related("sources")
        .order_by("pk")
    )


def match_existing(candidates: list[Candidate], stored: list[Claim]) -> list[Candidate]:
    """Set each candidate's `existing` or `disagrees` from the article's stored claims.

    First the same figures (a claim may cover the same figure repeated in several
    sentences); then, among the claims left, each is paired with at most one figure that
    it states differently, the likeliest pairs first.
    """
    for candidate in candidates:
        claim = candidate.claim
        same = [s for s in stored if _same_value(s, claim)]
        candidate.existing = next((s for s in same if _same_sentence(s, claim)), None) or next(
            (s for s in same if _same_facts(s, claim)), None
        )
    used = {c.existing.pk for c in candidates if c.existing is not None}
    pairs = []
    for position, candidate in enumerate(candidates):
        if candidate.existing is not None:
            continue
        claim = candidate.claim
        for s in stored:
            if s.pk in used:
                continue
            sentence = _same_sentence(s, claim) and _comparable(s, claim)
            facts = _same_facts(s, claim)
            if sentence or facts:
                score = (sentence + facts, s.unit == claim.unit, s.metric == claim.metric)
                pairs.append((score, position, s))
    pairs.sort(key=lambda pair: pair[0], reverse=True)  # stable: reading order on ties
    for _, position, s in pairs:
        candidate = candidates[position]
        if candidate.disagrees is None and s.pk not in used:
            candidate.disagrees = s
            used.add(s.pk)
    return candidates


def find(text: str, *, article: Article | None = None) -> Extraction:
    """The figures in `text`, each set beside `article`'s stored claims (four queries)."""
    companies = _companies()
    candidates = candidates_in(text, article=article, companies=companies)
    match_existing(candidates, stored_claims(article))
    everyone = sorted(set(companies[1].values()), key=lambda c: (c.name.lower(), c.pk))
    return Extraction(candidates, everyone)


@transaction.atomic
def add_claims(candidates: Iterable[Candidate], *, user) -> int:
    """Write these candidates' claims as unverified, all of them or (one refused) none.

    `user` is who enters them (None: the system); the services check their permission.
    """
    count = 0
    for candidate in candidates:
        candidate.saved = services.save_claim(claim=candidate.claim, user=user)
        count += 1
    return count


def extract(
    text: str, *, article: Article | None = None, save: bool = False, user=None
) -> Extraction:
    """Find the figures in `text`; with `save`, store the new ones as unverified claims.

    Figures already claimed are skipped, and so are those that disagree with a stored
    claim: which of the two is right is for an editor to settle.
    """
    result = find(text, article=article)
    if save:
        result.created = add_claims(result.new, user=user)
    return result


def extract_article(article: Article, *, save: bool = False, user=None) -> Extraction:
    return extract(article.text, article=article, save=save, user=user)

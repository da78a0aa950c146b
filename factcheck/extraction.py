"""Find the figures in an article's text and turn them into candidate claims.

The finding is pure (factcheck.figures.find_figures); this module adds the desk: company
guesses from the names and aliases it knows, the claims already there (which are skipped),
and saving the rest as `unverified` through services.save_claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from companies.models import Company
from factcheck import figures, services
from factcheck.models import Article, Claim, Status

_SPACE = re.compile(r"\s+")


@dataclass
class Candidate:
    """A figure found in the text as a claim (saved once `extract(save=True)` stored it),
    and the article's stored claim it repeats, if any."""

    claim: Claim
    existing: Claim | None = None

    @property
    def stored(self) -> Claim | None:
        """The claim in the desk for this figure: the one already there, or the one saved."""
        return self.existing or (self.claim if self.claim.pk else None)


@dataclass
class Extraction:
    candidates: list[Candidate] = field(default_factory=list)
    created: int = 0

    @property
    def new(self) -> list[Candidate]:
        return [c for c in self.candidates if c.existing is None]

    @property
    def already_there(self) -> list[Candidate]:
        return [c for c in self.candidates if c.existing is not None]


def _plain(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _companies() -> tuple[dict[str, str], dict[str, Company]]:
    """Name/alias → slug for the finder, and slug → Company (two queries)."""
    index = Company.objects.name_index()
    return {name: company.slug for name, company in index.items()}, {
        company.slug: company for company in index.values()
    }


def candidates_in(text: str, *, article: Article | None = None) -> list[Claim]:
    """Every figure in `text` as an unsaved, unverified claim with its sentence as quote.

    Years, dates, ordinals and bare numbers are not figures (see find_figures). The
    metric and company are guesses for the editor to confirm; `as_of` is left blank,
    since a sentence rarely says which date its figure refers to.
    """
    names, by_slug = _companies()
    claims, seen = [], set()
    for found in figures.find_figures(text, companies=names):
        figure, quote = found.figure, _plain(found.sentence)
        if (quote, figure.value, figure.unit, figure.qualifier) in seen:
            continue  # the same figure twice in one sentence is one claim
        seen.add((quote, figure.value, figure.unit, figure.qualifier))
        claims.append(
            Claim(
                article=article,
                company=by_slug.get(found.company) if found.company else None,
                quote=quote,
                metric=found.metric,
                value=figure.value,
                unit=figure.unit,
                qualifier=figure.qualifier,
                status=Status.UNVERIFIED,
            )
        )
    return claims


def _same_figure(stored: Claim, candidate: Claim) -> bool:
    """The same value and unit, quoted from the same sentence (a fragment of it, or all)."""
    if Decimal(stored.value) != candidate.value or stored.unit != candidate.unit:
        return False
    quote, sentence = _plain(stored.quote).lower(), candidate.quote.lower()
    return bool(quote) and (quote in sentence or sentence in quote)


def match_existing(claims: list[Claim], article: Article | None) -> list[Candidate]:
    """Pair each candidate with the article's stored claim for the same figure, if any."""
    stored = []
    if article is not None and article.pk:
        stored = list(
            Claim.objects.filter(article=article)
            .select_related("article", "company")
            .prefetch_related("sources")
        )
    paired = []
    for claim in claims:
        existing = next((s for s in stored if _same_figure(s, claim)), None)
        paired.append(Candidate(claim, existing))
    return paired


def extract(
    text: str,
    *,
    article: Article | None = None,
    save: bool = False,
    user=None,
    only: set[int] | None = None,
) -> Extraction:
    """Find the figures in `text`; with `save`, store the new ones as unverified claims.

    `user` is who enters them (None: the system); the services check their permission.
    Candidates repeating a claim of the article already stored are skipped; `only` keeps
    the saving to those positions in the list of candidates (an editor's selection).
    """
    result = Extraction(match_existing(candidates_in(text, article=article), article))
    if save:
        with transaction.atomic():  # all of them or, if one is refused, none
            for index, candidate in enumerate(result.candidates):
                if candidate.existing is None and (only is None or index in only):
                    services.save_claim(claim=candidate.claim, user=user)
                    result.created += 1
    return result


def extract_article(
    article: Article, *, save: bool = False, user=None, only: set[int] | None = None
) -> Extraction:
    return extract(article.text, article=article, save=save, user=user, only=only)

"""Text search over claims (CONTRACT.md, `q`), in English and in Chinese.

PostgreSQL:

* English goes through full-text search against the vector of quote and rationale, the
  expression of the GIN index of migration 0002 (so the planner reads the index): each word,
  stemmed (`plainto_tsquery('english', word)`), must be in it or in a name of the claim's
  company; words the parser drops ("the", "of") are left out. A query written for a search
  engine (`"quoted phrases"`, `or`, `-word`) is read whole by `websearch_to_tsquery`.
* A query holding Chinese is matched as substrings: Chinese puts no spaces between words,
  so the English parser sees a whole sentence as one word and would never match a part of
  it. Each word of the query must appear (ILIKE) in quote and rationale, the expression of
  the trigram index of migration 0014 (pg_trgm), which serves any substring of three
  characters or more; a two-character word still matches, by a scan. docs/PERFORMANCE.md
  and bench/pages.py have the timings.

SQLite (development, tests): every word as a substring, whatever the language.

So on both databases every word must be in the quote, the rationale or a name of the claim's
company (its name or one of its aliases; in part, except on the full-text path with
operators, where the whole query must name it), and a query that names a company finds that
company's claims too: "月之暗面" finds Moonshot AI's figures whether or not a quote says so. The
companies are a subquery of the same statement, so a search costs no extra query.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, models
from django.db.models.functions import Coalesce

from factcheck.figures.chinese import has_chinese

_TEXT = models.TextField()


class SearchText(models.Func):
    """Quote and rationale as one text: `(COALESCE(quote, '') || ' ' || COALESCE(note, ''))`.

    Written as the trigram index of migration 0014 has it, so the planner uses the index.
    """

    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = _TEXT

    def __init__(self):
        super().__init__(
            Coalesce("quote", models.Value(""), output_field=_TEXT),
            Coalesce("note", models.Value(""), output_field=_TEXT),
        )


class ILike(models.Lookup):
    """`lhs ILIKE rhs`: the form a trigram index serves (Django's icontains wraps both
    sides in UPPER(), which no index on the plain text matches)."""

    lookup_name = "ilike"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]


def like_pattern(word: str) -> str:
    """`%word%` with LIKE's own characters in `word` taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _companies_named(word: str) -> models.QuerySet:
    """The ids of the companies whose name or an alias holds `word`, as a subquery."""
    from companies.models import Company

    named = models.Q(name__icontains=word) | models.Q(aliases__name__icontains=word)
    return Company.objects.filter(named).order_by().values("pk")


class AnyOf(models.Lookup):
    """`lhs = ANY(ARRAY(subquery))`: PostgreSQL runs the subquery once (an InitPlan) and
    reads the claims by company from an index, even inside an OR with a text condition
    (`IN (subquery)` there would make it scan every claim)."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]


def _of_company(word: str, vendor: str) -> models.Q:
    """Claims about a company that `word` names, in the same query (no query of its own)."""
    companies = models.Subquery(_companies_named(word))
    if vendor == "postgresql":
        return models.Q(AnyOf(models.F("company_id"), companies))
    return models.Q(company__in=companies)


def search_claims(claims: models.QuerySet, query: str) -> models.QuerySet:
    """`claims` narrowed to those matching `query` (blank: all of them)."""
    query = (query or "").strip()
    if not query:
        return claims
    words = query.split()
    vendor = connections[claims.db].vendor
    if vendor != "postgresql":
        condition = models.Q()
        for word in words:
            condition &= (
                models.Q(quote__icontains=word)
                | models.Q(note__icontains=word)
                | _of_company(word, vendor)
            )
        return claims.filter(condition)
    if has_chinese(query):
        condition = models.Q()
        for word in words:
            condition &= models.Q(ILike(SearchText(), models.Value(like_pattern(word)))) | (
                _of_company(word, vendor)
            )
        return claims.filter(condition)
    # The GIN index of migration 0002: to_tsvector('english', coalesce(quote, '') || ' ' ||
    # coalesce(note, '')); SearchVector writes exactly that.
    claims = claims.alias(search_vector=SearchVector("quote", "note", config="english"))
    if _SEARCH_OPERATORS.search(query):
        words_query = SearchQuery(query, config="english", search_type="websearch")
        return claims.filter(models.Q(search_vector=words_query) | _of_company(query, vendor))
    condition = models.Q()
    for word in words:
        condition &= _english_word(word)
    return claims.filter(condition)


# `"a phrase"`, `-word`, `or`: a query written for websearch_to_tsquery, taken as a whole.
_SEARCH_OPERATORS = re.compile(r'"|(^|\s)-\S|(^|\s)or(\s|$)', re.IGNORECASE)


class _IsStopWord(models.Func):
    """`numnode(plainto_tsquery('english', word)) = 0`: the parser drops `word` ("the", "of").

    Every argument is a constant and every function immutable, so PostgreSQL folds it to
    true or false while planning: the condition it sits in keeps using the indexes.
    """

    template = "numnode(%(expressions)s) = 0"
    output_field = models.BooleanField()


def _english_word(word: str) -> models.Q:
    """One word of an English query on PostgreSQL: in the quote or the rationale (stemmed, from
    the GIN index), or in a name of the claim's company, as SQLite and Chinese queries match."""
    word_query = SearchQuery(word, config="english", search_type="plain")
    return (
        models.Q(search_vector=word_query)
        | _of_company(word, "postgresql")
        | models.Q(_IsStopWord(word_query))
    )

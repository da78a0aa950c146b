"""What each claim's sources say, stored on the claim: how many there are (`n_sources`),
whether a verified claim rests on secondary sources only (`secondary_only`), and whether
none of them agrees with the verdict (`sources_at_odds`, rules.at_odds).

Readers sort the claims tables by the count, and the desk filters and counts the other two
("verified on secondary sources only", "sources contradict the verdict"); computing them
from a million claims' sources on each such request took seconds. So they are kept on the
claim, in one place: the services' write computes them with the claim it saves
(`derived`), a Source saved or deleted one at a time (the admin, the services, the demo,
the factories) refreshes its claim here, and bulk paths (the CSV import, pending changes)
call `refresh` with the claims they wrote. The refresh recounts in the database, so it is
right whatever ran before it. The CSV import writes a new claim's fields with the claim
(`stored`, from the sources it writes with it) and refreshes only the claims it updates.
"""

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from factcheck.models import Claim, Source, Status
from factcheck.rules import AGREEING, at_odds

BATCH = 5000


def counted():
    """The number of sources of the claim `OuterRef("pk")` names, as an expression."""
    per_claim = (
        Source.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(per_claim, output_field=IntegerField()), 0)


def stored_expressions() -> dict:
    """Each stored field as an expression over the claim `OuterRef("pk")` names (for update)."""
    sources = Source.objects.filter(claim=OuterRef("pk"))
    at_odds_when = Q()
    for status, agreeing in AGREEING.items():  # the rule of rules.at_odds, in SQL
        at_odds_when |= (
            Q(status=status) & Exists(sources) & ~Exists(sources.filter(stance=agreeing))
        )
    return {
        "n_sources": counted(),
        "secondary_only": Case(
            When(
                Q(status=Status.VERIFIED)
                & Exists(sources)
                & ~Exists(sources.filter(kind__in=Source.PRIMARY_KINDS)),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "sources_at_odds": Case(
            When(at_odds_when, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    }


def secondary_only(status: str, kinds: list[str]) -> bool:
    """A verified claim with sources, none of them primary: allowed, but worth a primary one."""
    return status == Status.VERIFIED and bool(kinds) and not set(kinds) & set(Source.PRIMARY_KINDS)


def stored(status: str, sources: Iterable[tuple[str, str]]) -> dict:
    """The stored fields of a claim with this status and these sources' (kind, stance)."""
    sources = list(sources)
    return {
        "n_sources": len(sources),
        "secondary_only": secondary_only(status, [kind for kind, _ in sources]),
        "sources_at_odds": at_odds(status, [stance for _, stance in sources]),
    }


def derived(claim: Claim) -> dict:
    """The stored fields for `claim` as it is in memory (its status) and its saved sources."""
    return stored(claim.status, claim.sources.values_list("kind", "stance") if claim.pk else [])


def refresh(claim_ids: Iterable[int]) -> int:
    """Recompute the stored fields of these claims from their sources and status; returns
    how many claims were rewritten.

    Only a claim whose stored fields differ from the recount is written: rewriting an
    unchanged claim would still write its row and every index on it (issue 15).
    """
    ids = sorted(set(claim_ids))
    rewritten = 0
    for start in range(0, len(ids), BATCH):
        recount = stored_expressions()
        differs = Q()
        for name, expression in stored_expressions().items():
            differs |= ~Q(**{name: expression})
        batch = ids[start : start + BATCH]
        rewritten += Claim.objects.filter(differs, pk__in=batch).update(**recount)
    return rewritten


@receiver(post_save, sender=Source, dispatch_uid="source_counts_saved")
def _source_saved(sender, instance: Source, **kwargs) -> None:
    refresh([instance.claim_id])


@receiver(post_delete, sender=Source, dispatch_uid="source_counts_deleted")
def _source_deleted(sender, instance: Source, **kwargs) -> None:
    refresh([instance.claim_id])

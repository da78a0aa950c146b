"""The pages bench/pages.py measures, chosen from whatever desk bench/seed.py made.

Where a page's cost could depend on which value is asked for, the worst one is taken: the
company with the most public claims, the deepest page and the middle page (the one
furthest from both ends, where an OFFSET is largest).
"""

from __future__ import annotations

from math import ceil

from django.db.models import Count

from factcheck.models import CheckOperand, Claim
from factcheck.pagination import PER_PAGE

SEARCH_WORD = "humanoid"  # one topic word of sixty: a few per cent of the notes


def companies_by_size() -> list[str]:
    counted = (
        Claim.objects.public()
        .exclude(company=None)
        .values("company__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "company__slug")
    )
    return [row["company__slug"] for row in counted]


def claim_with_everything() -> int:
    """A public claim with sources, a correction and an arithmetic check: the fullest page."""
    operand = (
        CheckOperand.objects.filter(
            claim__in=Claim.objects.public().filter(corrections__isnull=False)
        )
        .order_by("pk")
        .first()
    )
    if operand is not None:
        return operand.claim_id
    return Claim.objects.public().order_by("pk").values_list("pk", flat=True)[0]


def pages() -> tuple[list[tuple[str, str]], int]:
    """(label, url) of every page to measure, references first; and the number of claims."""
    claims = Claim.objects.count()
    last = max(1, ceil(Claim.objects.public().verified().count() / PER_PAGE))
    deep = min(last, 10_000)
    companies = companies_by_size()
    biggest, typical = companies[0], companies[len(companies) // 2]
    claim = claim_with_everything()
    targets = [
        ("trivial view", "/bench/trivial/"),
        ("plain template, same 50 rows", "/bench/plain/"),
        ("/ page 1", "/"),
        (f"/ page {last // 2} (middle)", f"/?page={last // 2}"),
        (f"/ page {deep} (deepest)", f"/?page={deep}"),
        ("/claims/ page 1", "/claims/"),
        ("/claims/?company= (largest company)", f"/claims/?company={biggest}"),
        ("/claims/?q= (full text)", f"/claims/?q={SEARCH_WORD}"),
        ("/claims/?metric&currency&sort=-usd", "/claims/?metric=valuation&currency=USD&sort=-usd"),
        ("/claims/?sort=company", "/claims/?sort=company"),
        ("/claims/?sort=-sources", "/claims/?sort=-sources"),
        ("claim page", f"/claims/{claim}/"),
        ("company page (largest)", f"/companies/{biggest}/"),
        ("company page (median)", f"/companies/{typical}/"),
        ("/companies/", "/companies/"),
        ("/api/claims/", "/api/claims/"),
    ]
    if deep != last:
        targets.insert(5, (f"/ page {last} (last)", f"/?page={last}"))
    return targets, claims

"""Changelist filters for the desk's own questions.

Each reads a column or a partial index of migration 0019 where it can (the stored source
count `n_sources` rather than a subquery per claim), so a filtered page of a million claims
costs what one of a hundred thousand does (docs/PERFORMANCE.md, "The desk").
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef

from factcheck.models import Source, Status
from factcheck.stances import AGREEING, claims_at_odds


class PublishedFilter(admin.SimpleListFilter):
    title = "published"
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("yes", "Published"), ("no", "Not published")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(published_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(published_at__isnull=True)
        return queryset


class HasSourcesFilter(admin.SimpleListFilter):
    title = "sources"
    parameter_name = "has_sources"

    def lookups(self, request, model_admin):
        return [("yes", "Has sources"), ("no", "No source")]

    def queryset(self, request, queryset):
        # n_sources is kept by factcheck/source_counts.py on every path that writes sources.
        if self.value() == "yes":
            return queryset.filter(n_sources__gt=0)
        if self.value() == "no":
            return queryset.filter(n_sources=0)
        return queryset


class SecondaryOnlyFilter(admin.SimpleListFilter):
    """Verified claims that rest on news and analysts only: allowed, but worth a primary source."""

    title = "evidence"
    parameter_name = "secondary_only"

    def lookups(self, request, model_admin):
        return [("yes", "Verified on secondary sources only")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return queryset.filter(
            ~Exists(Source.objects.filter(claim=OuterRef("pk"), kind__in=Source.PRIMARY_KINDS)),
            status=Status.VERIFIED,
            n_sources__gt=0,
        )


class StanceConflictFilter(admin.SimpleListFilter):
    """Verdicts none of whose sources agrees with them (factcheck.stances)."""

    title = "sources and verdict"
    parameter_name = "stance_conflict"

    def lookups(self, request, model_admin):
        return [("yes", "Sources contradict the verdict")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        # Only verdicts with an agreeing stance and with sources can be at odds; saying so
        # lets the planner read those claims alone before it looks at their sources.
        return claims_at_odds(queryset.filter(status__in=list(AGREEING), n_sources__gt=0))


class MyQueueFilter(admin.SimpleListFilter):
    """ "My queue": the claims assigned to me that still wait for a verdict."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("mine", "My queue"), ("unassigned", "Not assigned")]

    def queryset(self, request, queryset):
        waiting = queryset.filter(status__in=["unverified", "in_review"])
        if self.value() == "mine":
            return waiting.filter(assigned_to=request.user)
        if self.value() == "unassigned":
            return waiting.filter(assigned_to__isnull=True)
        return queryset

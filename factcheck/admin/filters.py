"""Changelist filters for the desk's own questions.

Each reads a stored column and its partial index (migrations 0019 and 0021) rather than a
subquery per claim: the source count `n_sources`, `secondary_only`, `sources_at_odds`
and `checks_state`, which the write path keeps (factcheck/source_counts.py,
factcheck/check_counts.py). A filtered page of a million claims so costs what one of a
hundred thousand does (docs/PERFORMANCE.md, "The desk").
"""

from django.contrib import admin

from factcheck.models.claims import AT_ODDS, CHECKS_FAILING, CHECKS_HOLDING, SECONDARY_ONLY


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
        return queryset.filter(SECONDARY_ONLY)


class StanceConflictFilter(admin.SimpleListFilter):
    """Verdicts none of whose sources agrees with them (factcheck.stances)."""

    title = "sources and verdict"
    parameter_name = "stance_conflict"

    def lookups(self, request, model_admin):
        return [("yes", "Sources contradict the verdict")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        return queryset.filter(AT_ODDS)


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


class ChecksFailingFilter(admin.SimpleListFilter):
    """Claims in an arithmetic check that fails (or cannot be computed), or whose checks all
    hold, from the state stored on the claim (factcheck/check_counts.py)."""

    title = "arithmetic checks"
    parameter_name = "checks"

    def lookups(self, request, model_admin):
        return [("failing", "Checks failing"), ("holding", "Checks all hold")]

    def queryset(self, request, queryset):
        if self.value() == "failing":
            return queryset.filter(CHECKS_FAILING)
        if self.value() == "holding":
            return queryset.filter(CHECKS_HOLDING)
        return queryset

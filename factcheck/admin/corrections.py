"""Corrections: the public log of changes to claims already published; recorded, never typed."""

from django.contrib import admin

from factcheck.models import Correction


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["claim", "old_status", "new_status", "created_at", "created_by"]
    list_select_related = ["claim", "created_by"]
    readonly_fields = ["claim", "old_status", "new_status", "created_at", "created_by"]

    def has_add_permission(self, request):
        return False  # corrections are recorded by changing a published verdict

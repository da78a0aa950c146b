"""Sources on their own: every source, with its change history (who and when)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from factcheck.models import Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "publisher", "kind", "stance", "claim"]
    list_filter = ["kind", "stance"]
    list_select_related = ["claim"]
    search_fields = ["url", "title", "publisher", "excerpt"]
    autocomplete_fields = ["claim"]
    show_full_result_count = False

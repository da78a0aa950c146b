"""Sources on their own: every source, with its change history (who and when)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from factcheck import services
from factcheck.models import Source

from .workflow import error_text


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "publisher", "kind", "stance", "claim"]
    list_filter = ["kind", "stance"]
    list_select_related = ["claim"]
    search_fields = ["url", "title", "publisher", "excerpt"]
    autocomplete_fields = ["claim"]
    show_full_result_count = False

    # Every write goes through services.sources: a change to a source of a claim with a
    # verdict sends the claim back to review; on a published claim it is made on the
    # claim's pending change, never on what readers see.

    def save_model(self, request, obj, form, change):
        services.save_source(source=obj, user=request.user)

    def delete_model(self, request, obj):
        services.delete_source(source=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for source in queryset:
            try:
                services.delete_source(source=source, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{source}: {error_text(error)}", messages.ERROR)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

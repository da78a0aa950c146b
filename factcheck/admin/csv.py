"""The claims CSV in the admin: import with a preview, export of the filtered list or a selection.

django-import-export draws the screens and checks the permissions (the `import` and `export`
codes in settings: claims' `import_claim` / `export_claim`, not "any staff user"). Import:
upload → preview of what is new, updated or unchanged, with every bad row listed by its line
and column → confirm; the preview is a dry run of the same import the command runs, and it
costs a validation only. Export streams the changelist's queryset (its filters and search),
or the selected claims, through the same rows as every other export.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.forms import ExportForm
from import_export.signals import post_export

from factcheck.csvio.export import iter_csv
from factcheck.csvio.reader import CSVFileError

from .resources import ClaimsCSV

# More errors than this are summarised: the editor fixes these and uploads again.
ERRORS_SHOWN = 50


class ClaimCSVAdminMixin(ImportMixin, ExportActionMixin):
    """Import and export for ClaimAdmin; the ModelAdmin sets `resource_classes`."""

    import_formats = [ClaimsCSV]
    export_formats = [ClaimsCSV]
    export_form_class = ExportForm
    # One format, fixed columns: nothing to choose, so Export downloads at once.
    skip_export_form = True
    skip_export_form_from_action = True
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    import_template_name = "admin/factcheck/claim/import.html"
    # Keep the claim's own change form (admin/factcheck/claim/change_form.html).
    change_form_template = None
    show_change_form_export = False

    def add_data_read_fail_error_to_form(self, form, error):
        """A file that cannot be read gets our sentence, not an exception's name."""
        if isinstance(error, CSVFileError):
            form.add_error("import_file", str(error))
        else:
            super().add_data_read_fail_error_to_form(form, error)

    def process_import(self, request, **kwargs):
        """Confirm: a file that expired or was already imported is a message, not an error page."""
        try:
            if not self._upload_still_here(request.POST.get("import_file_name", "")):
                raise FileNotFoundError
            return super().process_import(request, **kwargs)
        except (CSVFileError, OSError, TypeError, ValueError) as error:
            if isinstance(error, CSVFileError):
                text = str(error)
            else:
                text = (
                    "The uploaded file is no longer here (it was already imported, or waited "
                    "too long before being confirmed): nothing was imported. Upload it again."
                )
            messages.error(request, text)
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
            return HttpResponseRedirect(url)

    def _upload_still_here(self, name: str) -> bool:
        if not name or len(name) > 255:
            return False
        storage = self.get_tmp_storage_class()(
            name=name, read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )
        return bool(storage.read())

    def process_result(self, result, request):
        """After "Confirm import": if the claims changed since the preview, say what and stop."""
        report = getattr(result, "report", None)
        if report is not None and not report.ok:
            for error in report.errors[:ERRORS_SHOWN]:
                messages.error(request, str(error))
            messages.error(request, report.summary())
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
            return HttpResponseRedirect(url)
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        messages.success(request, result.report.summary())

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        """Stream the CSV (with a BOM, so spreadsheets read it as UTF-8) instead of building it."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        response = StreamingHttpResponse(
            iter_csv(queryset.order_by("pk"), bom=True),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"claims-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        post_export.send(sender=None, model=self.model)
        return response

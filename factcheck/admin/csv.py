"""The claims CSV in the admin: import with a preview, export of the filtered list or a selection.

django-import-export draws the screens and checks the permissions (the `import` and `export`
codes in settings: claims' `import_claim` / `export_claim`, not "any staff user"). Import:
upload → preview of what is new, updated or unchanged, with every bad row listed by its line
and column → confirm. The preview is a dry run of the import the command runs (every row
checked, nothing written), and the confirmation runs that import, which checks every row
again against the claims as they are then, so an edit made meanwhile is never overwritten.
Both run as jobs beside the request (admin/import_jobs.py) with a status page that follows
them. Export streams the changelist's queryset (its filters and search), or the selected
claims, through the same rows as every other export.
"""

import re

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.forms import ExportForm
from import_export.signals import post_export

from factcheck.admin_site import odd_list_params
from factcheck.csvio.export import iter_csv

from . import import_jobs
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
    import_status_template_name = "admin/factcheck/claim/import_status.html"
    # Keep the claim's own change form (admin/factcheck/claim/change_form.html).
    change_form_template = None
    show_change_form_export = False

    def get_urls(self):
        status = path(
            "import/<str:job_id>/",
            self.admin_site.admin_view(self.import_status),
            name=f"{self.opts.app_label}_{self.opts.model_name}_import_status",
        )
        return [status, *super().get_urls()]

    def _url(self, name: str, *args) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def import_action(self, request, **kwargs):
        """Upload: keep the file, start its preview, and follow it on the status page."""
        if request.method != "POST":
            return super().import_action(request, **kwargs)
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        if not form.is_valid():
            return super().import_action(request, **kwargs)
        upload = form.cleaned_data["import_file"]
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        storage = self.write_to_tmp_storage(upload, input_format)
        import_jobs.keep_upload(storage.name, request.user.pk)
        job = import_jobs.new_job(
            user_id=request.user.pk,
            file_name=upload.name,
            storage_name=storage.name,
            format=form.cleaned_data["format"],
            dry_run=True,
        )
        import_jobs.start(job, storage.read(), request.user, finished=_forget_unusable(storage))
        return HttpResponseRedirect(self._url("import_status", job.id))

    def process_import(self, request, **kwargs):
        """Confirm: import the file previewed, once, as who uploaded it. A file that expired,
        someone else's file, or one confirmed already is a message, and nothing is imported."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        storage = self._upload(form.cleaned_data["import_file_name"]) if form.is_valid() else None
        refused = import_jobs.claim_upload(storage.name, request.user.pk) if storage else ""
        data = b"" if refused else _read(storage)
        if not data:
            messages.error(request, refused or import_jobs.GONE)
            return HttpResponseRedirect(self._url("import"))
        job = import_jobs.new_job(
            user_id=request.user.pk,
            file_name=form.cleaned_data["original_file_name"],
            storage_name=storage.name,
            format=form.cleaned_data["format"],
            dry_run=False,
        )
        import_jobs.start(job, data, request.user, finished=lambda job: storage.remove())
        return HttpResponseRedirect(self._url("import_status", job.id))

    def import_status(self, request, job_id: str):
        """A running job's progress (reloading itself), then its preview or its outcome."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = import_jobs.load_job(job_id)
        if job is None or job.user_id != request.user.pk:
            raise Http404("No such import.")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import",
            "opts": self.opts,
            "job": job,
        }
        if job.state == "running":
            return TemplateResponse(request, [self.import_status_template_name], context)
        if not job.dry_run:
            return self._outcome(request, job)
        form = self.create_import_form(request)
        context.update(
            form=form,
            media=self.media + form.media,
            import_error_display=self.import_error_display,
            fields_list=[],
        )
        if job.state == "done":
            context["result"] = job
            if job.ok:
                context["confirm_form"] = self.get_confirm_form_class(request)(
                    initial={
                        "import_file_name": job.storage_name,
                        "original_file_name": job.file_name,
                        "format": job.format,
                        "resource": "",
                    }
                )
        return TemplateResponse(request, [self.import_template_name], context)

    def _outcome(self, request, job):
        """After "Confirm import": what was imported, or why nothing was (the claims changed
        since the preview: say what and stop)."""
        import_jobs.forget(job)
        if job.state == "failed":
            messages.error(request, job.failure)
        elif not job.ok:
            for error in job.errors[:ERRORS_SHOWN]:
                messages.error(request, error)
            messages.error(request, job.summary)
        else:
            messages.success(request, job.summary)
            return HttpResponseRedirect(self._url("changelist"))
        return HttpResponseRedirect(self._url("import"))

    def export_action(self, request):
        """The list's claims as CSV, by the list's address (its filters and search). An
        address the list could not show (an unknown parameter, a NUL, a year 0) exports
        nothing and says so on the list, instead of failing."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        odd = odd_list_params(request.GET, self.date_hierarchy)
        if not odd:
            try:
                return super().export_action(request)
            except IncorrectLookupParameters:
                pass
        messages.warning(
            request,
            "Nothing was exported: the export's address asked for something the claims list "
            "cannot filter by. Filter the list here, then export it.",
        )
        return HttpResponseRedirect(self._url("changelist"))

    def write_to_tmp_storage(self, import_file, input_format):
        """The uploaded file kept as bytes for the confirmation (import-export's, but with
        the chunks joined once instead of the bytes copied over and over)."""
        storage = self.get_tmp_storage_class()(
            read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )
        storage.save(b"".join(import_file.chunks()))
        return storage

    def _upload(self, name: str):
        """The kept upload named `name`: a name the storage gives (letters, digits, "_",
        "-", "."; never a path or a key of something else), else None."""
        if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}", name or ""):
            return None
        return self.get_tmp_storage_class()(
            name=name, read_mode="rb", **self.get_tmp_storage_class_kwargs()
        )

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


def _read(storage) -> bytes:
    """The uploaded file's bytes, or b"" when it is gone."""
    if storage is None:
        return b""
    try:
        return storage.read() or b""
    except (OSError, TypeError, ValueError):
        return b""


def _forget_unusable(storage):
    """After a preview: a file that cannot be imported is not kept for a confirmation."""

    def finished(job) -> None:
        if job.state != "done" or not job.ok:
            storage.remove()

    return finished

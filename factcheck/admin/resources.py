"""The claims CSV as a django-import-export Resource and Format: what the admin's screens name.

The columns are CONTRACT.md's ("Claims CSV"), declared once in csvio.columns. import-export
draws the import and export screens and checks their permissions; the work is csvio's, which
validates and imports every row (csvio.importer, run by admin/csv.py's jobs, as the
management command runs it) and streams exports (csvio.export). import-export's own row loop
is not used: it queries per row, skips model validation by default, holds the whole file as
a dataset, and its preview costs as much as the import itself.
"""

import csv
import io

import tablib
from import_export import fields, resources
from import_export.formats.base_formats import Format

from factcheck.csvio import export
from factcheck.csvio.columns import EXPORT_ONLY_COLUMNS, HEADER
from factcheck.models import Claim


class ClaimsCSV(Format):
    """The claims CSV as an import-export format (the file is read by csvio.reader)."""

    def __init__(self, encoding=None):
        # import-export passes an encoding; the file must be UTF-8, and the reader checks it.
        self.encoding = "utf-8"

    def get_title(self):
        return "csv"

    def export_data(self, dataset, **kwargs):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(dataset.headers)
        writer.writerows(dataset)
        return out.getvalue()

    def get_extension(self):
        return "csv"

    def get_content_type(self):
        return "text/csv"

    def is_binary(self):
        return True  # bytes as uploaded: csvio.reader decodes them, and says when it cannot

    def can_import(self):
        return True

    def can_export(self):
        return True


class ClaimResource(resources.Resource):
    """Claims in and out as CSV for the admin: its columns, and `export` as a Dataset."""

    class Meta:
        model = Claim

    @classmethod
    def get_display_name(cls):
        return "Claims CSV"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            name: fields.Field(
                attribute=name, column_name=name, readonly=name in EXPORT_ONLY_COLUMNS
            )
            for name in HEADER
        }

    def export(self, queryset=None, **kwargs) -> tablib.Dataset:
        """The claims as a Dataset (held in memory: the admin streams instead, see admin.csv)."""
        claims = Claim.objects.all() if queryset is None else queryset
        return tablib.Dataset(*export.iter_rows(claims.order_by("pk")), headers=HEADER)

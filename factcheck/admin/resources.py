"""The claims CSV as a django-import-export Resource: how the admin's screens reach csvio.

The columns are CONTRACT.md's ("Claims CSV"), declared once in csvio.columns. The work is done
by csvio, which streams and validates every row (csvio.importer) and streams exports
(csvio.export); the management commands call csvio directly, and this Resource runs the same
import for the admin's import screens, so both refuse the same rows with the same messages.

import-export's own row loop is not used: it queries per row, skips model validation by
default, and its preview costs as much as the import itself. `import_data` runs our import
and reports it in import-export's Result, which the admin's preview page shows.
"""

import csv
import io

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, resources
from import_export.formats.base_formats import Format
from import_export.results import Result, RowResult

from factcheck.csvio import export, importer
from factcheck.csvio.columns import EXPORT_ONLY_COLUMNS, HEADER
from factcheck.csvio.preview import build_preview
from factcheck.csvio.reader import CSVRow, read_rows
from factcheck.models import Claim

LINE, WIDTH = "__line__", "__width__"  # bookkeeping columns of an uploaded dataset
PREVIEW_COLUMNS = [name for name in HEADER if name not in EXPORT_ONLY_COLUMNS]


class ClaimsCSV(Format):
    """The claims CSV as an import-export format: read by our reader, so that file problems
    (encoding, binary, missing columns) get our messages and rows keep their line numbers."""

    def __init__(self, encoding=None):
        # import-export passes an encoding; the file must be UTF-8, and the reader checks it.
        self.encoding = "utf-8"

    def get_title(self):
        return "csv"

    def create_dataset(self, in_stream):
        data = in_stream.encode("utf-8") if isinstance(in_stream, str) else in_stream
        dataset = None
        for row in read_rows(io.BytesIO(data)):
            if dataset is None:
                dataset = tablib.Dataset(headers=[*row.cells, LINE, WIDTH])
            dataset.append([*row.cells.values(), row.line, row.width])
        return dataset if dataset is not None else tablib.Dataset()

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

    def can_import(self):
        return True

    def can_export(self):
        return True


class ClaimResource(resources.Resource):
    """Claims in and out as CSV for the admin: `import_data` (with its preview) and `export`."""

    class Meta:
        model = Claim

    @classmethod
    def get_display_name(cls):
        return "Claims CSV"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            name: fields.Field(attribute=name, column_name=name, readonly=name in EXPORT_ONLY_COLUMNS)
            for name in HEADER
        }

    def export(self, queryset=None, **kwargs) -> tablib.Dataset:
        """The claims as a Dataset (held in memory: the admin streams instead, see admin.csv)."""
        claims = Claim.objects.all() if queryset is None else queryset
        rows = export.iter_rows(claims.order_by("pk"))
        return tablib.Dataset(*rows, headers=HEADER)

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs) -> Result:
        """Run the import over an uploaded dataset and report it as import-export's Result."""
        rows = [_csv_row(dataset.headers, values) for values in dataset]
        report = importer.import_rows(
            rows,
            user=kwargs.get("user"),
            dry_run=dry_run,
            file_name=kwargs.get("file_name") or "",
            keep_changes=True,
        )
        return _result(report, {row.line: row.cells for row in rows})


def _csv_row(headers: list[str], values) -> CSVRow:
    cells = dict(zip(headers, values, strict=True))
    line, width = cells.pop(LINE), cells.pop(WIDTH)
    return CSVRow(line, cells, width)


def _result(report: importer.ImportReport, cells_by_line: dict[int, dict]) -> Result:
    result = Result()
    result.diff_headers = ["line", "changes", *PREVIEW_COLUMNS]
    result.report = report
    by_line: dict[int, dict[str, list[str]]] = {}
    for error in report.errors:
        column = error.column or NON_FIELD_ERRORS
        by_line.setdefault(error.line, {}).setdefault(column, []).append(error.message)
    for line, problems in sorted(by_line.items()):
        row = {"line": line, "changes": "", **cells_by_line.get(line, {})}
        result.append_invalid_row(line, row, ValidationError(problems))
        result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
    kinds = {"new": RowResult.IMPORT_TYPE_NEW, "update": RowResult.IMPORT_TYPE_UPDATE}
    for change in report.changes or []:
        kind = kinds.get(change.kind, RowResult.IMPORT_TYPE_SKIP)
        result.totals[kind] += 1
        if kind == RowResult.IMPORT_TYPE_SKIP or change.claim_id is None:
            continue
        # A row result per written claim: import-export logs them ("Recent actions").
        row_result = RowResult()
        row_result.import_type = kind
        row_result.instance = Claim(pk=change.claim_id, quote=change.row.quote)
        row_result.add_instance_info(row_result.instance)
        result.append_row_result(row_result)
    # The preview page lists only what changes (csvio.preview), not these.
    result.preview = build_preview(report.changes or [], unchanged=report.unchanged)
    result.total_rows = len(cells_by_line)
    return result

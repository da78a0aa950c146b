"""manage.py export_claims [-o FILE] [--status S] [--published]"""

from django.core.management.base import BaseCommand, CommandError

from factcheck.csvio.export import write_csv
from factcheck.models import Claim, Status


class Command(BaseCommand):
    help = (
        "Write claims as CSV (the columns of CONTRACT.md, UTF-8, in id order) to standard "
        "output or FILE; pending changes of published claims are left out. Streams: memory "
        "stays flat whatever the number of claims. Cells a spreadsheet would run as formulas "
        "are neutralised with a leading '."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="write to this file instead of standard output")
        parser.add_argument("--status", choices=Status.values, help="only claims with this status")
        parser.add_argument(
            "--published",
            action="store_true",
            help="only what the public sees (published verdicts)",
        )

    def handle(self, *args, output, status, published, **options):
        # The desk's claims: a pending change is reached from its claim, never exported.
        claims = Claim.objects.desk()
        if published:
            claims = claims.public()
        if status:
            claims = claims.filter(status=status)
        if output is None:
            write_csv(claims, self.stdout)
            return
        try:
            out = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        with out:
            count = write_csv(claims, out)
        self.stderr.write(f"{count:,} claims written to {output}.")

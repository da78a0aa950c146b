"""`manage.py compile_translations`: every locale/*/LC_MESSAGES/*.po to its .mo, in Python.

Django's compilemessages needs GNU gettext's msgfmt; this needs only Babel (a dev
dependency), so a fresh machine can rebuild the committed .mo files. The .mo files are
committed, so `make run` needs neither.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from factcheck.translations import compile_catalog, po_files


class Command(BaseCommand):
    help = __doc__.split("\n")[0]

    def handle(self, *args, **options):
        for po in po_files(settings.LOCALE_PATHS):
            count = compile_catalog(po)
            self.stdout.write(f"{po.with_suffix('.mo')}: {count} messages")

"""Run as a script: import a claims CSV, and stop dead inside the import's transaction.

After the first batch is written (inside the still-open transaction) it prints
"batch written" and waits, so the test can SIGKILL it at exactly that point: the
database must then hold nothing of the file.

    python -m tests.security.import_killer FILE
"""

import sys
import time

import django


def main(path: str) -> None:
    django.setup()
    from django.core.management import call_command

    from factcheck.csvio import writer

    write = writer.ClaimWriter.write

    def write_then_hang(self, changes):
        write(self, changes)
        print("batch written", flush=True)
        time.sleep(60)  # the test kills the process here

    writer.ClaimWriter.write = write_then_hang
    call_command("import_claims", path)


if __name__ == "__main__":
    main(sys.argv[1])

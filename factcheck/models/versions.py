"""The public version: one number that moves in the same commit as anything public changes.

Database triggers (migrations 0013, 0020 and 0024) raise it whenever a row that public pages
read is written, by any path: the ORM, the CSV import's bulk SQL, COPY, a restore. Rows
only the desk sees leave it: claims never published and their sources and checks, and
users but for the names a claim page shows. On PostgreSQL
the trigger is deferred to commit and raises the number once per transaction, under the
row's lock, so versions are handed out in commit order and a reader sees the new number
exactly when it can see the rows it stands for — never before, never after. The page cache
keys pages by it (factcheck/caching.py).
"""

from django.db import models

# The tables whose rows public pages show; each has a trigger that moves the version when
# a write to it can change what the public sees.
VERSIONED_TABLES = (
    "factcheck_claim",
    "factcheck_source",
    "factcheck_article",
    "factcheck_correction",
    "factcheck_retraction",
    "factcheck_figurecheck",
    "factcheck_checkoperand",
    "factcheck_fxrate",
    "companies_company",
    "companies_companyalias",
    "companies_companygroup",
    "companies_company_groups",
    "auth_user",  # a claim page names its reviewer (migration 0020)
)


class PublicVersion(models.Model):
    """A single row (id 1) holding the public version. Written by triggers only."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.BigIntegerField(default=0)

    class Meta:
        db_table = "factcheck_publicversion"

    def __str__(self):
        return f"public version {self.number}"

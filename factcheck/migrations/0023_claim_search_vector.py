"""English full-text search reads a stored vector on PostgreSQL (docs/PERFORMANCE.md, search).

`factcheck_claim.search_tsv` is generated from quote and rationale, exactly the expression of
the GIN index of migration 0002 (`claim_search_gin`), which it replaces with a GIN index on the
column (`claim_search_tsv`). A search sorted by date walks the claims newest first until a page
matches; with the vector stored, each row it passes costs a lookup, not a to_tsvector of its
text. The model does not declare the column (SQLite has no tsvector, and the desk never writes
or reads it): factcheck/search.py refers to it by name, and the history and CSV paths, which
list the model's fields, never see it. The trigram index of migration 0014 (Chinese) stays.

Adding the column rewrites factcheck_claim, and rebuilds its indexes, under an exclusive lock
(docs/DEPLOY.md has how long at a million claims, and what to do about it): the migration waits
at most LOCK_TIMEOUT for the lock (behind an open transaction, every query on the table would
queue behind it), and drops the old index first so the rewrite does not rebuild it. Once that
has committed, VACUUM ANALYZE (outside any transaction, so the migration is not atomic; the
DDL is, and can be run again): until the new column has statistics the planner takes every
word for a common one, and a search for a rare one walked all the claims (20 s at a million,
against 3 ms after); and the rewritten table has an empty visibility map, which index-only
scans (the facet counts) read, and which autovacuum has no reason to fill. SQLite
(development, tests) searches by substring: nothing to do.
"""

from django.db import migrations, transaction

LOCK_TIMEOUT = "10s"
# factcheck/search.py reads this column by name (tests/factcheck/test_search_vector.py).
ADD_COLUMN = (
    "ALTER TABLE factcheck_claim ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS ("
    "to_tsvector('english'::regconfig, COALESCE(quote, '') || ' ' || COALESCE(note, ''))) STORED"
)
INDEX = "CREATE INDEX IF NOT EXISTS claim_search_tsv ON factcheck_claim USING gin (search_tsv)"
# Migration 0002's index, made again when this migration is reversed.
EXPRESSION_INDEX = (
    "CREATE INDEX IF NOT EXISTS claim_search_gin ON factcheck_claim USING gin ("
    "to_tsvector('english'::regconfig, coalesce(quote, '') || ' ' || coalesce(note, '')))"
)


def store_vector(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        cursor.execute("DROP INDEX IF EXISTS claim_search_gin")
        cursor.execute(ADD_COLUMN)
        cursor.execute(INDEX)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE factcheck_claim")


def drop_vector(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        cursor.execute("DROP INDEX IF EXISTS claim_search_tsv")
        cursor.execute("ALTER TABLE factcheck_claim DROP COLUMN IF EXISTS search_tsv")
        cursor.execute(EXPRESSION_INDEX)


class Migration(migrations.Migration):
    atomic = False  # VACUUM cannot run in a transaction; store_vector makes the DDL one

    dependencies = [("factcheck", "0022_claim_status_as_of")]
    operations = [migrations.RunPython(store_vector, drop_vector)]

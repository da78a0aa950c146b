"""A GIN index for full-text search on PostgreSQL; other databases search with LIKE."""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS claim_search_gin ON factcheck_claim USING gin ("
    "to_tsvector('english'::regconfig, coalesce(quote, '') || ' ' || coalesce(note, '')))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_search_gin")


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]

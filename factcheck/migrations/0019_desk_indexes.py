"""Partial indexes for the editors' desk at a million claims (docs/PERFORMANCE.md, "The desk").

PostgreSQL only, as raw SQL like migration 0002: they serve the admin's changelist filters,
capped counts and dashboard, which on SQLite (development, tests) hold few rows.

* (status, created_at, id): the review queue, oldest first, per status; status filters' counts.
* (assigned_to_id, as_of, id) over waiting claims: "My queue", newest first.
* (as_of, id) over claims without a source and over unpublished verdicts: those filters'
  pages and the dashboard's counts of them, read from the index alone.
"""

from django.db import migrations

WAITING = "status IN ('unverified', 'in_review')"
VERDICTS = "status IN ('verified', 'inaccurate', 'misleading', 'unverifiable')"
INDEXES = {
    "claim_desk_status_created": "(status, created_at, id)",
    "claim_desk_queue": f"(assigned_to_id, as_of, id) WHERE {WAITING}",
    "claim_desk_no_source": "(as_of, id) WHERE n_sources = 0",
    "claim_desk_unpublished_verdict": f"(as_of, id) WHERE {VERDICTS} AND published_at IS NULL",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON factcheck_claim {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0018_assignment_and_comments")]
    operations = [migrations.RunPython(create_indexes, drop_indexes)]

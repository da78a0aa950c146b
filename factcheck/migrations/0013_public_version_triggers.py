"""Triggers that move the public version whenever a table public pages read is written.

See factcheck/models/versions.py. PostgreSQL: deferred constraint triggers, so the number
moves at commit, once per transaction (the guard is keyed on the statement that fires it:
COMMIT when deferred; each statement where a test makes them immediate). SQLite: a row
trigger per table and operation (one writer at a time, so no ordering question arises).
"""

from django.db import migrations

# As factcheck/models/versions.VERSIONED_TABLES was when this migration was written; a test
# holds the two together (a table added there needs a migration adding its trigger).
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
)

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION factdesk_bump_public_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('factdesk.version_bumped_at', true)
            IS DISTINCT FROM statement_timestamp()::text THEN
        PERFORM set_config('factdesk.version_bumped_at', statement_timestamp()::text, true);
        INSERT INTO factcheck_publicversion (id, number) VALUES (1, 1)
            ON CONFLICT (id) DO UPDATE SET number = factcheck_publicversion.number + 1;
    END IF;
    RETURN NULL;
END
$$;
"""


def trigger_name(table: str) -> str:
    return f"public_version_{table}"


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_FUNCTION)
            for table in VERSIONED_TABLES:
                cursor.execute(
                    f"CREATE CONSTRAINT TRIGGER {trigger_name(table)} "
                    f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
                    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                    "EXECUTE FUNCTION factdesk_bump_public_version()"
                )
        else:
            for table in VERSIONED_TABLES:
                for operation in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER {trigger_name(table)}_{operation.lower()} "
                        f"AFTER {operation} ON {table} BEGIN "
                        "INSERT OR IGNORE INTO factcheck_publicversion (id, number) VALUES (1, 0); "
                        "UPDATE factcheck_publicversion SET number = number + 1 WHERE id = 1; "
                        "END"
                    )
        cursor.execute(
            "INSERT INTO factcheck_publicversion (id, number) VALUES (1, 1) ON CONFLICT DO NOTHING"
        )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table in VERSIONED_TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table)} ON {table}")
            else:
                for operation in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table)}_{operation}")
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS factdesk_bump_public_version()")


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0012_published_revisions"),
        ("companies", "0002_updated_at"),
    ]

    operations = [migrations.RunPython(create, drop)]

"""The public version moves when a user's name changes too (claim pages name the reviewer).

Also makes again, on SQLite, any public-version trigger a table rebuild dropped since 0013
(SQLite rebuilds a table for some column changes, and its triggers go with it).
"""

from django.db import migrations

TABLES = (
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
    "auth_user",
)


def create(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE CONSTRAINT TRIGGER public_version_auth_user "
                "AFTER INSERT OR UPDATE OR DELETE ON auth_user "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                "EXECUTE FUNCTION factdesk_bump_public_version()"
            )
            return
        for table in TABLES:
            for operation in ("INSERT", "UPDATE", "DELETE"):
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS public_version_{table}_{operation.lower()} "
                    f"AFTER {operation} ON {table} BEGIN "
                    "INSERT OR IGNORE INTO factcheck_publicversion (id, number) VALUES (1, 0); "
                    "UPDATE factcheck_publicversion SET number = number + 1 WHERE id = 1; "
                    "END"
                )


def drop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS public_version_auth_user ON auth_user")
        else:
            for operation in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS public_version_auth_user_{operation}")


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0019_desk_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, drop)]

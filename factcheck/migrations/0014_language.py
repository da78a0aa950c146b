"""Articles and claims record their language; Chinese search on PostgreSQL.

* `Article.language` (`en` or `zh-hans`) and `Claim.language` (blank: the article's).
* PostgreSQL: pg_trgm, and a GIN trigram index on quote and rationale as one text (the
  expression of `factcheck.models.claims.SEARCH_TEXT`, so the planner uses it for the
  substring search a Chinese query makes; bench/pages.py measures it).
* SQLite rebuilds a table to add a NOT NULL column, which drops its triggers: the public
  version triggers of migration 0013 on the two tables are made again.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

LANGUAGES = [("en", "English"), ("zh-hans", "Simplified Chinese")]

# Django writes SEARCH_TEXT this way on PostgreSQL (a test compares the query's plan).
TRIGRAM_INDEX = (
    "CREATE INDEX IF NOT EXISTS claim_search_trgm ON factcheck_claim USING gin ("
    "(COALESCE(quote, '') || ' ' || COALESCE(note, '')) gin_trgm_ops)"
)

REBUILT_TABLES = ("factcheck_article", "factcheck_claim")


def index_and_triggers(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(TRIGRAM_INDEX)
            return
        if connection.vendor != "sqlite":
            return
        for table in REBUILT_TABLES:
            for operation in ("INSERT", "UPDATE", "DELETE"):
                name = f"public_version_{table}_{operation.lower()}"
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN "
                    "INSERT OR IGNORE INTO factcheck_publicversion (id, number) VALUES (1, 0); "
                    "UPDATE factcheck_publicversion SET number = number + 1 WHERE id = 1; "
                    "END"
                )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0013_public_version_triggers")]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="article",
            name="language",
            field=models.CharField(
                choices=LANGUAGES,
                default="en",
                help_text="The language the article is written in; its claims take it unless they say.",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="language",
            field=models.CharField(
                blank=True,
                choices=LANGUAGES,
                help_text="The language the quote is in; blank takes the article's (else English).",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="language",
            field=models.CharField(
                blank=True,
                choices=LANGUAGES,
                help_text="The language the quote is in; blank takes the article's (else English).",
                max_length=8,
            ),
        ),
        migrations.RunPython(index_and_triggers, drop_index),
    ]

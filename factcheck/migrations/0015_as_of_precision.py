"""Claim.as_of_precision: "February 2024" is kept as 29 Feb 2024 with precision `month`.

Every claim stored before this has a day for its date, so the column starts as `day`
(also as a database default, for rows written by COPY).

SQLite rebuilds a table to add a NOT NULL column, which drops its triggers: the public
version triggers of migration 0013 on factcheck_claim are made again (as 0014 does).
"""

from django.db import migrations, models

PRECISIONS = [
    ("day", "day"),
    ("month", "month"),
    ("quarter", "quarter"),
    ("half", "half year"),
    ("year", "year"),
    ("fiscal_year", "fiscal year"),
]
AS_OF_HELP = (
    "The date the figure refers to: the last day of its period (end of period for flows), "
    "so February 2024 is kept as 29 Feb 2024 with precision month."
)
PRECISION_HELP = (
    "How precisely the date was written: a day, or the month, quarter, half, year or fiscal "
    "year that ends on `as_of`; the date is shown as written."
)
REBUILT_TABLES = ("factcheck_claim",)


def precision_field():
    return models.CharField(
        "as-of precision",
        choices=PRECISIONS,
        default="day",
        db_default="day",
        help_text=PRECISION_HELP,
        max_length=12,
    )


def remake_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in REBUILT_TABLES:
            for operation in ("INSERT", "UPDATE", "DELETE"):
                name = f"public_version_{table}_{operation.lower()}"
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(
                    f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN "  # noqa: S608 - constants
                    "INSERT OR IGNORE INTO factcheck_publicversion (id, number) VALUES (1, 0); "
                    "UPDATE factcheck_publicversion SET number = number + 1 WHERE id = 1; "
                    "END"
                )


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0013_public_version_triggers")]

    operations = [
        migrations.AddField(model_name="claim", name="as_of_precision", field=precision_field()),
        migrations.AddField(
            model_name="historicalclaim", name="as_of_precision", field=precision_field()
        ),
        migrations.AlterField(
            model_name="claim",
            name="as_of",
            field=models.DateField(blank=True, help_text=AS_OF_HELP, null=True),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="as_of",
            field=models.DateField(blank=True, help_text=AS_OF_HELP, null=True),
        ),
        migrations.RunPython(remake_triggers, migrations.RunPython.noop),
    ]

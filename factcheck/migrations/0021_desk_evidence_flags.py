"""What the desk filters on, stored per claim (docs/PERFORMANCE.md, "The desk"): whether a
verified claim rests on secondary sources only, whether its sources are at odds with its
verdict, and where it stands in the arithmetic checks. Kept from now on by the write path
(factcheck/source_counts.py, factcheck/check_counts.py); existing claims are filled in
here, in the database, before the partial index of each question is built.

Each flag is set on the few claims that have the problem, so the fill writes those rows
only (at a million seeded claims, 1 in 7 is verified on secondary sources only: about two
minutes). On PostgreSQL the deferred public-version trigger fires for the filled rows before
the indexes are built. On SQLite, adding the columns rebuilds the table, which drops its triggers, so
they are made again (as migration 0020 does).
"""

from django.db import migrations, models

PRIMARY_KINDS = "('filing', 'press_release', 'official_data')"
# rules.AGREEING as it stands at this migration: the stance that agrees with each verdict.
AGREEING = {"verified": "supports", "inaccurate": "contradicts"}
SOURCES = "SELECT 1 FROM factcheck_source s WHERE s.claim_id = factcheck_claim.id"
SECONDARY_ONLY = (
    f"status = 'verified' AND EXISTS ({SOURCES}) "
    f"AND NOT EXISTS ({SOURCES} AND s.kind IN {PRIMARY_KINDS})"
)
AT_ODDS = " OR ".join(
    f"(status = '{status}' AND EXISTS ({SOURCES}) "
    f"AND NOT EXISTS ({SOURCES} AND s.stance = '{stance}'))"
    for status, stance in AGREEING.items()
)
TOUCHING = (
    "SELECT 1 FROM factcheck_figurecheck c WHERE c.outcome IN ({outcomes}) AND "
    "(c.stated_id = factcheck_claim.id OR c.id IN (SELECT o.check_ref_id FROM "
    "factcheck_checkoperand o WHERE o.claim_id = factcheck_claim.id))"
)
FAILING = TOUCHING.format(outcomes="'fails', 'error'")
HOLDING = TOUCHING.format(outcomes="'holds'")
IN_CHECKS = (
    "id IN (SELECT stated_id FROM factcheck_figurecheck UNION "
    "SELECT claim_id FROM factcheck_checkoperand)"
)
SET_FLAG = "UPDATE factcheck_claim SET {} = TRUE WHERE {}"
SET_CHECKS = (
    "UPDATE factcheck_claim SET checks_state = CASE WHEN EXISTS ({}) THEN 'failing' "
    "WHEN EXISTS ({}) THEN 'holding' ELSE '' END WHERE {}"
)
BACKFILL = [
    SET_FLAG.format("secondary_only", SECONDARY_ONLY),
    SET_FLAG.format("sources_at_odds", AT_ODDS),
    SET_CHECKS.format(FAILING, HOLDING, IN_CHECKS),
]
SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS public_version_factcheck_claim_{name} "
    "AFTER {operation} ON factcheck_claim BEGIN "
    "INSERT OR IGNORE INTO factcheck_publicversion (id, number) VALUES (1, 0); "
    "UPDATE factcheck_publicversion SET number = number + 1 WHERE id = 1; END"
)


def fill(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for operation in ("INSERT", "UPDATE", "DELETE"):
                cursor.execute(SQLITE_TRIGGER.format(name=operation.lower(), operation=operation))
        for statement in BACKFILL:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            # The public-version trigger (0013) is deferred: fire what the fill queued now, or
            # PostgreSQL refuses the CREATE INDEX that follows in this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0020_public_version_users")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="secondary_only",
            field=models.BooleanField(
                db_default=False,
                default=False,
                editable=False,
                help_text="A verified claim with sources, none of them a filing, press release "
                "or official data; kept by factcheck/source_counts.py and the services' write.",
                verbose_name="verified on secondary sources only",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="sources_at_odds",
            field=models.BooleanField(
                db_default=False,
                default=False,
                editable=False,
                help_text="A verdict none of whose sources agrees with it (rules.at_odds); "
                "kept by factcheck/source_counts.py and the services' write.",
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="checks_state",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "in no computed check"),
                    ("failing", "a check fails or cannot be computed"),
                    ("holding", "every check holds"),
                ],
                db_default="",
                default="",
                editable=False,
                help_text="Whether the arithmetic checks on this claim fail or all hold; kept "
                "by factcheck/check_counts.py.",
                max_length=8,
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        *[
            migrations.AddIndex(
                model_name="claim",
                index=models.Index(condition=condition, fields=["as_of", "id"], name=name),
            )
            for name, condition in (
                ("claim_desk_secondary_only", models.Q(("secondary_only", True))),
                ("claim_desk_at_odds", models.Q(("sources_at_odds", True))),
                ("claim_desk_checks_failing", models.Q(("checks_state", "failing"))),
                ("claim_desk_checks_holding", models.Q(("checks_state", "holding"))),
            )
        ],
    ]

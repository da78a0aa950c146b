"""The public version moves only for writes the public can see.

Until now every write to a claim, a source or a user moved it: a fact-checker saving a draft,
an editor logging in (`last_login`), the stored flags of an unpublished claim. Each such
write made every cached page and facet count stale, so the next reader paid the recount
(about a second at 1M claims) for a change nobody could see.

Now, on the tables where most of the desk's writes land:

* a claim moves the version when it was published before the write or is after it
  (`published_at` set on the old or the new row: a superset of `Claim.PUBLIC`, which also
  asks for a verdict, so a rule added there can never leave a public change unannounced);
* a source or a check operand when its claim is published (looked up when the trigger
  fires: at commit on PostgreSQL, locking the claim's row so that a publication of it in
  flight is waited for; had the claim's own row changed in the same transaction, its own
  trigger moves the version);
* an arithmetic check when the claim it states or any claim it uses is published;
* a user when the name a claim page shows for a reviewer changes (not on a login).

Every other table still moves it for any write. On PostgreSQL the triggers stay deferred
constraint triggers, one per table, each calling a function that first asks whether this
transaction has already moved the version (then it returns at once, so a large import pays
the claim lookup only until its first public row). On SQLite, one trigger per table and
operation, with the condition in its WHEN clause.
"""

from django.db import migrations

# Whether the claim `{id}` is published. SQLite runs one writer at a time, so a plain lookup
# holds. On PostgreSQL the lookup runs at commit and locks the claim's row (FOR SHARE): a
# transaction publishing that claim and not yet committed is waited for, and the lookup then
# reads its published row, so a source written while its claim is being published can never
# commit unannounced after the publication's own version was read and its page cached.
SQLITE_PUBLISHED = (
    "EXISTS (SELECT 1 FROM factcheck_claim c WHERE c.id = {id} AND c.published_at IS NOT NULL)"
)
PG_PUBLISHED = "factdesk_claim_published({id})"
PG_PUBLISHED_FUNCTION = """
CREATE OR REPLACE FUNCTION factdesk_claim_published(claim bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    published boolean;
BEGIN
    SELECT c.published_at IS NOT NULL INTO published
        FROM factcheck_claim c WHERE c.id = claim FOR SHARE;
    RETURN COALESCE(published, false);
END
$$;
"""
NAME_CHANGED = (
    "(OLD.first_name IS DISTINCT FROM NEW.first_name "
    "OR OLD.last_name IS DISTINCT FROM NEW.last_name "
    "OR OLD.username IS DISTINCT FROM NEW.username)"
)


def claim_published(row: str, published: str) -> str:
    return f"{row}.published_at IS NOT NULL"


def claim_of(row: str, published: str) -> str:
    return published.format(id=f"{row}.claim_id")


def check_of(row: str, published: str) -> str:
    stated = published.format(id=f"{row}.stated_id")
    used = published.format(id="o.claim_id")
    # Trigger DDL, built from this module's own constants.
    operands = "SELECT 1 FROM factcheck_checkoperand o WHERE o.check_ref_id = "  # noqa: S608
    return f"({stated} OR EXISTS ({operands}{row}.id AND {used}))"


# table -> its condition on a row (OLD or NEW) of that table, given how to ask whether a
# claim is published: when a write to that row changes what the public sees.
NARROWED = {
    "factcheck_claim": claim_published,
    "factcheck_source": claim_of,
    "factcheck_checkoperand": claim_of,
    "factcheck_figurecheck": check_of,
}

PG_GUARD = """
    IF current_setting('factdesk.version_bumped_at', true)
            IS NOT DISTINCT FROM statement_timestamp()::text THEN
        RETURN NULL;
    END IF;
"""

PG_BUMP = """
    PERFORM set_config('factdesk.version_bumped_at', statement_timestamp()::text, true);
    INSERT INTO factcheck_publicversion (id, number) VALUES (1, 1)
        ON CONFLICT (id) DO UPDATE SET number = factcheck_publicversion.number + 1;
"""


def pg_function(table: str) -> str:
    if table == "auth_user":
        seen = f"TG_OP = 'UPDATE' AND {NAME_CHANGED}"
    else:
        condition = NARROWED[table]
        seen = (
            f"(TG_OP <> 'INSERT' AND {condition('OLD', PG_PUBLISHED)}) "
            f"OR (TG_OP <> 'DELETE' AND {condition('NEW', PG_PUBLISHED)})"
        )
    return f"""
CREATE OR REPLACE FUNCTION factdesk_public_version_{table}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {PG_GUARD}
    IF {seen} THEN
        {PG_BUMP}
    END IF;
    RETURN NULL;
END
$$;
"""


def pg_trigger(table: str, function: str) -> list[str]:
    name = f"public_version_{table}"
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


SQLITE_BUMP = (
    "INSERT OR IGNORE INTO factcheck_publicversion (id, number) VALUES (1, 0); "
    "UPDATE factcheck_publicversion SET number = number + 1 WHERE id = 1; "
)


def sqlite_triggers(table: str, when) -> list[str]:
    statements = []
    for operation in ("INSERT", "UPDATE", "DELETE"):
        name = f"public_version_{table}_{operation.lower()}"
        statements.append(f"DROP TRIGGER IF EXISTS {name}")
        condition = when(operation)
        if condition is False:
            continue
        clause = f" WHEN {condition}" if condition else ""
        statements.append(
            f"CREATE TRIGGER {name} AFTER {operation} ON {table}{clause} BEGIN {SQLITE_BUMP}END"
        )
    return statements


def sqlite_condition(table: str, operation: str):
    """The WHEN clause of `table`'s trigger for `operation`; False: no trigger."""
    if table == "auth_user":
        return NAME_CHANGED if operation == "UPDATE" else False
    condition = NARROWED[table]
    if operation == "INSERT":
        return condition("NEW", SQLITE_PUBLISHED)
    if operation == "DELETE":
        return condition("OLD", SQLITE_PUBLISHED)
    return f"({condition('OLD', SQLITE_PUBLISHED)} OR {condition('NEW', SQLITE_PUBLISHED)})"


TABLES = (*NARROWED, "auth_user")


def narrow(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_PUBLISHED_FUNCTION)
        for table in TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(pg_function(table))
                statements = pg_trigger(table, f"factdesk_public_version_{table}")
            else:
                statements = sqlite_triggers(
                    table, lambda operation, table=table: sqlite_condition(table, operation)
                )
            for statement in statements:
                cursor.execute(statement)


def widen(apps, schema_editor):
    """Back to one unconditional trigger per table, as migrations 0013 and 0020 made them."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                statements = pg_trigger(table, "factdesk_bump_public_version")
                statements.append(f"DROP FUNCTION IF EXISTS factdesk_public_version_{table}()")
            else:
                statements = sqlite_triggers(table, lambda operation: "")
            for statement in statements:
                cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS factdesk_claim_published(bigint)")


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0023_claim_search_vector")]

    operations = [migrations.RunPython(narrow, widen)]

"""Writing many rows to one table in one statement: COPY on PostgreSQL, executemany elsewhere.

The CSV import writes tens of thousands of claims, their sources and the history rows of
both. Django's `bulk_create` builds a model instance per row and a multi-row INSERT; COPY
takes plain tuples and is several times faster. Rows here are tuples of Python values in
the order of the `attnames` given; ids are reserved up front so that sources and history
rows can point at claims before they are written.

SQL is built only from model metadata (table and column names, quoted by the backend);
every value is a query parameter, hence the S608 exemptions below.
"""

import json
from collections.abc import Iterable, Sequence
from contextlib import nullcontext

from django.db import connections, models


class BulkRows:
    """Inserts, updates and id reservations on one database connection."""

    def __init__(self, using: str = "default"):
        self.connection = connections[using]
        self.is_postgres = self.connection.vendor == "postgresql"

    def _fields(self, model: type[models.Model], attnames: Sequence[str]) -> list[models.Field]:
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        return [by_attname[name] for name in attnames]

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        """`count` new primary keys for `model`, never used before and never handed out again."""
        if count == 0:
            return []
        table = model._meta.db_table
        with self.connection.cursor() as cursor:
            if self.is_postgres:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, model._meta.pk.column, count],
                )
                return [row[0] for row in cursor.fetchall()]
            # SQLite (AUTOINCREMENT): ids above the highest ever used; explicit inserts move
            # sqlite_sequence on, and the write lock keeps a second writer out until commit.
            quote = self.connection.ops.quote_name
            pk = quote(model._meta.pk.column)
            sequence = "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0)"
            highest = f"COALESCE((SELECT MAX({pk}) FROM {quote(table)}), 0)"  # noqa: S608
            highest_used = f"SELECT MAX({sequence}, {highest})"
            cursor.execute(highest_used, [table])
            highest = cursor.fetchone()[0]
        return list(range(highest + 1, highest + count + 1))

    def insert(
        self, model: type[models.Model], attnames: Sequence[str], rows: Sequence[tuple]
    ) -> None:
        """Insert `rows` (tuples in `attnames` order) into `model`'s table."""
        if not rows:
            return
        fields = self._fields(model, attnames)
        quote = self.connection.ops.quote_name
        table = quote(model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        with self.connection.cursor() as cursor:
            if self.is_postgres:
                sql = f"COPY {table} ({columns}) FROM STDIN"
                # COPY goes to psycopg's own cursor; log it as Django logs its queries (so
                # the debug toolbar and assertNumQueries see it).
                logged = cursor.debug_sql(sql) if hasattr(cursor, "debug_sql") else nullcontext()
                # psycopg adapts Decimal, date and aware datetime itself; JSON goes as its text.
                json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
                with logged, cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        if json_at:
                            row = list(row)
                            for i in json_at:
                                row[i] = json.dumps(row[i])
                        copy.write_row(row)
                return
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                [self._prepared(fields, row) for row in rows],
            )

    def update(
        self, model: type[models.Model], attnames: Sequence[str], rows: Iterable[tuple]
    ) -> None:
        """Set `attnames` on the rows whose primary key is each tuple's last item."""
        fields = self._fields(model, attnames)
        quote = self.connection.ops.quote_name
        assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
        prepared = [(*self._prepared(fields, row[:-1]), row[-1]) for row in rows]
        if prepared:
            with self.connection.cursor() as cursor:
                cursor.executemany(sql, prepared)

    def delete(self, model: type[models.Model], pks: Sequence[int]) -> None:
        """Delete rows by primary key, without signals (the caller writes their history)."""
        quote = self.connection.ops.quote_name
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        with self.connection.cursor() as cursor:
            for start in range(0, len(pks), 500):
                chunk = list(pks[start : start + 500])
                marks = ", ".join(["%s"] * len(chunk))
                sql = f"DELETE FROM {table} WHERE {pk} IN ({marks})"  # noqa: S608
                cursor.execute(sql, chunk)

    def _prepared(self, fields: list[models.Field], row: tuple) -> tuple:
        connection = self.connection
        return tuple(
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        )

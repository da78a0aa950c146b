"""The public version: raised by the database for every write to a table public pages read."""

import pytest
from django.db import connection

from factcheck.caching import public_version
from factcheck.models.versions import VERSIONED_TABLES
from tests.factories import ClaimFactory, CompanyFactory

pytestmark = pytest.mark.django_db


def trigger_tables() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE 'public_version_%%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'public_version_%%'"
            )
        return {row[0] for row in cursor.fetchall()}


def test_every_versioned_table_has_its_trigger():
    assert trigger_tables() == set(VERSIONED_TABLES)


def test_writes_by_any_path_move_the_version():
    before = public_version()
    claim = ClaimFactory()
    after_orm = public_version()
    assert after_orm != before
    with connection.cursor() as cursor:  # bulk SQL, as the CSV import writes
        cursor.execute("UPDATE factcheck_claim SET quote = %s WHERE id = %s", ["Raw.", claim.pk])
    assert public_version() != after_orm
    moved = public_version()
    CompanyFactory(name="Renamed Co")
    assert public_version() != moved


def test_reading_the_version_is_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        public_version()


def test_renaming_a_reviewer_moves_the_version(fact_checker):
    before = public_version()
    fact_checker.first_name = "Renamed"
    fact_checker.save()
    assert public_version() != before

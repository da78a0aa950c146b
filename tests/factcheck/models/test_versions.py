"""The public version: raised by the database for every write the public can see.

Writes to published claims, their sources and checks, companies, articles and the rest move
it, by any path (ORM, raw SQL as the CSV import writes); writes only the desk can see (a
draft, an unpublished claim's sources, a login) do not (migration 0024).
"""

import pytest
from django.db import connection

from factcheck.caching import public_version
from factcheck.models.versions import VERSIONED_TABLES
from tests.factories import (
    ClaimFactory,
    CompanyFactory,
    PublishedClaimFactory,
    SourceFactory,
    UserFactory,
    make_check,
)

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
    claim = PublishedClaimFactory()
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


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_a_drafts_writes_leave_the_version():
    draft = ClaimFactory()  # its company and article move it; the claim does not
    before = public_version()
    source = SourceFactory(claim=draft)
    draft.quote = "Edited."
    draft.save()
    sql("UPDATE factcheck_claim SET note = %s WHERE id = %s", ["Raw.", draft.pk])
    source.title = "Renamed release"
    source.save()
    source.delete()
    draft.delete()
    assert public_version() == before


def test_publishing_and_unpublishing_move_it():
    draft = ClaimFactory()
    before = public_version()
    sql("UPDATE factcheck_claim SET published_at = CURRENT_TIMESTAMP WHERE id = %s", [draft.pk])
    published = public_version()
    assert published != before
    sql("UPDATE factcheck_claim SET published_at = NULL WHERE id = %s", [draft.pk])
    assert public_version() != published


def test_a_published_claims_rows_move_it():
    claim = PublishedClaimFactory()
    draft = ClaimFactory()
    kept = claim.sources.get()
    moved = SourceFactory(claim=draft)
    move = "UPDATE factcheck_source SET claim_id = %s WHERE id = %s"
    steps = [
        lambda: sql("UPDATE factcheck_claim SET note = 'x' WHERE id = %s", [claim.pk]),
        lambda: SourceFactory(claim=claim),
        lambda: sql("UPDATE factcheck_source SET title = 'x' WHERE id = %s", [kept.pk]),
        lambda: sql(move, [claim.pk, moved.pk]),  # from a draft onto the published claim
        lambda: sql(move, [draft.pk, moved.pk]),  # and back
        lambda: sql("DELETE FROM factcheck_source WHERE id = %s", [kept.pk]),
        claim.delete,
    ]
    for number, step in enumerate(steps):
        before = public_version()
        step()
        assert public_version() != before, f"step {number}"


def test_checks_move_it_only_when_they_touch_a_published_claim():
    published, draft, other = PublishedClaimFactory(), ClaimFactory(), ClaimFactory()
    before = public_version()
    hidden = make_check("sum", [draft, other], stated=None)
    hidden.label = "Renamed"
    hidden.save()
    assert public_version() == before
    stated = make_check("sum", [draft, other], stated=published)
    after_stated = public_version()
    assert after_stated != before
    used = make_check("sum", [published, draft], stated=None)
    assert public_version() != after_stated
    for check in (hidden, stated, used):
        moved = public_version()
        check.delete()
        assert (public_version() != moved) == (check is not hidden)


def test_a_login_leaves_it_and_a_new_user_too():
    before = public_version()
    user = UserFactory()
    sql(
        "UPDATE auth_user SET last_login = CURRENT_TIMESTAMP, is_active = %s WHERE id = %s",
        [True, user.pk],
    )
    assert public_version() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps the number alone")
def test_a_number_that_comes_round_again_is_another_version():
    """As after a restore: the number repeats, in another timeline, and cached pages must not."""
    from django.db import transaction

    from factcheck.caching import version_number

    with transaction.atomic():  # a timeline that will be lost
        PublishedClaimFactory()
        lost = public_version()
        transaction.set_rollback(True)
    PublishedClaimFactory()
    again = public_version()
    assert version_number(again) == version_number(lost)
    assert again != lost

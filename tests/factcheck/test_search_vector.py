"""English search reads the vector PostgreSQL stores with each claim (migration 0023), so a
search is a lookup per row, never a to_tsvector of the row's text; an edit is searchable at
once, on both databases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factcheck import services
from factcheck.models import Claim, Status
from factcheck.search import StoredVector
from tests.factories import ClaimFactory, PublishedClaimFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db


def postgres_only(test):
    """SQLite searches by substring and has no vector."""
    test = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")(test)
    return pytest.mark.postgres(test)


def indexes() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'factcheck_claim'"
        )
        return dict(cursor.fetchall())


@postgres_only
def test_the_vector_is_a_generated_column_with_a_gin_index():
    column = StoredVector.output_field.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type, is_generated, generation_expression "
            "FROM information_schema.columns WHERE table_name = 'factcheck_claim' "
            "AND column_name = %s",
            [column],
        )
        data_type, generated, expression = cursor.fetchone()
    assert (data_type, generated) == ("tsvector", "ALWAYS")
    assert "to_tsvector('english'" in expression
    found = indexes()
    assert f"USING gin ({column})" in found["claim_search_tsv"]
    assert "claim_search_gin" not in found  # migration 0002's expression index, replaced
    assert "gin_trgm_ops" in found["claim_search_trgm"]  # Chinese still has its own


@postgres_only
def test_the_public_search_filters_on_the_stored_vector(client):
    claim = PublishedClaimFactory(quote="Humanoid shipments doubled.", note="")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/claims/?q=humanoids")
    assert response.status_code == 200
    assert f"/claims/{claim.pk}/" in response.content.decode()
    searched = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
    assert searched, [q["sql"] for q in queries.captured_queries]
    for sql in searched:
        assert '"factcheck_claim"."search_tsv" @@' in sql, sql
        assert "to_tsvector" not in sql, sql
    plan = Claim.objects.public().search("humanoids").order_by("-as_of", "-pk")[:50].explain()
    assert "search_tsv @@" in plan and "to_tsvector" not in plan, plan


@postgres_only
def test_the_vector_follows_the_claims_table_into_a_subquery():
    """Nested in another claims query, the table is aliased: the column goes with it."""
    claim = PublishedClaimFactory(quote="Humanoid shipments doubled.", note="")
    PublishedClaimFactory(quote="Revenue fell.", note="")
    nested = Claim.objects.filter(pk__in=Claim.objects.search("humanoid").values("pk"))
    assert list(nested) == [claim]


def test_an_edited_claim_is_found_by_its_new_words_at_once(editor):
    claim = ClaimFactory(quote="Turbine orders rose.", note="")
    services.revise_claim(
        claim=claim, user=editor, values={"quote": "Gearbox orders rose.", "note": "A filing."}
    )
    assert list(Claim.objects.desk().search("gearbox")) == [claim]
    assert list(Claim.objects.desk().search("filing")) == [claim]
    assert not Claim.objects.desk().search("turbine").exists()


def test_a_published_change_is_found_by_its_new_words_once_released(
    editor, fact_checker, publisher
):
    claim = VerdictClaimFactory(quote="Turbine orders rose.", note="Matches the filing.")
    services.publish_claim(claim=claim, user=publisher)
    draft = services.revise_claim(
        claim=claim, user=editor, values={"quote": "Gearbox orders rose."}
    )
    assert not Claim.objects.public().search("gearbox").exists()  # pending, not yet public
    draft = services.give_verdict(
        claim=draft, reviewer=fact_checker, status=Status.VERIFIED, reason="The quote is exact."
    )
    services.publish_claim(claim=draft, user=publisher)
    assert list(Claim.objects.public().search("gearbox")) == [claim]
    assert not Claim.objects.public().search("turbine").exists()

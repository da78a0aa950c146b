"""The import costs a fixed number of queries per batch, never one per row."""

import math

import pytest
from django.db import connection

from factcheck.models import Claim, Source
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

# Loading the desk: companies, aliases, articles and their languages. The import's
# savepoint and its release.
SETUP = 4 + 2
# New claims: reserve ids, claims, their history; reserve source ids, sources, their history.
# The flags the desk filters on (source_counts) go in with the claims: no refresh.
NEW_BATCH = 6
# Updates: the stored claims (locked), their sources and their pending changes (a published
# claim's change goes to its draft), then the update itself and the flags' refresh.
UPDATE_BATCH = 5


def history_statements(model, rows: int) -> int:
    """The INSERTs django-simple-history's bulk_create needs for `rows` history rows: one,
    unless the database caps the parameters of a statement (SQLite: 999)."""
    fields = [f for f in model.history.model._meta.concrete_fields if not f.primary_key]
    return math.ceil(rows / connection.ops.bulk_batch_size(fields, [None] * rows))


def new_batch(count: int) -> int:
    """NEW_BATCH for `count` rows, each with two sources."""
    return NEW_BATCH - 2 + history_statements(Claim, count) + history_statements(Source, 2 * count)


def _new_rows(count):
    return [
        {
            "company": "OpenAI",
            "quote": f"Claim {n}",
            "value": f"${n + 1} billion",
            "status": "verified",
            "sources": f"https://a.example/{n} https://b.example/{n}",
        }
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 40])
def test_new_rows(import_targets, import_file, django_assert_num_queries, count):
    data = csv_bytes(*_new_rows(count))
    with django_assert_num_queries(SETUP + new_batch(count)):
        report = import_file(data)
    assert report.new == count


@pytest.mark.parametrize("count", [1, 40])
def test_updated_rows(import_targets, import_file, django_assert_num_queries, count):
    claims = ClaimFactory.create_batch(count, unit="USD")
    data = csv_bytes(*(row_for(claim, period="FY2024") for claim in claims))
    # The claims' history (as changes are history too) is written with the update.
    with django_assert_num_queries(SETUP + UPDATE_BATCH + history_statements(Claim, count)):
        report = import_file(data)
    assert report.updated == count


def test_each_batch_adds_the_same_queries(
    import_targets, import_file, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr("factcheck.csvio.importer.BATCH_SIZE", 10)
    with django_assert_num_queries(SETUP + 4 * new_batch(10)):
        report = import_file(csv_bytes(*_new_rows(40)))
    assert report.new == 40


def test_a_dry_run_writes_nothing(import_targets, import_file, django_assert_num_queries):
    with django_assert_num_queries(SETUP - 2):  # no transaction: nothing to undo
        report = import_file(csv_bytes(*_new_rows(40)), dry_run=True)
    assert report.new == 40
    assert report.summary() == "Dry run, nothing was written: 40 new, 0 updated, 0 unchanged."

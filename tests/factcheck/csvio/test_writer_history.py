"""The history an import writes is what django-simple-history's bulk_history_create writes.

On PostgreSQL the writer COPYs history rows itself (HistoryColumns); on SQLite it calls
bulk_history_create. Either way each history row must equal, column by column, the one
simple-history would have made of the same claim or source, as the same user, at the same
time, for the same reason.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from factcheck.csvio.writer import HistoryColumns, history_attnames
from factcheck.models import Claim, Source
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

NEW_ROW = (
    b"quote,value,unit,status,sources\n"
    b"Revenue rose to 40 million.,40000000,USD,in_review,https://a.example/1\n"
)


def _rows(model, **where) -> list[tuple]:
    """The history rows of `model` matching `where`, in the import's columns, oldest first."""
    history = model.history.model.objects.filter(**where).order_by("history_id")
    return list(history.values_list(*history_attnames(model)))


def _as_bulk_history_create_writes(model, instances, **where) -> list[tuple]:
    """The rows bulk_history_create makes of `instances` (then rolled back)."""
    with transaction.atomic():
        written_before = model.history.model.objects.filter(**where).count()
        model.history.bulk_history_create(instances, update=False)
        made = _rows(model, **where)[written_before:]
        transaction.set_rollback(True)
    return made


def test_new_claims_and_sources_have_simple_historys_own_rows(import_file, superuser):
    report = import_file(NEW_ROW, user=superuser)
    assert report.ok, [str(e) for e in report.errors]
    claim = Claim.objects.get()
    (source,) = claim.sources.all()
    for model, instance in ((Claim, claim), (Source, source)):
        (written,) = _rows(model, id=instance.pk)
        record = model.history.get(id=instance.pk)
        instance._history_user = superuser
        instance._history_date = record.history_date
        instance._change_reason = record.history_change_reason
        assert [written] == _as_bulk_history_create_writes(model, [instance], id=instance.pk)
        assert record.history_user == superuser
        assert record.history_type == "+"
        assert record.history_change_reason == "Imported from CSV, line 2"


def test_an_update_is_recorded_as_a_change(import_file):
    claim = ClaimFactory(quote="Old words.", note="")
    report = import_file(csv_bytes(row_for(claim, quote="New words.", value="12")))
    assert report.updated == 1
    latest = claim.history.order_by("-history_id").first()
    claim.refresh_from_db()
    assert (latest.history_type, latest.quote, latest.value) == ("~", "New words.", Decimal(12))
    assert latest.history_user is None
    assert latest.version == claim.version == 2
    assert latest.history_date == claim.updated_at


def test_a_long_reason_is_cut_to_the_columns_length(import_file):
    report = import_file(NEW_ROW, user=None)
    assert report.ok
    columns = HistoryColumns.of(Claim)
    history = columns.values(user_id=None, date=None, update=False)
    stored = Claim.objects.values(*(f.attname for f in Claim._meta.concrete_fields)).get()
    made = history(stored, "x" * 150)
    assert made[columns.attnames.index("history_change_reason")] == "x" * 100


def test_a_history_field_the_import_cannot_fill_is_refused(monkeypatch):
    history = Claim.history.model
    extra = history._meta.get_field("history_type")
    monkeypatch.setattr(extra, "attname", "history_mood")
    monkeypatch.setattr(HistoryColumns, "_cache", {})
    with pytest.raises(ImproperlyConfigured, match="history_mood"):
        HistoryColumns.of(Claim)

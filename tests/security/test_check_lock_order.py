"""Two editors saving claims that one arithmetic check ties together never deadlock.

Saving a claim whose figure moves recomputes the checks on it and the stored `checks_state`
of every claim they state or use. Each editor used to lock only their own claim first, so
one could hold claim A and the check while the other held claim C and waited for the check:
PostgreSQL broke the deadlock by failing one save (a 503 for that editor). The services now
lock a claim with its check partners, in id order (`services.common.with_partners`), so the
second editor waits for the first instead.

Two real connections (threads) on PostgreSQL.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from factcheck import services
from factcheck.models import Claim
from factcheck.services.common import locked, write
from tests.factories import ClaimFactory, UserFactory, make_check

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: no two transactions hold rows at once",
    ),
]


def in_thread(work, errors: list) -> threading.Thread:
    def run():
        try:
            with transaction.atomic():
                work()
        except BaseException as error:  # reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_two_editors_saving_claims_tied_by_a_check_both_succeed():
    editor = UserFactory(username="ed", role="Editor")
    other = UserFactory(username="ed2", role="Editor")
    first = ClaimFactory(value=Decimal("1e9"), created_by=editor)
    second = ClaimFactory(value=Decimal("2e9"), created_by=editor)
    total = ClaimFactory(value=Decimal("3e9"), created_by=editor)
    make_check("sum", [first, second], stated=total)
    holding, go, errors = threading.Event(), threading.Event(), []

    def save_total():  # the other editor's save, paused after it took its lock
        current = locked(total.pk)
        holding.set()
        assert go.wait(timeout=30)
        current.value = Decimal("4e9")
        write(current, other)

    def save_first():
        claim = Claim.objects.get(pk=first.pk)
        claim.value = Decimal("1.5e9")
        services.save_claim(claim=claim, user=editor)

    later = in_thread(save_total, errors)
    assert holding.wait(timeout=30)
    sooner = in_thread(save_first, errors)
    time.sleep(1.5)  # the first editor's save is now under way, waiting where it must
    go.set()
    later.join(timeout=60)
    sooner.join(timeout=60)
    assert errors == []
    assert Claim.objects.get(pk=first.pk).value == Decimal("1.5e9")
    assert Claim.objects.get(pk=total.pk).value == Decimal("4e9")

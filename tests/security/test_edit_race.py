"""No lost edit under a real race: two editors, two database connections, one row.

Both load version N and save at the same instant (a barrier). The services lock the row
(SELECT ... FOR UPDATE) and compare versions, so exactly one save wins and the other is
refused with StaleEdit naming who got there first. The winner is slowed down inside its
lock, so the loser demonstrably waits on that lock: the race is real, not two saves in turn.

PostgreSQL only: SQLite has no row locks (it serialises whole-database writes, and
tests/factcheck/services/test_claims.py covers the version check there sequentially).
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections

from factcheck import services
from factcheck.models import Claim
from tests.factories import ClaimFactory, UserFactory, VerdictClaimFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks to race on; run with DATABASE_URL=postgres://…",
    ),
]

HOLD_LOCK_SECONDS = 0.4


def race(*saves):
    """Run each save in its own thread and connection, released together; report each outcome."""
    barrier = threading.Barrier(len(saves))
    outcomes: list[dict] = [{} for _ in saves]

    def run(index, save):
        try:
            claim = Claim.objects.get(pk=save.pk)  # each editor loads the claim: version N
            barrier.wait(timeout=10)
            started = time.monotonic()
            try:
                save(claim)
                outcomes[index]["result"] = "saved"
            except services.StaleEdit as error:
                outcomes[index]["result"] = "refused"
                outcomes[index]["message"] = " ".join(error.messages)
            outcomes[index]["seconds"] = time.monotonic() - started
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def slow_writes(monkeypatch):
    """Hold the row lock a while inside every write, so a concurrent save must wait for it."""
    from factcheck.services import claims, common, revisions, sources

    original = common.write

    def slow(*args, **kwargs):
        time.sleep(HOLD_LOCK_SECONDS)
        return original(*args, **kwargs)

    for module in (claims, revisions, sources):
        monkeypatch.setattr(module, "write", slow)


def edit(pk, version, user, quote):
    def save(claim):
        claim.quote = quote
        services.save_claim(claim=claim, user=user, expected_version=version)

    save.pk = pk
    return save


def assert_one_won(outcomes):
    results = sorted(outcome["result"] for outcome in outcomes)
    assert results == ["refused", "saved"], outcomes
    loser = next(o for o in outcomes if o["result"] == "refused")
    assert loser["seconds"] >= HOLD_LOCK_SECONDS * 0.8, "the loser never waited on the lock"
    return loser


def test_two_editors_saving_at_once_exactly_one_wins(slow_writes):
    anna, ben = (
        UserFactory(username="anna", role="Editor"),
        UserFactory(username="ben", role="Editor"),
    )
    claim = ClaimFactory(created_by=anna)
    version = claim.version
    outcomes = race(
        edit(claim.pk, version, anna, "Anna's wording"),
        edit(claim.pk, version, ben, "Ben's wording"),
    )
    loser = assert_one_won(outcomes)
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.version == version + 1
    winner = "anna" if stored.quote == "Anna's wording" else "ben"
    assert stored.quote in ("Anna's wording", "Ben's wording")
    assert f"changed by {winner} while you were editing" in loser["message"]
    assert "reload the claim" in loser["message"]
    assert Claim.history.filter(id=claim.pk, version=version + 1).count() == 1


def test_an_edit_racing_a_publish_never_overwrites_it(slow_writes):
    """Whichever lands first, the other is refused: no edit silently undoes a publication."""
    editor = UserFactory(username="edd", role="Editor")
    publisher = UserFactory(username="pia", role="Publisher")
    claim = VerdictClaimFactory(value=Decimal("5"))
    version = claim.version

    def publish(loaded):
        services.publish_claim(claim=loaded, user=publisher, expected_version=version)

    publish.pk = claim.pk
    outcomes = race(publish, edit(claim.pk, version, editor, "Reworded after review"))
    assert_one_won(outcomes)
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.version == version + 1
    published = stored.published_at is not None
    reworded = stored.quote == "Reworded after review"
    assert published != reworded  # exactly one of the two writes happened

"""The public version moves at commit, in commit order: no race leaves a stale page cached.

The failure this guards against: transaction A (an unpublish) takes its place in the order
first but commits last; transaction B (another change) commits in between; a reader then
caches a page under B's version that still shows A's claim. With a version raised by ids
handed out at write time, B's version was the newest until well after A committed, so the
unpublished claim stayed on cached pages. Here the version is raised at commit, so A's
commit moves it again and the next reader gets a fresh page.

Two real connections (threads) on PostgreSQL, the page cache ON, nothing cleared.
"""

import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client

from factcheck import services
from factcheck.models import Claim
from tests.factories import ClaimFactory, PublishedClaimFactory, SourceFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers, so commit order is write order; run on PostgreSQL",
    ),
]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.FACTDESK_PAGE_CACHE_SECONDS = 300


class Held:
    """Run `write` in its own thread and connection, and hold its transaction open."""

    def __init__(self, write):
        self.write, self.wrote, self.release = write, threading.Event(), threading.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run)

    def _run(self):
        try:
            with transaction.atomic():
                self.write()
                self.wrote.set()
                assert self.release.wait(timeout=30)
        except BaseException as error:  # reported by commit()
            self.error = error
            self.wrote.set()
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        assert self.wrote.wait(timeout=30)
        assert self.error is None, self.error
        return self

    def commit(self):
        self.release.set()
        self.thread.join(timeout=30)
        assert self.error is None, self.error

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(timeout=30)


def in_thread(write):
    """Run and commit `write` in another connection, now."""
    with Held(write) as held:
        held.commit()


def page(url="/claims/"):
    return Client().get(url).content.decode()


@pytest.fixture
def people():
    return {
        "editor": UserFactory(username="ed", role="Editor"),
        "checker": UserFactory(username="che", role="Fact-checker"),
        "publisher": UserFactory(username="pub", role="Publisher"),
    }


def other_change(people):
    """B: a public change to another claim, committed while A is still open."""
    other = PublishedClaimFactory(quote="Another claim that changes meanwhile.")

    def write():
        services.unpublish_claim(claim=other, user=people["publisher"], reason="Meanwhile.")

    return write


def test_an_unpublish_committed_last_is_seen_at_once(people):
    claim = PublishedClaimFactory(quote="A claim about to be unpublished.")
    meanwhile = other_change(people)
    assert "about to be unpublished" in page()
    with Held(
        lambda: services.unpublish_claim(claim=claim, user=people["publisher"], reason="Wrong.")
    ) as first:
        in_thread(meanwhile)  # B takes its turn after A wrote, and commits first
        assert "about to be unpublished" in page(), "A has not committed yet"
        first.commit()
    assert "about to be unpublished" not in page(), "A's commit moved the version"


def test_a_publish_committed_last_is_seen_at_once(people):
    claim = ClaimFactory(quote="A claim about to be published.", created_by=people["editor"])
    SourceFactory(claim=claim)
    services.give_verdict(claim=claim, reviewer=people["checker"], status="verified", note="ok")
    meanwhile = other_change(people)
    assert "about to be published" not in page()
    with Held(lambda: services.publish_claim(claim=claim, user=people["publisher"])) as first:
        in_thread(meanwhile)
        assert "about to be published" not in page()
        first.commit()
    assert "about to be published" in page()


def test_a_released_edit_committed_last_is_seen_at_once(people):
    claim = PublishedClaimFactory(quote="A figure about to change.", value=Decimal("5e6"))
    draft = services.revise_claim(
        claim=claim, user=people["editor"], values={"value": Decimal("7e6")}
    )
    services.give_verdict(
        claim=draft, reviewer=people["checker"], status="verified", reason="New filing."
    )
    meanwhile = other_change(people)
    url = claim.get_absolute_url()
    assert "$5 million" in page(url)
    with Held(lambda: services.publish_claim(claim=draft, user=people["publisher"])) as first:
        in_thread(meanwhile)
        assert "$5 million" in page(url)
        first.commit()
    assert "$7 million" in page(url)


def test_an_import_committing_in_between_does_not_hide_a_later_commit(people, tmp_path):
    claim = PublishedClaimFactory(quote="A claim retracted after an import.")
    csv = tmp_path / "new.csv"
    csv.write_text("quote,value,metric\nA new claim from a file,$3 billion,funding\n")
    assert "retracted after an import" in page()
    with Held(
        lambda: services.unpublish_claim(claim=claim, user=people["publisher"], reason="Wrong.")
    ) as first:
        in_thread(lambda: call_command("import_claims", str(csv)))
        assert "retracted after an import" in page()
        first.commit()
    assert "retracted after an import" not in page()
    assert Claim.objects.filter(quote="A new claim from a file").exists()


def test_a_draft_source_edited_while_its_claim_is_published_moves_it_after(people):
    """A writes a source of a draft while B, publishing that draft, has not committed.

    A's write alone is private, so its trigger asks at commit whether the claim is
    published. That lookup waits for B (it locks the claim's row), then finds it published
    and moves the version again: a page cached under B's version alone, made before A's
    commit showed, cannot outlive A's commit.
    """
    from factcheck.caching import public_version, version_number

    claim = ClaimFactory(
        quote="A claim published while its source changes.", created_by=people["editor"]
    )
    source = SourceFactory(claim=claim, title="Old title")
    services.give_verdict(claim=claim, reviewer=people["checker"], status="verified", note="ok")
    before = version_number(public_version())
    edited = threading.Event()

    def edit_source():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE factcheck_source SET title = 'New title' WHERE id = %s", [source.pk]
            )

    with Held(lambda: services.publish_claim(claim=claim, user=people["publisher"])) as publishing:
        editor = threading.Thread(target=lambda: (in_thread(edit_source), edited.set()))
        editor.start()
        assert not edited.wait(timeout=1), "A's commit waits for the publication in flight"
        publishing.commit()
        editor.join(timeout=30)
    assert edited.is_set()
    assert version_number(public_version()) == before + 2, (
        "B's publication, then A's change to a public claim"
    )
    assert "New title" in page(claim.get_absolute_url())


def test_a_draft_only_commit_leaves_the_version(people):
    from factcheck.caching import public_version

    claim = ClaimFactory(quote="A draft nobody sees yet.", created_by=people["editor"])
    before = public_version()
    in_thread(lambda: SourceFactory(claim=claim))
    in_thread(lambda: Claim.objects.filter(pk=claim.pk).update(note="Still a draft."))
    assert public_version() == before

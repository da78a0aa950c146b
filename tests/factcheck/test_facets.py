"""No cold reader: the writer counts the public facets of a new version before readers ask.

After a change the public sees commits, the summaries of `/` and `/claims/` (facets.Summary,
one GROUP BY per facet over every public claim) are in the cache under the new public
version, equal to a fresh count, so the first reader makes no facet query (listing.py).
"""

import csv
import io
import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from redis.exceptions import ConnectionError as RedisConnectionError

from factcheck import listing, services, signals
from factcheck.caching import public_version, version_number
from factcheck.csvio.export import iter_csv
from factcheck.csvio.importer import import_claims
from factcheck.facets import Summary, summarise
from factcheck.filters import public_claims
from factcheck.models import Claim, PublicVersion, Source, Status

# Both pages' summaries: (verified_only, with_status).
PAGES = ((True, False), (False, True))


def counted(verified_only: bool) -> tuple[Summary | None, Summary]:
    """What the cache holds for the page under the current version, and a fresh count."""
    query = public_claims(QueryDict(), verified_only=verified_only)
    key = listing.summary_key(query, public_version(), verified_only=verified_only)
    return listing.shared(key), summarise(query.filtered, with_status=not verified_only)


def assert_warm() -> None:
    for verified_only, _ in PAGES:
        stored, fresh = counted(verified_only)
        assert stored is not None, f"nothing cached for verified_only={verified_only}"
        assert stored == fresh


def facet_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "UNION ALL" in q["sql"].upper()]


def test_a_summary_is_typed_plain_data_that_pickles(desk):
    summary = summarise(Claim.objects.public(), with_status=True)
    assert summary.total == 4 and summary.undated == 1
    assert {key for key, _, _ in summary.currency} == {"USD", "CNY"}
    assert (
        summary.rows("status")
        and summarise(Claim.objects.verified(), with_status=False).status is None
    )
    assert pickle.loads(pickle.dumps(summary)) == summary  # noqa: S301 - our own bytes
    with pytest.raises(AttributeError):
        summary.total = 5


@pytest.mark.django_db(transaction=True)
def test_a_publication_leaves_the_new_versions_counts_in_the_cache(desk, publisher):
    before = public_version()
    services.publish_claim(claim=desk["unpublished"], user=publisher)
    assert public_version() != before
    assert_warm()
    stored, _ = counted(verified_only=False)
    assert stored.total == 5


@pytest.mark.django_db(transaction=True)
def test_an_unpublication_leaves_the_new_versions_counts_in_the_cache(desk, publisher):
    services.unpublish_claim(claim=desk["valuation"], user=publisher, reason="Withdrawn.")
    assert_warm()
    stored, _ = counted(verified_only=True)
    assert stored.total == 1  # `earlier` is the one verified claim left


@pytest.mark.django_db(transaction=True)
def test_a_committed_csv_import_of_a_drafts_change_leaves_the_counts_warm(desk):
    listing.warm_public_summaries()
    text = "".join(iter_csv(Claim.objects.filter(pk=desk["draft"].pk)))
    lines = list(csv.reader(io.StringIO(text)))
    lines[1][lines[0].index("quote")] = "Investors cheered loudly"
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    before = public_version()
    report = import_claims(io.BytesIO(out.getvalue().encode()))
    assert report.ok and report.updated == 1
    assert public_version() == before  # nothing the public sees changed (migration 0024)
    assert_warm()


def test_a_dry_run_import_counts_nothing_ahead(desk, django_capture_on_commit_callbacks):
    text = "".join(iter_csv(Claim.objects.filter(pk=desk["draft"].pk)))
    with django_capture_on_commit_callbacks() as callbacks:
        assert import_claims(io.BytesIO(text.encode()), dry_run=True).ok
    assert signals.send_public_change not in callbacks


def test_a_source_change_of_a_published_claim_goes_to_its_draft_and_counts_nothing(
    desk, editor, django_capture_on_commit_callbacks
):
    source = Source.objects.filter(claim=desk["valuation"]).first()
    source.url = "https://example.org/another-filing"
    before = public_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.save_source(source=source, user=editor)
    assert Claim.objects.filter(draft_of=desk["valuation"]).exists()
    assert public_version() == before
    # The public sees no change, so nothing is counted ahead, and the version stays
    # (migration 0024): readers keep the counts they had.
    assert signals.send_public_change not in callbacks


def test_the_counts_are_counted_once_per_transaction(
    desk, publisher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.publish_claim(claim=desk["unpublished"], user=publisher)
        services.unpublish_claim(claim=desk["gpus"], user=publisher, reason="Withdrawn.")
    assert callbacks.count(signals.send_public_change) == 1
    assert_warm()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("url", "verified_only"), [("/", True), ("/claims/", False)])
def test_the_first_reader_after_a_publication_makes_no_facet_query(
    client, desk, publisher, url, verified_only
):
    client.get(url)  # a warm page of the old version
    services.publish_claim(claim=desk["unpublished"], user=publisher)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert facet_queries(queries) == []
    assert response.context["listing"].summary == counted(verified_only)[1]
    if not verified_only:
        assert "A rival, Quill Labs" in response.content.decode()


def test_a_reader_waits_for_the_count_under_way_instead_of_counting_again(desk, monkeypatch):
    query = public_claims(QueryDict(), verified_only=False)
    version = public_version()
    key = listing.summary_key(query, version, verified_only=False)
    fresh = summarise(query.filtered, with_status=True)
    assert cache.add(f"{key}:counting", 1, 30)  # someone else is counting

    def sleep(seconds):  # ...and stores the counts while the reader waits (another process)
        cache.set(f"{key}:their-stamp", fresh, 60)
        cache.set(key, "their-stamp", 60)

    monkeypatch.setattr(listing.time, "sleep", sleep)
    with CaptureQueriesContext(connection) as queries:
        assert listing.cached_summary(query, version, verified_only=False) == fresh
    assert facet_queries(queries) == []


def test_a_reader_counts_itself_when_the_count_under_way_does_not_come(desk, monkeypatch):
    query = public_claims(QueryDict(), verified_only=True)
    version = public_version()
    key = listing.summary_key(query, version, verified_only=True)
    assert cache.add(f"{key}:counting", 1, 30)  # a counter that died
    monkeypatch.setattr(listing, "WAIT_SECONDS", 0.05)
    monkeypatch.setattr(listing, "POLL_SECONDS", 0.01)
    summary = listing.cached_summary(query, version, verified_only=True)
    assert summary == summarise(query.filtered, with_status=False)
    assert listing.shared(key) == summary


def test_a_process_reuses_its_copy_while_the_cache_holds_the_same_stamp(desk, monkeypatch):
    query = public_claims(QueryDict(), verified_only=False)
    version = public_version()
    first = listing.cached_summary(query, version, verified_only=False)
    reads = []
    monkeypatch.setattr(listing, "_keep", lambda *args: reads.append(args))  # would store a copy
    again = listing.cached_summary(query, version, verified_only=False)
    assert again is first and reads == []  # no second fetch of the 300 kB value


def test_a_repeated_version_number_never_finds_the_copy_of_another_state(desk, publisher):
    """A rollback (or a restore) repeats a version number: the copy must not outlive it."""
    query = public_claims(QueryDict(), verified_only=False)
    version = public_version()
    before = listing.cached_summary(query, version, verified_only=False)
    assert before.total == 4
    # The same version number, other rows: as after a test's rollback, which empties the cache.
    Claim.objects.filter(pk=desk["valuation"].pk).update(published_at=None)
    # The same number again (SQLite's trigger moved it). On PostgreSQL the version also names
    # the transaction that wrote it, so it cannot repeat there: this is SQLite's case.
    PublicVersion.objects.filter(pk=1).update(number=version_number(version))
    cache.clear()
    if connection.vendor == "sqlite":
        assert public_version() == version
    after = listing.cached_summary(query, public_version(), verified_only=False)
    assert after.total == 3 and after == summarise(query.filtered, with_status=True)


def test_a_value_stored_again_by_another_process_replaces_the_copy(desk):
    query = public_claims(QueryDict(), verified_only=True)
    version = public_version()
    key = listing.summary_key(query, version, verified_only=True)
    listing.cached_summary(query, version, verified_only=True)  # this process's copy
    theirs = summarise(Claim.objects.none(), with_status=False)
    cache.set(f"{key}:their-stamp", theirs, 60)  # another process stored it again
    cache.set(key, "their-stamp", 60)
    assert listing.cached_summary(query, version, verified_only=True) == theirs


class DownCache:
    """A cache server that cannot be reached: every call raises, as Django's Redis backend does."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379.")

        return fail


@pytest.mark.django_db(transaction=True)
def test_with_the_cache_down_writes_succeed_and_readers_get_exact_counts(
    client, desk, publisher, monkeypatch
):
    monkeypatch.setattr(listing, "cache", DownCache())
    monkeypatch.setattr(listing.time, "sleep", lambda seconds: pytest.fail("waited"))
    services.publish_claim(claim=desk["unpublished"], user=publisher)  # no error after commit
    assert Claim.objects.public().count() == 5
    response = client.get("/claims/")
    assert response.status_code == 200
    summary = response.context["listing"].summary
    assert summary == summarise(Claim.objects.public(), with_status=True)
    assert summary.total == 5
    assert Claim.objects.get(pk=desk["unpublished"].pk).status in Status.verdicts()

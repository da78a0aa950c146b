"""The server-side page cache: a repeat costs one query, and any public change shows at once.

Pages are cached under their ETag (the public version and the full path), so publishing,
unpublishing or correcting a claim changes every key: the next request is rendered afresh.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver

from factcheck import services
from factcheck.caching import public_version, version_number
from factcheck.middleware import LOCAL_PAGES, LocalPages, public_paths
from factcheck.models import Status
from tests.factories import PublishedClaimFactory, SourceFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db

CACHED_URLS = [
    "/",
    "/claims/?metric=valuation&sort=-usd",
    "/api/claims/",
    "/companies/",
    "/feed/",
    "/sitemap.xml",
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FACTDESK_PAGE_CACHE_SECONDS = 600
    cache.clear()
    LOCAL_PAGES.clear()
    yield
    cache.clear()
    LOCAL_PAGES.clear()


@pytest.fixture
def claim(db):
    return PublishedClaimFactory(metric="valuation", quote="Valued at $2 billion, it said")


@pytest.mark.parametrize("url", CACHED_URLS)
def test_a_repeat_costs_only_the_version_query(client, claim, django_assert_num_queries, url):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_the_claim_page_is_cached(client, claim, django_assert_num_queries):
    client.get(claim.get_absolute_url())
    with django_assert_num_queries(1):
        assert client.get(claim.get_absolute_url()).status_code == 200


def test_a_publication_shows_on_the_next_request(client, claim, publisher):
    client.get("/")
    waiting = VerdictClaimFactory(status=Status.VERIFIED)
    services.publish_claim(claim=waiting, user=publisher)
    assert f'href="/claims/{waiting.pk}/"' in client.get("/").content.decode()


def test_unpublishing_shows_on_the_next_request(client, claim, publisher):
    assert client.get(claim.get_absolute_url()).status_code == 200
    assert f'href="/claims/{claim.pk}/"' in client.get("/claims/").content.decode()
    services.unpublish_claim(claim=claim, user=publisher, reason="Withdrawn.")
    assert "retracted" in client.get(claim.get_absolute_url()).content.decode()
    assert f'href="/claims/{claim.pk}/"' not in client.get("/claims/").content.decode()


def test_a_correction_shows_on_the_next_request(client, claim, fact_checker, publisher):
    url = claim.get_absolute_url()
    assert "Misleading" not in client.get(url).content.decode()
    services.give_verdict(
        claim=claim, reviewer=fact_checker, status=Status.MISLEADING, reason="Pre-money, not post."
    )
    assert "Misleading" not in client.get(url).content.decode(), "waits for a publisher"
    services.publish_claim(claim=claim, user=publisher)
    body = client.get(url).content.decode()
    assert "Pre-money, not post." in body
    assert "Misleading" in body


def test_a_new_source_shows_on_the_next_request(client, claim):
    client.get(claim.get_absolute_url())
    SourceFactory(claim=claim, url="https://example.org/late-filing")
    assert (
        "https://example.org/late-filing" in client.get(claim.get_absolute_url()).content.decode()
    )


def test_each_query_string_is_its_own_page(client, claim):
    ascending = client.get("/claims/?sort=usd").content
    descending = client.get("/claims/?sort=-usd").content
    assert ascending != descending


def test_pages_with_bad_parameters_are_never_stored(client, claim, django_assert_num_queries):
    assert client.get("/claims/?as_of_from=soon").status_code == 400
    with django_assert_num_queries(2):  # version, then the rows again (counts stay cached)
        assert client.get("/claims/?as_of_from=soon").status_code == 400


def test_off_when_the_setting_is_zero(client, claim, settings, django_assert_num_queries):
    settings.FACTDESK_PAGE_CACHE_SECONDS = 0
    client.get("/")
    with django_assert_num_queries(2):  # version and rows: counts and facets stay cached
        assert client.get("/").status_code == 200


def test_a_company_edit_shows_on_the_next_request(client, claim):
    page = claim.company.get_absolute_url()
    client.get(page)
    company = claim.company
    company.description = "Renamed in the admin a moment ago."
    company.save()
    assert "Renamed in the admin a moment ago." in client.get(page).content.decode()


def test_a_deleted_check_leaves_the_claim_page_on_the_next_request(client, claim):
    from factcheck.models import CheckOperand, FigureCheck

    check = FigureCheck.objects.create(kind="ratio", stated=claim, working="Works out as shown")
    for position in range(2):  # a ratio takes two figures, and public ones, to be shown
        other = PublishedClaimFactory(metric="valuation")
        CheckOperand.objects.create(check_ref=check, claim=other, position=position)
    page = claim.get_absolute_url()
    assert "Works out as shown" in client.get(page).content.decode()
    check.delete()
    assert "Works out as shown" not in client.get(page).content.decode()


def test_a_stored_page_answers_304_to_its_etag(client, claim, django_assert_num_queries):
    first = client.get("/claims/")
    with django_assert_num_queries(1):  # the version
        again = client.get("/claims/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_a_stored_page_keeps_the_security_headers(client, claim):
    client.get("/claims/")
    stored = client.get("/claims/")
    assert "default-src 'self'" in stored["Content-Security-Policy"]
    assert stored["X-Frame-Options"] == "DENY"


def test_an_editor_with_a_session_is_never_served_a_stored_page(client, claim, editor):
    client.get("/claims/")  # stored
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        client.get("/claims/")
    assert len(queries) > 1  # rendered through the whole stack, not read from the cache


def test_a_page_another_process_stored_is_read_from_the_shared_cache(
    client, claim, django_assert_num_queries
):
    first = client.get("/claims/")
    LOCAL_PAGES.clear()  # as in another worker: only the shared cache has the page
    with django_assert_num_queries(1):
        again = client.get("/claims/")
    assert again.content == first.content
    cache.clear()  # and this process's copy answers while the version stands
    with django_assert_num_queries(1):
        assert client.get("/claims/").content == first.content


def test_the_local_copy_gives_way_to_a_new_version(client, claim, publisher):
    client.get("/")
    waiting = VerdictClaimFactory(status=Status.VERIFIED)
    services.publish_claim(claim=waiting, user=publisher)
    cache.clear()  # nothing shared: only this process's copy of the old page is left
    assert f'href="/claims/{waiting.pk}/"' in client.get("/").content.decode()


def test_local_pages_keep_the_most_recent_within_their_size():
    pages = LocalPages(max_bytes=1000)
    for n in range(10):
        pages.set(f"k{n}", (200, [], b"x" * 100), 600)
    assert pages.get("k0")  # used: now the most recent
    pages.set("k10", (200, [], b"x" * 100), 600)  # 1,100 bytes: the least recent goes
    assert pages.get("k1") is None
    assert all(pages.get(f"k{n}") for n in (0, *range(2, 11)))
    pages.set("big", (200, [], b"x" * 126), 600)  # over an eighth of the size: not kept
    assert pages.get("big") is None


def test_local_pages_expire():
    pages = LocalPages(max_bytes=1000)
    pages.set("gone", (200, [], b"x"), -1)
    assert pages.get("gone") is None


def test_the_looked_up_paths_are_the_public_views_of_the_urlconf():
    exact, prefixes = public_paths(get_resolver())
    assert {"/", "/claims/", "/claims.csv", "/companies/", "/feed/", "/sitemap.xml"} <= exact
    assert {"/methodology/", "/api/claims/", "/api/companies/"} <= exact  # ninja's too
    assert {"/claims/", "/articles/", "/companies/", "/api/claims/", "/sitemap-"} <= set(prefixes)
    everything = exact | set(prefixes)
    assert not any(path.startswith(("/admin", "/healthz")) for path in everything)


@pytest.mark.django_db(transaction=True)
def test_the_version_query_opens_a_dropped_connection_again(settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL: SQLite has no server to drop the connection")
    public_version()
    connection.connection.close()  # as when the server restarted between two requests
    connection.health_check_enabled, connection.health_check_done = True, False
    with CaptureQueriesContext(connection) as queries:
        assert version_number(public_version()) >= 0  # a version read (0: a flushed desk)
    assert len(queries) == 1  # no SELECT 1 before it: the version query is the check

"""The Source admin on a published claim: the source is written on the claim's pending change,
and the admin says so and takes the editor to that row."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from factcheck.models import Source
from tests.factories import ClaimFactory, PublishedClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:factcheck_source_add")
LIST_URL = reverse("admin:factcheck_source_changelist")
WENT = "The claim is published, so the source went to"


def source_post(claim, button, **extra):
    return {
        "claim": str(claim.pk),
        "url": "https://example.com/filing",
        "kind": "filing",
        "stance": "supports",
        "title": "A filing",
        button: "1",
        **extra,
    }


def change_url(source):
    return reverse("admin:factcheck_source_change", args=[source.pk])


@pytest.mark.parametrize(
    "button,goes_to",
    [("_save", lambda s: LIST_URL), ("_continue", change_url), ("_addanother", lambda s: ADD_URL)],
)
def test_a_source_added_to_a_published_claim_goes_to_its_pending_change(
    client, editor, button, goes_to
):
    live = PublishedClaimFactory()
    client.force_login(editor)
    response = client.post(ADD_URL, source_post(live, button))
    assert response.status_code == 302
    written = Source.objects.get(url="https://example.com/filing")
    pending = live.pending_change()
    assert written.claim == pending and not live.sources.filter(pk=written.pk).exists()
    assert response.url == goes_to(written)
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert WENT in html
    assert reverse("admin:factcheck_claim_change", args=[pending.pk]) in html
    assert change_url(written) in html  # Django's own "was added" names the row written
    assert LogEntry.objects.get().object_id == str(written.pk)


def test_a_source_added_to_a_claim_not_yet_published_says_nothing_more(client, editor):
    claim = ClaimFactory(created_by=editor)
    client.force_login(editor)
    response = client.post(ADD_URL, source_post(claim, "_continue"), follow=True)
    written = claim.sources.get()
    assert response.redirect_chain[-1][0] == change_url(written)
    assert WENT not in response.content.decode()


def test_a_source_moved_to_a_published_claim_goes_to_the_row_written(client, editor):
    source = SourceFactory(claim=ClaimFactory(created_by=editor))
    live = PublishedClaimFactory()
    client.force_login(editor)
    data = source_post(live, "_continue", url=source.url, seen_claim_version=source.claim.version)
    response = client.post(change_url(source), data, follow=True)
    written = live.pending_change().sources.get(url=source.url)
    assert response.redirect_chain[-1][0] == change_url(written)
    assert response.status_code == 200
    assert WENT in response.content.decode()
    assert not Source.objects.filter(pk=source.pk).exists()

"""The desk's queue and conversation: assignment, "My queue", comments, recent activity."""

import pytest
from django.urls import reverse

from factcheck import services
from factcheck.models import Claim, Comment, Status
from tests.factories import ClaimFactory, PublishedClaimFactory, claim_post

pytestmark = pytest.mark.django_db


def test_assigning_puts_a_claim_in_my_queue(client, editor, fact_checker):
    mine = ClaimFactory(created_by=editor, quote="Assigned to the checker.")
    ClaimFactory(created_by=editor, quote="Nobody has this one.")
    services.assign_claim(claim=mine, user=editor, assignee=fact_checker)
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_changelist") + "?queue=mine").content.decode()
    assert "Assigned to the checker." in page and "Nobody has this one." not in page
    mine.refresh_from_db()
    assert mine.status == Status.UNVERIFIED, "assignment is not an edit of the claim"


def test_only_fact_checkers_can_be_assigned(editor):
    claim = ClaimFactory(created_by=editor)
    with pytest.raises(Exception, match="cannot give verdicts"):
        services.assign_claim(claim=claim, user=editor, assignee=editor)


def test_assigning_from_the_change_form(client, editor, fact_checker):
    claim = ClaimFactory(created_by=editor)
    client.force_login(editor)
    data = claim_post(
        quote=claim.quote,
        value=str(claim.value),
        unit="USD",
        seen_version=claim.version,
        assigned_to=str(fact_checker.pk),
        _save="Save",
    )
    response = client.post(reverse("admin:factcheck_claim_change", args=[claim.pk]), data)
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.assigned_to == fact_checker


def test_comments_are_added_escaped_never_public(client, editor):
    claim = PublishedClaimFactory(created_by=editor)
    client.force_login(editor)
    data = claim_post(
        quote=claim.quote,
        value=str(claim.value),
        unit="USD",
        seen_version=claim.version,
        sources=[
            {
                "id": str(s.pk),
                "claim": str(claim.pk),
                "url": s.url,
                "title": s.title,
                "publisher": s.publisher,
                "kind": s.kind,
                "stance": s.stance,
            }
            for s in claim.sources.all()
        ],
        initial_sources=claim.sources.count(),
        note=claim.note,
        article=str(claim.article_id),
        company=str(claim.company_id),
        _save="Save",
    )
    data.update(
        {"comments-TOTAL_FORMS": "1", "comments-0-text": "<script>x</script> check the filing"}
    )
    client.post(reverse("admin:factcheck_claim_change", args=[claim.pk]), data)
    comment = Comment.objects.get()
    assert comment.author == editor and comment.claim == claim
    page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
    assert "&lt;script&gt;x&lt;/script&gt; check the filing" in page
    assert "check the filing" not in client.get(claim.get_absolute_url()).content.decode()
    assert not Claim.objects.filter(draft_of=claim).exists(), "a comment is not an edit"
    assert comment.history.count() == 1


def test_dashboard_shows_recent_activity(client, editor, publisher):
    claim = ClaimFactory(created_by=editor, quote="A claim someone just edited.")
    services.revise_claim(claim=claim, user=editor, values={"note": "A note."})
    client.force_login(publisher)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Recent activity" in page and "A claim someone just edited." in page
    assert "edna" in page and "None available" not in page.split("Recent activity")[1][:2000]


@pytest.mark.parametrize("ending", ["released", "unpublished"])
def test_a_pending_changes_comments_stay_with_the_claim(ending, editor, fact_checker, publisher):
    """The pending change is deleted when it is released or folded back on unpublishing;
    the desk's conversation about it moves to the published claim, not into the void."""
    live = PublishedClaimFactory(value=5_000_000)
    draft = services.revise_claim(claim=live, user=editor, values={"value": 7_000_000})
    services.add_comment(claim=draft, user=editor, text="Checked against the new filing.")
    if ending == "released":
        services.give_verdict(
            claim=draft, reviewer=fact_checker, status="verified", reason="New filing."
        )
        services.publish_claim(claim=draft, user=publisher)
    else:
        services.unpublish_claim(claim=live, user=publisher, reason="Wrong company.")
    assert not Claim.objects.filter(pk=draft.pk).exists()
    assert list(Comment.objects.filter(claim=live).values_list("text", flat=True)) == [
        "Checked against the new filing."
    ]

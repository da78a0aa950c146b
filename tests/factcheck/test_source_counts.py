"""What a claim's sources say, stored on the claim (n_sources, secondary_only,
sources_at_odds): exact right after every way sources, or the verdict, change."""

import io

import pytest
from django.core.management import call_command

from factcheck import rules, services, source_counts
from factcheck.csvio import importer, writer
from factcheck.models import Claim, Source, Status
from tests.factcheck.csvio.csvdata import csv_bytes, row_for
from tests.factories import ClaimFactory, SourceFactory, VerdictClaimFactory

pytestmark = pytest.mark.django_db


def stored(claim) -> int:
    return Claim.objects.values_list("n_sources", flat=True).get(pk=claim.pk)


def test_saving_and_deleting_sources_one_by_one_keeps_the_count():
    claim = ClaimFactory()
    assert stored(claim) == 0
    first = SourceFactory(claim=claim)
    SourceFactory(claim=claim)
    assert stored(claim) == 2
    first.delete()
    assert stored(claim) == 1
    Source.objects.filter(claim=claim).delete()
    assert stored(claim) == 0


def test_a_stale_claim_saved_through_the_services_keeps_the_stored_count(editor):
    claim = ClaimFactory(created_by=editor)
    stale = Claim.objects.get(pk=claim.pk)  # an editor's form, opened before the sources
    SourceFactory(claim=claim)
    SourceFactory(claim=claim)
    stale.quote = "Edited words."
    services.save_claim(claim=stale, user=editor)
    assert stored(claim) == 2


def test_an_import_writes_the_count_of_the_sources_it_leaves():
    claim = ClaimFactory()
    SourceFactory(claim=claim, url="https://a.example.com/1")
    row = row_for(claim, sources="https://a.example.com/1 https://b.example.com/2")
    new = {
        **row_for(claim),
        "id": "",
        "version": "",
        "quote": "New.",
        "sources": "https://c.example.com/3",
    }
    report = importer.import_claims(io.BytesIO(csv_bytes(row, new)))
    assert report.ok, report.summary()
    assert stored(claim) == 2
    assert Claim.objects.get(quote="New.").n_sources == 1

    claim.refresh_from_db()  # the import raised its version: the next file is made from this one
    fewer = row_for(claim, sources="https://b.example.com/2")
    assert importer.import_claims(io.BytesIO(csv_bytes(fewer))).ok
    assert stored(claim) == 1


def test_every_demo_claim_has_the_count_of_its_sources():
    call_command("load_demo", stdout=io.StringIO())
    claims = Claim.objects.all()
    assert claims.count() > 20
    for claim in claims:
        assert claim.n_sources == claim.sources.count(), claim


# --- what the sources say, stored beside the count (secondary_only, sources_at_odds) ---


def fresh(claim: Claim) -> dict:
    """The stored fields as the rules compute them now from the claim's sources."""
    rows = list(Source.objects.filter(claim=claim).values_list("kind", "stance"))
    return {
        "n_sources": len(rows),
        "secondary_only": claim.status == Status.VERIFIED
        and bool(rows)
        and not any(kind in Source.PRIMARY_KINDS for kind, _ in rows),
        "sources_at_odds": rules.at_odds(claim.status, [stance for _, stance in rows]),
    }


def assert_exact() -> None:
    """Every claim's stored fields equal a fresh computation (and there is something to see)."""
    claims = list(Claim.objects.all())
    assert claims
    for claim in claims:
        assert {name: getattr(claim, name) for name in fresh(claim)} == fresh(claim), claim


def test_a_primary_source_added_and_removed_one_by_one():
    claim = VerdictClaimFactory(source=None)
    news = SourceFactory(claim=claim, kind="news")
    assert Claim.objects.get(pk=claim.pk).secondary_only
    filing = SourceFactory(claim=claim, kind="filing")
    assert not Claim.objects.get(pk=claim.pk).secondary_only
    filing.delete()
    assert Claim.objects.get(pk=claim.pk).secondary_only
    news.kind = "press_release"
    news.save()
    assert not Claim.objects.get(pk=claim.pk).secondary_only
    assert_exact()


def test_the_services_keep_the_flags_through_verdict_publication_and_correction(
    editor, fact_checker, publisher
):
    claim = ClaimFactory(created_by=editor)
    services.save_source(
        source=Source(claim=claim, url="https://x.example.com/1", kind="news", stance="supports"),
        user=editor,
    )
    assert_exact()
    services.give_verdict(claim=claim, reviewer=fact_checker, status=Status.VERIFIED, note="ok")
    assert_exact()
    claim.refresh_from_db()
    services.publish_claim(claim=claim, user=publisher)
    assert_exact()
    live = Claim.objects.get(pk=claim.pk)
    # A correction of the published claim: a pending change, its sources copied, released.
    services.give_verdict(
        claim=live,
        reviewer=fact_checker,
        status=Status.UNVERIFIABLE,
        note="The filing was withdrawn; nothing else settles it.",
        reason="The source was withdrawn.",
    )
    assert_exact()
    draft = Claim.objects.get(draft_of=live)
    services.publish_claim(claim=draft, user=publisher)
    assert_exact()
    services.unpublish_claim(claim=Claim.objects.get(pk=claim.pk), user=publisher, reason="Gone.")
    assert_exact()


def test_a_stored_at_odds_flag_follows_the_status_and_the_stances(editor):
    claim = make_at_odds()
    assert Claim.objects.get(pk=claim.pk).sources_at_odds
    agreeing = SourceFactory(claim=claim, stance="contradicts")
    assert not Claim.objects.get(pk=claim.pk).sources_at_odds
    agreeing.delete()
    assert Claim.objects.get(pk=claim.pk).sources_at_odds
    assert_exact()


def make_at_odds() -> Claim:
    """An inaccurate verdict resting on a source that supports the claim (older data)."""
    claim = VerdictClaimFactory(status=Status.INACCURATE, corrected_value=1, source=None)
    SourceFactory(claim=claim, stance="supports")
    return claim


def test_an_import_leaves_the_flags_exact():
    claim = make_at_odds()
    SourceFactory(claim=ClaimFactory(), kind="filing")
    row = row_for(claim, sources="https://a.example.com/1 https://b.example.com/2")
    new = {
        **row_for(claim),
        "id": "",
        "version": "",
        "quote": "New.",
        "sources": "",
        "status": "unverified",
    }
    report = importer.import_claims(io.BytesIO(csv_bytes(row, new)))
    assert report.ok, report.summary()
    assert_exact()


def test_refresh_recomputes_whatever_wrote_before_it():
    claim = make_at_odds()
    SourceFactory(claim=claim, kind="filing")
    Claim.objects.update(n_sources=7, secondary_only=True, sources_at_odds=False)
    source_counts.refresh(Claim.objects.values_list("pk", flat=True))
    assert_exact()


# A CSV row's new sources are secondary ("news") and agree with its verdict; the writer
# stores the flags of whatever kind and stance it writes, so both are varied here.
@pytest.mark.parametrize("kind", ["news", "filing"])
@pytest.mark.parametrize("stance", ["as-the-verdict-reads", "supports", "contradicts"])
def test_an_import_of_new_claims_writes_their_flags_exact(monkeypatch, kind, stance):
    monkeypatch.setitem(writer.SOURCE_DEFAULTS, "kind", kind)
    if stance != "as-the-verdict-reads":
        monkeypatch.setattr(writer, "new_source_stance", lambda status: stance)
    base = ClaimFactory()
    rows = []
    for status in Status.values:
        sourced = [True] if status in rules.VERDICTS and status != Status.UNVERIFIABLE else []
        for with_sources in sourced or [False, True]:
            rows.append(
                {
                    **row_for(base),
                    "id": "",
                    "version": "",
                    "quote": f"New {status} {with_sources}.",
                    "status": status,
                    "note": "What was checked.",
                    "corrected_value": "1" if status == Status.INACCURATE else "",
                    "sources": "https://a.example.com/1 https://b.example.com/2"
                    if with_sources
                    else "",
                }
            )
    report = importer.import_claims(io.BytesIO(csv_bytes(*rows)))
    assert report.ok, report.summary()
    assert report.new == len(rows)
    assert_exact()
    new = Claim.objects.exclude(pk=base.pk)
    assert new.filter(secondary_only=True).exists() == (kind == "news")
    at_odds = stance != "as-the-verdict-reads"  # one of the two verdicts is at odds
    assert new.filter(sources_at_odds=True).exists() == at_odds


def test_refresh_rewrites_only_the_claims_whose_flags_it_changes():
    wrong, right = make_at_odds(), make_at_odds()
    Claim.objects.filter(pk=wrong.pk).update(n_sources=5, sources_at_odds=False)
    assert source_counts.refresh([wrong.pk, right.pk]) == 1
    assert_exact()
    assert source_counts.refresh([wrong.pk, right.pk]) == 0

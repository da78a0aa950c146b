"""Nothing that is not public reaches any public surface, in any state short of published.

The strongest form of the guarantee: every public surface gives byte-for-byte the same
answer before and after a non-public claim is added (so not even a count, a facet or a
page number moves), its claim page is a 404, and its words appear nowhere. An attacker's
queries (asking for the status, the company, the words) are among the surfaces.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from factcheck import services
from factcheck.models import CheckOperand, Claim, FigureCheck, Status
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    CompanyFactory,
    PublishedClaimFactory,
    SourceFactory,
    UserFactory,
    VerdictClaimFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar"  # the hidden claim's word: found nowhere public
SECRET_VALUE = Decimal("987654321")


@pytest.fixture(autouse=True)
def _cold_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_desk():
    """Public claims on one company and article; a second company with nothing public."""
    company = CompanyFactory(name="Lumen Robotics", slug="lumen")
    hidden_company = CompanyFactory(name="Quiet Co", slug="quiet-co")
    article = ArticleFactory(
        slug="robots", text=f"Its valuation reached $3 billion.\nA {SECRET} figure stays here."
    )
    published = PublishedClaimFactory(
        company=company,
        article=article,
        quote="Its valuation reached $3 billion",
        value=Decimal("3000000000"),
        as_of=dt.date(2024, 3, 31),
    )
    PublishedClaimFactory(company=company, article=article, status=Status.MISLEADING)
    return {
        "company": company,
        "hidden_company": hidden_company,
        "article": article,
        "published": published,
    }


def secret_claim(state: str, desk, company) -> Claim:
    """A claim in `state`, worded and valued so that any trace of it can be recognised."""
    fields = dict(
        company=company,
        article=desk["article"],
        quote=f"A {SECRET} figure stays here",
        value=SECRET_VALUE,
        unit="USD",
        usd_value=SECRET_VALUE,
        metric="funding",
        note=f"{SECRET} rationale",
        as_of=dt.date(2024, 6, 30),
    )
    if state in ("unverified", "in_review"):
        claim = ClaimFactory(status=state, **fields)
        SourceFactory(claim=claim)
        return claim
    if state == "published_but_not_a_verdict":  # inconsistent data, e.g. a bad restore
        return ClaimFactory(status=Status.IN_REVIEW, published_at=timezone.now(), **fields)
    status = state.removeprefix("verdict_not_published_")
    claim = VerdictClaimFactory(
        status=Status.VERIFIED if state == "unpublished_after_publishing" else status,
        corrected_value=Decimal("1") if status == Status.INACCURATE else None,
        **fields,
    )
    if state == "unpublished_after_publishing":
        publisher = UserFactory(username="pub", role="Publisher")
        services.publish_claim(claim=claim, user=publisher)
        services.unpublish_claim(claim=claim, user=publisher, reason="Withdrawn.")
    return claim


STATES = [
    "unverified",
    "in_review",
    *(f"verdict_not_published_{s}" for s in Status.verdicts()),
    "unpublished_after_publishing",
    "published_but_not_a_verdict",
]


def surfaces(desk) -> list[str]:
    company, hidden = desk["company"].slug, desk["hidden_company"].slug
    asking = [f"status={s}" for s in Status.values] + [
        f"q={SECRET}",
        f"company={hidden}",
        "metric=funding",
        "sort=-usd",
    ]
    urls = [reverse("factcheck:home"), reverse("factcheck:claims")]
    for query in asking:
        urls += [f"/?{query}", f"/claims/?{query}", f"/claims.csv?{query}", f"/api/claims/?{query}"]
    return urls + [
        reverse("factcheck:claims-csv"),
        reverse("api:claims"),
        reverse("companies:list"),
        reverse("companies:detail", args=[company]),
        reverse("companies:detail", args=[hidden]),
        reverse("factcheck:article", args=[desk["article"].slug]),
        reverse("factcheck:claim", args=[desk["published"].pk]),
        reverse("factcheck:feed"),
        reverse("factcheck:sitemap"),
        *(f"/sitemap-{section}.xml" for section in ("pages", "claims", "companies", "articles")),
    ]


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def snapshot(client, urls) -> dict[str, tuple[int, bytes]]:
    cache.clear()
    return {url: (r.status_code, body(r)) for url in urls for r in [client.get(url)]}


@pytest.mark.parametrize("owner", ["company", "hidden_company"])
def test_non_public_claims_change_no_public_surface(client, public_desk, owner):
    """One claim in every non-public state at once: any one of them leaking fails the test."""
    urls = surfaces(public_desk)
    before = snapshot(client, urls)
    claims = [secret_claim(state, public_desk, public_desk[owner]) for state in STATES]
    assert not any(claim.is_public for claim in claims)
    after = snapshot(client, urls)
    changed = [url for url in urls if before[url] != after[url]]
    # A retraction is public by design (the claim was public once): the feed announces it,
    # with the words as published and the reason, nothing else (checked below).
    assert changed in ([], [reverse("factcheck:feed")])
    article_page = reverse("factcheck:article", args=[public_desk["article"].slug])
    for url, (_, content) in after.items():
        text = content.decode()
        # The article's own (public) text quotes it, unmarked; the feed announces the
        # retraction of the claim that was public once, in its published words.
        if url not in (article_page, reverse("factcheck:feed")):
            assert f"A {SECRET} figure stays here" not in text, url
        assert f"{SECRET} rationale" not in text and "987654321" not in text, url
        for claim in claims:
            if url == reverse("factcheck:feed") and claim.retractions.exists():
                continue  # the retraction links to its notice, which is public
            assert f"/claims/{claim.pk}/" not in text, url


@pytest.mark.parametrize("state", STATES)
def test_its_claim_page_shows_nothing_unpublished(client, public_desk, state):
    """A 404, or for a claim that was public once, the retraction notice (and nothing more)."""
    claim = secret_claim(state, public_desk, public_desk["company"])
    response = client.get(reverse("factcheck:claim", args=[claim.pk]))
    text = response.content.decode()
    if state == "unpublished_after_publishing":
        assert response.status_code == 200
        assert "retracted" in text and "Withdrawn." in text
        assert response["X-Robots-Tag"] == "noindex"
        assert f"{SECRET} rationale" not in text and "ClaimReview" not in text
        return
    assert response.status_code == 404
    assert SECRET not in text


def test_a_check_using_a_hidden_figure_is_left_off_the_public_claims_page(client, public_desk):
    published = public_desk["published"]
    url = reverse("factcheck:claim", args=[published.pk])
    before = snapshot(client, [url])
    hidden = secret_claim("in_review", public_desk, public_desk["company"])
    check = FigureCheck.objects.create(
        kind=FigureCheck.Kind.RATIO, stated=published, label="Hidden ratio", working="987654321 / 3"
    )
    CheckOperand.objects.create(check_ref=check, claim=hidden, position=0)
    CheckOperand.objects.create(check_ref=check, claim=published, position=1)
    assert snapshot(client, [url]) == before


def test_the_surfaces_are_sensitive_to_a_published_claim(client, public_desk):
    """The comparison above can fail: publishing the same claim changes the surfaces."""
    urls = surfaces(public_desk)
    before = snapshot(client, urls)
    claim = secret_claim("verdict_not_published_verified", public_desk, public_desk["company"])
    services.publish_claim(claim=claim, user=UserFactory(username="pub", role="Publisher"))
    after = snapshot(client, urls)
    changed = {url for url in urls if before[url] != after[url]}
    for must_change in [
        "/",
        "/claims/",
        "/claims.csv",
        "/api/claims/",
        "/feed/",
        "/sitemap-claims.xml",
        "/claims/?q=Zanzibar",
        "/articles/robots/",
        "/companies/lumen/",
    ]:
        assert must_change in changed, must_change

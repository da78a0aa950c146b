"""An inline posted with form counts no page could send is refused at once, on every admin
with inlines: nothing built form by form, nothing saved, a message saying what to do."""

import time

import pytest
from django.urls import reverse

from companies.models import Company
from factcheck.models import Claim, FigureCheck
from tests.factories import ClaimFactory, SourceFactory, claim_post

pytestmark = pytest.mark.django_db

ABSURD = [
    ("99999999999999999999", "0"),  # 10^20 new forms
    ("1999", "0"),  # under Django's absolute_max, still 1,999 blank forms
    ("2", "99999999999999999999"),  # a page that drew 10^20 rows
    ("5000", "3000"),  # rows the claim does not have
    ("-1", "0"),
    ("0", "-5"),
]
REFUSED = "than it could have drawn"


def timed_post(client, url, data):
    """The post and how long it took (after a look at the page, so templates are loaded:
    before the guard this took ~16 s, the forms drawn one by one)."""
    client.get(url)
    start = time.perf_counter()
    response = client.post(url, data)
    return response, time.perf_counter() - start


@pytest.mark.parametrize("total,initial", ABSURD)
@pytest.mark.parametrize("inline", ["sources", "comments"])
def test_a_claims_inline_with_absurd_counts_is_refused_at_once(
    client, superuser, inline, total, initial
):
    claim = ClaimFactory()
    SourceFactory(claim=claim)
    client.force_login(superuser)
    url = reverse("admin:factcheck_claim_change", args=[claim.pk])
    data = claim_post(seen_version=claim.version, quote="Changed", initial_sources=0)
    data[f"{inline}-TOTAL_FORMS"], data[f"{inline}-INITIAL_FORMS"] = total, initial
    response, took = timed_post(client, url, data)
    assert took < 0.5, took
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).quote != "Changed"


def test_an_editor_adding_a_claim_with_absurd_sources_is_answered_at_once(client, editor):
    client.force_login(editor)
    data = claim_post(**{"sources-TOTAL_FORMS": "99999999999999999999"})
    response, took = timed_post(client, reverse("admin:factcheck_claim_add"), data)
    assert took < 0.5, took
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Claim.objects.exists()


def test_the_other_inlines_are_refused_the_same_way(client, superuser):
    client.force_login(superuser)
    company = {"name": "Zhipu AI", "kind": "private", "country": "CN", "ticker": ""}
    company |= {"aliases-TOTAL_FORMS": "99999999999999999999", "aliases-INITIAL_FORMS": "0"}
    response, took = timed_post(client, reverse("admin:companies_company_add"), company)
    assert took < 0.5, took
    assert REFUSED in response.content.decode()
    assert not Company.objects.filter(name="Zhipu AI").exists()
    check = {"label": "A check", "kind": "sum", "stated": ""}
    check |= {"inputs-TOTAL_FORMS": "99999999999999999999", "inputs-INITIAL_FORMS": "0"}
    response, took = timed_post(client, reverse("admin:factcheck_figurecheck_add"), check)
    assert took < 0.5, took
    assert REFUSED in response.content.decode()
    assert not FigureCheck.objects.exists()


def test_a_page_that_adds_a_few_sources_still_saves(client, editor):
    client.force_login(editor)
    sources = [{"url": f"https://example.com/{i}"} for i in range(3)]
    response = client.post(reverse("admin:factcheck_claim_add"), claim_post(sources=sources))
    assert response.status_code == 302
    assert Claim.objects.get().sources.count() == 3

"""What the desk's list and dashboard do so they cost the same at a million claims:
counts that stop at a cap, pages that stop there, a company box, a bounded date hierarchy,
filters on stored per-claim flags, the site's own search (factcheck/admin/changelist.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from factcheck import admin_site
from factcheck.admin import changelist
from factcheck.admin.claims import ClaimAdmin
from factcheck.models import CheckOperand, FigureCheck, Status
from tests.factories import (
    ClaimFactory,
    CompanyAliasFactory,
    CompanyFactory,
    SourceFactory,
    VerdictClaimFactory,
)

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/factcheck/claim/"


def listed(client, query: str = "") -> set:
    response = client.get(LIST_URL + query)
    assert response.status_code == 200, query
    return set(response.context["cl"].result_list)


def test_the_count_stops_at_the_cap_and_says_so(client, fact_checker, monkeypatch):
    monkeypatch.setattr(changelist.CappedPaginator, "cap", 4)
    monkeypatch.setattr(ClaimAdmin, "list_per_page", 2)
    ClaimFactory.create_batch(6)
    client.force_login(fact_checker)
    response = client.get(LIST_URL)
    html = response.content.decode()
    assert "4+ claims" in html and "narrow the list" in html
    cl = response.context["cl"]
    assert cl.paginator.capped and cl.paginator.num_pages == 2


def test_below_the_cap_the_count_is_exact(client, fact_checker):
    ClaimFactory.create_batch(3)
    client.force_login(fact_checker)
    html = client.get(LIST_URL).content.decode()
    assert "3 claims" in html and "3+" not in html


def test_a_page_past_the_cap_is_refused_not_read(client, fact_checker, monkeypatch):
    monkeypatch.setattr(changelist.CappedPaginator, "cap", 2)
    monkeypatch.setattr(ClaimAdmin, "list_per_page", 1)
    ClaimFactory.create_batch(5)
    client.force_login(fact_checker)
    assert client.get(LIST_URL + "?p=2").status_code == 200
    refused = client.get(LIST_URL + "?p=4")
    assert refused.status_code == 302 and "e=1" in refused["Location"]


def test_a_search_counts_to_its_own_cap_and_offers_no_years_past_it(
    client, fact_checker, monkeypatch
):
    monkeypatch.setattr(changelist.CappedPaginator, "search_cap", 4)
    monkeypatch.setattr(ClaimAdmin, "list_per_page", 2)
    dates = [dt.date(2020 + i, 1, 1) for i in range(6)]
    found = [ClaimFactory(quote=f"Its valuation, year {d.year}.", as_of=d) for d in dates]
    ClaimFactory(quote="Something else.")
    client.force_login(fact_checker)
    first = client.get(LIST_URL + "?q=valuation")
    cl = first.context["cl"]
    assert cl.paginator.capped and cl.paginator.num_pages == 2 and cl.result_count == 4
    assert list(cl.result_list) == [found[5], found[4]]  # newest first, as without a search
    assert "4+ claims" in first.content.decode()
    assert "as_of__year=" not in first.content.decode()  # past the cap: no year links
    few = client.get(LIST_URL + "?q=valuation&as_of__year=2025").context["cl"]
    assert list(few.result_list) == [found[5]]
    assert few.date_hierarchy == "as_of"  # within the cap, the dates are offered again
    assert client.get(LIST_URL).context["cl"].paginator.cap == changelist.CAP  # no search


def test_dashboard_counts_stop_at_their_cap(client, fact_checker, monkeypatch):
    monkeypatch.setattr(admin_site, "QUALITY_CAP", 2)
    ClaimFactory.create_batch(3, as_of=None)
    client.force_login(fact_checker)
    rows = {label: count for label, count, _query in admin_site.data_quality()}
    assert rows["Claims without an as-of date"] == 2
    assert rows["Claims without an as-of date"].capped
    html = client.get(reverse("admin:index")).content.decode()
    assert "<td>2+</td>" in html


def test_dashboard_counts_each_problem(fact_checker):
    ClaimFactory(as_of=None)  # no source, no date
    secondary = VerdictClaimFactory(source=None)
    SourceFactory(claim=secondary, kind="news")
    VerdictClaimFactory()  # press release: primary, published? no
    rows = {label: count for label, count, _query in admin_site.data_quality()}
    assert rows == {
        "Claims without a source": 1,
        "Claims without an as-of date": 1,
        "Verified on secondary sources only": 1,
        "Sources contradict the verdict": 0,
        "Verdicts not yet published": 2,
    }
    assert not any(count.capped for count in rows.values())


def test_review_queue_in_review_first_then_unverified_oldest_first(client, fact_checker):
    entered = [ClaimFactory(quote=f"Entered {i}") for i in range(2)]
    in_review = ClaimFactory(status=Status.IN_REVIEW, quote="Waiting in review")
    ClaimFactory(status=Status.VERIFIED, quote="Already judged")
    assert admin_site.review_queue() == [in_review, *entered]
    assert admin_site.review_queue(limit=2) == [in_review, entered[0]]


def test_company_box_finds_by_name_and_alias(client, fact_checker):
    moon = CompanyFactory(name="Moonshot AI")
    CompanyAliasFactory(company=moon, name="月之暗面")
    theirs = ClaimFactory(company=moon)
    other = ClaimFactory()
    client.force_login(fact_checker)
    assert listed(client, "?company_name=moonshot") == {theirs}
    assert listed(client, "?company_name=月之暗面") == {theirs}
    assert listed(client, f"?company__id__exact={moon.pk}") == {theirs}
    assert listed(client) == {theirs, other}
    html = client.get(LIST_URL + "?company_name=moonshot&status__exact=unverified").content
    html = html.decode()
    assert 'name="status__exact" value="unverified"' in html  # the box keeps the other filters
    assert f"company__id__exact={moon.pk}" in html  # and offers the company it found


def test_company_box_escapes_what_was_typed(client, fact_checker):
    client.force_login(fact_checker)
    html = client.get(LIST_URL + "?company_name=<b>x</b>").content.decode()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_date_hierarchy_lists_only_periods_with_claims(client, fact_checker):
    for day in (dt.date(2019, 3, 1), dt.date(2021, 5, 2), dt.date(2021, 7, 9)):
        ClaimFactory(as_of=day)
    client.force_login(fact_checker)
    html = client.get(LIST_URL).content.decode()
    assert "as_of__year=2019" in html and "as_of__year=2021" in html
    assert "as_of__year=2020" not in html  # between the first and the last, but empty
    months = client.get(LIST_URL + "?as_of__year=2021").content.decode()
    assert "as_of__month=5" in months and "as_of__month=7" in months
    assert "as_of__month=6" not in months


@pytest.mark.parametrize("query", ["", "?metric__exact=revenue", "?q=valuation"])
def test_date_hierarchy_past_the_cap_asks_each_period(client, fact_checker, monkeypatch, query):
    """Past the cap the periods are asked one by one (one statement): the same links."""
    days = (dt.date(2019, 3, 1), dt.date(2021, 5, 2), dt.date(2021, 7, 9), dt.date(2022, 1, 1))
    for day in days:
        ClaimFactory(as_of=day, metric="revenue", quote="Its valuation rose.")
    ClaimFactory(as_of=dt.date(2020, 6, 1), metric="users", quote="Users.")
    client.force_login(fact_checker)
    few = client.get(LIST_URL + query).content.decode()
    monkeypatch.setattr(changelist.CappedPaginator, "cap", 1)
    monkeypatch.setattr(changelist.CappedPaginator, "search_cap", 1)
    response = client.get(LIST_URL + query)
    assert response.context["cl"].paginator.capped
    html = response.content.decode()
    years = {year for year in range(2018, 2024) if f"as_of__year={year}" in html}
    if query == "?q=valuation":
        assert years == set()  # a search past its cap offers no years (one search each)
        return
    assert years == {year for year in range(2018, 2024) if f"as_of__year={year}" in few}
    assert years == ({2019, 2020, 2021, 2022} if not query else {2019, 2021, 2022})
    months = client.get(LIST_URL + (query or "?") + "&as_of__year=2021")
    assert months.context["cl"].paginator.capped  # two claims in 2021, past a cap of 1
    months = months.content.decode()
    assert "as_of__month=5" in months and "as_of__month=7" in months
    assert "as_of__month=6" not in months


def test_checks_filters_read_the_stored_state(client, fact_checker):
    failing, holding, both, none = (ClaimFactory() for _ in range(4))
    fails = FigureCheck.objects.create(kind="ratio", outcome="fails", working="w", stated=failing)
    CheckOperand.objects.create(check_ref=fails, claim=both, position=0)
    holds = FigureCheck.objects.create(kind="ratio", outcome="holds", working="w", stated=holding)
    CheckOperand.objects.create(check_ref=holds, claim=both, position=0)
    client.force_login(fact_checker)
    assert listed(client, "?checks=failing") == {failing, both}
    assert listed(client, "?checks=holding") == {holding}
    assert none not in listed(client, "?checks=failing")


def test_no_source_filter_reads_the_stored_count(client, fact_checker):
    bare = ClaimFactory()
    sourced = VerdictClaimFactory()
    client.force_login(fact_checker)
    assert listed(client, "?has_sources=no") == {bare}
    assert listed(client, "?has_sources=yes") == {sourced}
    sourced.sources.get().delete()  # source_counts keeps n_sources on every path
    assert listed(client, "?has_sources=no") == {bare, sourced}


def test_search_uses_the_site_search_once_per_claim(client, fact_checker):
    company = CompanyFactory(name="Zhipu AI")
    CompanyAliasFactory(company=company, name="Zhipu")
    CompanyAliasFactory(company=company, name="Zhipu Huazhang")
    theirs = ClaimFactory(company=company, quote="Its revenue reached $50 million.")
    ClaimFactory(quote="An unrelated figure.")
    client.force_login(fact_checker)
    response = client.get(LIST_URL + "?q=zhipu")
    assert list(response.context["cl"].result_list) == [theirs]  # once, whatever the aliases
    assert listed(client, "?q=revenue") == {theirs}


def test_every_dashboard_count_is_live(fact_checker):
    """The source-dependent counts read flags the write path stores: no cache to wait for."""

    def rows():
        return {label: count for label, count, _query in admin_site.data_quality()}

    assert rows()["Verified on secondary sources only"] == 0
    secondary = VerdictClaimFactory(source=None)
    news = SourceFactory(claim=secondary, kind="news")
    ClaimFactory(as_of=None)
    assert rows()["Verified on secondary sources only"] == 1
    assert rows()["Claims without an as-of date"] == 1
    news.stance = "contradicts"
    news.save()
    assert rows()["Sources contradict the verdict"] == 1
    SourceFactory(claim=secondary, kind="filing")
    assert rows()["Verified on secondary sources only"] == 0
    assert rows()["Sources contradict the verdict"] == 0

"""The FX table in the admin: amend a rate, name its source, and see conversions follow."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from factcheck import figure_checks
from factcheck.models import FigureCheck, FxRate
from tests.factories import FxRateFactory, figure_claim, make_check

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:factcheck_fxrate_add")


def change_url(rate):
    return reverse("admin:factcheck_fxrate_change", args=[rate.pk])


@pytest.fixture
def rates():
    return {
        "usd": FxRateFactory(currency="USD", date=dt.date(2024, 10, 15), per_eur=Decimal("1.0903")),
        "hkd": FxRateFactory(currency="HKD", date=dt.date(2024, 10, 15), per_eur=Decimal("8.4712")),
    }


def test_amending_a_rate_needs_a_source_of_its_own(client, fact_checker, rates):
    client.force_login(fact_checker)
    post = {
        "currency": "HKD",
        "date": "2024-10-15",
        "per_eur": "8.50",
        "source": "ECB reference rate",
    }
    response = client.post(change_url(rates["hkd"]), post)
    assert response.status_code == 200
    assert "Say where this rate comes from" in response.content.decode()
    assert FxRate.objects.get(pk=rates["hkd"].pk).per_eur == Decimal("8.4712")


def test_an_amended_rate_moves_the_claims_and_conversions(client, fact_checker, rates):
    price = figure_claim("HK$53.7 billion")
    in_dollars = figure_claim("$6.3 billion")
    check = make_check("conversion", [price], in_dollars)
    figure_checks.recompute()
    assert FigureCheck.objects.get(pk=check.pk).outcome == "fails"  # 6.91 at the ECB rate
    client.force_login(fact_checker)
    post = {"currency": "HKD", "date": "2024-10-15", "per_eur": "9.30", "source": "Desk correction"}
    response = client.post(change_url(rates["hkd"]), post, follow=True)
    assert "Recomputed the ≈ USD of 1 claim(s) and 1 conversion check(s)." in [
        str(m) for m in response.context["messages"]
    ]
    price.refresh_from_db()
    assert price.usd_value == Decimal("6295603225.81")  # 53.7e9 / 9.30 * 1.0903
    check = FigureCheck.objects.get(pk=check.pk)
    assert check.outcome == "holds"
    assert "(the Desk correction of 15 Oct 2024 for HKD and the ECB reference rate" in check.working


def test_a_rate_added_by_hand_for_a_currency_the_ecb_lacks(client, fact_checker, rates):
    taiwan = figure_claim("NT$1.2 trillion")
    assert taiwan.usd_value is None
    client.force_login(fact_checker)
    post = {"currency": "twd", "date": "2024-10-15", "per_eur": "35.1", "source": "CBC Taiwan"}
    assert client.post(ADD_URL, post).status_code == 302
    assert FxRate.objects.get(currency="TWD", date=dt.date(2024, 10, 15)).source == "CBC Taiwan"
    taiwan.refresh_from_db()
    assert taiwan.usd_value is not None


def test_the_add_form_does_not_suggest_the_ecb_label(client, fact_checker):
    client.force_login(fact_checker)
    form = client.get(ADD_URL).context["adminform"].form
    assert form.initial.get("source", "") == ""

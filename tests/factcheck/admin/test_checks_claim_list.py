"""The claims list: a "Checks" column and a "checks failing" filter, without a query per row."""

import pytest
from django.urls import reverse

from factcheck import figure_checks
from factcheck.models import Claim
from tests.factories import figure_claim, make_check

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:factcheck_claim_changelist")


def fall(stated: str):
    peak, now = figure_claim("HK$320 billion"), figure_claim("HK$53.7 billion")
    said = figure_claim(stated, f"a fall of {stated}")
    make_check("percent_change", [peak, now], said)
    return peak, now, said


def test_counts_per_claim_include_stated_and_used_figures():
    peak, now, said = fall("80%")
    make_check("percent_change", [peak, now], figure_claim("83.2%", "a fall of 83.2%"))
    figure_checks.recompute()
    counts = {
        c.pk: (c.checks_failing, c.checks_holding)
        for c in figure_checks.with_check_counts(Claim.objects.all())
    }
    assert counts[peak.pk] == (1, 1)
    assert counts[said.pk] == (1, 0)
    alone = figure_claim("$1")
    assert (
        figure_checks.with_check_counts(Claim.objects.filter(pk=alone.pk)).get().checks_failing == 0
    )


def test_a_claim_used_twice_in_one_check_counts_once():
    part = figure_claim("$1")
    make_check("sum", [part, part], figure_claim("$3"))
    figure_checks.recompute()
    assert (
        figure_checks.with_check_counts(Claim.objects.filter(pk=part.pk)).get().checks_failing == 1
    )


def test_the_column_and_filter(client, editor, django_assert_max_num_queries):
    fall("80%")
    figure_checks.recompute()
    client.force_login(editor)
    client.get(LIST_URL)
    with django_assert_max_num_queries(20) as first:
        client.get(LIST_URL)
    fall("83.2%")
    fall("83%")
    figure_checks.recompute()
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(LIST_URL).content.decode()
    assert page.count(">1 failing</span>") == 3  # the 80% check's three claims
    assert page.count(">1 holding</span>") == 6
    failing = client.get(LIST_URL, {"checks": "failing"}).context["cl"].result_list
    assert len(failing) == 3
    assert "a fall of 80%" in {c.quote for c in failing}
    holding = client.get(LIST_URL, {"checks": "holding"}).context["cl"].result_list
    assert len(holding) == 6

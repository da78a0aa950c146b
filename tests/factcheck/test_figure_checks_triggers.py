"""Checks follow their figures: an edit through the services recomputes the checks it touches."""

from decimal import Decimal

import pytest

from factcheck import figure_checks, services
from factcheck.models import FigureCheck
from tests.factories import SourceFactory, figure_claim, make_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall():
    peak = figure_claim("HK$320 billion", "from a peak of HK$320 billion")
    now = figure_claim("HK$53.7 billion", "to just HK$53.7 billion")
    stated = figure_claim("80%", "an 80% decrease")
    check = make_check("percent_change", [peak, now], stated)
    figure_checks.recompute()
    return check, peak, stated


def test_correcting_the_stated_figure_recomputes_the_check(fall, editor):
    check, _, stated = fall
    assert FigureCheck.objects.get(pk=check.pk).outcome == "fails"
    stated.value, stated.quote = Decimal("83.2"), "an 83.2% decrease"
    services.save_claim(claim=stated, user=editor)
    check.refresh_from_db()
    assert check.outcome == "holds"
    assert "the article says 83.2%, which holds" in check.working


def test_an_operand_edit_recomputes_too(fall, editor):
    check, peak, _ = fall
    peak.value = Decimal("270e9")
    services.save_claim(claim=peak, user=editor)
    check.refresh_from_db()
    assert check.outcome == "holds"  # 270 → 53.7 is a fall of 80.1%
    assert check.working.startswith("From HK$270 billion to HK$53.7 billion is a fall of 80.1%")


def test_an_edit_that_leaves_the_figure_alone_recomputes_nothing(fall, editor):
    check, peak, _ = fall
    before = FigureCheck.objects.get(pk=check.pk).computed_at
    peak.note = "Peak close in February 2021."
    services.save_claim(claim=peak, user=editor)
    assert FigureCheck.objects.get(pk=check.pk).computed_at == before


def test_checks_touching_finds_stated_and_operand_claims(fall):
    check, peak, stated = fall
    other = make_check("sum", [figure_claim("$1")], None)
    assert list(figure_checks.touching([peak.pk])) == [check]
    assert list(figure_checks.touching([stated.pk])) == [check]
    assert set(figure_checks.touching([peak.pk, other.inputs.get().claim_id])) == {check, other}


def test_source_deviations_compare_the_figure_with_each_excerpt(django_assert_num_queries):
    claim = figure_claim("$3.5 billion", "revenue of $3.5 billion", metric="revenue")
    SourceFactory(claim=claim, excerpt="Revenue was $3.36 billion, up from $2.9 billion.")
    SourceFactory(claim=claim, excerpt="Revenue of $3.5 billion for the year.")
    SourceFactory(claim=claim, excerpt="Revenue rose strongly.")  # no figure: left out
    SourceFactory(claim=claim, excerpt="Sales of RMB 25 billion.")  # another unit: left out
    claim.refresh_from_db()
    with django_assert_num_queries(1):
        found = figure_checks.source_deviations(claim)
    assert [(d.kind, d.description) for _, d in found] == [
        ("overstated", "overstated by 4.2%: $3.5 billion, the source says $3.36 billion"),
        ("matches", "matches: the source says $3.5 billion"),
    ]


def test_a_rounded_claim_is_called_rounded():
    claim = figure_claim("$157 billion", "a valuation of $157 billion")
    SourceFactory(claim=claim, excerpt="A post-money valuation of $157.3 billion.")
    ((_, deviation),) = figure_checks.source_deviations(claim)
    assert deviation.description == "rounded: $157 billion for $157.3 billion"

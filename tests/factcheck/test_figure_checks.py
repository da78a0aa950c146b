"""Arithmetic checks computed from claims and stored: outcome, expected value, working."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import figure_checks
from factcheck.figures import parse_figure_strict
from factcheck.figures.checks import percent_change
from factcheck.models import FigureCheck
from tests.factories import figure_claim, make_check

pytestmark = pytest.mark.django_db


def computed(check: FigureCheck) -> FigureCheck:
    figure_checks.recompute(FigureCheck.objects.filter(pk=check.pk))
    check.refresh_from_db()
    return check


@pytest.fixture
def sensetime():
    return {
        "peak": figure_claim("over HK$320 billion", "shrunk from a peak of over HK$320 billion"),
        "now": figure_claim("HK$53.7 billion", "to just HK$53.7 billion"),
        "fall": figure_claim("80%", "representing an 80% decrease"),
    }


def test_sensetime_fall_fails_and_shows_its_working(sensetime):
    check = computed(
        make_check("percent_change", [sensetime["peak"], sensetime["now"]], sensetime["fall"])
    )
    assert check.outcome == "fails"
    assert check.expected == Decimal("83.218750")
    assert check.working == (
        "From HK$320 billion to HK$53.7 billion is a fall of 83.2%; "
        "the article says 80%, which does not hold."
    )
    assert check.computed_at is not None


def test_cloudwalk_difference_holds_and_percentage_fails():
    peak, now = figure_claim("RMB 46 billion"), figure_claim("RMB 11.5 billion")
    drop = figure_claim("over RMB 30 billion", "a decrease of over RMB 30 billion or 70%")
    pct = figure_claim("70%", "a decrease of over RMB 30 billion or 70%")
    difference = computed(make_check("difference", [peak, now], drop))
    assert (difference.outcome, difference.expected) == ("holds", Decimal("34500000000"))
    assert "RMB 34.5 billion" in difference.working
    percent = computed(make_check("percent_change", [peak, now], pct))
    assert (percent.outcome, percent.expected) == ("fails", Decimal(75))


def test_nvidia_in_yuan_holds_at_the_rate_of_the_day_and_names_it(october_2024_rates):
    dollars = figure_claim("$3.39 trillion")
    yuan = figure_claim("about RMB 24 trillion", "(approximately RMB 24 trillion)")
    check = computed(make_check("conversion", [dollars], yuan))
    assert check.outcome == "holds"
    assert abs(check.expected - Decimal("24.12e12")) < Decimal("0.01e12")
    assert check.working == (
        "$3.39 trillion at 7.1149 CNY per USD (the ECB reference rate of 15 Oct 2024) is "
        "RMB 24.1 trillion; the article says about RMB 24 trillion, which holds."
    )


def test_a_check_without_a_stated_figure_only_shows_its_working():
    peak = figure_claim("HK$9.7", "peaking at HK$9.7", as_of=None)
    now = figure_claim("HK$1.62", "plummeted to HK$1.62")
    check = computed(make_check("percent_change", [peak, now], None))
    assert check.outcome == "shown"
    assert check.working == "From HK$9.7 to HK$1.62 is a fall of 83.3%."


def test_the_written_precision_comes_from_the_quote():
    """Stored as 80.000000, "80%" is still good to half a point, not to five."""
    claim = figure_claim("80%", "representing an 80% decrease")
    assert figure_checks.claim_figure(claim).text == "80%"
    bare = figure_claim("HK$320 billion", "no figure in this quote")
    assert figure_checks.claim_figure(bare).text == "HK$320 billion"


@pytest.mark.parametrize(
    ("kind", "operands", "stated", "message"),
    [
        ("percent_change", ["HK$1"], "5%", "takes two figures, from and to; this one has 1"),
        ("difference", ["$5 billion", "HK$4 billion"], "$1 billion", "different units"),
        ("percent_change", ["$0", "$5"], "5%", "from zero is undefined"),
        ("conversion", ["$1 billion"], "NT$32 billion", "no ECB rate for TWD"),
        ("conversion", ["$1 billion"], None, "needs the stated figure in the other currency"),
        ("conversion", ["54,000 GPUs"], "RMB 1 billion", "54,000 GPUs is not money"),
        ("sum", [], "$1", "takes at least one part; this one has 0"),
    ],
)
def test_what_cannot_be_computed_says_why(october_2024_rates, kind, operands, stated, message):
    check = make_check(
        kind,
        [figure_claim(written) for written in operands],
        figure_claim(stated) if stated else None,
    )
    check = computed(check)
    assert check.outcome == "error" and check.expected is None
    assert check.working.startswith("Cannot compute: ")
    assert message in check.working


def test_a_conversion_before_any_rate_names_the_date(october_2024_rates):
    early = figure_claim("$1 billion", as_of=dt.date(2001, 1, 2))
    check = computed(make_check("conversion", [early], figure_claim("RMB 8 billion")))
    assert "no rate for USD on or before 2 Jan 2001" in check.working


def test_recompute_counts_outcomes_in_a_fixed_number_of_queries(
    sensetime, october_2024_rates, django_assert_max_num_queries
):
    def add_checks(n):
        for _ in range(n):
            fall = [sensetime["peak"], sensetime["now"]]
            make_check("percent_change", fall, sensetime["fall"])
            dollars, yuan = figure_claim("$3.39 trillion"), figure_claim("RMB 24 trillion")
            make_check("conversion", [dollars], yuan)

    add_checks(1)
    # checks, operands, USD and CNY rates, one bulk update, then the claims' stored
    # checks_state (the stated and the operand claims' ids, one update)
    with django_assert_max_num_queries(8) as few:
        figure_checks.recompute()
    add_checks(4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        outcomes = figure_checks.recompute()
    assert outcomes == {"fails": 5, "holds": 5}


written_percent = st.builds(
    lambda whole, tenths, precise: f"{whole}.{tenths}%" if precise else f"{whole}%",
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=0, max_value=9),
    st.booleans(),
)
billions = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=billions, end=billions, stated=written_percent)
def test_a_stored_check_decides_as_the_written_figures_do(start, end, stated):
    """Stored as Decimal(30, 6), "80%" must still be read to the precision it was written."""
    if start == end:
        return
    written = [f"HK${start} billion", f"HK${end} billion"]
    claims = [figure_claim(w, f"the figure was {w}") for w in written]
    said = figure_claim(stated, f"a change of {stated}")
    check = make_check("percent_change", claims, said)
    figure_checks.recompute(FigureCheck.objects.filter(pk=check.pk))
    check.refresh_from_db()
    pure = percent_change(*(parse_figure_strict(w) for w in written), parse_figure_strict(stated))
    assert check.outcome == ("holds" if pure.ok else "fails"), check.working
    assert check.working == pure.working[0].upper() + pure.working[1:]

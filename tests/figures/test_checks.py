"""Arithmetic checks, on the seed article's figures and on made-up ones."""

from decimal import Decimal

import pytest

from factcheck.figures import parse_figure
from factcheck.figures.checks import conversion, difference, percent_change, ratio, sum_of_parts

D = Decimal


def f(text):
    figure = parse_figure(text)
    assert figure is not None, text
    return figure


def test_sensetime_fall_is_not_80_percent():
    result = percent_change(f("over HK$320 billion"), f("HK$53.7 billion"), f("80%"))
    assert not result.ok
    assert result.kind == "percent_change"
    assert result.working.startswith(
        "from HK$320 billion to HK$53.7 billion is a fall of 83.2%; the article says 80%"
    )
    assert "79.5% to 80.5%" in result.tolerance


def test_cloudwalk_fall_of_over_30_billion_holds_but_70_percent_does_not():
    start, end = f("RMB 46 billion"), f("RMB 11.5 billion")
    gap = difference(start, end, f("over RMB 30 billion"))
    assert gap.ok
    assert gap.expected == D("34.5e9")
    assert "RMB 34.5 billion" in gap.working
    assert "lower bound" in gap.tolerance
    change = percent_change(start, end, f("70%"))
    assert not change.ok
    assert change.expected == D(75)


def test_nvidia_dollars_in_yuan_hold_at_the_days_rate():
    result = conversion(f("$3.39 trillion"), f("approximately RMB 24 trillion"), D("7.1150"))
    assert result.ok
    assert result.working == (
        "$3.39 trillion at 7.1150 CNY per USD is RMB 24.1 trillion; "
        "the article says about RMB 24 trillion, which holds."
    )


@pytest.mark.parametrize(
    ("stated", "ok"),
    [
        ("83.2%", True),
        ("83.3%", False),
        ("83%", True),
        ("84%", False),
        ("about 80%", True),
        ("about 79%", False),
        ("over 80%", True),
        ("under 80%", False),
        ("up to 90%", True),
    ],
)
def test_tolerance_follows_stated_precision_and_qualifier(stated, ok):
    # from 320 to 53.7 is a fall of 83.22%
    assert percent_change(f("HK$320 billion"), f("HK$53.7 billion"), f(stated)).ok is ok


def test_a_signed_stated_change_must_have_the_right_sign():
    assert percent_change(f("$10"), f("$8"), f("-20%")).ok
    assert not percent_change(f("$10"), f("$12"), f("-20%")).ok


def test_ratio_and_sum():
    assert ratio(f("$157 billion"), f("$30 billion"), D(5)).ok
    assert not ratio(f("$157 billion"), f("$30 billion"), D(6)).ok
    parts = [f("€1.1 billion"), f("€900 million"), f("€350m")]
    assert sum_of_parts(parts, f("€2.35 billion")).ok
    assert not sum_of_parts(parts, f("€2.5 billion")).ok


def test_mixed_units_are_refused_not_compared():
    with pytest.raises(ValueError, match="different units"):
        difference(f("$5 billion"), f("HK$5 billion"), f("$1 billion"))


def test_without_a_stated_figure_a_check_only_shows_its_working():
    """SenseTime's share price: the article gives both prices but no percentage."""
    result = percent_change(f("HK$9.7"), f("HK$1.62"))
    assert result.working == "from HK$9.7 to HK$1.62 is a fall of 83.3%."
    assert (result.ok, result.stated, result.tolerance) == (None, None, "")
    assert result.expected.quantize(D("0.01")) == D("83.30")
    assert difference(f("RMB 46 billion"), f("RMB 11.5 billion")).expected == D("34.5e9")
    assert ratio(f("$10"), f("$4")).working == "$10 is 2.5 times $4."
    assert sum_of_parts([f("$1"), f("$2")]).ok is None


def test_a_conversion_names_its_rate():
    result = conversion(
        f("$3.39 trillion"), f("about RMB 24 trillion"), D("7.115"), "the ECB rate of 15 Oct 2024"
    )
    assert "7.1150 CNY per USD (the ECB rate of 15 Oct 2024) is RMB 24.1 trillion" in result.working

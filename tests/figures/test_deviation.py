"""compare_with_source: how a claimed figure stands against its source."""

from decimal import Decimal

import pytest

from factcheck.figures import compare_with_excerpt, compare_with_source, parse_figure


@pytest.mark.parametrize(
    ("claimed", "sourced", "kind", "description"),
    [
        ("$157 billion", "$157 billion", "matches", "matches: the source says $157 billion"),
        ("$157 billion", "$157.3 billion", "rounded", "rounded: $157 billion for $157.3 billion"),
        ("$157 billion", "$150.8 billion", "overstated", "overstated by 4.1%"),
        ("$157 billion", "$170 billion", "understated", "understated by 7.6%"),
        ("about $150 billion", "$157 billion", "rounded", "rounded"),
        ("about $150 billion", "$170 billion", "understated", "understated by 11.8%"),
        ("over $1 billion", "$1.2 billion", "matches", "holds: over $1 billion"),
        ("over $1 billion", "$800 million", "overstated", "overstated by 25%"),
        ("up to RMB 20 billion", "RMB 25 billion", "understated", "understated by 20%"),
        ("$5", "HK$5", "incomparable", "different units (USD and HKD)"),
    ],
)
def test_compare_with_source(claimed, sourced, kind, description):
    deviation = compare_with_source(parse_figure(claimed), parse_figure(sourced))
    assert deviation.kind == kind
    assert deviation.description.startswith(description)


def test_relative_deviation_is_against_the_source():
    deviation = compare_with_source(parse_figure("$110"), parse_figure("$100"))
    assert deviation.relative == Decimal("0.1")
    assert compare_with_source(parse_figure("5%"), parse_figure("0%")).relative is None


@pytest.mark.parametrize(
    ("claimed", "metric", "excerpt"),
    [
        # an exchange rate, however it is written, is not an amount of money
        (
            "about RMB 24 trillion",
            "market_cap",
            "Reference rates of 15 October 2024 give about 7.115 yuan to the US dollar.",
        ),
        ("RMB 24 trillion", "market_cap", "The yuan closed at RMB 7.115 per dollar."),
        ("RMB 24 trillion", "market_cap", "Market value: $1 = RMB 7.1 that day."),
        ("RMB 7 billion", "revenue", "Revenue at the exchange rate of RMB 7.1 was higher."),
        ("HK$8 billion", "revenue", "Revenue rose; HK$7.8 against the greenback."),
        # another metric named in the figure's own clause
        ("$3.5 billion", "revenue", "Net income was $3.4 billion."),
        ("$157 billion", "valuation", "OpenAI raised $150 billion in funding."),
        # a forecast is not an outcome, nor an outcome a forecast
        ("$143 billion", "forecast", "Revenue of $140 billion."),
        ("$140 billion", "revenue", "Revenue is expected to reach $143 billion."),
        # an amount per share, per head or per month is not a total
        ("$29.76 billion", "net_income", "Earnings per share of $1.20."),
        ("$2 billion", "revenue", "Revenue per employee was $1.9 billion."),
        ("$24 million", "revenue", "It earns $2 million a month."),
        # a share is not a change; a count of GPUs is not a count of chips
        ("30%", "other", "Sales were up 31% on the year."),
        ("54,000 GPUs", "count", "It runs 54,000 chips."),
        # out of scale and the metric unnamed: unsure, so silent
        ("RMB 24 trillion", "market_cap", "Tencent paid RMB 2 billion."),
        ("$5 billion", "revenue", "The company has $400 million in cash."),
        # a bare number says nothing about what it counts
        ("2 million", "count", "Some 2.1 million of them."),
    ],
)
def test_compare_with_excerpt_says_nothing_about_unlike_figures(claimed, metric, excerpt):
    assert compare_with_excerpt(parse_figure(claimed), excerpt, metric=metric) is None


@pytest.mark.parametrize(
    ("claimed", "metric", "excerpt", "description", "named"),
    [
        (
            "$157 billion",
            "valuation",
            "OpenAI raised $6.6 billion at a $157 billion post-money valuation.",
            "matches: the source says $157 billion",
            True,
        ),
        (
            "$3.5 billion",
            "revenue",
            "Revenue was $3.36 billion, up from $2.9 billion.",
            "overstated by 4.2%",
            True,
        ),
        (
            "about RMB 24 trillion",
            "market_cap",
            "At 7.115 yuan to the dollar, market value was about RMB 24.1 trillion.",
            "rounded: about RMB 24 trillion for RMB 24.1 trillion",
            True,
        ),
        # a tenfold error is reported when the excerpt names the metric
        (
            "$29.76 billion",
            "net_income",
            "Net income for the year was $2.976 billion.",
            "overstated by 900%",
            True,
        ),
        # related metrics settle each other; unnamed figures within scale are compared
        ("$3.4 trillion", "market_cap", "It was valued at $3.39 trillion.", "rounded", False),
        (
            "$150 billion",
            "valuation",
            "A figure of $157 billion was reported.",
            "understated",
            False,
        ),
        ("HK$1.62", "share_price", "Shares closed at HK$1.62 a share.", "matches", True),
        (
            "168%",
            "change",
            "Net income was $16.6 billion, up 168% from a year ago.",
            "matches",
            True,
        ),
        ("54,000 GPUs", "count", "It runs some 54,000 GPUs.", "matches", True),
    ],
)
def test_compare_with_excerpt_compares_like_with_like(claimed, metric, excerpt, description, named):
    figure = parse_figure(claimed)
    deviation = compare_with_excerpt(figure, excerpt, metric=metric, quote=f"It said {claimed}.")
    assert deviation is not None
    assert deviation.description.startswith(description)
    assert deviation.metric_named is named


def test_figures_naming_the_metric_come_before_nearer_ones_that_do_not():
    excerpt = "Cash of $3.5 billion; revenue of $3.1 billion."
    deviation = compare_with_excerpt(parse_figure("$3.5 billion"), excerpt, metric="revenue")
    assert deviation.sourced.value == Decimal("3100000000")


def test_a_claimed_exchange_rate_is_compared_with_the_source_rate():
    figure = parse_figure("7.1 yuan")
    excerpt = "Revenue of RMB 7 billion; the reference rate was RMB 7.115 per dollar."
    deviation = compare_with_excerpt(figure, excerpt, quote="A dollar bought 7.1 yuan.")
    assert deviation.description == "rounded: RMB 7.1 for RMB 7.115"
    assert compare_with_excerpt(figure, excerpt, quote="It cost 7.1 yuan.") is None


def test_earnings_per_share_are_not_a_share_price():
    figure = parse_figure("$1.20")
    excerpt = "Earnings per share of $1.20."
    assert compare_with_excerpt(figure, excerpt, metric="share_price") is None
    eps = compare_with_excerpt(
        figure, excerpt, metric="net_income", quote="earnings per share of $1.20"
    )
    assert eps.kind == "matches" and eps.metric_named

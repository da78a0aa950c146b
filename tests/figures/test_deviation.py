"""compare_with_source: how a claimed figure stands against its source."""

from decimal import Decimal

import pytest

from factcheck.figures import compare_with_source, parse_figure


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

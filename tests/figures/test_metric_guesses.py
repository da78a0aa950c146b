"""Metric guesses from the words nearest the figure (factcheck/figures/metrics.py)."""

import pytest

from factcheck.figures import find_figures


def metrics(text: str) -> list[tuple[str, str]]:
    return [(c.figure.text, c.metric) for c in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The startup raised $600 million at a $2.5 billion valuation.",
            [("$600 million", "funding"), ("$2.5 billion", "valuation")],
        ),
        (
            "It raised money at a $2.5 billion valuation.",
            [("$2.5 billion", "valuation")],
        ),
        (
            "After it raised funds last year, investors valued the firm at $900 million.",
            [("$900 million", "valuation")],
        ),
        ("The company is worth $4 billion, insiders say.", [("$4 billion", "valuation")]),
        ("It closed a $75 million funding round.", [("$75 million", "funding")]),
        (
            "Sales rose to $5 billion while the net loss narrowed to $1 billion.",
            [("$5 billion", "revenue"), ("$1 billion", "net_loss")],
        ),
        (
            "Its net income reached $12 million and profit per store was $3,000.",
            [("$12 million", "net_income"), ("$3,000", "net_income")],
        ),
        (
            "Its market cap hit $90 billion after shares closed at $31.50.",
            [("$90 billion", "market_cap"), ("$31.50", "share_price")],
        ),
        (
            "A share price of $31.50 gave it a market value of $90 billion.",
            [("$31.50", "share_price"), ("$90 billion", "market_cap")],
        ),
        (
            # The keyword after the figure stops at the comma: "revenue" belongs to $8 billion.
            "The company raised $2 billion, and revenue reached $8 billion.",
            [("$2 billion", "funding"), ("$8 billion", "revenue")],
        ),
        (
            "该公司以25亿美元估值完成6亿美元融资。",
            [("25亿美元", "valuation"), ("6亿美元", "funding")],
        ),
        (
            "公司市值达300亿港元，股价为15港元，营收12亿元，净亏损3亿元，净利润1亿元。",
            [
                ("300亿港元", "market_cap"),
                ("15港元", "share_price"),
                ("12亿元", "revenue"),
                ("3亿元", "net_loss"),
                ("1亿元", "net_income"),
            ],
        ),
    ],
)
def test_the_keyword_nearest_the_figure_wins(text, expected):
    assert metrics(text) == expected

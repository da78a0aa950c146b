"""find_figures: which numbers in an article are figures, and what they are about."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import find_figures, find_vague_amounts

D = Decimal
COMPANIES = {"acme": "acme", "acme robotics": "acme", "borealis": "borealis", "nvidia": "nvidia"}


def found(text, **kwargs):
    return [
        (c.figure.value, c.figure.unit, c.figure.qualifier) for c in find_figures(text, **kwargs)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In fiscal year 2024 the firm moved to a new campus.",
        "Results for FY2024 and Q2 FY2025 came out on July 28, 2024.",
        "The filing is dated 10/15 2024, reference 476.",
        "It was the 2nd time, and the 1st quarter was quiet.",
        "It says its model rivals GPT-4 Turbo and H100 clusters.",
        "She joined in 2019, spent 18 months in Berlin and 3 years in Paris.",
    ],
)
def test_dates_years_ordinals_and_model_names_are_not_figures(text):
    assert found(text) == []


def test_from_peak_to_trough_is_two_figures():
    text = "Its value slid from a peak of over HK$410 billion to just HK$61.2 billion."
    assert found(text) == [(D("410e9"), "HKD", "over"), (D("61.2e9"), "HKD", "exact")]


def test_a_decline_with_its_size_and_percentage_is_four_figures():
    text = (
        "Borealis was once worth RMB 52 billion but is now valued at RMB 13 billion, "
        "a drop of over RMB 35 billion or 75%."
    )
    assert found(text) == [
        (D("52e9"), "CNY", "exact"),
        (D("13e9"), "CNY", "exact"),
        (D("35e9"), "CNY", "over"),
        (D("75"), "%", "exact"),
    ]


def test_a_conversion_in_brackets_is_a_second_figure():
    text = "Its market capitalization hit $2.8 trillion (approximately RMB 20 trillion)."
    assert found(text) == [(D("2.8e12"), "USD", "exact"), (D("20e12"), "CNY", "about")]


def test_a_range_shares_its_scale_and_unit():
    assert found("Bankers expect between $5 and $7 billion.") == [
        (D("5e9"), "USD", "exact"),
        (D("7e9"), "USD", "exact"),
    ]
    assert found("Prices rose by 13 to 18 percent.") == [
        (D("13"), "%", "exact"),
        (D("18"), "%", "exact"),
    ]


def test_yen_sign_reads_as_yuan_only_when_the_sentence_says_so():
    assert found("Exports rose to ¥1.2 trillion.")[0][1] == "JPY"
    assert found("Chinese exports rose to ¥1.2 trillion in yuan terms.")[0][1] == "CNY"


def test_spans_and_sentence_point_back_into_the_text():
    text = "Acme grew. Acme Robotics raised €40m in May, valuing it at over €1.2bn."
    candidates = find_figures(text)
    assert [text[c.figure.start : c.figure.end] for c in candidates] == ["€40m", "over €1.2bn"]
    assert {c.sentence for c in candidates} == {
        "Acme Robotics raised €40m in May, valuing it at over €1.2bn."
    }


def test_metric_guesses_follow_the_nearest_keyword():
    text = (
        "Acme raised €40m in funding, valuing the company at €1.2bn. "
        "Its revenue rose 38 percent to €210 million, and net income reached €12 million. "
        "Its market value fell to €900 million while the share price hit €4.10. "
        "The group predicted the market will reach €9 billion by 2030. "
        "Acme runs 12,000 servers and 3,000 GPUs."
    )
    metrics = [(c.figure.text, c.metric) for c in find_figures(text)]
    assert metrics == [
        ("€40m", "funding"),
        ("€1.2bn", "valuation"),
        ("38 percent", "change"),
        ("€210 million", "revenue"),
        ("€12 million", "net_income"),
        ("€900 million", "market_cap"),
        ("€4.10", "share_price"),
        ("€9 billion", "forecast"),
        ("12,000 servers", "count"),
        ("3,000 GPUs", "compute"),
    ]


def test_company_is_the_nearest_mention_before_else_the_previous_sentence():
    text = (
        "Borealis lost money. After Borealis, Acme Robotics raised $5 billion. "
        "It also bought 2,000 GPUs. Nobody else spent $1 billion.\n"
        "Then $2 billion went to Nvidia."
    )
    companies = [c.company for c in find_figures(text, companies=COMPANIES)]
    assert companies == ["acme", "acme", None, None]


def test_vague_amounts_are_found_apart_and_never_as_figures():
    text = (
        "Rivals spent billions of dollars on tens of thousands of GPUs; training runs cost "
        "millions or even tens of millions of dollars, and it raised hundreds of millions of "
        "dollars."
    )
    assert find_figures(text) == []
    assert [v[0] for v in find_vague_amounts(text)] == [
        "billions of dollars",
        "tens of thousands of GPUs",
        "millions or even tens of millions of dollars",
        "hundreds of millions of dollars",
    ]
    for phrase, start, end in find_vague_amounts(text):
        assert text[start:end] == phrase


@given(st.text())
def test_find_figures_never_raises_and_spans_hold(text):
    for candidate in find_figures(text, companies=COMPANIES):
        figure = candidate.figure
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.text


words = st.sampled_from(
    [
        "$5 billion",
        "over",
        "HK$1.62",
        "2024",
        "12%",
        "GPUs",
        "Acme",
        "raised",
        ".",
        "\n",
        "¥3",
        "to",
        "and",
        "54,000",
        "million",
        "yuan",
        "FY2024",
        "-",
        "between",
        "some",
    ]
)


@given(st.lists(words, max_size=30).map(" ".join))
def test_find_figures_on_news_like_text(text):
    for candidate in find_figures(text, companies=COMPANIES):
        assert text[candidate.figure.start : candidate.figure.end] == candidate.figure.text
        assert candidate.figure.text in candidate.sentence

"""Property: a source comparison never reports a huge deviation between unlike figures.

Excerpts are built from clauses whose make-up the test knows (which metric words, which
figure, whether the figure is written as an exchange rate or an amount per something), so
the test can say, for whatever figure compare_with_excerpt picked, whether it was of the
claim's kind and whether its clause named the claim's metric.
"""

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.figures import Figure, compare_with_excerpt, format_figure

# metric -> words that name it in an excerpt
METRIC_WORDS = {
    "revenue": ["revenue of", "sales reached", "turnover was"],
    "net_income": ["net income of", "profit was"],
    "net_loss": ["a net loss of", "losses of"],
    "valuation": ["a valuation of", "it was valued at"],
    "market_cap": ["market capitalisation of", "market value was"],
    "funding": ["it raised", "funding of"],
    "share_price": ["the share price was", "shares closed at"],
    "forecast": ["analysts expect", "a forecast of"],
}
NEUTRAL = ["the figure was", "some", "it reported", "the desk found", "a total of", ""]
RATE_SUFFIXES = [" per dollar", " to the US dollar", " against the euro", " per US dollar"]
PER_SUFFIXES = [" per employee", " a month", " per user", " per share"]
CURRENCIES = ["USD", "CNY", "HKD"]
SCALES = ["", " million", " billion", " trillion"]


@dataclass(frozen=True)
class Part:
    """One clause of a generated excerpt: the words before its figure and what follows."""

    words: str
    metric: str | None  # the metric its words name, None for neutral words
    written: str  # the figure as written
    suffix: str  # "", an exchange-rate suffix or a per-something suffix

    @property
    def text(self) -> str:
        return f"{self.words} {self.written}{self.suffix}".strip()

    def names(self, metric: str) -> bool:
        """Whether this clause names `metric`: "$5 per share" names a share price."""
        if self.suffix == " per share":
            return metric == "share_price" and self.metric in (None, "share_price")
        return self.metric == metric

    def unlike(self, metric: str) -> bool:
        """Whether the figure is another kind of quantity than an amount for `metric`."""
        if self.suffix == " per share":
            return not self.names(metric)
        return bool(self.suffix)


mantissas = st.decimals(min_value=Decimal("0.1"), max_value=Decimal(999), places=2)


@st.composite
def written_figures(draw):
    unit = draw(st.sampled_from([*CURRENCIES, "%", "GPUs"]))
    number = f"{draw(mantissas):f}"
    if unit == "%":
        return f"{number}%", unit
    if unit == "GPUs":
        return f"{number} GPUs", unit
    symbol = {"USD": "$", "CNY": "RMB ", "HKD": "HK$"}[unit]
    return f"{symbol}{number}{draw(st.sampled_from(SCALES))}", unit


@st.composite
def parts(draw):
    written, unit = draw(written_figures())
    metric = draw(st.sampled_from([None, *METRIC_WORDS]))
    words = draw(st.sampled_from(METRIC_WORDS[metric] if metric else NEUTRAL))
    suffixes = [""]
    if unit in CURRENCIES:
        suffixes += RATE_SUFFIXES + PER_SUFFIXES
    suffix = draw(st.sampled_from(suffixes))
    return Part(words, metric, written, suffix)


@st.composite
def excerpts(draw):
    chosen = draw(st.lists(parts(), min_size=1, max_size=4))
    joins = draw(st.lists(st.sampled_from(["; ", ". ", ", and "]), min_size=len(chosen)))
    text, spans = "", []
    for part, join in zip(chosen, joins, strict=False):
        start = len(text)
        text += part.text
        spans.append((start, len(text), part))
        text += join
    return text, spans


@st.composite
def claims(draw):
    unit = draw(st.sampled_from([*CURRENCIES, "%", "GPUs"]))
    value = draw(mantissas) * Decimal(10) ** draw(st.sampled_from([0, 6, 9, 12]))
    if unit in ("%", "GPUs"):
        metric = draw(st.sampled_from(["change", "other", "count"]))
    else:
        metric = draw(st.sampled_from([*METRIC_WORDS, "other"]))
    qualifier = draw(st.sampled_from(["exact", "about", "over", "up_to"]))
    return Figure(value, unit, qualifier), metric


@settings(max_examples=600, deadline=None)
@given(claims(), excerpts())
def test_a_deviation_over_1000_percent_is_between_like_figures_naming_the_metric(claim, excerpt):
    (claimed, metric), (text, spans) = claim, excerpt
    quote = f"The desk checked {format_figure(claimed.value, claimed.unit, claimed.qualifier)}."
    deviation = compare_with_excerpt(claimed, text, metric=metric, quote=quote)
    if deviation is None or deviation.relative is None or deviation.relative <= 10:
        return
    sourced = deviation.sourced
    (part,) = [p for start, end, p in spans if start <= sourced.start < end]
    assert sourced.unit == claimed.unit, (text, deviation)
    assert not part.unlike(metric), f"{part.suffix!r} figure compared: {text!r} -> {deviation}"
    if claimed.unit in CURRENCIES:
        assert part.names(metric), f"metric not named: {text!r} -> {deviation}"


@settings(max_examples=600, deadline=None)
@given(claims(), excerpts())
def test_an_exchange_rate_is_never_compared_with_an_amount(claim, excerpt):
    (claimed, metric), (text, spans) = claim, excerpt
    deviation = compare_with_excerpt(claimed, text, metric=metric)
    if deviation is None:
        return
    (part,) = [p for start, end, p in spans if start <= deviation.sourced.start < end]
    assert part.suffix not in RATE_SUFFIXES, (text, deviation)
    if part.metric is not None and metric != "other" and claimed.unit in CURRENCIES:
        related = {frozenset({"valuation", "market_cap"}), frozenset({"net_income", "net_loss"})}
        assert part.metric == metric or frozenset({part.metric, metric}) in related, (
            text,
            deviation,
        )

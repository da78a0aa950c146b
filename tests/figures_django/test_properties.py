"""Properties: the stored path (Decimal columns, FX table) agrees with the pure engine."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import figure_checks, fx
from factcheck.figures import parse_figure_strict
from factcheck.figures.checks import percent_change
from factcheck.models import FigureCheck

from .builders import figure_claim, make_check

pytestmark = pytest.mark.django_db

# The rates are loaded once per test; every example only reads them.
SHARED_DB = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

october = st.dates(min_value=dt.date(2024, 9, 25), max_value=dt.date(2024, 11, 5))
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e13"), places=2)


@SHARED_DB
@given(
    value=amounts,
    unit=st.sampled_from(["HKD", "CNY", "GBP", "EUR", "USD", "TWD", "%"]),
    on=october | st.none(),
)
def test_the_batch_converter_always_agrees_with_to_usd(october_2024_rates, value, unit, on):
    assert fx.UsdConverter().to_usd(value, unit, on) == fx.to_usd(value, unit, on)


written_percent = st.builds(
    lambda whole, tenths, precise: f"{whole}.{tenths}%" if precise else f"{whole}%",
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=0, max_value=9),
    st.booleans(),
)
billions = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1)


@SHARED_DB
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

"""plain_number: every Decimal as a plain number, exactly (no exponent, no trailing zeros)."""

from decimal import Context, Decimal

from hypothesis import given
from hypothesis import strategies as st

from factcheck.csvio.columns import plain_number


def normalised(value: Decimal) -> str:
    # Exact: the default context's 28 digits would round a 30-digit stored value.
    text = format(value.normalize(Context(prec=100)), "f")
    return "0" if text in ("-0", "0") else text


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=6, max_value=10**24, min_value=-(10**24)
    )
)
def test_database_decimals(value):
    assert plain_number(value) == normalised(value)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_decimal(value):
    assert plain_number(value) == normalised(value)


def test_examples():
    assert plain_number(Decimal("157000000000.000000")) == "157000000000"
    assert plain_number(Decimal("-0.000000")) == "0"
    assert plain_number(Decimal("1E+3")) == "1000"
    assert plain_number(None) == ""

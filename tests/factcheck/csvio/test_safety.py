"""Cells a spreadsheet would run as formulas are neutralised, and import undoes exactly that."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.csvio.safety import neutralise, unneutralise


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://evil.example", "click")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1",
        "\rcmd",
        "\nnext line",
        "-",
        "=",
    ],
)
def test_formula_cells_get_a_leading_apostrophe(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["", "157000000000", "-12.5", "+3", "-1e5", "hello", "'quoted", "$157 billion", "a=b"]
)
def test_plain_numbers_and_text_are_left_alone(cell):
    assert neutralise(cell) == cell
    assert unneutralise(cell) == cell


def test_an_apostrophe_already_in_front_of_a_formula_survives_the_round_trip():
    assert neutralise("'=1") == "''=1"
    assert unneutralise("''=1") == "'=1"


def test_unneutralise_removes_only_the_prefix_neutralise_adds():
    assert unneutralise("'=1+1") == "=1+1"
    assert unneutralise("'-12.5") == "'-12.5"
    assert unneutralise("'hello") == "'hello"


@given(st.text())
def test_unneutralise_reverses_neutralise_for_any_text(text):
    assert unneutralise(neutralise(text)) == text


@given(st.text())
def test_no_neutralised_cell_starts_a_formula(text):
    cell = neutralise(text)
    assert not cell.startswith(("=", "@", "\t", "\r", "\n"))
    if cell.startswith(("-", "+")):
        float(cell)  # only plain numbers ("-12.5", "+0") may keep a leading sign

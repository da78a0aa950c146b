"""Dates as journalists write them: read with their precision, kept as the period's end."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures.as_of import PRECISIONS, AsOf, AsOfError, as_of_label, parse_as_of


@pytest.mark.parametrize(
    "text,date,precision",
    [
        ("15 Oct 2024", "2024-10-15", "day"),
        ("2024-10-15", "2024-10-15", "day"),
        ("Oct 15, 2024", "2024-10-15", "day"),
        ("2024年10月15日", "2024-10-15", "day"),
        ("February 2024", "2024-02-29", "month"),
        ("Feb. 2023", "2023-02-28", "month"),
        ("2024-02", "2024-02-29", "month"),
        ("2024年2月", "2024-02-29", "month"),
        ("Q2 2024", "2024-06-30", "quarter"),
        ("2024-Q2", "2024-06-30", "quarter"),
        ("second quarter of 2024", "2024-06-30", "quarter"),
        ("2024年第二季度", "2024-06-30", "quarter"),
        ("H1 2025", "2025-06-30", "half"),
        ("2025-H2", "2025-12-31", "half"),
        ("first half of 2025", "2025-06-30", "half"),
        ("2025年上半年", "2025-06-30", "half"),
        ("2024", "2024-12-31", "year"),
        ("2024年", "2024-12-31", "year"),
        ("FY2024", "2024-12-31", "fiscal_year"),
        ("FY24", "2024-12-31", "fiscal_year"),
        ("2024财年", "2024-12-31", "fiscal_year"),
    ],
)
def test_each_way_of_writing_a_date_keeps_the_end_of_its_period(text, date, precision):
    as_of = parse_as_of(text)
    assert (as_of.date, as_of.precision) == (dt.date.fromisoformat(date), precision)


@pytest.mark.parametrize(
    "as_of,label,english,chinese",
    [
        (AsOf(dt.date(2024, 10, 15), "day"), "2024-10-15", "15 Oct 2024", "2024年10月15日"),
        (AsOf(dt.date(2024, 2, 29), "month"), "2024-02", "February 2024", "2024年2月"),
        (AsOf(dt.date(2024, 6, 30), "quarter"), "2024-Q2", "Q2 2024", "2024年第二季度"),
        (AsOf(dt.date(2025, 6, 30), "half"), "2025-H1", "H1 2025", "2025年上半年"),
        (AsOf(dt.date(2024, 12, 31), "year"), "2024", "2024", "2024年"),
        (AsOf(dt.date(2024, 12, 31), "fiscal_year"), "FY2024", "FY2024", "2024财年"),
    ],
)
def test_a_date_is_written_back_as_written_and_as_the_csv_label(as_of, label, english, chinese):
    assert as_of.label == label
    assert as_of.text() == english
    assert as_of.text("zh-hans") == chinese


@pytest.mark.parametrize(
    "text,words",
    [
        ("10/15/2024", "day-first or month-first"),
        ("2024/02/30", "does not exist"),
        ("31 Feb 2024", "does not exist"),
        ("Febtober 2024", "February 2024"),
        ("next year", "Q2 2024"),
        ("", "Write a date"),
    ],
)
def test_what_cannot_be_read_says_how_to_write_it(text, words):
    with pytest.raises(AsOfError, match=words):
        parse_as_of(text)


def test_a_period_starts_where_a_reader_expects():
    assert parse_as_of("February 2024").start == dt.date(2024, 2, 1)
    assert parse_as_of("Q2 2024").start == dt.date(2024, 4, 1)
    assert parse_as_of("H2 2024").start == dt.date(2024, 7, 1)
    # A fiscal year named 2024 may have begun in early 2023 (April-March years, say).
    assert parse_as_of("FY2024").start == dt.date(2023, 1, 1)


def test_a_blank_date_has_no_label():
    assert as_of_label(None, "month") == ""


periods = st.builds(
    lambda year, precision, month, day: AsOf.of(
        year,
        precision,
        {
            "day": month,
            "month": month,
            "quarter": (month - 1) // 3 + 1,
            "half": 1 + (month > 6),
        }.get(precision, 1),
        day,
    ),
    st.integers(1900, 2099),
    st.sampled_from(PRECISIONS),
    st.integers(1, 12),
    st.integers(1, 28),
)


@given(periods)
def test_every_written_form_reads_back_to_the_same_date_and_precision(as_of):
    assert parse_as_of(as_of.text()) == as_of
    assert parse_as_of(as_of.label) == as_of
    assert parse_as_of(as_of.text("zh-hans")) == as_of

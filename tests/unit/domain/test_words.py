"""Dates, counts and lists read the same wherever a person meets them."""

from __future__ import annotations

import locale
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from risk_app.domain import words


def test_a_date_has_no_leading_zero_and_the_month_in_full():
    assert words.day(date(2026, 5, 3)) == "3 May 2026"
    assert words.day(date(2026, 12, 25)) == "25 December 2026"


def test_a_missing_date_says_what_the_caller_asks():
    assert words.day_or(None, "no date set") == "no date set"
    assert words.day_or(date(2027, 1, 1), "no date set") == "1 January 2027"


def test_a_moment_gives_the_time_and_says_utc_only_when_asked():
    at = datetime(2026, 5, 3, 14, 5, tzinfo=UTC)
    assert words.moment(at) == "3 May 2026, 14:05"
    assert words.moment(at, utc=True) == "3 May 2026, 14:05 UTC"


def test_a_moment_in_another_zone_is_converted_before_it_is_called_utc():
    at = datetime(2026, 5, 3, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    assert words.moment(at, utc=True) == "2 May 2026, 23:30 UTC"


def test_a_month():
    assert words.month(2026, 3) == "March 2026"


@pytest.mark.parametrize(
    ("n", "expected"), [(0, "0 cases"), (1, "1 case"), (2, "2 cases"), (2400, "2,400 cases")]
)
def test_counts_are_singular_only_for_one_and_group_thousands(n, expected):
    assert words.count(n, "case") == expected


def test_irregular_plurals_are_given_not_guessed():
    assert words.count(2, "person", "people") == "2 people"
    assert words.count(1, "person", "people") == "1 person"
    assert words.noun(3, "activity", "activities") == "activities"


@pytest.mark.parametrize(
    ("items", "either", "all_of"),
    [
        ([], "", ""),
        (["a"], "a", "a"),
        (["a", "b"], "a or b", "a and b"),
        (["a", "b", "c"], "a, b or c", "a, b and c"),
    ],
)
def test_lists_join_with_commas_and_a_last_word(items, either, all_of):
    assert words.either(items) == either
    assert words.all_of(iter(items)) == all_of


@given(st.dates())
def test_every_date_reads_as_day_month_year_whatever_the_locale(value):
    before = locale.setlocale(locale.LC_TIME)
    try:
        try:
            locale.setlocale(locale.LC_TIME, "C.UTF-8")
        except locale.Error:
            pass
        text = words.day(value)
    finally:
        locale.setlocale(locale.LC_TIME, before)
    d, m, y = text.split(" ")
    assert int(d) == value.day and words.MONTHS.index(m) + 1 == value.month and int(y) == value.year
    assert not d.startswith("0")

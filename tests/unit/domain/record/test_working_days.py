"""Working days for the Section 42 decision: Monday to Friday, skipping England and Wales bank
holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from risk_app.config import Settings
from risk_app.domain.record.working_days import (
    ENGLAND_AND_WALES_BANK_HOLIDAYS,
    VALID_UNTIL,
    add_working_days,
    day_in_england,
    decision_due,
    working_days_left,
)

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, d) for d in range(16, 23))


def test_a_concern_raised_on_monday_is_due_on_wednesday_with_two_working_days():
    assert decision_due(MON, 2) == WED


def test_a_concern_raised_on_friday_skips_the_weekend():
    assert decision_due(FRI, 2) == date(2026, 11, 24)


def test_a_concern_raised_at_the_weekend_counts_from_monday():
    assert decision_due(SAT, 2) == date(2026, 11, 24)
    assert decision_due(SUN, 1) == date(2026, 11, 23)


def test_christmas_and_the_substitute_boxing_day_are_skipped():
    # Thursday 24 December 2026: Friday 25 and Monday 28 (substitute for Boxing Day) are holidays
    assert decision_due(date(2026, 12, 24), 2) == date(2026, 12, 30)


def test_easter_is_skipped():
    # Thursday 2 April 2026: Good Friday 3 April and Easter Monday 6 April
    assert decision_due(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_a_bank_holiday_list_can_be_given_instead():
    assert decision_due(MON, 1, holidays=frozenset({TUE})) == WED
    assert decision_due(MON, 1, holidays=frozenset()) == TUE


def test_zero_working_days_is_the_day_itself_or_the_next_working_day():
    assert add_working_days(MON, 0) == MON
    assert add_working_days(SAT, 0) == date(2026, 11, 23)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(MON, -1)


def test_working_days_left_counts_down_to_zero_on_the_due_day_and_negative_when_late():
    assert working_days_left(WED, MON) == 2
    assert working_days_left(WED, TUE) == 1
    assert working_days_left(WED, WED) == 0
    assert working_days_left(WED, THU) == -1
    assert working_days_left(WED, date(2026, 11, 23)) == -3


def test_the_weekend_does_not_count_as_time_left():
    assert working_days_left(date(2026, 11, 23), FRI) == 1
    assert working_days_left(date(2026, 11, 23), SAT) == 1


def test_a_weekend_after_a_friday_deadline_is_already_late():
    assert working_days_left(FRI, SAT) == -1
    assert working_days_left(FRI, SUN) == -1


def test_the_bank_holidays_are_all_weekdays_and_within_their_stated_validity():
    for day in ENGLAND_AND_WALES_BANK_HOLIDAYS:
        assert day.weekday() < 5, day
        assert day <= VALID_UNTIL


def test_the_day_in_england_follows_british_summer_time():
    assert day_in_england(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == date(2026, 7, 2)
    assert day_in_england(datetime(2026, 12, 1, 23, 30, tzinfo=UTC)) == date(2026, 12, 1)


def test_the_working_days_allowed_are_configurable_and_two_by_default():
    assert Settings.from_env({}).s42_decision_working_days == 2
    env = {"RISK_APP_S42_DECISION_WORKING_DAYS": "5"}
    assert Settings.from_env(env).s42_decision_working_days == 5
    with pytest.raises(ValueError, match="working days"):
        Settings.from_env({"RISK_APP_S42_DECISION_WORKING_DAYS": "two"})
    with pytest.raises(ValueError, match="more than zero"):
        Settings.from_env({"RISK_APP_S42_DECISION_WORKING_DAYS": "0"})

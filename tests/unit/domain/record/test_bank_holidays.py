"""Bank holidays per nation (GOV.UK's divisions), and the deadline of the safeguarding decision
counted in the working days of the concern's nation. Each row names the day it checks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from framework import Jurisdiction
from risk_app.domain.record.bank_holidays import (
    BANK_HOLIDAYS,
    FIRST_YEAR,
    LAST_YEAR,
    SOURCE,
    UNCONFIRMED_YEARS,
    VALID_UNTIL,
    bank_holidays,
)
from risk_app.domain.record.working_days import decision_due

WARN_WITHIN = timedelta(days=180)


def test_the_list_does_not_end_within_180_days_of_today():
    """Fails when today is within 180 days of the end of the last year listed."""
    left = VALID_UNTIL - date.today()
    assert left > WARN_WITHIN, (
        f"The bank holiday lists end on {VALID_UNTIL} ({left.days} days away). Add "
        f"{LAST_YEAR + 1}'s bank holidays for every nation to risk_app/domain/record/"
        "bank_holidays.py from https://www.gov.uk/bank-holidays, and move LAST_YEAR on."
    )


def test_the_source_is_named_as_a_government_page():
    assert SOURCE["url"] == "https://www.gov.uk/bank-holidays"
    assert SOURCE["kind"] == "government page"
    assert UNCONFIRMED_YEARS <= set(range(FIRST_YEAR, LAST_YEAR + 1))


@pytest.mark.parametrize("nation", list(Jurisdiction), ids=str)
def test_every_nation_has_a_list_for_every_year_all_on_weekdays(nation: Jurisdiction) -> None:
    days = bank_holidays(nation)
    assert all(d.weekday() < 5 for d in days)
    assert {d.year for d in days} == set(range(FIRST_YEAR, LAST_YEAR + 1))
    assert all(d <= VALID_UNTIL for d in days)


def test_wales_shares_englands_bank_holidays():
    assert BANK_HOLIDAYS[Jurisdiction.WALES] is BANK_HOLIDAYS[Jurisdiction.ENGLAND]


SCOTTISH_ONLY = [
    pytest.param(date(2026, 1, 2), id="2-january-2026"),
    pytest.param(date(2027, 1, 4), id="2-january-2027-substitute"),
    pytest.param(date(2025, 12, 1), id="st-andrews-day-2025-substitute"),
    pytest.param(date(2026, 11, 30), id="st-andrews-day-2026"),
    pytest.param(date(2027, 11, 30), id="st-andrews-day-2027"),
    pytest.param(date(2028, 11, 30), id="st-andrews-day-2028"),
    pytest.param(date(2026, 8, 3), id="first-monday-in-august-2026"),
    pytest.param(date(2028, 8, 7), id="first-monday-in-august-2028"),
]


@pytest.mark.parametrize("day", SCOTTISH_ONLY)
def test_scottish_holidays_are_not_english_ones(day: date) -> None:
    assert day in bank_holidays("scotland")
    assert day not in bank_holidays("england")


ENGLISH_ONLY = [
    pytest.param(date(2026, 4, 6), id="easter-monday-2026"),
    pytest.param(date(2028, 4, 17), id="easter-monday-2028"),
    pytest.param(date(2026, 8, 31), id="last-monday-in-august-2026"),
    pytest.param(date(2028, 8, 28), id="last-monday-in-august-2028"),
]


@pytest.mark.parametrize("day", ENGLISH_ONLY)
def test_english_and_welsh_holidays_scotland_does_not_have(day: date) -> None:
    assert day in bank_holidays("england") and day in bank_holidays("wales")
    assert day not in bank_holidays("scotland")


def test_a_scottish_decision_skips_st_andrews_day_and_an_english_one_does_not():
    # Friday 27 November 2026, two working days: Monday 30 November is St Andrew's Day
    raised = date(2026, 11, 27)
    assert decision_due(raised, 2, bank_holidays("scotland")) == date(2026, 12, 2)
    assert decision_due(raised, 2, bank_holidays("england")) == date(2026, 12, 1)


def test_a_nation_not_held_has_no_list():
    with pytest.raises(ValueError):
        bank_holidays("northern_ireland")

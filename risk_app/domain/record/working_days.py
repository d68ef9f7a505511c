"""Working days in England (and Wales): Monday to Friday, except bank holidays.

Used for the deadline of a Section 42 decision ("within N working days of the concern being
raised"). The bank holidays are data, not a rule: the list below is copied from GOV.UK
(https://www.gov.uk/bank-holidays, division "england-and-wales", read 6 December 2026) and is
valid until `VALID_UNTIL`. After that date only weekends are skipped, so deadlines may fall on a
bank holiday: add the next year's dates (GOV.UK publishes them about a year ahead) before then.
Scotland and Northern Ireland have other bank holidays; they come with the jurisdiction issue.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SOURCE = "https://www.gov.uk/bank-holidays (england-and-wales), read 6 December 2026"
VALID_UNTIL = date(2027, 12, 31)
"""The last day the bank holiday list below is known to be complete for."""

ENGLAND_AND_WALES_BANK_HOLIDAYS: frozenset[date] = frozenset(
    {
        # 2025
        date(2025, 1, 1),  # New Year's Day
        date(2025, 4, 18),  # Good Friday
        date(2025, 4, 21),  # Easter Monday
        date(2025, 5, 5),  # Early May bank holiday
        date(2025, 5, 26),  # Spring bank holiday
        date(2025, 8, 25),  # Summer bank holiday
        date(2025, 12, 25),  # Christmas Day
        date(2025, 12, 26),  # Boxing Day
        # 2026
        date(2026, 1, 1),  # New Year's Day
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 4),  # Early May bank holiday
        date(2026, 5, 25),  # Spring bank holiday
        date(2026, 8, 31),  # Summer bank holiday
        date(2026, 12, 25),  # Christmas Day
        date(2026, 12, 28),  # Boxing Day (substitute day)
        # 2027
        date(2027, 1, 1),  # New Year's Day
        date(2027, 3, 26),  # Good Friday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 3),  # Early May bank holiday
        date(2027, 5, 31),  # Spring bank holiday
        date(2027, 8, 30),  # Summer bank holiday
        date(2027, 12, 27),  # Christmas Day (substitute day)
        date(2027, 12, 28),  # Boxing Day (substitute day)
    }
)

DEFAULT_S42_DECISION_WORKING_DAYS = 2
"""Local policy, not law: the Care Act sets no deadline for the Section 42 decision. Councils'
multi-agency procedures commonly ask for it within two working days; set
RISK_APP_S42_DECISION_WORKING_DAYS to the local figure."""


def is_working_day(day: date, holidays: Collection[date] = ENGLAND_AND_WALES_BANK_HOLIDAYS) -> bool:
    """Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: date, working_days: int, holidays: Collection[date] = ENGLAND_AND_WALES_BANK_HOLIDAYS
) -> date:
    """The day `working_days` working days after `start` (`start` itself never counts).

    Zero working days is `start` itself if it is a working day, else the next working day."""
    if working_days < 0:
        raise ValueError("working days must not be negative")
    day = start
    if working_days == 0:
        while not is_working_day(day, holidays):
            day += timedelta(days=1)
        return day
    counted = 0
    while counted < working_days:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day


def decision_due(
    raised_at: date, working_days: int, holidays: Collection[date] = ENGLAND_AND_WALES_BANK_HOLIDAYS
) -> date:
    """When the Section 42 decision on a concern raised on `raised_at` is due: `working_days`
    working days after the day it was raised (a concern raised on Friday with 2 working days is
    due on Tuesday; one raised on Saturday likewise)."""
    return add_working_days(raised_at, working_days, holidays)


def working_days_left(
    due: date, today: date, holidays: Collection[date] = ENGLAND_AND_WALES_BANK_HOLIDAYS
) -> int:
    """Working days from `today` until `due`: 0 on the day it is due, positive before (the working
    days after today up to and including `due`), negative when late (minus the working days after
    `due` up to and including today, and at least -1: a weekend after a Friday deadline is late)."""
    if due == today:
        return 0
    first, last = (today, due) if due > today else (due, today)
    count = sum(
        1
        for n in range(1, (last - first).days + 1)
        if is_working_day(first + timedelta(days=n), holidays)
    )
    return count if due > today else -max(1, count)


ENGLAND_TIME = ZoneInfo("Europe/London")


def day_in_england(moment: datetime) -> date:
    """The calendar day in England of a stored (UTC) moment: a concern raised at 23:30 UTC in
    summer was raised on the next day in England."""
    return moment.astimezone(ENGLAND_TIME).date()

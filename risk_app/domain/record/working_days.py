"""Working days in a UK nation: Monday to Friday, except that nation's bank holidays.

Used for the deadline of the safeguarding decision ("within N working days of the concern being
raised"), counted in the working days of the nation whose law the concern follows: a Scottish
concern skips St Andrew's Day and 2 January, an English one Easter Monday. The bank holidays are
data, not a rule (`risk_app.domain.record.bank_holidays`, copied from GOV.UK with its source);
after `VALID_UNTIL` only weekends are skipped, so add the next year before then.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from framework import Jurisdiction
from risk_app.domain.record.bank_holidays import BANK_HOLIDAYS, VALID_UNTIL, bank_holidays
from risk_app.domain.record.bank_holidays import SOURCE as HOLIDAY_SOURCE

__all__ = [
    "DEFAULT_S42_DECISION_WORKING_DAYS",
    "ENGLAND_AND_WALES_BANK_HOLIDAYS",
    "SOURCE",
    "VALID_UNTIL",
    "add_working_days",
    "bank_holidays",
    "day_in_england",
    "decision_due",
    "is_working_day",
    "working_days_left",
]

SOURCE = f"{HOLIDAY_SOURCE['url']} ({HOLIDAY_SOURCE['kind']}), read {HOLIDAY_SOURCE['read']}"
ENGLAND_AND_WALES_BANK_HOLIDAYS: frozenset[date] = BANK_HOLIDAYS[Jurisdiction.ENGLAND]
"""England's (and Wales's) list: the default where no nation is given."""

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

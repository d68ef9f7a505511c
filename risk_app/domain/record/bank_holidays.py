"""Bank holidays per UK nation, as data: the days a working-day deadline skips besides weekends.

Copied from GOV.UK's list (``SOURCE``), which has one division for England and Wales and one for
Scotland (Northern Ireland is not held: risk-app does not support it yet). Scotland differs from
England and Wales: 2 January is a holiday, the summer holiday is the first Monday in August (not
the last), St Andrew's Day (30 November, or the next Monday when it falls at a weekend) is one, and
Easter Monday is not. A holiday falling at a weekend moves to the next free weekday.

2028 is not yet published by GOV.UK (it publishes about a year ahead): its dates are worked out
from the usual pattern above and marked as such in ``UNCONFIRMED_YEARS``. A one-off change (a
moved spring holiday, an extra day for a national event) shows only in GOV.UK's list: check each
year against it. tests/unit/domain/record/test_bank_holidays.py fails once today is within 180
days of the end of the last year listed, telling the developer to add the next year.
"""

from __future__ import annotations

from datetime import date

from framework import Jurisdiction

SOURCE = {
    "title": "UK bank holidays",
    "publisher": "GOV.UK",
    "url": "https://www.gov.uk/bank-holidays",
    "kind": "government page",
    "read": "2026-12-06",
}
"""Where the dates come from: a government page (not legislation; the Banking and Financial
Dealings Act 1971 and royal proclamations set the days, GOV.UK lists them)."""

UNCONFIRMED_YEARS = frozenset({2028})
"""Years worked out from the usual pattern, not yet checked against GOV.UK's list."""

_ENGLAND_AND_WALES: frozenset[date] = frozenset(
    {
        # 2025
        date(2025, 1, 1),  # New Year's Day
        date(2025, 4, 18),  # Good Friday
        date(2025, 4, 21),  # Easter Monday
        date(2025, 5, 5),  # Early May bank holiday
        date(2025, 5, 26),  # Spring bank holiday
        date(2025, 8, 25),  # Summer bank holiday (last Monday in August)
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
        # 2028 (worked out: not yet on GOV.UK)
        date(2028, 1, 3),  # New Year's Day (substitute day)
        date(2028, 4, 14),  # Good Friday
        date(2028, 4, 17),  # Easter Monday
        date(2028, 5, 1),  # Early May bank holiday
        date(2028, 5, 29),  # Spring bank holiday
        date(2028, 8, 28),  # Summer bank holiday
        date(2028, 12, 25),  # Christmas Day
        date(2028, 12, 26),  # Boxing Day
    }
)

_SCOTLAND: frozenset[date] = frozenset(
    {
        # 2025
        date(2025, 1, 1),  # New Year's Day
        date(2025, 1, 2),  # 2nd January
        date(2025, 4, 18),  # Good Friday
        date(2025, 5, 5),  # Early May bank holiday
        date(2025, 5, 26),  # Spring bank holiday
        date(2025, 8, 4),  # Summer bank holiday (first Monday in August)
        date(2025, 12, 1),  # St Andrew's Day (substitute day)
        date(2025, 12, 25),  # Christmas Day
        date(2025, 12, 26),  # Boxing Day
        # 2026
        date(2026, 1, 1),  # New Year's Day
        date(2026, 1, 2),  # 2nd January
        date(2026, 4, 3),  # Good Friday
        date(2026, 5, 4),  # Early May bank holiday
        date(2026, 5, 25),  # Spring bank holiday
        date(2026, 8, 3),  # Summer bank holiday
        date(2026, 11, 30),  # St Andrew's Day
        date(2026, 12, 25),  # Christmas Day
        date(2026, 12, 28),  # Boxing Day (substitute day)
        # 2027
        date(2027, 1, 1),  # New Year's Day
        date(2027, 1, 4),  # 2nd January (substitute day)
        date(2027, 3, 26),  # Good Friday
        date(2027, 5, 3),  # Early May bank holiday
        date(2027, 5, 31),  # Spring bank holiday
        date(2027, 8, 2),  # Summer bank holiday
        date(2027, 11, 30),  # St Andrew's Day
        date(2027, 12, 27),  # Christmas Day (substitute day)
        date(2027, 12, 28),  # Boxing Day (substitute day)
        # 2028 (worked out: not yet on GOV.UK)
        date(2028, 1, 3),  # New Year's Day (substitute day)
        date(2028, 1, 4),  # 2nd January (substitute day)
        date(2028, 4, 14),  # Good Friday
        date(2028, 5, 1),  # Early May bank holiday
        date(2028, 5, 29),  # Spring bank holiday
        date(2028, 8, 7),  # Summer bank holiday
        date(2028, 11, 30),  # St Andrew's Day
        date(2028, 12, 25),  # Christmas Day
        date(2028, 12, 26),  # Boxing Day
    }
)

BANK_HOLIDAYS: dict[Jurisdiction, frozenset[date]] = {
    Jurisdiction.ENGLAND: _ENGLAND_AND_WALES,
    Jurisdiction.WALES: _ENGLAND_AND_WALES,
    Jurisdiction.SCOTLAND: _SCOTLAND,
}
"""Each supported nation's bank holidays (Wales shares England's division on GOV.UK)."""

FIRST_YEAR = 2025
LAST_YEAR = 2028
"""The years every nation's list covers, whole."""
VALID_UNTIL = date(LAST_YEAR, 12, 31)
"""The last day the lists are known to be complete for; after it only weekends are skipped."""


def bank_holidays(jurisdiction: Jurisdiction | str) -> frozenset[date]:
    """The nation's bank holidays (ValueError for a nation risk-app does not hold: a person there
    is refused before any deadline is worked out)."""
    return BANK_HOLIDAYS[Jurisdiction(jurisdiction)]

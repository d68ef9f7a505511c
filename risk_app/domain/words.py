"""Words for people: dates, times, counts and lists, written one way everywhere.

A date is ``3 May 2026`` (no leading zero, the month in full), a moment is ``3 May 2026, 14:05``
(``UTC`` added when the time is in UTC), a month is ``May 2026``. Counts say ``1 risk`` and
``2,400 risks``; lists say ``a, b or c`` and ``a, b and c``. Names of months are English, not
the machine's locale, so a server's settings never change what a person reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Final

MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day(value: date) -> str:
    """``3 May 2026``."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def day_or(value: date | None, missing: str) -> str:
    """The date in words, or `missing` (e.g. "no date set") when there is none."""
    return missing if value is None else day(value)


def moment(value: datetime, *, utc: bool = False) -> str:
    """``3 May 2026, 14:05``; with `utc`, converted to UTC and said so (``…, 14:05 UTC``)."""
    if utc:
        value = value.astimezone(UTC) if value.tzinfo is not None else value
        return f"{day(value)}, {value:%H:%M} UTC"
    return f"{day(value)}, {value:%H:%M}"


def month(year: int, month_number: int) -> str:
    """``May 2026``."""
    return f"{MONTHS[month_number - 1]} {year}"


def number(n: int) -> str:
    """``2,400``. (`int` first, so a count read back from JSON as a whole float still reads as one.)"""
    return f"{int(n):,}"


def count(n: int, word: str, plural: str | None = None) -> str:
    """``1 case``, ``0 cases``, ``2,400 cases``; `plural` for words that do not just add -s."""
    return f"{number(n)} {noun(n, word, plural)}"


def noun(n: int, word: str, plural: str | None = None) -> str:
    """The noun alone, singular for exactly one: ``risk`` or ``risks``."""
    return word if n == 1 else plural or word + "s"


def either(items: Iterable[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return _joined(list(items), "or")


def all_of(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return _joined(list(items), "and")


def _joined(words: list[str], last: str) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"

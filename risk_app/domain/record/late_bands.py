"""How long something has waited past its date, in bands, for counts that name nobody.

Rule encoded: oversight across an organisation reads counts and ages, not cases; ages are grouped
so that a lead sees at a glance whether late work is days or months late. The bands (a week, four
weeks, longer) follow the warning periods the app already uses: `DUE_SOON_DAYS` for actions and
four weeks for reviews. Wording is our own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from risk_app.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class LateBand:
    """Items late by `low` to `high` days (both included; `high` None for no upper end)."""

    label: str
    low: int
    high: int | None

    def holds(self, days_late: int) -> bool:
        return days_late >= self.low and (self.high is None or days_late <= self.high)


LATE_BANDS = (
    LateBand("1 to 7 days late", 1, 7),
    LateBand("8 to 28 days late", 8, 28),
    LateBand("More than 28 days late", 29, None),
)
"""The bands, shortest wait first; every whole number of days late from 1 falls in exactly one."""


def band_of(days_late: int) -> LateBand:
    """The band for an item `days_late` days past its date (1 or more)."""
    for band in LATE_BANDS:
        if band.holds(days_late):
            return band
    raise InvalidInput("Only something past its date (1 day late or more) has a late band.")


def count_by_band(days_late: Iterable[int]) -> dict[str, int]:
    """How many items fall in each band, every band named (0 when none), in band order."""
    counts = {band.label: 0 for band in LATE_BANDS}
    for days in days_late:
        counts[band_of(days).label] += 1
    return counts

"""Time limits with a warning (WCAG 2.2.1): when to warn that a session or a signing grant is
about to end, how that time is said, and how far "I need more time" may extend a signing grant."""

from __future__ import annotations

from datetime import datetime, timedelta

WARN_BEFORE = timedelta(minutes=2)
"""A warning shows this long before the end, with a way to get more time."""
GRANT_MOST = 4
"""A signing grant may be extended, each time to a full grant's length from now, until this many
grant lengths after the code was used; then a new code is needed (the grant is a credential)."""


def warn(ends_at: datetime, now: datetime) -> bool:
    """Whether to warn now that the time ends at `ends_at` (including once it has ended)."""
    return now >= ends_at - WARN_BEFORE


def time_left(ends_at: datetime, now: datetime) -> str:
    """The time left in plain words, rounded down to whole minutes."""
    seconds = (ends_at - now).total_seconds()
    if seconds <= 0:
        return "no time"
    if seconds < 60:
        return "less than a minute"
    minutes = int(seconds // 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def extended_grant_end(
    *, used_at: datetime, ends_at: datetime, now: datetime, lifetime: timedelta
) -> datetime | None:
    """Where "I need more time" moves a live signing grant's end: a full grant length from now,
    but never past GRANT_MOST lengths after the code was used. None once it has ended or cannot
    be moved any later."""
    if now >= ends_at:
        return None
    longest = used_at + lifetime * GRANT_MOST
    moved = min(now + lifetime, longest)
    return moved if moved > ends_at else None

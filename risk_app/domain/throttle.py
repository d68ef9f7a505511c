"""Throttling anonymous tries (sign-in, one-time signing codes), as pure functions of time.

The rules, each for a reason found in testing:

- A **lock** needs failures *from the client that tries*: five wrong passwords for one account
  from one address lock that account for that address only. Anyone else, and the person
  themselves from their own desk, can still sign in (an administrator can also unlock it). So
  nobody can lock a colleague out by typing their username wrongly on purpose.
- A client that fails often, whatever it tries, **backs off**: after a few free failures every
  further try has to wait twice as long as the one before (capped), per address and per browser
  session. That bounds guessing of signing references and of usernames alike.
- Tries **in flight** count, so parallel guesses cannot slip past the limit; but when the limit is
  reached only because of tries still being checked, the new try *waits* for them to settle
  rather than locking. So eight correct sign-ins at once never lock anyone out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """Numbers an organisation may tune. The defaults follow NCSC advice (lock slowly, log all)."""

    max_failures: int | None = 5
    """Failures for one subject from one client within `failure_window` that lock it there; None
    where the subject has a lock of its own (a one-time code locks itself after a few tries)."""
    failure_window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)
    free_failures: int = 10
    """Failures from one client (any subject) within `failure_window` before back-off starts."""
    first_wait: timedelta = timedelta(seconds=1)
    max_wait: timedelta = timedelta(minutes=15)
    in_flight_timeout: timedelta = timedelta(seconds=30)
    """A try still unsettled after this long (its process died) counts as a failure."""


@dataclass(frozen=True, slots=True)
class Try:
    """One earlier try that did not succeed: failed, or still being checked (`pending`)."""

    subject: str
    """What was tried: a username (or one shared key for names that cannot exist), a reference."""
    client: str
    """The client's address as the server saw it ('' when unknown)."""
    session: str
    """The browser session the try came from ('' for a plain HTTP form)."""
    at: datetime
    pending: bool = False


class Outcome(Enum):
    ALLOW = "allow"
    LOCKED = "locked"
    """This subject is locked for this client until `until`."""
    BACK_OFF = "back_off"
    """This client (address or session) must wait until `until` before another try."""
    WAIT_FOR_TRIES_IN_FLIGHT = "wait"
    """Tries still being checked fill the limit: wait for them to settle, then decide again."""


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    until: datetime | None = None

    @property
    def allowed(self) -> bool:
        return self.outcome is Outcome.ALLOW


def _failed(t: Try, now: datetime, policy: ThrottlePolicy) -> bool:
    return not t.pending or now - t.at > policy.in_flight_timeout


def lock_end(
    failures: Iterable[datetime], *, now: datetime, policy: ThrottlePolicy
) -> datetime | None:
    """When `max_failures` fell within one window, the lock that started then, if still running."""
    if policy.max_failures is None:
        return None
    recent = sorted(f for f in failures if now - f <= policy.failure_window + policy.lockout)
    window: list[datetime] = []
    end: datetime | None = None
    for moment in recent:
        window = [m for m in window if moment - m <= policy.failure_window] + [moment]
        if len(window) >= policy.max_failures:
            end = moment + policy.lockout
    return end if end is not None and end > now else None


def back_off_end(
    failures: Iterable[datetime], *, now: datetime, policy: ThrottlePolicy
) -> datetime | None:
    """After `free_failures` recent failures, the next try waits 1 s, then 2 s, 4 s… (capped)."""
    recent = sorted(f for f in failures if now - f <= policy.failure_window)
    over = len(recent) - policy.free_failures
    if over < 0:
        return None
    wait = min(policy.first_wait * (2 ** min(over, 30)), policy.max_wait)
    end = recent[-1] + wait
    return end if end > now else None


def decide(
    tries: Iterable[Try],
    *,
    subject: str,
    client: str,
    session: str,
    now: datetime,
    policy: ThrottlePolicy,
) -> Verdict:
    """May a new try for `subject` from `client` (in browser `session`) go ahead now?"""
    tries = list(tries)
    failed = [t for t in tries if _failed(t, now, policy)]
    mine = [t.at for t in failed if t.subject == subject and t.client == client]
    if (end := lock_end(mine, now=now, policy=policy)) is not None:
        return Verdict(Outcome.LOCKED, end)
    waits = [back_off_end([t.at for t in failed if t.client == client], now=now, policy=policy)]
    if session:
        waits.append(
            back_off_end([t.at for t in failed if t.session == session], now=now, policy=policy)
        )
    if ends := [w for w in waits if w is not None]:
        return Verdict(Outcome.BACK_OFF, max(ends))
    in_flight = sum(
        1
        for t in tries
        if t.subject == subject and t.client == client and not _failed(t, now, policy)
    )
    limit = policy.max_failures
    if limit is not None and len(mine) < limit <= len(mine) + in_flight:
        return Verdict(Outcome.WAIT_FOR_TRIES_IN_FLIGHT)
    return Verdict(Outcome.ALLOW)


def failures_in_window(
    tries: Iterable[Try], *, subject: str, client: str, now: datetime, policy: ThrottlePolicy
) -> int:
    """How many failures this subject has from this client in the current window (for the log)."""
    return sum(
        1
        for t in tries
        if t.subject == subject
        and t.client == client
        and _failed(t, now, policy)
        and now - t.at <= policy.failure_window
    )

"""Counting tries at sign-in and at one-time signing codes (the rules are in domain.throttle).

A try is written down as *pending* before the slow check (so parallel guesses count at once) and
settled afterwards: a failure stays for the rules to count, a success clears that subject's
failures from that client. Rows older than the longest window are pruned on every try, so the
table holds at most an hour of tries; the lasting record is the audit log, which gets one counted
event per run of failures (the first, and the one that locks), not one per try.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, or_, select, update

from risk_app.adapters.db import Store
from risk_app.adapters.tables import ThrottledTryRow
from risk_app.domain.errors import AccountLocked, TooManyTries
from risk_app.domain.throttle import (
    Outcome,
    ThrottlePolicy,
    Try,
    decide,
    failures_in_window,
)
from risk_app.services.boundary import checked

SETTLE_WAIT_SECONDS = 5.0
"""How long a try waits for tries in flight to settle before it is asked to try again."""


class Scope(StrEnum):
    SIGN_IN = "sign_in"
    SIGNING_CODE = "signing_code"


@dataclass(frozen=True, slots=True)
class Ticket:
    """A try under way: settle it with `failed` or `succeeded`."""

    id: int
    scope: Scope
    subject: str
    client: str
    session: str


@dataclass(frozen=True, slots=True)
class Failure:
    attempts: int
    """Failures for this subject from this client in the current window, this one included."""
    locked: bool
    """This failure locked the subject for this client."""

    @property
    def worth_logging(self) -> bool:
        """The first failure of a run, and the one that locks; the rest are counted, not logged."""
        return self.attempts == 1 or self.locked


def _clip(value: str, size: int) -> str:
    return value[:size]


def _seconds(until: datetime, now: datetime) -> int:
    return max(1, int((until - now).total_seconds() + 0.999))


@checked
def begin(
    store: Store,
    scope: Scope,
    subject: str,
    *,
    client: str,
    session: str = "",
    policy: ThrottlePolicy | None = None,
    now: datetime | None = None,
) -> Ticket:
    """Write a pending try, or raise AccountLocked / TooManyTries without writing anything."""
    policy = policy or ThrottlePolicy()
    subject, client, session = _clip(subject, 100), _clip(client, 64), _clip(session, 64)
    deadline = time.monotonic() + SETTLE_WAIT_SECONDS
    while True:
        moment = now or datetime.now(UTC)
        with store.write() as db:
            horizon = moment - max(policy.failure_window + policy.lockout, timedelta(hours=1))
            db.execute(delete(ThrottledTryRow).where(ThrottledTryRow.at < horizon))
            related = [ThrottledTryRow.client == client, ThrottledTryRow.subject == subject]
            if session:
                related.append(ThrottledTryRow.session == session)
            rows = db.scalars(
                select(ThrottledTryRow).where(ThrottledTryRow.scope == scope, or_(*related))
            )
            tries = [Try(r.subject, r.client, r.session, r.at, r.pending) for r in rows]
            verdict = decide(
                tries, subject=subject, client=client, session=session, now=moment, policy=policy
            )
            if verdict.allowed:
                row = ThrottledTryRow(
                    scope=scope, subject=subject, client=client, session=session, at=moment
                )
                db.add(row)
                db.flush()
                return Ticket(row.id, scope, subject, client, session)
        if verdict.outcome is Outcome.LOCKED and verdict.until is not None:
            raise AccountLocked(_seconds(verdict.until, moment) // 60 + 1)
        if verdict.outcome is Outcome.BACK_OFF and verdict.until is not None:
            raise TooManyTries(_seconds(verdict.until, moment))
        if time.monotonic() > deadline:
            raise TooManyTries(1)
        time.sleep(0.05)


@checked
def failed(
    store: Store,
    ticket: Ticket,
    *,
    policy: ThrottlePolicy | None = None,
    now: datetime | None = None,
) -> Failure:
    """Settle a try as failed; say how many this makes and whether it locked."""
    policy = policy or ThrottlePolicy()
    moment = now or datetime.now(UTC)
    with store.write() as db:
        db.execute(
            update(ThrottledTryRow).where(ThrottledTryRow.id == ticket.id).values(pending=False)
        )
        rows = db.scalars(
            select(ThrottledTryRow).where(
                ThrottledTryRow.scope == ticket.scope,
                ThrottledTryRow.subject == ticket.subject,
                ThrottledTryRow.client == ticket.client,
            )
        )
        tries = [Try(r.subject, r.client, r.session, r.at, r.pending) for r in rows]
    count = failures_in_window(
        tries, subject=ticket.subject, client=ticket.client, now=moment, policy=policy
    )
    return Failure(attempts=count, locked=count == policy.max_failures)  # never, when None


@checked
def succeeded(store: Store, ticket: Ticket) -> int:
    """Settle a try as a success: clear this subject's failures from this client; return them."""
    with store.write() as db:
        where = (
            ThrottledTryRow.scope == ticket.scope,
            ThrottledTryRow.subject == ticket.subject,
            ThrottledTryRow.client == ticket.client,
        )
        earlier = len(
            list(
                db.scalars(
                    select(ThrottledTryRow.id).where(*where, ThrottledTryRow.pending.is_(False))
                )
            )
        )
        db.execute(delete(ThrottledTryRow).where(ThrottledTryRow.id == ticket.id))
        db.execute(delete(ThrottledTryRow).where(*where, ThrottledTryRow.pending.is_(False)))
        return earlier


@checked
def unlock(store: Store, scope: Scope, subject: str) -> int:
    """Clear every failure for `subject` from every client (an administrator's unlock)."""
    with store.write() as db:
        result = db.execute(
            delete(ThrottledTryRow).where(
                ThrottledTryRow.scope == scope, ThrottledTryRow.subject == _clip(subject, 100)
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

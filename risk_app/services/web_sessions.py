"""Signed-in browsers: each holds a random secret in an HttpOnly cookie; we keep its SHA-256.

The Streamlit session id is not a credential: every run looks the browser's cookie up here, so a
connection that brings only a session id (taken from a log, say) is signed out. Ending a session
(signing out, the idle or absolute timeout, disabling the account) is recorded here, so it holds
on every server process at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update

from risk_app.adapters.db import Store
from risk_app.adapters.tables import UserRow, WebSessionRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.sessions import SignInPolicy, session_ends_at, session_expired
from risk_app.services import audit
from risk_app.services.accounts import actor_of
from risk_app.services.boundary import checked

TOKEN_BYTES = 32


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True, slots=True)
class SessionCheck:
    """Who a browser's cookie signs in, or why it no longer does."""

    actor: Actor | None
    ended: str | None = None
    """Why the session ended at this check ('idle_timeout', 'account_disabled', ...), if it did."""
    ends_at: datetime | None = None
    """When a live session will end without more activity (the idle or absolute timeout)."""


@checked
def start(store: Store, actor: Actor, *, method: str, now: datetime | None = None) -> str:
    """Open a session for `actor` and return the secret for the browser's cookie (shown once)."""
    moment = now or datetime.now(UTC)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with store.write() as session:
        session.add(
            WebSessionRow(
                token_sha256=_digest(token),
                user_id=actor.user_id,
                method=method,
                started_at=moment,
                last_seen_at=moment,
            )
        )
    return token


@checked
def check(
    store: Store,
    token: str | None,
    *,
    policy: SignInPolicy,
    touch: bool = True,
    now: datetime | None = None,
) -> SessionCheck:
    """The actor this cookie signs in now, re-read from the store; ends sessions that ran out.

    `touch=False` is for the background check: it must not count as activity.
    """
    if not token:
        return SessionCheck(None)
    moment = now or datetime.now(UTC)
    digest = _digest(token)
    with store.read() as session:
        row = session.scalar(select(WebSessionRow).where(WebSessionRow.token_sha256 == digest))
        if row is None or row.ended_at is not None:
            return SessionCheck(None)
        user = session.get(UserRow, row.user_id)
        started, last_seen = row.started_at, row.last_seen_at
    if user is None or user.disabled:
        _end(store, digest, "account_disabled", None, moment)
        return SessionCheck(None, "account_disabled")
    actor = actor_of(user)
    if session_expired(signed_in_at=started, last_seen=last_seen, now=moment, policy=policy):
        reason = (
            "idle_timeout" if moment - started <= policy.absolute_timeout else "absolute_timeout"
        )
        _end(store, digest, reason, actor, moment)
        return SessionCheck(None, reason)
    if touch and moment - last_seen >= policy.touch_every:
        with store.write() as session:
            session.execute(
                update(WebSessionRow)
                .where(WebSessionRow.token_sha256 == digest, WebSessionRow.ended_at.is_(None))
                .values(last_seen_at=moment)
            )
        last_seen = moment
    ends_at = session_ends_at(signed_in_at=started, last_seen=last_seen, policy=policy)
    return SessionCheck(actor, ends_at=ends_at)


def _end(store: Store, digest: str, reason: str, actor: Actor | None, now: datetime) -> bool:
    with store.write() as session:
        row = session.scalar(
            select(WebSessionRow).where(
                WebSessionRow.token_sha256 == digest, WebSessionRow.ended_at.is_(None)
            )
        )
        if row is None:
            return False  # already ended (another tab or server got there first)
        row.ended_at = now
        row.end_reason = reason
        if actor is None and (user := session.get(UserRow, row.user_id)) is not None:
            actor = actor_of(user)
        audit.record(
            session, actor, AuditAction.LOGOUT, AuditObject.USER, row.user_id, reason=reason
        )
        return True


@checked
def end(store: Store, token: str | None, *, reason: str, actor: Actor | None = None) -> bool:
    """End the session this cookie holds (signing out). True if it was still open."""
    if not token:
        return False
    return _end(store, _digest(token), reason, actor, datetime.now(UTC))

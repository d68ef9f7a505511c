"""Accounts, sign-in and the signed-in actor.

Passwords are hashed with Argon2id. Failed sign-ins are throttled per username (known or not) and
logged. The actor is re-read from the store on every interaction, so disabling an account or
changing its role takes effect at the user's next click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, TeamRow, UserRow
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import (
    AuthenticationFailed,
    InvalidInput,
    NotPermitted,
    StaleEdit,
)
from risk_app.domain.inputs import Code, RecordId, Secret, ShortText, TeamName, Version
from risk_app.domain.roles import STAFF_ROLES_WITH_TEAMS, Role
from risk_app.domain.sessions import SignInPolicy, password_problem
from risk_app.domain.text import clean_short_text
from risk_app.services import audit, throttle
from risk_app.services.boundary import checked

DEFAULT_HASHER = PasswordHasher()
"""Argon2id at argon2-cffi's default cost (RFC 9106's low-memory profile): slow on purpose, and what
the app always uses. Only the tests swap in a cheap hasher, with `use_hasher`."""
_DUMMY_PASSWORD = "not-a-real-password-used-to-even-out-timing"
_hasher = DEFAULT_HASHER
_DUMMY_HASH = _hasher.hash(_DUMMY_PASSWORD)


def use_hasher(hasher: PasswordHasher) -> None:
    """Hash and check passwords with `hasher` from now on (the tests' cheapest parameters, since a
    hash at the default cost takes a large fraction of a second). Hashes already stored still
    verify: each names its own parameters."""
    global _hasher, _DUMMY_HASH
    _hasher = hasher
    _DUMMY_HASH = hasher.hash(_DUMMY_PASSWORD)


USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,99}$")
"""Letters, digits and . _ - @ + (an email address works, as single sign-on needs)."""

SYSTEM = Actor(user_id=0, username="system", role=Role.ADMINISTRATOR, is_operator=True)
"""The actor for command-line administration (the operator at the server)."""


@dataclass(frozen=True, slots=True)
class UserSummary:
    username: str
    display_name: str
    role: Role
    team: str | None
    person_id: int | None
    disabled: bool
    version: int


@checked
def normalise_username(raw: str) -> str:
    return raw.strip().lower()


def actor_of(row: UserRow) -> Actor:
    return Actor(
        user_id=row.id,
        username=row.username,
        role=Role(row.role),
        team_id=row.team_id,
        person_id=row.person_id,
    )


def _summary(session: Session, row: UserRow) -> UserSummary:
    team = session.get(TeamRow, row.team_id) if row.team_id is not None else None
    return UserSummary(
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        team=team.name if team else None,
        person_id=row.person_id,
        disabled=row.disabled,
        version=row.version_id,
    )


def _require_admin(session: Session, by: Actor) -> None:
    if not access.can_manage_accounts(by):
        raise NotPermitted(
            "Only an administrator can manage accounts.", object_type=AuditObject.ACCOUNTS
        )


@checked
def create_user(
    store: Store,
    *,
    by: Actor,
    username: str,
    display_name: str,
    role: Role | str,
    password: str | None,
    team: TeamName | None = None,
    person_id: RecordId | None = None,
) -> UserSummary:
    name = normalise_username(username)
    if not USERNAME.match(name):
        raise InvalidInput(
            "A username uses 2 to 100 letters, digits, dots, dashes, underscores, @ or +, "
            "starting with a letter or digit."
        )
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(
            f"Unknown role {role!r}. Choose one of: {', '.join(r.value for r in Role)}."
        ) from None
    display_name = clean_short_text(display_name, "display name", required=True)
    if password is not None and (problem := password_problem(password)):
        raise InvalidInput(f"Password too weak. {problem}")
    with audit.transaction(store, by) as session:
        _require_admin(session, by)
        if session.scalar(select(UserRow.id).where(UserRow.username == name)) is not None:
            raise InvalidInput(f"There is already an account called {name!r}.")
        team_id = _resolve_team(session, role, team)
        if role is Role.INDIVIDUAL:
            if person_id is None or session.get(PersonRow, person_id) is None:
                raise InvalidInput(
                    "An individual's account must name the person they are or represent."
                )
        elif person_id is not None:
            raise InvalidInput("Only an individual's account is linked to a person.")
        row = UserRow(
            username=name,
            display_name=display_name,
            role=role.value,
            team_id=team_id,
            person_id=person_id,
            password_hash=_hasher.hash(password) if password is not None else None,
            disabled=False,
            created_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.ACCOUNT_CREATED,
            AuditObject.USER,
            row.id,
            row.version_id,
            role=role.value,
            team_id=team_id,
            person_id=person_id,  # an individual's account opens that person's record: say whose
        )
        return _summary(session, row)


def _resolve_team(session: Session, role: Role, team: str | None) -> int | None:
    if role not in STAFF_ROLES_WITH_TEAMS:
        if team:
            raise InvalidInput(f"A {role.label.lower()} account is not part of a team.")
        return None
    if not team:
        raise InvalidInput(f"A {role.label.lower()} account needs a team.")
    row = session.scalar(select(TeamRow).where(TeamRow.name == team.strip()))
    if row is None:
        row = TeamRow(name=team.strip())
        session.add(row)
        session.flush()
    return row.id


@checked
def list_users(store: Store, *, by: Actor) -> list[UserSummary]:
    with audit.transaction(store, by) as session:
        _require_admin(session, by)
        audit.record(session, by, AuditAction.VIEW, AuditObject.ACCOUNTS)
        rows = session.scalars(select(UserRow).order_by(UserRow.username))
        return [_summary(session, row) for row in rows]


@checked
def set_disabled(
    store: Store,
    *,
    by: Actor,
    username: ShortText,
    disabled: bool,
    expected_version: Version | None = None,
) -> UserSummary:
    name = normalise_username(username)
    with audit.transaction(store, by) as session:
        _require_admin(session, by)
        row = session.scalar(select(UserRow).where(UserRow.username == name))
        if row is None:
            raise InvalidInput(f"There is no account called {name!r}.")
        if expected_version is not None and row.version_id != expected_version:
            raise StaleEdit("account", expected_version, row.version_id)
        if row.id == by.user_id and disabled:
            raise InvalidInput("You cannot disable your own account.")
        if row.disabled != disabled:
            row.disabled = disabled
            session.flush()
            action = AuditAction.ACCOUNT_DISABLED if disabled else AuditAction.ACCOUNT_ENABLED
            audit.record(session, by, action, AuditObject.USER, row.id, row.version_id)
        return _summary(session, row)


INVALID_NAME_KEY = "(invalid username)"
"""Throttling key shared by attempts whose typed name could never be an account."""


def _throttle_key(name: str) -> str:
    return name if USERNAME.match(name) else INVALID_NAME_KEY


@checked
def authenticate(
    store: Store,
    username: str,
    password: Secret,
    *,
    client: str = "",
    policy: SignInPolicy | None = None,
    now: datetime | None = None,
) -> Actor:
    """Check a username and password. Raises AuthenticationFailed, AccountLocked or TooManyTries.

    `client` is the address the try came from: a lock holds for the account *from that client*
    only (see domain.throttle), so nobody can lock a colleague out from elsewhere. The try is
    counted before the password is checked, so parallel guesses cannot get past the limit; the slow
    hash check runs outside any transaction, so it never holds the write lock. What was typed is
    never logged (people type passwords into the wrong box): the log names the account's id when
    the name matches an account, and "unknown" otherwise; a run of failures is logged as its first
    failure and the one that locks, each with its count.
    """
    policy = policy or SignInPolicy()
    key = _throttle_key(normalise_username(username))
    ticket = throttle.begin(
        store, throttle.Scope.SIGN_IN, key, client=client, policy=policy.tries, now=now
    )
    with store.read() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == key))
        user_id = row.id if row is not None else None
        stored = row.password_hash if row is not None and not row.disabled else None
        disabled = row is not None and row.disabled
    ok = _verify(stored if stored else _DUMMY_HASH, password) and stored is not None
    if not ok:
        failure = throttle.failed(store, ticket, policy=policy.tries, now=now)
        if failure.worth_logging:
            reason = "disabled" if disabled else ("wrong_password" if stored else "unknown_user")
            with store.write() as session:
                audit.record(
                    session,
                    None,
                    AuditAction.LOGIN_FAILED,
                    AuditObject.USER,
                    user_id or "unknown",
                    reason=reason,
                    attempts=failure.attempts,
                    locked=failure.locked,
                )
        raise AuthenticationFailed()
    earlier_failures = throttle.succeeded(store, ticket)
    with store.write() as session:
        fresh = session.get(UserRow, user_id)
        if fresh is None or fresh.disabled or fresh.password_hash is None:
            raise AuthenticationFailed()  # disabled or removed while the password was checked
        if _hasher.check_needs_rehash(fresh.password_hash):
            fresh.password_hash = _hasher.hash(password)
        actor = actor_of(fresh)
        audit.record(
            session,
            actor,
            AuditAction.LOGIN,
            AuditObject.USER,
            fresh.id,
            method="password",
            failed_tries_before=earlier_failures,
        )
        return actor


@checked
def unlock(store: Store, *, by: Actor, username: str) -> int:
    """An administrator clears an account's failed sign-ins from every client; returns how many."""
    name = normalise_username(username)
    with audit.transaction(store, by) as session:
        _require_admin(session, by)
        row = session.scalar(select(UserRow).where(UserRow.username == name))
        if row is None:
            raise InvalidInput(f"There is no account called {name!r}.")
        user_id = row.id
    cleared = throttle.unlock(store, throttle.Scope.SIGN_IN, name)
    with store.write() as session:
        audit.record(
            session, by, AuditAction.ACCOUNT_UNLOCKED, AuditObject.USER, user_id, cleared=cleared
        )
    return cleared


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@checked
def sign_in_sso(store: Store, email: ShortText | None) -> Actor | None:
    """Single sign-on proves who someone is; the role still comes from our own account record.

    `email` is None when the identity provider's claims cannot be relied on (see
    domain.sessions.sso_email). Both outcomes are logged; the typed or claimed text is not.
    """
    name = normalise_username(email or "")
    with store.write() as session:
        row = session.scalar(select(UserRow).where(UserRow.username == name)) if email else None
        if row is None or row.disabled:
            reason = "unverified_email" if email is None else ("disabled" if row else "no_account")
            audit.record(
                session,
                None,
                AuditAction.LOGIN_FAILED,
                AuditObject.USER,
                row.id if row else "unknown",
                reason=reason,
                method="sso",
            )
            return None
        actor = actor_of(row)
        audit.record(session, actor, AuditAction.LOGIN, AuditObject.USER, row.id, method="sso")
        return actor


@checked
def refresh(store: Store, user_id: RecordId) -> Actor | None:
    """The current actor for a signed-in session, or None if the account is gone or disabled."""
    with store.read() as session:
        row = session.get(UserRow, user_id)
        return None if row is None or row.disabled else actor_of(row)


@checked
def end_session(store: Store, user_id: RecordId, *, reason: Code) -> None:
    """Log that a session ended without its user (e.g. the account was disabled meanwhile)."""
    with store.write() as session:
        audit.record(session, None, AuditAction.LOGOUT, AuditObject.USER, user_id, reason=reason)


@checked
def record_logout(store: Store, actor: Actor, *, reason: Code) -> None:
    with store.write() as session:
        audit.record(
            session, actor, AuditAction.LOGOUT, AuditObject.USER, actor.user_id, reason=reason
        )

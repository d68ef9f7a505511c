"""Acknowledging an action remotely with a one-time code, for owners without an account.

Staff issue a code for one action's owner (`issue_ack_code`), list and cancel them
(`ack_codes_for`, `revoke_ack_code`). The owner enters the reference and the code on the code
page (`holds` tells the page which kind of code it was given; `redeem`), sees their action and only that (`action_for_grant`: what, by when, for whom) and
acknowledges it (`acknowledge_with_grant`), which records the method "one-time code" and the
code's reference and uses the code up. The mechanism is the signing codes': a keyed hash of the
code, an expiry, single use, a lock after wrong tries, throttling by client and session, and
every try on a known reference audited under the reference, never the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.seal_keys import seal_key
from risk_app.adapters.tables import (
    AcknowledgementRow,
    ActionAckInvitationRow,
    ActionRow,
    PersonRow,
    SigningInvitationRow,
)
from risk_app.config import Settings, SigningCodePolicy
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditEvent, AuditObject, DetailValue, utc_iso
from risk_app.domain.errors import InvalidInput, NotPermitted, RiskAppError, SigningCodeRefused
from risk_app.domain.inputs import Code, RecordId
from risk_app.domain.one_time_codes import (
    CODE_SECRET_PURPOSE,
    InvitationFacts,
    InvitationState,
    code_hash,
    code_matches,
    grant_hash,
    invitation_state,
    new_code,
    new_grant_token,
    new_reference,
    normalise_code,
    normalise_reference,
    show_code,
    show_reference,
)
from risk_app.domain.record.action_codes import (
    ACK_REFUSALS,
    GRANT_ENDED,
    NO_LONGER_OPEN,
    UNKNOWN,
    WRONG_CODE,
)
from risk_app.domain.record.ownership import AckMethod, ActionStatus
from risk_app.domain.sealing import SealKey
from risk_app.domain.throttle import ThrottlePolicy
from risk_app.domain.time_limits import extended_grant_end
from risk_app.services import audit, throttle
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for

REMOTE_ROLE = "remote_signer"
"""The actor role the audit log records for someone using a one-time code (they have no account;
the same role as for signing with a code)."""
CODE_TRIES = ThrottlePolicy(max_failures=None)
"""Codes are throttled by client and session only: each code locks itself after its tries."""


def _code_policy() -> SigningCodePolicy:
    """Code lifetime, tries and grant lifetime: the one-time codes' settings (risk_app.config)."""
    return Settings.from_env().signing_codes


@dataclass(frozen=True, slots=True)
class AckCode:
    """A new one-time code for an action's owner. The code is shown here once and never again."""

    reference: str
    code: str
    expires_at: datetime
    owner_name: str
    action_id: int


@dataclass(frozen=True, slots=True)
class AckCodeView:
    """A code as staff see it later: for which action and whom, until when, and its state."""

    reference: str
    action_id: int
    owner_name: str
    created_at: datetime
    expires_at: datetime
    failed_attempts: int
    max_attempts: int
    state: str
    """An InvitationState value ("signed" meaning acknowledged)."""


@dataclass(frozen=True, slots=True)
class AckGrant:
    """Permission, for a short time, for one action's owner to acknowledge it. Keep `token` in
    the owner's browser session only; it is stored as a keyed hash."""

    token: str
    expires_at: datetime
    owner_name: str


@dataclass(frozen=True, slots=True)
class OwnedAction:
    """What the owner sees, and only that: what, by when, and for whom."""

    owner_name: str
    description: str
    due: date | None
    person_name: str
    acknowledged: bool


def _still_open(action: ActionRow) -> bool:
    """Done, cancelled and withdrawn actions (each its own status) take no acknowledgement."""
    return action.status == ActionStatus.OPEN.value


def _facts(invitation: ActionAckInvitationRow, action: ActionRow) -> InvitationFacts:
    return InvitationFacts(
        expires_at=invitation.expires_at,
        failed_attempts=invitation.failed_attempts,
        max_attempts=invitation.max_attempts,
        redeemed_at=invitation.redeemed_at,
        signed_at=invitation.acknowledged_at,
        revoked_at=invitation.revoked_at,
        superseded=not _still_open(action),
    )


def _action_for(session: Session, by: Actor, action_id: int) -> ActionRow:
    row = session.get(ActionRow, action_id)
    if row is None:
        raise NotPermitted(object_type=AuditObject.ACTION, object_id=action_id)
    load_for(session, by, row.person_id, edit=True)
    return row


def _reference_taken(session: Session, reference: str) -> bool:
    """References are unique across both kinds of code, so the code page can tell them apart."""
    return bool(
        session.scalar(
            select(ActionAckInvitationRow.id).where(ActionAckInvitationRow.reference == reference)
        )
        or session.scalar(
            select(SigningInvitationRow.id).where(SigningInvitationRow.reference == reference)
        )
    )


# ---------------------------------------------------------------------- staff
@checked
def issue_ack_code(
    store: Store,
    *,
    by: Actor,
    action_id: RecordId,
    key: SealKey | None = None,
    policy: SigningCodePolicy | None = None,
    now: datetime | None = None,
) -> AckCode:
    """A one-time code for the action's owner to acknowledge it remotely, without an account.
    Any earlier unused code for the action is cancelled. The code is returned once; only its
    keyed hash is stored. Refused for an action that is no longer open."""
    key = key or seal_key()
    policy = policy or _code_policy()
    now = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)
    with audit.transaction(store, by) as session:
        action = _action_for(session, by, action_id)
        if not _still_open(action):
            raise InvalidInput("This action is no longer open, so there is nothing to acknowledge.")
        for earlier in session.scalars(
            select(ActionAckInvitationRow).where(
                ActionAckInvitationRow.action_id == action.id,
                ActionAckInvitationRow.acknowledged_at.is_(None),
                ActionAckInvitationRow.revoked_at.is_(None),
            )
        ):
            earlier.revoked_at = now
        reference = new_reference()
        while _reference_taken(session, reference):
            reference = new_reference()
        code = new_code()
        invitation = ActionAckInvitationRow(
            action_id=action.id,
            reference=reference,
            code_hash=code_hash(secret, reference, code),
            owner_name=action.owner_name,
            created_at=now,
            created_by=by.username,
            expires_at=now + policy.code_lifetime,
            max_attempts=policy.max_attempts,
            failed_attempts=0,
        )
        session.add(invitation)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.INVITE,
            AuditObject.ACTION,
            action.id,
            action.version_id,
            person=action.person_id,
            invitation=invitation.id,
            reference=reference,
            expires=utc_iso(invitation.expires_at),
        )
        return AckCode(
            reference=show_reference(reference),
            code=show_code(code),
            expires_at=invitation.expires_at,
            owner_name=action.owner_name,
            action_id=action.id,
        )


@checked
def ack_codes_for(
    store: Store, *, by: Actor, action_id: RecordId, now: datetime | None = None
) -> list[AckCodeView]:
    """Every code made for this action, newest first, with its state."""
    now = now or datetime.now(UTC)
    with audit.transaction(store, by) as session:
        action = _action_for(session, by, action_id)
        rows = session.scalars(
            select(ActionAckInvitationRow)
            .where(ActionAckInvitationRow.action_id == action.id)
            .order_by(ActionAckInvitationRow.id.desc())
        ).all()
        return [
            AckCodeView(
                reference=show_reference(r.reference),
                action_id=action.id,
                owner_name=r.owner_name,
                created_at=r.created_at,
                expires_at=r.expires_at,
                failed_attempts=r.failed_attempts,
                max_attempts=r.max_attempts,
                state=invitation_state(_facts(r, action), now),
            )
            for r in rows
        ]


@checked
def revoke_ack_code(store: Store, *, by: Actor, action_id: RecordId, reference: Code) -> None:
    """Cancel a code that has not been used to acknowledge the action."""
    ref = normalise_reference(reference)
    with audit.transaction(store, by) as session:
        action = _action_for(session, by, action_id)
        invitation = (
            session.scalar(
                select(ActionAckInvitationRow).where(
                    ActionAckInvitationRow.reference == ref,
                    ActionAckInvitationRow.action_id == action.id,
                )
            )
            if ref
            else None
        )
        if invitation is None:
            raise InvalidInput("There is no such code for this action.")
        if invitation.acknowledged_at is not None:
            raise InvalidInput("This code has already been used to acknowledge the action.")
        if invitation.revoked_at is None:
            invitation.revoked_at = datetime.now(UTC)
            session.flush()
            audit.record(
                session,
                by,
                AuditAction.REVOKE,
                AuditObject.ACTION,
                action.id,
                action.version_id,
                person=action.person_id,
                invitation=invitation.id,
                reference=invitation.reference,
            )


# ---------------------------------------------------------------------- the owner
def _remote(
    session: Session, reference: str, action: AuditAction, action_id: int, **detail: DetailValue
) -> None:
    audit.append(
        session,
        AuditEvent(
            action=action,
            actor=f"remote:{reference}" if reference else "remote",
            actor_role=REMOTE_ROLE,
            object_type=AuditObject.ACTION,
            object_id=str(action_id),
            object_version=None,
            detail=detail,
        ),
    )


@checked
def holds(store: Store, *, reference: Code) -> bool:
    """Whether `reference` (as typed) is a code for acknowledging an action (so the code page
    knows which kind of code it was given). Reveals no more than a try would."""
    ref = normalise_reference(reference)
    if ref is None:
        return False
    with store.read() as session:
        return bool(
            session.scalar(
                select(ActionAckInvitationRow.id).where(ActionAckInvitationRow.reference == ref)
            )
        )


@checked
def redeem(
    store: Store,
    *,
    reference: Code,
    code: Code,
    client: str = "",
    session: str = "",
    key: SealKey | None = None,
    policy: SigningCodePolicy | None = None,
    tries: ThrottlePolicy | None = None,
    now: datetime | None = None,
) -> AckGrant:
    """Swap a reference and one-time code for a short grant to acknowledge one action.

    Refused as signing codes are: SigningCodeRefused (a wrong code counts and locks the code
    after the configured tries; expired, used and cancelled codes, and actions no longer open,
    are refused) or TooManyTries (throttled per client address and browser session)."""
    ref = normalise_reference(reference)
    tries = tries or CODE_TRIES
    ticket = throttle.begin(
        store,
        throttle.Scope.SIGNING_CODE,
        ref or "(malformed)",
        client=client,
        session=session,
        policy=tries,
        now=now,
    )
    try:
        grant = _redeem(store, ref=ref, code=code, key=key, policy=policy, now=now)
    except SigningCodeRefused:
        throttle.failed(store, ticket, policy=tries, now=now)
        raise
    throttle.succeeded(store, ticket)
    return grant


def _redeem(
    store: Store,
    *,
    ref: str | None,
    code: str,
    key: SealKey | None,
    policy: SigningCodePolicy | None,
    now: datetime | None,
) -> AckGrant:
    key = key or seal_key()
    policy = policy or _code_policy()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)
    typed = normalise_code(code)
    refusal: RiskAppError | None = None
    with store.write() as db:
        invitation = (
            db.scalar(select(ActionAckInvitationRow).where(ActionAckInvitationRow.reference == ref))
            if ref
            else None
        )
        if ref is None or invitation is None:
            raise SigningCodeRefused(UNKNOWN, unknown_reference=True)
        action = db.get(ActionRow, invitation.action_id)
        assert action is not None
        state = invitation_state(_facts(invitation, action), moment)
        if state != InvitationState.WAITING:
            _remote(db, ref, AuditAction.CODE_REJECTED, action.id, reason=state)
            refusal = SigningCodeRefused(ACK_REFUSALS[state])
        elif typed is None or not code_matches(secret, ref, typed, invitation.code_hash):
            invitation.failed_attempts += 1
            left = invitation.max_attempts - invitation.failed_attempts
            db.flush()
            _remote(
                db,
                ref,
                AuditAction.CODE_REJECTED,
                action.id,
                reason="wrong_code",
                attempts=invitation.failed_attempts,
                locked=left <= 0,
            )
            if left <= 0:
                refusal = SigningCodeRefused(ACK_REFUSALS[InvitationState.LOCKED], tries_left=0)
            else:
                word = "try" if left == 1 else "tries"
                refusal = SigningCodeRefused(
                    f"{WRONG_CODE} You have {left} {word} left.", tries_left=left
                )
        else:
            token = new_grant_token()
            invitation.redeemed_at = moment
            invitation.grant_hash = grant_hash(secret, token)
            invitation.grant_expires_at = moment + policy.grant_lifetime
            db.flush()
            _remote(db, ref, AuditAction.CODE_ACCEPTED, action.id, invitation=invitation.id)
            grant = AckGrant(token, invitation.grant_expires_at, invitation.owner_name)
    if refusal is not None:
        raise refusal  # after the commit, so wrong tries are counted and logged
    return grant


def _granted(
    session: Session, secret: bytes, token: str, moment: datetime
) -> tuple[ActionAckInvitationRow, ActionRow] | RiskAppError:
    invitation = session.scalar(
        select(ActionAckInvitationRow).where(
            ActionAckInvitationRow.grant_hash == grant_hash(secret, token)
        )
    )
    if (
        invitation is None
        or invitation.grant_expires_at is None
        or moment >= invitation.grant_expires_at
        or invitation.acknowledged_at is not None
        or invitation.revoked_at is not None
    ):
        _remote(session, "", AuditAction.ACCESS_DENIED, 0, reason="grant_not_valid")
        return SigningCodeRefused(GRANT_ENDED)
    action = session.get(ActionRow, invitation.action_id)
    assert action is not None
    if not _still_open(action):
        _remote(
            session, invitation.reference, AuditAction.ACCESS_DENIED, action.id, reason="not_open"
        )
        return SigningCodeRefused(NO_LONGER_OPEN)
    return invitation, action


@checked
def action_for_grant(
    store: Store, *, grant: Code, key: SealKey | None = None, now: datetime | None = None
) -> OwnedAction:
    """The action a grant is for, as its owner sees it (logged as a remote view)."""
    key = key or seal_key()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)
    with store.write() as session:
        granted = _granted(session, secret, grant, moment)
        if not isinstance(granted, RiskAppError):
            invitation, action = granted
            _remote(session, invitation.reference, AuditAction.VIEW, action.id)
            person = session.get(PersonRow, action.person_id)
            shown = OwnedAction(
                owner_name=invitation.owner_name,
                description=action.description,
                due=action.due,
                person_name=person.display_name if person is not None else "",
                acknowledged=False,
            )
    if isinstance(granted, RiskAppError):
        raise granted
    return shown


@checked
def extend_grant(
    store: Store, *, grant: Code, key: SealKey | None = None, now: datetime | None = None
) -> AckGrant:
    """ "I need more time": the same grant, ending a full grant's length from now, up to the limit
    of `time_limits.extended_grant_end`; refused once it has ended or can go no further."""
    key = key or seal_key()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)
    refusal: RiskAppError | None = None
    with store.write() as session:
        granted = _granted(session, secret, grant, moment)
        if isinstance(granted, RiskAppError):
            refusal = granted
        else:
            invitation, action = granted
            assert invitation.redeemed_at is not None and invitation.grant_expires_at is not None
            moved = extended_grant_end(
                used_at=invitation.redeemed_at,
                ends_at=invitation.grant_expires_at,
                now=moment,
                lifetime=_code_policy().grant_lifetime,
            )
            if moved is None:
                refusal = SigningCodeRefused(NO_MORE_TIME)
            else:
                invitation.grant_expires_at = moved
                session.flush()
                _remote(
                    session,
                    invitation.reference,
                    AuditAction.GRANT_EXTENDED,
                    action.id,
                    invitation=invitation.id,
                    until=moved.isoformat(),
                )
                extended = AckGrant(grant, moved, invitation.owner_name)
    if refusal is not None:
        raise refusal
    return extended


NO_MORE_TIME = "There is no more time on this code. Ask for a new code to acknowledge the action."


@checked
def acknowledge_with_grant(
    store: Store, *, grant: Code, key: SealKey | None = None, now: datetime | None = None
) -> None:
    """Record that the action's owner acknowledged it, with the method "one-time code" and the
    code's reference. Uses the grant and the code up; refused once the action is no longer open."""
    key = key or seal_key()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)
    with store.write() as session:
        granted = _granted(session, secret, grant, moment)
        if not isinstance(granted, RiskAppError):
            invitation, action = granted
            ack = AcknowledgementRow(
                action_id=action.id,
                acknowledged_by=invitation.owner_name,
                method=AckMethod.ONE_TIME_CODE.value,
                at=moment,
                recorded_by=f"remote:{invitation.reference}",
                code_reference=invitation.reference,
            )
            session.add(ack)
            invitation.acknowledged_at = moment
            session.flush()
            _remote(
                session,
                invitation.reference,
                AuditAction.SIGN,
                action.id,
                person=action.person_id,
                acknowledgement=ack.id,
                invitation=invitation.id,
                method=AckMethod.ONE_TIME_CODE.value,
            )
    if isinstance(granted, RiskAppError):
        raise granted

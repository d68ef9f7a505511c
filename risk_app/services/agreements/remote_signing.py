"""Remote signing with a one-time code, for signers without an account (staff make the codes in
`inviting`).

`redeem` swaps a public reference and its secret code for a short-lived signing grant (wrong
codes count and lock the code after the configured number of tries; expired, used, cancelled and
superseded codes are refused). With the grant the signer reads the version
(`agreement_for_grant`) and signs it (`sign_with_grant`), which uses the grant up, or asks to
talk first (`ask_to_talk`). Every attempt is audited under the reference, never the code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.seal_keys import seal_key
from risk_app.adapters.tables import AgreementVersionRow, PersonRow, SigningInvitationRow
from risk_app.config import SigningCodePolicy
from risk_app.domain.agreements.content import parse_content
from risk_app.domain.agreements.signers import (
    SignerDetails,
    SigningBasis,
    SigningMethod,
    clean_comment,
    requirement,
    settle_signer,
)
from risk_app.domain.agreements.signing_codes import (
    CODE_SECRET_PURPOSE,
    REFUSALS,
    UNKNOWN,
    WRONG_CODE,
    InvitationState,
    code_matches,
    grant_hash,
    invitation_state,
    new_grant_token,
    normalise_code,
    normalise_reference,
)
from risk_app.domain.audit import AuditAction, AuditEvent, ChainedEvent, DetailValue
from risk_app.domain.errors import RiskAppError, SigningCodeRefused
from risk_app.domain.inputs import Code
from risk_app.domain.sealing import SealKey
from risk_app.domain.throttle import ThrottlePolicy
from risk_app.domain.time_limits import extended_grant_end
from risk_app.services import audit, throttle
from risk_app.services.agreements.inviting import code_policy, invitation_facts
from risk_app.services.agreements.repository import (
    OBJECT,
    latest_number,
    record_talk_request,
    sign_detail,
    write_signature,
)
from risk_app.services.agreements.standing import standing_of
from risk_app.services.agreements.views import (
    AgreementVersionView,
    SignatureView,
    signature_view,
    version_view,
)
from risk_app.services.boundary import checked

REMOTE_ROLE = "remote_signer"
"""The actor role the audit log records for someone signing with a code (they have no account)."""
CODE_TRIES = ThrottlePolicy(max_failures=None)
"""Codes are throttled by client and session only: each invitation locks itself after its tries."""


@dataclass(frozen=True, slots=True)
class SigningGrant:
    """Permission, for a short time, for one named signer to sign one version, without an account.
    Keep `token` in the signer's session only; it is stored as a keyed hash."""

    token: str
    expires_at: datetime
    person_id: int
    version: int
    requirement: str
    signer_name: str


def _remote(
    session: Session,
    reference: str,
    action: AuditAction,
    person_id: object,
    version: int | None,
    **detail: DetailValue,
) -> ChainedEvent:
    """Log what the holder of `reference` did or was refused ("" before a reference is known)."""
    return audit.append(
        session,
        AuditEvent(
            action=action,
            actor=f"remote:{reference}" if reference else "remote",
            actor_role=REMOTE_ROLE,
            object_type=OBJECT,
            object_id=str(person_id),
            object_version=version,
            detail=detail,
        ),
    )


T = TypeVar("T")


def _then_raise(store: Store, work: Callable[[Session], T | RiskAppError]) -> T:
    """Run `work` in a write transaction that commits even when it returns a refusal (so wrong
    tries are counted and logged), then raise the refusal."""
    with store.write() as session:
        outcome = work(session)
    if isinstance(outcome, RiskAppError):
        raise outcome
    return outcome


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
) -> SigningGrant:
    """Swap a reference and one-time code for a short-lived signing grant (no account needed).

    A wrong code counts against that invitation and locks it after the configured number of
    tries; expired, used, cancelled and superseded codes are refused. Tries are also throttled
    per client address and browser session (`client`, `session`; see domain.throttle), so
    guessing references backs off. Every try on a known reference is audited (the reference,
    never the code); tries on unknown references are counted, and logged as the first of a run
    and the one that locks. Raises SigningCodeRefused (or TooManyTries) with a message for the
    signer.
    """
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
    except SigningCodeRefused as refusal:
        failure = throttle.failed(store, ticket, policy=tries, now=now)
        if refusal.unknown_reference and failure.worth_logging:
            with store.write() as db:
                _remote(
                    db,
                    ref or "",
                    AuditAction.CODE_REJECTED,
                    "",
                    None,
                    reason="unknown_reference" if ref else "malformed_reference",
                    attempts=failure.attempts,
                    locked=failure.locked,
                )
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
) -> SigningGrant:
    key = key or seal_key()
    policy = policy or code_policy()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)
    typed = normalise_code(code)

    def work(session: Session) -> SigningGrant | RiskAppError:
        invitation = (
            session.scalar(
                select(SigningInvitationRow).where(SigningInvitationRow.reference == ref)
            )
            if ref
            else None
        )
        if ref is None or invitation is None:
            return SigningCodeRefused(UNKNOWN, unknown_reference=True)  # logged by the caller
        row, facts = invitation_facts(session, invitation)
        state = invitation_state(facts, moment)
        if state != InvitationState.WAITING:
            _remote(
                session, ref, AuditAction.CODE_REJECTED, row.person_id, row.version, reason=state
            )
            return SigningCodeRefused(REFUSALS[state])
        if typed is None or not code_matches(secret, ref, typed, invitation.code_hash):
            invitation.failed_attempts += 1
            left = invitation.max_attempts - invitation.failed_attempts
            session.flush()
            _remote(
                session,
                ref,
                AuditAction.CODE_REJECTED,
                row.person_id,
                row.version,
                reason="wrong_code",
                attempts=invitation.failed_attempts,
                locked=left <= 0,
            )
            if left <= 0:
                return SigningCodeRefused(REFUSALS[InvitationState.LOCKED], tries_left=0)
            tries = "try" if left == 1 else "tries"
            return SigningCodeRefused(
                f"{WRONG_CODE} You have {left} {tries} left.", tries_left=left
            )
        token = new_grant_token()
        invitation.redeemed_at = moment
        invitation.grant_hash = grant_hash(secret, token)
        invitation.grant_expires_at = moment + policy.grant_lifetime
        session.flush()
        _remote(
            session,
            ref,
            AuditAction.CODE_ACCEPTED,
            row.person_id,
            row.version,
            invitation=invitation.id,
        )
        return _grant_of(invitation, row, token)

    return _then_raise(store, work)


def _grant_of(
    invitation: SigningInvitationRow, row: AgreementVersionRow, token: str
) -> SigningGrant:
    """The grant a live invitation holds, as its signer's browser keeps it."""
    assert invitation.grant_expires_at is not None
    return SigningGrant(
        token=token,
        expires_at=invitation.grant_expires_at,
        person_id=row.person_id,
        version=row.version,
        requirement=invitation.requirement,
        signer_name=invitation.signer_name,
    )


_GRANT_ENDED = (
    "Your time to sign has run out, or this link was already used. Ask for a new code if you "
    "still need to sign."
)


def _grant_invitation(
    session: Session, secret: bytes, token: str, moment: datetime
) -> SigningInvitationRow | None:
    invitation = session.scalar(
        select(SigningInvitationRow).where(
            SigningInvitationRow.grant_hash == grant_hash(secret, token)
        )
    )
    if (
        invitation is None
        or invitation.grant_expires_at is None
        or moment >= invitation.grant_expires_at
        or invitation.signed_at is not None
        or invitation.revoked_at is not None
    ):
        return None
    return invitation


def _granted(
    session: Session, secret: bytes, grant: str, moment: datetime
) -> tuple[SigningInvitationRow, AgreementVersionRow] | RiskAppError:
    """The invitation a live grant belongs to and the version it is for, or the refusal to
    return (logged) when the grant has run out, was used or never existed."""
    invitation = _grant_invitation(session, secret, grant, moment)
    if invitation is None:
        _remote(session, "", AuditAction.ACCESS_DENIED, "", None, reason="grant_not_valid")
        return SigningCodeRefused(_GRANT_ENDED)
    row = session.get(AgreementVersionRow, invitation.agreement_version_id)
    assert row is not None
    return invitation, row


@checked
def agreement_for_grant(
    store: Store, *, grant: Code, key: SealKey | None = None, now: datetime | None = None
) -> AgreementVersionView:
    """The version a signing grant is for, to read before signing (logged as a remote view)."""
    key = key or seal_key()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)

    def work(session: Session) -> AgreementVersionView | RiskAppError:
        granted = _granted(session, secret, grant, moment)
        if isinstance(granted, RiskAppError):
            return granted
        invitation, row = granted
        _remote(session, invitation.reference, AuditAction.VIEW, row.person_id, row.version)
        return version_view(session, row, latest_number(session, row.person_id))

    return _then_raise(store, work)


@checked
def extend_grant(
    store: Store,
    *,
    grant: Code,
    key: SealKey | None = None,
    policy: SigningCodePolicy | None = None,
    now: datetime | None = None,
) -> SigningGrant:
    """ "I need more time": the same grant, ending a full grant's length from now, up to a limit
    (`time_limits.extended_grant_end`). Refused with SigningCodeRefused once it has ended, was
    used, or can be extended no further (a new code is needed then). Logged."""
    key = key or seal_key()
    policy = policy or code_policy()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)

    def work(session: Session) -> SigningGrant | RiskAppError:
        granted = _granted(session, secret, grant, moment)
        if isinstance(granted, RiskAppError):
            return granted
        invitation, row = granted
        assert invitation.redeemed_at is not None and invitation.grant_expires_at is not None
        moved = extended_grant_end(
            used_at=invitation.redeemed_at,
            ends_at=invitation.grant_expires_at,
            now=moment,
            lifetime=policy.grant_lifetime,
        )
        if moved is None:
            return SigningCodeRefused(_NO_MORE_TIME)
        invitation.grant_expires_at = moved
        session.flush()
        _remote(
            session,
            invitation.reference,
            AuditAction.GRANT_EXTENDED,
            row.person_id,
            row.version,
            invitation=invitation.id,
            until=moved.isoformat(),
        )
        return _grant_of(invitation, row, grant)

    return _then_raise(store, work)


_NO_MORE_TIME = (
    "There is no more time on this code. What you have done so far is kept here. A new code "
    "lets you carry on."
)


@checked
def sign_with_grant(
    store: Store,
    *,
    grant: Code,
    digest: Code,
    comment: str = "",
    key: SealKey | None = None,
    now: datetime | None = None,
) -> SignatureView:
    """Sign, as the invitation's named signer, the version the grant is for, which the signer was
    shown (`digest`). Uses the grant up. Refused like `sign`, and with SigningCodeRefused when
    the grant has run out or was already used."""
    comment = clean_comment(comment)
    key = key or seal_key()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)

    def work(session: Session) -> SignatureView | RiskAppError:
        granted = _granted(session, secret, grant, moment)
        if isinstance(granted, RiskAppError):
            return granted
        invitation, row = granted
        # Checked again as the records stand now: capacity or authority may have changed since
        # the code was made.
        person = session.get(PersonRow, row.person_id)
        settled = settle_signer(
            parse_content(row.content),
            SignerDetails(
                requirement=invitation.requirement,
                basis=SigningBasis(invitation.basis),
                name=invitation.signer_name,
                supported_by=invitation.supported_by,
                on_behalf_of=invitation.on_behalf_of,
            ),
            standing=standing_of(session, person) if person is not None else None,
        )
        signature = write_signature(
            session,
            actor_name=f"remote:{invitation.reference}",
            row=row,
            settled=settled,
            method=SigningMethod.REMOTE_CODE,
            comment=comment,
            digest=digest,
            key=key,
            invitation_id=invitation.id,
            now=moment,
        )
        invitation.signed_at = moment
        session.flush()
        _remote(
            session,
            invitation.reference,
            AuditAction.SIGN,
            row.person_id,
            row.version,
            invitation=invitation.id,
            **sign_detail(signature),
        )
        return signature_view(signature, row)

    return _then_raise(store, work)


@checked
def ask_to_talk(
    store: Store, *, grant: Code, key: SealKey | None = None, now: datetime | None = None
) -> None:
    """Record that the invited signer wants to talk about it first instead of signing. Nothing is
    signed; the grant stays usable until it runs out, in case they change their mind."""
    key = key or seal_key()
    moment = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)

    def work(session: Session) -> None | RiskAppError:
        granted = _granted(session, secret, grant, moment)
        if isinstance(granted, RiskAppError):
            return granted
        invitation, row = granted
        needed = requirement(parse_content(row.content), invitation.requirement)
        request = record_talk_request(
            session,
            row=row,
            needed=needed,
            recorded_by=f"remote:{invitation.reference}",
            method=SigningMethod.REMOTE_CODE,
        )
        if request is not None:
            _remote(
                session,
                invitation.reference,
                AuditAction.CREATE,
                row.person_id,
                row.version,
                event="asked_to_talk",
                request=request.id,
                role=needed.role.value,
            )
        return None

    _then_raise(store, work)

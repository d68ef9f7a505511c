"""One-time codes for signers without an account: staff invite one named signer to sign the
current version remotely, list the codes made for a person's agreement and cancel one. The signer
uses the code in `remote_signing`; the code design is in
`risk_app.domain.agreements.signing_codes` and docs/adr/0005."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.seal_keys import seal_key
from risk_app.adapters.tables import AgreementVersionRow, SigningInvitationRow
from risk_app.config import Settings, SigningCodePolicy
from risk_app.domain.access import Actor
from risk_app.domain.agreements.content import parse_content
from risk_app.domain.agreements.signers import SignerDetails, requirement, settle_signer
from risk_app.domain.agreements.signing_codes import (
    CODE_SECRET_PURPOSE,
    InvitationFacts,
    code_hash,
    invitation_state,
    new_code,
    new_reference,
    normalise_reference,
    show_code,
    show_reference,
)
from risk_app.domain.audit import AuditAction, utc_iso
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, RecordId, Version
from risk_app.domain.sealing import SealKey
from risk_app.services import audit
from risk_app.services.agreements.repository import OBJECT, has_signed, latest_number, version_row
from risk_app.services.agreements.standing import standing_of
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for


def code_policy() -> SigningCodePolicy:
    """Code lifetime, tries and grant lifetime from the environment (see risk_app.config)."""
    return Settings.from_env().signing_codes


@dataclass(frozen=True, slots=True)
class Invitation:
    """A new one-time code. The code is shown here once and never again."""

    reference: str
    """Shown as K7MX-4QPR; not secret."""
    code: str
    """Shown as 4821 0937; secret, stored only as a keyed hash."""
    expires_at: datetime
    signer_name: str
    requirement: str
    version: int


@dataclass(frozen=True, slots=True)
class InvitationView:
    """A one-time code as staff see it: for whom, until when, wrong tries and its state (the code
    itself is never shown again)."""

    reference: str
    version: int
    requirement: str
    signer_name: str
    created_at: datetime
    created_by: str
    expires_at: datetime
    failed_attempts: int
    max_attempts: int
    state: str
    """An InvitationState value."""
    on_behalf_of: str = ""
    supported_by: str = ""


def invitation_facts(
    session: Session, invitation: SigningInvitationRow
) -> tuple[AgreementVersionRow, InvitationFacts]:
    """The version an invitation is for, and the facts its state is decided from (see
    `signing_codes.invitation_state`)."""
    row = session.get(AgreementVersionRow, invitation.agreement_version_id)
    assert row is not None
    superseded = latest_number(session, row.person_id) != row.version
    return row, InvitationFacts(
        expires_at=invitation.expires_at,
        failed_attempts=invitation.failed_attempts,
        max_attempts=invitation.max_attempts,
        redeemed_at=invitation.redeemed_at,
        signed_at=invitation.signed_at,
        revoked_at=invitation.revoked_at,
        superseded=superseded,
    )


@checked
def invite(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    version: Version,
    signer: SignerDetails,
    key: SealKey | None = None,
    policy: SigningCodePolicy | None = None,
    now: datetime | None = None,
) -> Invitation:
    """A one-time code for one named signer (the person, their representative or an owner) to sign
    the current version remotely, without an account. Any earlier unused code for the same signer
    and version is cancelled. The code is returned once; only its keyed hash is stored."""
    key = key or seal_key()
    policy = policy or code_policy()
    now = now or datetime.now(UTC)
    secret = key.derive_secret(CODE_SECRET_PURPOSE)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        row = version_row(session, person.id, version)
        if row.version != latest_number(session, person.id):
            raise InvalidInput(
                f"Version {row.version} has been replaced, so it can no longer be signed."
            )
        content = parse_content(row.content)
        needed = requirement(content, signer.requirement)
        if needed.role.is_staff:
            raise InvalidInput("Practitioners and managers sign with their own account.")
        settled = settle_signer(content, signer, standing=standing_of(session, person))
        if has_signed(session, row, settled.requirement):
            raise InvalidInput(f"This signer has already signed version {row.version}.")
        for earlier in session.scalars(
            select(SigningInvitationRow).where(
                SigningInvitationRow.agreement_version_id == row.id,
                SigningInvitationRow.requirement == settled.requirement,
                SigningInvitationRow.signed_at.is_(None),
                SigningInvitationRow.revoked_at.is_(None),
            )
        ):
            earlier.revoked_at = now
        reference = new_reference()
        while session.scalar(
            select(SigningInvitationRow.id).where(SigningInvitationRow.reference == reference)
        ):
            reference = new_reference()
        code = new_code()
        invitation = SigningInvitationRow(
            agreement_version_id=row.id,
            reference=reference,
            code_hash=code_hash(secret, reference, code),
            requirement=settled.requirement,
            signer_name=settled.name,
            basis=settled.basis.value,
            on_behalf_of=settled.on_behalf_of,
            supported_by=settled.supported_by,
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
            OBJECT,
            person.id,
            row.version,
            invitation=invitation.id,
            reference=reference,
            role=settled.role.value,
            expires=utc_iso(invitation.expires_at),
        )
        return Invitation(
            reference=show_reference(reference),
            code=show_code(code),
            expires_at=invitation.expires_at,
            signer_name=settled.name,
            requirement=settled.requirement,
            version=row.version,
        )


@checked
def invitations(
    store: Store, *, by: Actor, person_id: RecordId, now: datetime | None = None
) -> list[InvitationView]:
    """Every one-time code made for this person's agreement, newest first, with its state."""
    now = now or datetime.now(UTC)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        rows = session.execute(
            select(SigningInvitationRow, AgreementVersionRow)
            .join(
                AgreementVersionRow,
                AgreementVersionRow.id == SigningInvitationRow.agreement_version_id,
            )
            .where(AgreementVersionRow.person_id == person.id)
            .order_by(SigningInvitationRow.created_at.desc(), SigningInvitationRow.id.desc())
        ).all()
        out = []
        for invitation, issued in rows:
            _, facts = invitation_facts(session, invitation)
            out.append(
                InvitationView(
                    reference=show_reference(invitation.reference),
                    version=issued.version,
                    requirement=invitation.requirement,
                    signer_name=invitation.signer_name,
                    created_at=invitation.created_at,
                    created_by=invitation.created_by,
                    expires_at=invitation.expires_at,
                    failed_attempts=invitation.failed_attempts,
                    max_attempts=invitation.max_attempts,
                    state=invitation_state(facts, now),
                    on_behalf_of=invitation.on_behalf_of,
                    supported_by=invitation.supported_by,
                )
            )
        audit.record_person_view(session, by, person, "agreement_invitations")
        return out


@checked
def revoke_invitation(store: Store, *, by: Actor, person_id: RecordId, reference: Code) -> None:
    """Cancel a one-time code that has not been used to sign."""
    ref = normalise_reference(reference)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        found = (
            session.execute(
                select(SigningInvitationRow, AgreementVersionRow)
                .join(
                    AgreementVersionRow,
                    AgreementVersionRow.id == SigningInvitationRow.agreement_version_id,
                )
                .where(
                    SigningInvitationRow.reference == ref,
                    AgreementVersionRow.person_id == person.id,
                )
            ).first()
            if ref
            else None
        )
        if found is None:
            raise InvalidInput("There is no such code for this person's agreement.")
        invitation, issued = found
        if invitation.signed_at is not None:
            raise InvalidInput("This code has already been used to sign.")
        if invitation.revoked_at is None:
            invitation.revoked_at = datetime.now(UTC)
            session.flush()
            audit.record(
                session,
                by,
                AuditAction.REVOKE,
                OBJECT,
                person.id,
                issued.version,
                invitation=invitation.id,
                reference=invitation.reference,
            )

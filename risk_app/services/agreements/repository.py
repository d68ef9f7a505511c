"""Issued versions of agreements and their signatures as rows: reading them, and recording
versions, signatures and requests to talk, inside a caller's access-checked transaction.

Nothing here checks who is asking or writes to the audit log: the use cases (`issuing`,
`signing`, `reading`, `evidence`, `inviting`, `remote_signing`) do, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from risk_app.adapters.tables import (
    AgreementSignatureRow,
    AgreementTalkRequestRow,
    AgreementVersionRow,
)
from risk_app.domain.agreements.content import AgreementContent, content_bytes, content_digest
from risk_app.domain.agreements.seals import (
    IssueRecord,
    SignatureRecord,
    issue_seal_payload,
    signature_seal_payload,
)
from risk_app.domain.agreements.signers import (
    SettledSigner,
    SignerRequirement,
    SignerRole,
    SigningBasis,
    SigningMethod,
)
from risk_app.domain.audit import AuditObject, DetailValue, utc_iso
from risk_app.domain.errors import ChangedSinceShown, InvalidInput
from risk_app.domain.sealing import SealKey, fingerprint_of, unb64

__all__ = [
    "OBJECT",
    "all_versions",
    "has_signed",
    "issue_record",
    "latest_number",
    "latest_row",
    "record_talk_request",
    "sealing_key_fingerprint",
    "sign_detail",
    "signature_record",
    "signature_rows",
    "talk_requested",
    "version_row",
    "write_signature",
    "write_version",
]

OBJECT = AuditObject.AGREEMENT
"""The audit log's object type for a person's agreement (the object id is the person's)."""


# ---------------------------------------------------------------------------- versions
def all_versions(session: Session, person_id: int) -> list[AgreementVersionRow]:
    """Every issued version of the person's agreement, oldest first."""
    return list(
        session.scalars(
            select(AgreementVersionRow)
            .where(AgreementVersionRow.person_id == person_id)
            .order_by(AgreementVersionRow.version)
        )
    )


def latest_row(session: Session, person_id: int) -> AgreementVersionRow | None:
    """The person's latest issued version, or None if none was issued."""
    return session.scalar(
        select(AgreementVersionRow)
        .where(AgreementVersionRow.person_id == person_id)
        .order_by(AgreementVersionRow.version.desc())
        .limit(1)
    )


def latest_number(session: Session, person_id: int) -> int:
    """The number of the person's latest issued version (0 if none)."""
    found = session.scalar(
        select(func.max(AgreementVersionRow.version)).where(
            AgreementVersionRow.person_id == person_id
        )
    )
    return int(found or 0)


def version_row(session: Session, person_id: int, number: int | None) -> AgreementVersionRow:
    """Version `number` of the person's agreement (the latest when None), or InvalidInput saying
    there is no such version."""
    row = (
        latest_row(session, person_id)
        if number is None
        else session.scalar(
            select(AgreementVersionRow).where(
                AgreementVersionRow.person_id == person_id, AgreementVersionRow.version == number
            )
        )
    )
    if row is None:
        if number is None:
            raise InvalidInput("No agreement has been issued for this person yet.")
        raise InvalidInput(f"There is no version {number} of this person's agreement.")
    return row


def write_version(
    session: Session,
    *,
    person_id: int,
    number: int,
    content: AgreementContent,
    issued_by: str,
    key: SealKey,
    now: datetime,
) -> AgreementVersionRow:
    """Record version `number` of the person's agreement with its digest, sealed by `key` (not
    yet audited). Refused with ChangedSinceShown when someone else issued that number meanwhile."""
    digest = content_digest(content)
    record = IssueRecord(
        person_id=person_id,
        version=number,
        digest=digest,
        issued_at=utc_iso(now),
        issued_by=issued_by,
    )
    row = AgreementVersionRow(
        person_id=person_id,
        version=number,
        content=content_bytes(content).decode("utf-8"),
        digest=digest,
        issued_at=now,
        issued_by=issued_by,
        seal=key.seal(issue_seal_payload(record)),
        seal_public_key=key.public_key_b64,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise ChangedSinceShown(
            "Someone else issued a version of this agreement at the same moment. "
            "Please look at the latest version."
        ) from None
    return row


def issue_record(row: AgreementVersionRow) -> IssueRecord:
    """What the organisation sealed when it issued this version."""
    return IssueRecord(
        person_id=row.person_id,
        version=row.version,
        digest=row.digest,
        issued_at=utc_iso(row.issued_at),
        issued_by=row.issued_by,
    )


def sealing_key_fingerprint(row: AgreementVersionRow | AgreementSignatureRow) -> str:
    """The fingerprint of the key that sealed a version or signature, or "" if the public key
    stored with it is not a key."""
    try:
        return fingerprint_of(unb64(row.seal_public_key, "public key"))
    except InvalidInput:
        return ""


# ---------------------------------------------------------------------------- signatures
def signature_rows(session: Session, version_row_id: int) -> list[AgreementSignatureRow]:
    """The signatures of one version, in the order they were made."""
    return list(
        session.scalars(
            select(AgreementSignatureRow)
            .where(AgreementSignatureRow.agreement_version_id == version_row_id)
            .order_by(AgreementSignatureRow.signed_at, AgreementSignatureRow.id)
        )
    )


def signature_record(row: AgreementSignatureRow, version: AgreementVersionRow) -> SignatureRecord:
    """What the organisation sealed for this signature."""
    return SignatureRecord(
        person_id=version.person_id,
        version=version.version,
        digest=row.digest,
        requirement=row.requirement,
        role=SignerRole(row.role),
        signer_name=row.signer_name,
        on_behalf_of=row.on_behalf_of,
        basis=SigningBasis(row.basis),
        supported_by=row.supported_by,
        method=SigningMethod(row.method),
        signed_at=utc_iso(row.signed_at),
        comment=row.comment,
        recorded_by=row.recorded_by,
    )


def has_signed(session: Session, row: AgreementVersionRow, requirement: str) -> bool:
    """Whether the signer `requirement` names has signed this version."""
    return (
        session.scalar(
            select(AgreementSignatureRow.id).where(
                AgreementSignatureRow.agreement_version_id == row.id,
                AgreementSignatureRow.requirement == requirement,
            )
        )
        is not None
    )


def write_signature(
    session: Session,
    *,
    actor_name: str,
    row: AgreementVersionRow,
    settled: SettledSigner,
    method: SigningMethod,
    comment: str,
    digest: str,
    key: SealKey,
    invitation_id: int | None,
    now: datetime,
) -> AgreementSignatureRow:
    """Refuse a superseded version, a digest other than the version's, or a second signature by
    the same signer; otherwise record, seal and return the signature (not yet audited)."""
    latest = latest_number(session, row.person_id)
    if row.version != latest:
        raise InvalidInput(
            f"Version {row.version} has been replaced by version {latest}, so it can no longer "
            "be signed. Please read and sign the newest version."
        )
    if digest != row.digest:
        raise ChangedSinceShown(
            "The agreement you were shown is not this version, so nothing was signed. "
            "Please read the agreement again and sign it."
        )
    if has_signed(session, row, settled.requirement):
        raise InvalidInput(f"This signer has already signed version {row.version}.")
    record = SignatureRecord(
        person_id=row.person_id,
        version=row.version,
        digest=row.digest,
        requirement=settled.requirement,
        role=settled.role,
        signer_name=settled.name,
        on_behalf_of=settled.on_behalf_of,
        basis=settled.basis,
        supported_by=settled.supported_by,
        method=method,
        signed_at=utc_iso(now),
        comment=comment,
        recorded_by=actor_name,
    )
    signature = AgreementSignatureRow(
        agreement_version_id=row.id,
        requirement=record.requirement,
        role=record.role.value,
        signer_name=record.signer_name,
        on_behalf_of=record.on_behalf_of,
        basis=record.basis.value,
        supported_by=record.supported_by,
        method=record.method.value,
        signed_at=now,
        comment=record.comment,
        digest=record.digest,
        recorded_by=record.recorded_by,
        invitation_id=invitation_id,
        seal=key.seal(signature_seal_payload(record)),
        seal_public_key=key.public_key_b64,
    )
    session.add(signature)
    try:
        session.flush()
    except IntegrityError:
        raise InvalidInput(f"This signer has already signed version {row.version}.") from None
    return signature


def sign_detail(signature: AgreementSignatureRow) -> dict[str, DetailValue]:
    """What the audit log records of a signature: identifiers, role, basis, method and digest,
    never names or words."""
    return {
        "event": "signed",
        "signature": signature.id,
        "role": signature.role,
        "basis": signature.basis,
        "method": signature.method,
        "digest": signature.digest,
    }


# ---------------------------------------------------------------------------- asking to talk first
def record_talk_request(
    session: Session,
    *,
    row: AgreementVersionRow,
    needed: SignerRequirement,
    recorded_by: str,
    method: SigningMethod,
) -> AgreementTalkRequestRow | None:
    """Note that a signer wants to talk before signing the current version (once per signer and
    version; None if already noted). Refused for a superseded version or a signer who has signed."""
    latest = latest_number(session, row.person_id)
    if row.version != latest:
        raise InvalidInput(f"Version {row.version} has been replaced by version {latest}.")
    if has_signed(session, row, needed.key):
        raise InvalidInput(f"This signer has already signed version {row.version}.")
    if session.scalar(
        select(AgreementTalkRequestRow.id).where(
            AgreementTalkRequestRow.agreement_version_id == row.id,
            AgreementTalkRequestRow.requirement == needed.key,
        )
    ):
        return None
    request = AgreementTalkRequestRow(
        agreement_version_id=row.id,
        requirement=needed.key,
        asked_at=datetime.now(UTC),
        recorded_by=recorded_by,
        method=method.value,
    )
    session.add(request)
    session.flush()
    return request


def talk_requested(
    session: Session, version_row_id: int, missing: Sequence[SignerRequirement]
) -> tuple[SignerRequirement, ...]:
    """Those of `missing` who asked to talk about this version before signing."""
    asked = set(
        session.scalars(
            select(AgreementTalkRequestRow.requirement).where(
                AgreementTalkRequestRow.agreement_version_id == version_row_id
            )
        )
    )
    return tuple(r for r in missing if r.key in asked)

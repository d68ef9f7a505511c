"""The read model of agreements: issued versions and their signatures as the pages, the CLI and
the signers see them, built from rows inside a caller's transaction, with every seal checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from risk_app.adapters.tables import AgreementSignatureRow, AgreementVersionRow, PersonRow
from risk_app.domain.agreements.content import AgreementContent, parse_content
from risk_app.domain.agreements.seals import issue_seal_payload, signature_seal_payload
from risk_app.domain.agreements.signers import (
    SignerRequirement,
    SignerRole,
    SigningBasis,
    SigningMethod,
    missing_signers,
    required_signers,
)
from risk_app.domain.agreements.who_may_sign import Standing
from risk_app.domain.canonical import sha256_hex
from risk_app.domain.errors import InvalidInput
from risk_app.domain.sealing import seal_holds, unb64
from risk_app.services.agreements.repository import (
    issue_record,
    sealing_key_fingerprint,
    signature_record,
    signature_rows,
    talk_requested,
)
from risk_app.services.agreements.standing import standing_of

__all__ = [
    "AgreementVersionView",
    "AwaitingSignatures",
    "SignatureView",
    "VersionSummary",
    "signature_view",
    "version_view",
]


@dataclass(frozen=True, slots=True)
class SignatureView:
    """One signature of a version, as recorded, with whether its seal checks out."""

    id: int
    version: int
    requirement: str
    role: SignerRole
    signer_name: str
    on_behalf_of: str
    basis: SigningBasis
    supported_by: str
    method: SigningMethod
    signed_at: datetime
    comment: str
    digest: str
    recorded_by: str
    seal: str
    key_fingerprint: str
    seal_holds: bool
    """The organisation's seal checks out against the stored details."""


@dataclass(frozen=True, slots=True)
class AgreementVersionView:
    """One issued version with its signatures and who is still to sign."""

    person_id: int
    version: int
    content: AgreementContent
    digest: str
    issued_at: datetime
    issued_by: str
    is_current: bool
    """False once a newer version has been issued: it can no longer be signed."""
    latest_version: int
    signatures: tuple[SignatureView, ...]
    required: tuple[SignerRequirement, ...]
    missing: tuple[SignerRequirement, ...]
    seal: str
    key_fingerprint: str
    intact: bool
    """The stored content still matches its digest and the organisation's seal holds."""
    asked_to_talk: tuple[SignerRequirement, ...] = ()
    """Signers who have not signed and said they want to talk about it first."""
    jurisdiction: str | None = None
    """The person's nation, for the words of their representative's role."""
    standing: Standing | None = None
    """The representative's standing as recorded now: whether they may sign for the person."""

    @property
    def fully_signed(self) -> bool:
        return not self.missing


@dataclass(frozen=True, slots=True)
class VersionSummary:
    """One issued version in a list: how many of the signatures it needs it has."""

    version: int
    digest: str
    issued_at: datetime
    issued_by: str
    is_current: bool
    signed: int
    required: int


@dataclass(frozen=True, slots=True)
class AwaitingSignatures:
    """Someone whose current version still needs signatures, and who asked to talk first."""

    person_id: int
    person_name: str
    version: int
    missing: tuple[SignerRequirement, ...]
    asked_to_talk: tuple[SignerRequirement, ...] = ()


def _holds(public_key_b64: str, payload: bytes, seal: str) -> bool:
    try:
        return seal_holds(unb64(public_key_b64, "public key"), payload, seal)
    except InvalidInput:
        return False


def signature_view(row: AgreementSignatureRow, version: AgreementVersionRow) -> SignatureView:
    """A stored signature as shown, with whether its seal checks out."""
    record = signature_record(row, version)
    return SignatureView(
        id=row.id,
        version=version.version,
        requirement=row.requirement,
        role=record.role,
        signer_name=row.signer_name,
        on_behalf_of=row.on_behalf_of,
        basis=record.basis,
        supported_by=row.supported_by,
        method=record.method,
        signed_at=row.signed_at,
        comment=row.comment,
        digest=row.digest,
        recorded_by=row.recorded_by,
        seal=row.seal,
        key_fingerprint=sealing_key_fingerprint(row),
        seal_holds=_holds(row.seal_public_key, signature_seal_payload(record), row.seal),
    )


def version_view(session: Session, row: AgreementVersionRow, latest: int) -> AgreementVersionView:
    """An issued version as shown: its signatures, who is still to sign or asked to talk, and
    whether it is intact. `latest` is the number of the person's latest version."""
    content = parse_content(row.content)
    signatures = tuple(signature_view(s, row) for s in signature_rows(session, row.id))
    intact = sha256_hex(row.content.encode("utf-8")) == row.digest and _holds(
        row.seal_public_key, issue_seal_payload(issue_record(row)), row.seal
    )
    missing = missing_signers(content, (s.requirement for s in signatures))
    person = session.get(PersonRow, row.person_id)
    return AgreementVersionView(
        person_id=row.person_id,
        version=row.version,
        content=content,
        digest=row.digest,
        issued_at=row.issued_at,
        issued_by=row.issued_by,
        is_current=row.version == latest,
        latest_version=latest,
        signatures=signatures,
        required=required_signers(content),
        missing=missing,
        seal=row.seal,
        key_fingerprint=sealing_key_fingerprint(row),
        intact=intact,
        asked_to_talk=talk_requested(session, row.id, missing),
        jurisdiction=person.jurisdiction if person is not None else None,
        standing=standing_of(session, person) if person is not None else None,
    )

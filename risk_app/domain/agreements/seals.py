"""Seal payloads: the exact bytes the organisation seals when it issues a version and when
someone signs.

The organisation seals each issued version and each signature with its Ed25519 key (see
`risk_app.domain.sealing`) over a canonical payload built here, so a seal covers the digest and
every detail of who signed, how, when and on what basis.
"""

from __future__ import annotations

from typing import Final

from risk_app.domain.agreements.content import Frozen
from risk_app.domain.agreements.signers import SignerRole, SigningBasis, SigningMethod
from risk_app.domain.canonical import canonical_json

SIGNATURE_SEAL: Final = "risk-app signature seal"
ISSUE_SEAL: Final = "risk-app issued version seal"
SEAL_VERSION: Final = 1


class IssueRecord(Frozen):
    """What the organisation seals when it issues a version."""

    person_id: int
    version: int
    digest: str
    issued_at: str
    issued_by: str


class SignatureRecord(Frozen):
    """What the organisation seals for each signature: who, in what role, on whose behalf, on
    what basis, how, when, the digest of the version signed and the comment."""

    person_id: int
    version: int
    digest: str
    requirement: str
    role: SignerRole
    signer_name: str
    on_behalf_of: str
    basis: SigningBasis
    supported_by: str
    method: SigningMethod
    signed_at: str
    comment: str
    recorded_by: str


def issue_seal_payload(record: IssueRecord) -> bytes:
    """The canonical bytes sealed for an issued version."""
    return canonical_json(
        {"seal": ISSUE_SEAL, "seal_version": SEAL_VERSION, **record.model_dump(mode="json")}
    )


def signature_seal_payload(record: SignatureRecord) -> bytes:
    """The canonical bytes sealed for a signature."""
    return canonical_json(
        {"seal": SIGNATURE_SEAL, "seal_version": SEAL_VERSION, **record.model_dump(mode="json")}
    )

"""Risk agreements: issued versions, signatures, remote-signing invitations and requests to talk."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from risk_app.adapters.tables.base import Base, UTCDateTime


class AgreementVersionRow(Base):
    """One issued version of a person's risk agreement. Never updated (a database trigger refuses
    UPDATE): any change to the records is issued as a new version."""

    __tablename__ = "agreement_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    """1, 2, 3... per person."""
    content: Mapped[str] = mapped_column(Text)
    """The canonical JSON, exactly the bytes the digest covers."""
    digest: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by: Mapped[str] = mapped_column(String(100))
    seal: Mapped[str] = mapped_column(String(100))
    """The organisation's Ed25519 seal over the issue record (base64)."""
    seal_public_key: Mapped[str] = mapped_column(String(64))
    """The sealing key's raw public key (base64), so old seals stay checkable after rotation."""

    __table_args__ = (UniqueConstraint("person_id", "version", name="uq_agreement_version"),)


class AgreementSignatureRow(Base):
    """One signature on one version: who, in what role, on whose behalf and basis, how, when,
    the digest signed and the organisation's seal. Never updated; one per signer per version."""

    __tablename__ = "agreement_signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_versions.id"), index=True
    )
    requirement: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    signer_name: Mapped[str] = mapped_column(String(200))
    on_behalf_of: Mapped[str] = mapped_column(String(200))
    basis: Mapped[str] = mapped_column(String(40))
    supported_by: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(String(20))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    comment: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    recorded_by: Mapped[str] = mapped_column(String(100))
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("signing_invitations.id"))
    seal: Mapped[str] = mapped_column(String(100))
    seal_public_key: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("agreement_version_id", "requirement", name="uq_agreement_signer"),
    )


class SigningInvitationRow(Base):
    """A one-time code for one named signer of one version. The code and the signing grant are
    stored only as keyed hashes; wrong tries count towards a lock."""

    __tablename__ = "signing_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_versions.id"), index=True
    )
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    requirement: Mapped[str] = mapped_column(String(300))
    signer_name: Mapped[str] = mapped_column(String(200))
    basis: Mapped[str] = mapped_column(String(40))
    on_behalf_of: Mapped[str] = mapped_column(String(200))
    supported_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    max_attempts: Mapped[int] = mapped_column(Integer)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    redeemed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    grant_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    grant_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class AgreementTalkRequestRow(Base):
    """A signer said "I want to talk about it first" instead of signing a version. Open while the
    version is current and that signer has not signed."""

    __tablename__ = "agreement_talk_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_version_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_versions.id"), index=True
    )
    requirement: Mapped[str] = mapped_column(String(300))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        UniqueConstraint("agreement_version_id", "requirement", name="uq_agreement_talk"),
    )

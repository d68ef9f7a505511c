"""Evidence packs for an issued version (JSON, sealed whole, and its PDF), and the organisation's
public key that anyone checking a pack pins. The pack itself is built in
`risk_app.domain.agreements.evidence`; `risk-app agreement verify` checks one offline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters import seal_keys
from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.config import Settings
from risk_app.domain.access import Actor
from risk_app.domain.agreements.content import parse_content
from risk_app.domain.agreements.evidence import SealedSignature, build_pack, pack_json, seal_pack
from risk_app.domain.audit import AuditAction, ChainedEvent, utc_iso
from risk_app.domain.inputs import RecordId, Version
from risk_app.domain.sealing import ALGORITHM, SealKey, unb64
from risk_app.services import audit
from risk_app.services.agreements.repository import (
    OBJECT,
    issue_record,
    latest_number,
    sealing_key_fingerprint,
    signature_record,
    signature_rows,
    version_row,
)
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for


@dataclass(frozen=True, slots=True)
class PublicKeyInfo:
    """The organisation's public sealing key, for display and for pinning when verifying."""

    algorithm: str
    public_key_b64: str
    """The raw 32-byte key, base64."""
    pem: str
    fingerprint: str
    """SHA-256 of the raw key, hex."""


@checked
def public_key(key: SealKey | None = None) -> PublicKeyInfo:
    """The public half of the seal key (no access check: it is public by design)."""
    key = key or seal_keys.seal_key()
    return PublicKeyInfo(ALGORITHM, key.public_key_b64, key.public_pem(), key.fingerprint)


@dataclass(frozen=True, slots=True)
class EvidenceFiles:
    """The evidence pack of one version, as files to download or write."""

    file_stem: str
    """E.g. ``agreement-person-3-v2``; never built from names."""
    digest: str
    json_text: str
    pdf: bytes | None


def _agreement_events(session: Session, person_id: int) -> list[ChainedEvent]:
    rows = session.scalars(
        select(AuditEventRow)
        .where(AuditEventRow.object_type == OBJECT, AuditEventRow.object_id == str(person_id))
        .order_by(AuditEventRow.seq)
    )
    return [audit.to_event(r) for r in rows]


@checked
def evidence(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    version: Version | None = None,
    with_pdf: bool = True,
    key: SealKey | None = None,
) -> EvidenceFiles:
    """The evidence pack for one version (the latest when None): JSON and, unless `with_pdf` is
    False, an accessible PDF. Audited as an export; the pack includes that event and the audit
    log's head after it, and is sealed whole with the organisation's key (`key`, default the
    configured one)."""
    key = key or seal_keys.seal_key()
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        row = version_row(session, person.id, version)
        latest = latest_number(session, person.id)
        audit.record(
            session,
            by,
            AuditAction.EXPORT,
            OBJECT,
            person.id,
            row.version,
            event="evidence",
            digest=row.digest,
            pdf=with_pdf,
        )
        signatures = signature_rows(session, row.id)
        sealed = [
            SealedSignature(
                id=s.id,
                record=signature_record(s, row),
                seal=s.seal,
                key_fingerprint=sealing_key_fingerprint(s),
            )
            for s in signatures
        ]
        keys = {
            unb64(k, "public key")
            for k in [row.seal_public_key, *(s.seal_public_key for s in signatures)]
        } | {key.public_key}
        events = _agreement_events(session, person.id)
        head = session.scalar(select(AuditEventRow).order_by(AuditEventRow.seq.desc()).limit(1))
        unsealed = build_pack(
            content=parse_content(row.content),
            issue=issue_record(row),
            issue_seal=row.seal,
            issue_key_fingerprint=sealing_key_fingerprint(row),
            signatures=sealed,
            public_keys=keys,
            audit_events=events,
            audit_head=audit.to_event(head) if head is not None else None,
            generated_at=utc_iso(datetime.now(UTC)),
            latest_version=latest,
        )
    pack = seal_pack(unsealed, key)
    pdf = None
    if with_pdf:
        from risk_app.adapters import evidence_pdf

        phone = Settings.from_env().safeguarding_phone
        pdf = evidence_pdf.render_pdf(pack, safeguarding_phone=phone)
    return EvidenceFiles(
        file_stem=f"agreement-person-{person_id}-v{row.version}",
        digest=row.digest,
        json_text=pack_json(pack),
        pdf=pdf,
    )

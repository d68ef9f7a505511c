"""Sample agreement content, and a complete evidence pack built only from domain code."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from risk_app.domain.agreements.content import (
    AgreedAction,
    AgreedDecision,
    AgreedRisk,
    AgreementContent,
    DissentEntry,
    PersonPart,
    Representative,
    ReviewPart,
    WhatMatters,
    content_digest,
)
from risk_app.domain.agreements.evidence import SealedSignature, build_pack, seal_pack
from risk_app.domain.agreements.seals import (
    IssueRecord,
    SignatureRecord,
    issue_seal_payload,
    signature_seal_payload,
)
from risk_app.domain.agreements.signers import (
    SignerRole,
    SigningBasis,
    SigningMethod,
    required_signers,
)
from risk_app.domain.audit import GENESIS_HASH, AuditAction, AuditEvent, ChainedEvent, chain
from risk_app.domain.sealing import SealKey

FOOTBALL = "Going to the football alone"


def action(action_id: int, what: str, name: str, kind: str, due: date | None = None):
    return AgreedAction(id=action_id, what=what, owner_kind=kind, owner_name=name, due=due)


def content(**changes: Any) -> AgreementContent:
    base = AgreementContent(
        person=PersonPart(
            id=7,
            name="Amina Okafor",
            preferred_name="Amina",
            representative=Representative(name="Grace Okafor", authority="deputy"),
        ),
        what_matters=(WhatMatters(heading="What matters to me", text="My friends. Café ☕"),),
        risks=(
            AgreedRisk(
                id=1,
                choice=FOOTBALL,
                benefits="I see my friends.",
                harm_to_self="I could miss the bus.",
                harm_to_others="",
                harm_from_others="",
                person_view="",
                strengths="",
                level_before="Medium",
                level_after="Low",
                mitigations=(
                    action(10, "Text Jo when I leave", "Amina Okafor", "person"),
                    action(11, "Collect Amina", "Jo Okafor", "family_or_friend", date(2027, 3, 1)),
                    action(12, "Travel training", "Brightside", "provider"),
                    action(13, "Check the bus times", " jo  OKAFOR ", "family_or_friend"),
                    action(14, "Phone round", "Sam Carter", "council"),
                ),
            ),
        ),
        other_actions=(),
        decisions=(
            AgreedDecision(
                id=3,
                decision="Go to the match without staff",
                risk_id=1,
                outcome="agreed",
                person_decides=True,
                decider_name=None,
                decider_role=None,
                conditions="",
            ),
        ),
        contingency="A taxi home.",
        review=ReviewPart(due=date(2027, 11, 1), kind="scheduled"),
        dissent=(DissentEntry(about="Decision: go", party="Mum", words="I worry."),),
    )
    return base.model_copy(update=changes)


AT = "2026-11-22T10:15:00.000000Z"


def signature(
    c: AgreementContent, requirement: str, *, version: int = 1, digest: str | None = None
) -> SignatureRecord:
    needed = {r.key: r for r in required_signers(c)}[requirement]
    basis = {
        SignerRole.PERSON: SigningBasis.SELF,
        SignerRole.PRACTITIONER: SigningBasis.STAFF_ROLE,
        SignerRole.MANAGER: SigningBasis.STAFF_ROLE,
        SignerRole.OWNER: SigningBasis.ACTION_OWNER,
    }[needed.role]
    return SignatureRecord(
        person_id=c.person.id,
        version=version,
        digest=digest or content_digest(c),
        requirement=requirement,
        role=needed.role,
        signer_name=needed.name or "Sam Carter",
        on_behalf_of="",
        basis=basis,
        supported_by="",
        method=SigningMethod.IN_PERSON,
        signed_at=AT,
        comment="I agree except the texting.",
        recorded_by="practitioner",
    )


def _events(c: AgreementContent, signatures: list[SealedSignature]) -> list[ChainedEvent]:
    digest = content_digest(c)
    raw = [
        AuditEvent(
            AuditAction.VIEW, "someone", "practitioner", "person", "7", detail={"part": "x"}
        ),
        AuditEvent(
            AuditAction.CREATE,
            "practitioner",
            "practitioner",
            "agreement",
            "7",
            1,
            {"event": "issued", "digest": digest},
        ),
    ]
    raw += [
        AuditEvent(
            AuditAction.SIGN,
            "practitioner",
            "practitioner",
            "agreement",
            "7",
            1,
            {"event": "signed", "signature": s.id, "digest": digest},
        )
        for s in signatures
    ]
    raw.append(
        AuditEvent(
            AuditAction.EXPORT,
            "practitioner",
            "practitioner",
            "agreement",
            "7",
            1,
            {"event": "evidence", "digest": digest, "pdf": True},
        )
    )
    out: list[ChainedEvent] = []
    prev = GENESIS_HASH
    for seq, event in enumerate(raw, start=1):
        chained = chain(
            AuditEvent(
                event.action,
                event.actor,
                event.actor_role,
                event.object_type,
                event.object_id,
                event.object_version,
                event.detail,
                datetime(2026, 11, 22, 10, 15, seq, tzinfo=UTC),
            ),
            seq=seq,
            prev_hash=prev,
        )
        out.append(chained)
        prev = chained.hash
    return out[1:]  # the pack holds the agreement's events only, not the person view


def pack(
    key: SealKey, c: AgreementContent | None = None, *, signers: list[str] | None = None
) -> dict[str, Any]:
    """A pack for version 1 of `c`, signed by `signers` (default: everyone required)."""
    c = c or content()
    digest = content_digest(c)
    issue = IssueRecord(
        person_id=c.person.id, version=1, digest=digest, issued_at=AT, issued_by="p"
    )
    keys = signers if signers is not None else [r.key for r in required_signers(c)]
    sealed = []
    for number, requirement in enumerate(keys, start=1):
        record = signature(c, requirement)
        sealed.append(
            SealedSignature(
                number, record, key.seal(signature_seal_payload(record)), key.fingerprint
            )
        )
    events = _events(c, sealed)
    unsealed = build_pack(
        content=c,
        issue=issue,
        issue_seal=key.seal(issue_seal_payload(issue)),
        issue_key_fingerprint=key.fingerprint,
        signatures=sealed,
        public_keys=[key.public_key],
        audit_events=events,
        audit_head=events[-1] if events else None,
        generated_at=AT,
        latest_version=1,
    )
    return seal_pack(unsealed, key)

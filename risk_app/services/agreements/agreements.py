"""Risk agreements: issued version by version, co-signed, sealed, with evidence anyone can verify.

The flow, for the pages built on this module:

1. `draft` assembles the agreement from the person's current records (What matters to them, the
   risks with benefits, mitigations and owners, supported decisions, the plan's contingency, the
   review date and dissent) and says what changed since the last issued version.
2. `issue` makes that draft a new, immutable version, sealed by the organisation; it is refused if
   the records changed after the draft was shown, and does nothing (saying so) when nothing
   changed since the latest version.
3. Signers sign one version, bound to its digest. The person signs with their own account or in
   person on the practitioner's device, or a representative signs with their recorded authority;
   practitioner and manager sign with their own accounts; other owners sign in person or remotely.
   `sign` records a signature; `invite` creates a one-time code for one named signer, `redeem`
   swaps reference and code for a short-lived grant, `agreement_for_grant` shows the version and
   `sign_with_grant` signs. A new version never inherits signatures.
4. `evidence` produces the JSON evidence pack and its PDF; `risk-app agreement verify` checks a
   pack offline.

Every read of the agreement is logged as a view of the person's record; every change is audited
under object type ``agreement`` with the person's id and the version number, with identifiers,
digests and roles only (never names, text or codes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from risk_app.adapters import seal_keys
from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    ActionRow,
    AgreementSignatureRow,
    AgreementTalkRequestRow,
    AgreementVersionRow,
    AuditEventRow,
    DecisionRow,
    MeetingItemRow,
    MeetingRow,
    PanelRow,
    PersonRow,
    PlanValidationRow,
    RiskAssessmentRow,
    RiskRow,
    TeamRow,
    UserRow,
)
from risk_app.domain import access
from risk_app.domain.access import Actor, PersonScope
from risk_app.domain.agreements.agreement import (
    AgreedAction,
    AgreedDecision,
    AgreedRisk,
    AgreementContent,
    DissentEntry,
    IssueRecord,
    PersonPart,
    Representative,
    ReviewPart,
    SettledSigner,
    SignatureRecord,
    SignerDetails,
    SignerRequirement,
    SignerRole,
    SigningBasis,
    SigningMethod,
    WhatMatters,
    clean_comment,
    content_bytes,
    content_digest,
    describe_changes,
    issue_seal_payload,
    missing_signers,
    parse_content,
    plain_date,
    required_signers,
    requirement,
    settle_signer,
    signature_seal_payload,
)
from risk_app.domain.agreements.evidence import SealedSignature, build_pack, pack_json, seal_pack
from risk_app.domain.audit import AuditAction, AuditObject, ChainedEvent, DetailValue, utc_iso
from risk_app.domain.canonical import sha256_hex
from risk_app.domain.errors import (
    ChangedSinceShown,
    InvalidInput,
    NotPermitted,
)
from risk_app.domain.inputs import Code, RecordId, Version
from risk_app.domain.record.capacity import CapacityOutcome
from risk_app.domain.record.ownership import ActionStatus
from risk_app.domain.record.people import ABOUT_ME_HEADINGS, RepresentativeAuthority
from risk_app.domain.record.plan import ValidationCheck
from risk_app.domain.record.risk import NHS_5X5, RiskScale
from risk_app.domain.roles import Role
from risk_app.domain.sealing import ALGORITHM, SealKey, fingerprint_of, seal_holds, unb64
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record import reviews
from risk_app.services.record.people import load_for

OBJECT = AuditObject.AGREEMENT


# ---------------------------------------------------------------------------- configuration
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


# ---------------------------------------------------------------------------- views
@dataclass(frozen=True, slots=True)
class AgreementDraft:
    """The agreement as the records stand now, not yet issued."""

    person_id: int
    content: AgreementContent
    digest: str
    """Pass to `issue` as `expected_digest`: it is refused if the records change meanwhile."""
    latest_version: int | None
    unchanged: bool
    """True when the latest issued version already says exactly this."""
    changes: tuple[str, ...]
    """What differs from the latest issued version, in plain words (empty if none issued)."""
    required: tuple[SignerRequirement, ...]


@dataclass(frozen=True, slots=True)
class IssueResult:
    version: int
    digest: str
    created: bool
    """False when nothing had changed, so no new version was made."""
    message: str


@dataclass(frozen=True, slots=True)
class SignatureView:
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

    @property
    def fully_signed(self) -> bool:
        return not self.missing


@dataclass(frozen=True, slots=True)
class VersionSummary:
    version: int
    digest: str
    issued_at: datetime
    issued_by: str
    is_current: bool
    signed: int
    required: int


@dataclass(frozen=True, slots=True)
class EvidenceFiles:
    file_stem: str
    """E.g. ``agreement-person-3-v2``; never built from names."""
    digest: str
    json_text: str
    pdf: bytes | None


@dataclass(frozen=True, slots=True)
class AwaitingSignatures:
    person_id: int
    person_name: str
    version: int
    missing: tuple[SignerRequirement, ...]
    asked_to_talk: tuple[SignerRequirement, ...] = ()


# ---------------------------------------------------------------------------- assembling
def _level(scale: RiskScale, likelihood: int | None, impact: int | None) -> str | None:
    if likelihood is None or impact is None:
        return None
    try:
        return scale.rate(likelihood, impact).band
    except InvalidInput:  # rated on another scale: say nothing rather than something wrong
        return None


def _agreed_action(row: ActionRow) -> AgreedAction:
    return AgreedAction(
        id=row.id,
        what=row.description,
        owner_kind=row.owner_kind,
        owner_name=row.owner_name,
        due=row.due,
    )


def _risks(
    session: Session, person_id: int, scale: RiskScale
) -> tuple[list[AgreedRisk], list[AgreedAction]]:
    """Risks of the latest assessment with their mitigations, and the actions on no risk."""
    latest = session.scalar(
        select(RiskAssessmentRow)
        .where(RiskAssessmentRow.person_id == person_id)
        .order_by(RiskAssessmentRow.created_at.desc(), RiskAssessmentRow.id.desc())
        .limit(1)
    )
    actions = list(
        session.scalars(
            select(ActionRow)
            .where(
                ActionRow.person_id == person_id,
                ActionRow.status != ActionStatus.CANCELLED.value,
            )
            .order_by(ActionRow.id)
        )
    )
    by_risk: dict[int | None, list[AgreedAction]] = {}
    for action in actions:
        by_risk.setdefault(action.risk_id, []).append(_agreed_action(action))
    risks: list[AgreedRisk] = []
    if latest is not None:
        for row in session.scalars(
            select(RiskRow).where(RiskRow.assessment_id == latest.id).order_by(RiskRow.id)
        ):
            risks.append(
                AgreedRisk(
                    id=row.id,
                    choice=row.activity,
                    benefits=row.benefits,
                    harm_to_self=row.harm_to_self,
                    harm_to_others=row.harm_to_others,
                    harm_from_others=row.harm_from_others,
                    person_view=row.person_view,
                    strengths=row.strengths,
                    level_before=_level(scale, row.likelihood, row.impact),
                    level_after=_level(scale, row.residual_likelihood, row.residual_impact),
                    mitigations=tuple(by_risk.get(row.id, [])),
                )
            )
    return risks, by_risk.get(None, [])


def _decisions(session: Session, person_id: int) -> tuple[list[AgreedDecision], list[DissentEntry]]:
    decisions: list[AgreedDecision] = []
    dissent: list[DissentEntry] = []
    rows = session.scalars(
        select(DecisionRow)
        .where(DecisionRow.person_id == person_id)
        .order_by(DecisionRow.decided_at, DecisionRow.id)
    )
    for row in rows:
        person_decides = row.capacity_outcome in (
            CapacityOutcome.PRESUMED.value,
            CapacityOutcome.HAS_CAPACITY.value,
        )
        decisions.append(
            AgreedDecision(
                id=row.id,
                decision=row.decision,
                risk_id=row.risk_id,
                outcome=row.outcome,
                person_decides=person_decides,
                decider_name=None if person_decides else row.decider_name,
                decider_role=None if person_decides else row.decider_role,
                conditions=row.conditions,
            )
        )
        dissent += [
            DissentEntry(about=f"Decision: {row.decision}", party=d["party"], words=d["words"])
            for d in row.dissent
        ]
    return decisions, dissent


def _other_dissent(session: Session, person_id: int) -> list[DissentEntry]:
    out: list[DissentEntry] = []
    panels = session.scalars(
        select(PanelRow)
        .where(PanelRow.person_id == person_id)
        .order_by(PanelRow.held_on, PanelRow.id)
    )
    for panel in panels:
        out += [
            DissentEntry(
                about=f"Panel on {plain_date(panel.held_on)}", party=d["party"], words=d["words"]
            )
            for d in panel.dissent
        ]
    items = session.execute(
        select(MeetingItemRow, MeetingRow.title, MeetingRow.held_on)
        .join(MeetingRow, MeetingRow.id == MeetingItemRow.meeting_id)
        .where(MeetingRow.person_id == person_id, MeetingItemRow.kind == "dissent")
        .order_by(MeetingRow.held_on, MeetingRow.id, MeetingItemRow.id)
    ).all()
    out += [
        DissentEntry(
            about=f"Meeting '{title}' on {plain_date(held_on)}", party=item.party, words=item.text
        )
        for item, title, held_on in items
    ]
    return out


def _contingency(session: Session, person_id: int) -> str | None:
    latest = session.scalar(
        select(PlanValidationRow)
        .where(PlanValidationRow.person_id == person_id)
        .order_by(PlanValidationRow.decided_at.desc(), PlanValidationRow.id.desc())
        .limit(1)
    )
    if latest is None:
        return None
    check = latest.checks.get(ValidationCheck.CONTINGENCY.value) or {}
    reason = str(check.get("reason") or "").strip()
    return reason or None


def _representative(person: PersonRow) -> Representative | None:
    if person.representative_authority == RepresentativeAuthority.NONE.value:
        return None
    if not person.representative_name.strip():
        return None
    return Representative(
        name=person.representative_name, authority=person.representative_authority
    )


def assemble(session: Session, person: PersonRow, scale: RiskScale) -> AgreementContent:
    """The agreement as the person's records stand, inside a caller's access-checked transaction."""
    risks, other_actions = _risks(session, person.id, scale)
    decisions, decision_dissent = _decisions(session, person.id)
    plan = reviews.plan_in_transaction(session, person, datetime.now(UTC).date())
    return AgreementContent(
        person=PersonPart(
            id=person.id,
            name=person.display_name,
            preferred_name=person.preferred_name,
            representative=_representative(person),
        ),
        what_matters=tuple(
            WhatMatters(heading=h, text=person.about_me[h])
            for h in ABOUT_ME_HEADINGS
            if person.about_me.get(h)
        ),
        risks=tuple(risks),
        other_actions=tuple(other_actions),
        decisions=tuple(decisions),
        contingency=_contingency(session, person.id),
        review=ReviewPart(due=plan.due, kind=plan.kind.value if plan.kind else None),
        dissent=tuple(decision_dissent + _other_dissent(session, person.id)),
    )


# ---------------------------------------------------------------------------- reading versions
def _versions(session: Session, person_id: int) -> list[AgreementVersionRow]:
    return list(
        session.scalars(
            select(AgreementVersionRow)
            .where(AgreementVersionRow.person_id == person_id)
            .order_by(AgreementVersionRow.version)
        )
    )


def _latest(session: Session, person_id: int) -> AgreementVersionRow | None:
    return session.scalar(
        select(AgreementVersionRow)
        .where(AgreementVersionRow.person_id == person_id)
        .order_by(AgreementVersionRow.version.desc())
        .limit(1)
    )


def latest_number(session: Session, person_id: int) -> int:
    found = session.scalar(
        select(func.max(AgreementVersionRow.version)).where(
            AgreementVersionRow.person_id == person_id
        )
    )
    return int(found or 0)


def version_row(session: Session, person_id: int, number: int | None) -> AgreementVersionRow:
    row = (
        _latest(session, person_id)
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


def _signature_rows(session: Session, version_row_id: int) -> list[AgreementSignatureRow]:
    return list(
        session.scalars(
            select(AgreementSignatureRow)
            .where(AgreementSignatureRow.agreement_version_id == version_row_id)
            .order_by(AgreementSignatureRow.signed_at, AgreementSignatureRow.id)
        )
    )


def _issue_record(row: AgreementVersionRow) -> IssueRecord:
    return IssueRecord(
        person_id=row.person_id,
        version=row.version,
        digest=row.digest,
        issued_at=utc_iso(row.issued_at),
        issued_by=row.issued_by,
    )


def _signature_record(row: AgreementSignatureRow, version: AgreementVersionRow) -> SignatureRecord:
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


def _holds(public_key_b64: str, payload: bytes, seal: str) -> bool:
    try:
        return seal_holds(unb64(public_key_b64, "public key"), payload, seal)
    except InvalidInput:
        return False


def signature_view(row: AgreementSignatureRow, version: AgreementVersionRow) -> SignatureView:
    record = _signature_record(row, version)
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
        key_fingerprint=_fingerprint(row.seal_public_key),
        seal_holds=_holds(row.seal_public_key, signature_seal_payload(record), row.seal),
    )


def _fingerprint(public_key_b64: str) -> str:
    try:
        return fingerprint_of(unb64(public_key_b64, "public key"))
    except InvalidInput:
        return ""


def version_view(session: Session, row: AgreementVersionRow, latest: int) -> AgreementVersionView:
    content = parse_content(row.content)
    signatures = tuple(signature_view(s, row) for s in _signature_rows(session, row.id))
    intact = sha256_hex(row.content.encode("utf-8")) == row.digest and _holds(
        row.seal_public_key, issue_seal_payload(_issue_record(row)), row.seal
    )
    missing = missing_signers(content, (s.requirement for s in signatures))
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
        key_fingerprint=_fingerprint(row.seal_public_key),
        intact=intact,
        asked_to_talk=_wanting_to_talk(session, row.id, missing),
    )


def _wanting_to_talk(
    session: Session, version_row_id: int, missing: Sequence[SignerRequirement]
) -> tuple[SignerRequirement, ...]:
    asked = set(
        session.scalars(
            select(AgreementTalkRequestRow.requirement).where(
                AgreementTalkRequestRow.agreement_version_id == version_row_id
            )
        )
    )
    return tuple(r for r in missing if r.key in asked)


# ---------------------------------------------------------------------------- drafting and issuing
@checked
def draft(
    store: Store, *, by: Actor, person_id: RecordId, scale: RiskScale = NHS_5X5
) -> AgreementDraft:
    """The agreement as the records stand now, and what changed since the latest version.

    Staff of the person's team only (they issue it). Logged as a view of the person's record.
    """
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        content = assemble(session, person, scale)
        digest = content_digest(content)
        latest = _latest(session, person.id)
        changes: tuple[str, ...] = ()
        if latest is not None:
            changes = tuple(describe_changes(parse_content(latest.content), content))
        audit.record_person_view(session, by, person, "agreement_draft", digest=digest)
        return AgreementDraft(
            person_id=person.id,
            content=content,
            digest=digest,
            latest_version=latest.version if latest else None,
            unchanged=latest is not None and latest.digest == digest,
            changes=changes,
            required=required_signers(content),
        )


@checked
def issue(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    expected_digest: Code,
    scale: RiskScale = NHS_5X5,
    key: SealKey | None = None,
) -> IssueResult:
    """Issue the current draft as a new version, sealed by the organisation.

    `expected_digest` is the digest of the draft that was shown: if the records changed since,
    ChangedSinceShown is raised and nothing is issued. If the latest version already says exactly
    this, nothing is issued and the result says so (`created` is False).
    """
    key = key or seal_keys.seal_key()
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        content = assemble(session, person, scale)
        digest = content_digest(content)
        if digest != expected_digest:
            raise ChangedSinceShown(
                "The person's records changed after this draft was shown, so it was not issued. "
                "Please look at the new draft and issue that."
            )
        if content.is_empty:
            raise InvalidInput(
                "There is nothing to agree yet: record a risk, an action or a decision first."
            )
        latest = _latest(session, person.id)
        if latest is not None and latest.digest == digest:
            return IssueResult(
                version=latest.version,
                digest=digest,
                created=False,
                message=(
                    f"Nothing has changed since version {latest.version}, so no new version "
                    "was issued."
                ),
            )
        number = (latest.version if latest else 0) + 1
        now = datetime.now(UTC)
        record = IssueRecord(
            person_id=person.id,
            version=number,
            digest=digest,
            issued_at=utc_iso(now),
            issued_by=by.username,
        )
        session.add(
            AgreementVersionRow(
                person_id=person.id,
                version=number,
                content=content_bytes(content).decode("utf-8"),
                digest=digest,
                issued_at=now,
                issued_by=by.username,
                seal=key.seal(issue_seal_payload(record)),
                seal_public_key=key.public_key_b64,
            )
        )
        try:
            session.flush()
        except IntegrityError:
            raise ChangedSinceShown(
                "Someone else issued a version of this agreement at the same moment. "
                "Please look at the latest version."
            ) from None
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            OBJECT,
            person.id,
            number,
            event="issued",
            digest=digest,
            supersedes=latest.version if latest else None,
            key=key.fingerprint,
        )
        message = f"Version {number} issued. Everyone named needs to sign it."
        if latest is not None:
            message = (
                f"Version {number} issued; it replaces version {latest.version}. "
                "Everyone named needs to sign it again."
            )
        return IssueResult(version=number, digest=digest, created=True, message=message)


# ---------------------------------------------------------------------------- reading
@checked
def versions(store: Store, *, by: Actor, person_id: RecordId) -> list[VersionSummary]:
    """Every issued version, newest first, with how many of the signatures it needs it has."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = _versions(session, person.id)
        latest = rows[-1].version if rows else 0
        out = []
        for row in reversed(rows):
            content = parse_content(row.content)
            signed = {s.requirement for s in _signature_rows(session, row.id)}
            needed = required_signers(content)
            out.append(
                VersionSummary(
                    version=row.version,
                    digest=row.digest,
                    issued_at=row.issued_at,
                    issued_by=row.issued_by,
                    is_current=row.version == latest,
                    signed=sum(1 for r in needed if r.key in signed),
                    required=len(needed),
                )
            )
        audit.record_person_view(
            session, by, person, "agreement_versions", shown=",".join(str(v.version) for v in out)
        )
        return out


@checked
def get_version(
    store: Store, *, by: Actor, person_id: RecordId, version: Version | None = None
) -> AgreementVersionView:
    """One issued version (the latest when `version` is None) with its signatures. The person,
    and staff of their team, may read it. Logged as a view of the person's record."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        row = version_row(session, person.id, version)
        view = version_view(session, row, latest_number(session, person.id))
        audit.record_person_view(
            session, by, person, "agreement", agreement_version=row.version, digest=row.digest
        )
        return view


@checked
def changes_between(
    store: Store, *, by: Actor, person_id: RecordId, old: Version, new: Version
) -> list[str]:
    """What changed between two issued versions, one plain sentence each."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        before = parse_content(version_row(session, person.id, old).content)
        after = parse_content(version_row(session, person.id, new).content)
        audit.record_person_view(session, by, person, "agreement_changes", versions=f"{old}:{new}")
        return describe_changes(before, after)


# ---------------------------------------------------------------------------- signing
def _display_name(session: Session, by: Actor) -> str:
    user = session.get(UserRow, by.user_id)
    return user.display_name if user is not None else by.username


def _team_name(session: Session, person: PersonRow) -> str:
    team = session.get(TeamRow, person.team_id) if person.team_id is not None else None
    return team.name if team is not None else ""


def _check_may_record(
    by: Actor, person: PersonRow, needed: SignerRequirement, method: SigningMethod
) -> None:
    scope = PersonScope(person_id=person.id, team_id=person.team_id)
    staff = access.can_edit_person(by, scope) and not by.is_operator
    if method is SigningMethod.REMOTE_CODE:
        raise InvalidInput("Remote signatures are made with a one-time code (see invite).")
    if method is SigningMethod.IN_PERSON:
        if not (staff or by.is_operator):
            raise NotPermitted(
                "Only staff of the person's team can record a signature in person.",
                object_type=OBJECT,
                object_id=person.id,
            )
        if needed.role in (SignerRole.PRACTITIONER, SignerRole.MANAGER):
            raise InvalidInput("Practitioners and managers sign with their own account.")
        return
    role_for = {
        SignerRole.PRACTITIONER: Role.PRACTITIONER,
        SignerRole.MANAGER: Role.TEAM_MANAGER,
        SignerRole.PERSON: Role.INDIVIDUAL,
    }
    wanted = role_for.get(needed.role)
    if wanted is None:
        raise InvalidInput("Owners sign in person on the practitioner's device, or with a code.")
    allowed = by.role is wanted and (
        access.can_view_person(by, scope) if wanted is Role.INDIVIDUAL else staff
    )
    if not allowed:
        raise NotPermitted(
            f"Only {needed.label.lower()} can sign this with their own account.",
            object_type=OBJECT,
            object_id=person.id,
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
    already = session.scalar(
        select(AgreementSignatureRow.id).where(
            AgreementSignatureRow.agreement_version_id == row.id,
            AgreementSignatureRow.requirement == settled.requirement,
        )
    )
    if already is not None:
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
    return {
        "event": "signed",
        "signature": signature.id,
        "role": signature.role,
        "basis": signature.basis,
        "method": signature.method,
        "digest": signature.digest,
    }


@checked
def sign(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    version: Version,
    digest: Code,
    signer: SignerDetails,
    method: SigningMethod | str = SigningMethod.IN_PERSON,
    comment: str = "",
    key: SealKey | None = None,
) -> SignatureView:
    """Sign `version`, whose digest the signer was shown, and seal the signature.

    - The practitioner and the manager sign with their own accounts (`OWN_ACCOUNT`).
    - The person signs with their own account, or in person on the practitioner's device
      (`IN_PERSON`, recorded by staff); a representative signs for them only under the
      authority recorded on the person's record; support from an advocate is named.
    - Other owners sign in person, or remotely (see `invite`).

    Refused: a superseded version, a digest other than the version's (ChangedSinceShown), a
    signer who has already signed this version, and anyone without the right role or relation.
    """
    try:
        method = SigningMethod(method)
    except ValueError:
        raise InvalidInput("Say how the agreement is being signed.") from None
    comment = clean_comment(comment)
    key = key or seal_keys.seal_key()
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        row = version_row(session, person.id, version)
        content = parse_content(row.content)
        needed = requirement(content, signer.requirement)
        _check_may_record(by, person, needed, method)
        staff_signing = needed.role in (SignerRole.PRACTITIONER, SignerRole.MANAGER)
        if staff_signing and not signer.on_behalf_of:
            signer = signer.model_copy(update={"on_behalf_of": _team_name(session, person)})
        settled = settle_signer(
            content, signer, staff_name=_display_name(session, by) if staff_signing else ""
        )
        signature = write_signature(
            session,
            actor_name=by.username,
            row=row,
            settled=settled,
            method=method,
            comment=comment,
            digest=digest,
            key=key,
            invitation_id=None,
            now=now,
        )
        audit.record(
            session, by, AuditAction.SIGN, OBJECT, person.id, row.version, **sign_detail(signature)
        )
        return signature_view(signature, row)


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
    if session.scalar(
        select(AgreementSignatureRow.id).where(
            AgreementSignatureRow.agreement_version_id == row.id,
            AgreementSignatureRow.requirement == needed.key,
        )
    ):
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


@checked
def ask_to_talk(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    version: Version,
    requirement_key: Code = "person",
) -> None:
    """Record "I want to talk about it first" instead of a signature: the person with their own
    account, or staff on behalf of a signer they are with (the person or an owner). Nothing is
    signed; staff see it on the version and in `awaiting_signatures`."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        row = version_row(session, person.id, version)
        needed = requirement(parse_content(row.content), requirement_key)
        method = (
            SigningMethod.OWN_ACCOUNT if by.role is Role.INDIVIDUAL else SigningMethod.IN_PERSON
        )
        _check_may_record(by, person, needed, method)
        request = record_talk_request(
            session, row=row, needed=needed, recorded_by=by.username, method=method
        )
        if request is not None:
            audit.record(
                session,
                by,
                AuditAction.CREATE,
                OBJECT,
                person.id,
                row.version,
                event="asked_to_talk",
                request=request.id,
                role=needed.role.value,
            )


# ---------------------------------------------------------------------------- evidence
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
        signatures = _signature_rows(session, row.id)
        sealed = [
            SealedSignature(
                id=s.id,
                record=_signature_record(s, row),
                seal=s.seal,
                key_fingerprint=_fingerprint(s.seal_public_key),
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
            digest=row.digest,
            issue=_issue_record(row),
            issue_seal=row.seal,
            issue_key_fingerprint=_fingerprint(row.seal_public_key),
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

        pdf = evidence_pdf.render_pdf(pack)
    return EvidenceFiles(
        file_stem=f"agreement-person-{person_id}-v{row.version}",
        digest=row.digest,
        json_text=pack_json(pack),
        pdf=pdf,
    )


# ---------------------------------------------------------------------------- lists
@checked
def awaiting_signatures(store: Store, *, by: Actor) -> list[AwaitingSignatures]:
    """People in the actor's team whose current agreement still needs signatures."""
    with audit.transaction(store, by) as session:
        if by.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER) or by.team_id is None:
            raise NotPermitted(object_type=AuditObject.AGREEMENTS)
        latest = (
            select(
                AgreementVersionRow.person_id,
                func.max(AgreementVersionRow.version).label("version"),
            )
            .group_by(AgreementVersionRow.person_id)
            .subquery()
        )
        rows = session.execute(
            select(AgreementVersionRow, PersonRow.display_name)
            .join(
                latest,
                (latest.c.person_id == AgreementVersionRow.person_id)
                & (latest.c.version == AgreementVersionRow.version),
            )
            .join(PersonRow, PersonRow.id == AgreementVersionRow.person_id)
            .where(PersonRow.team_id == by.team_id)
            .order_by(AgreementVersionRow.issued_at)
        ).all()
        out: list[AwaitingSignatures] = []
        for row, name in rows:
            signed = [s.requirement for s in _signature_rows(session, row.id)]
            missing = missing_signers(parse_content(row.content), signed)
            if missing:
                asked = _wanting_to_talk(session, row.id, missing)
                out.append(AwaitingSignatures(row.person_id, name, row.version, missing, asked))
        if out:
            audit.record(
                session,
                by,
                AuditAction.VIEW,
                AuditObject.AGREEMENTS_AWAITING,
                by.team_id,
                people=",".join(f"{a.person_id}:{a.version}" for a in out),
            )
        return out

"""Drafting and issuing agreements: the draft as the records stand, with what changed since the
latest version, and issuing it as a new version sealed by the organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from risk_app.adapters import seal_keys
from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.agreements.changes import describe_changes
from risk_app.domain.agreements.content import AgreementContent, content_digest, parse_content
from risk_app.domain.agreements.signers import SignerRequirement, required_signers
from risk_app.domain.audit import AuditAction
from risk_app.domain.errors import ChangedSinceShown, InvalidInput
from risk_app.domain.inputs import Code, RecordId
from risk_app.domain.record.risk import THREE_BAND_5X5, RiskScale
from risk_app.domain.sealing import SealKey
from risk_app.services import audit
from risk_app.services.agreements.assembly import assemble
from risk_app.services.agreements.repository import OBJECT, latest_row, write_version
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for


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
    """What issuing did: the version that says what the records say, and a message saying so."""

    version: int
    digest: str
    created: bool
    """False when nothing had changed, so no new version was made."""
    message: str


@checked
def draft(
    store: Store, *, by: Actor, person_id: RecordId, scale: RiskScale = THREE_BAND_5X5
) -> AgreementDraft:
    """The agreement as the records stand now, and what changed since the latest version.

    Staff of the person's team only (they issue it). Logged as a view of the person's record.
    """
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        content = assemble(session, person, scale)
        digest = content_digest(content)
        latest = latest_row(session, person.id)
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
    scale: RiskScale = THREE_BAND_5X5,
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
        latest = latest_row(session, person.id)
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
        write_version(
            session,
            person_id=person.id,
            number=number,
            content=content,
            issued_by=by.username,
            key=key,
            now=datetime.now(UTC),
        )
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

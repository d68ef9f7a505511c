"""Reading issued agreements: the list of versions, one version with its signatures, what changed
between two, and whose current agreement in a team still needs signatures. Each read is logged."""

from __future__ import annotations

from datetime import UTC, datetime

from risk_app.adapters.db import Store
from risk_app.domain.access import Actor
from risk_app.domain.agreements.changes import describe_changes
from risk_app.domain.agreements.content import parse_content
from risk_app.domain.agreements.signers import required_signers
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import RecordId, Version
from risk_app.domain.roles import Role
from risk_app.services import audit
from risk_app.services.agreements.repository import (
    all_versions,
    latest_number,
    signature_rows,
    version_row,
)
from risk_app.services.agreements.views import (
    AgreementVersionView,
    AwaitingSignatures,
    VersionSummary,
    version_view,
)
from risk_app.services.agreements.waiting import current_waiting
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for


@checked
def versions(store: Store, *, by: Actor, person_id: RecordId) -> list[VersionSummary]:
    """Every issued version, newest first, with how many of the signatures it needs it has."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = all_versions(session, person.id)
        latest = rows[-1].version if rows else 0
        out = []
        for row in reversed(rows):
            content = parse_content(row.content)
            signed = {s.requirement for s in signature_rows(session, row.id)}
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


@checked
def awaiting_signatures(store: Store, *, by: Actor) -> list[AwaitingSignatures]:
    """People in the actor's team whose current agreement still needs signatures."""
    with audit.transaction(store, by) as session:
        if by.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER) or by.team_id is None:
            raise NotPermitted(object_type=AuditObject.AGREEMENTS)
        out = [
            AwaitingSignatures(w.person_id, w.person_name, w.version, w.missing, w.asked_to_talk)
            for w in current_waiting(session, team_id=by.team_id, today=datetime.now(UTC).date())
        ]
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

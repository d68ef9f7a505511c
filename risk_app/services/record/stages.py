"""Moving a person to another stage: what is still outstanding at the stage being left (required
touchpoints first), and the reason to move on anyway, recorded with the new stage visit and in
the audit log. The only way a person's stage changes after they are added."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from risk_app.adapters.db import Store
from risk_app.adapters.tables import StageHistoryRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import StaleEdit
from risk_app.domain.inputs import Code, RecordId, Version
from risk_app.domain.record.stages import Outstanding, outstanding_on_leaving, reason_to_move
from risk_app.domain.text import clean_long_text
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.journey import stage_journey_in_transaction
from risk_app.services.record.people import PersonView, check_stage, load_for, view_of


@dataclass(frozen=True, slots=True)
class Leaving:
    """What moving on from the person's current stage would leave outstanding."""

    stage: str
    version: int
    """The record's version this was read at: a move names it and is refused if it moved on."""
    outstanding: tuple[Outstanding, ...]


@checked
def leaving(store: Store, *, by: Actor, person_id: RecordId) -> Leaving:
    """The touchpoints of the current stage that are outstanding for this person, required first."""
    with audit.transaction(store, by) as session:
        row = load_for(session, by, person_id, edit=False)
        lines = stage_journey_in_transaction(session, row, row.current_stage).touchpoints
        audit.record_person_view(session, by, row, "leaving_stage")
        return Leaving(row.current_stage, row.version_id, outstanding_on_leaving(lines))


@checked
def move_stage(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    to_stage: Code,
    reason: str,
    expected_version: Version,
) -> PersonView:
    """Move the person to `to_stage`, starting a new visit of it. With touchpoints of the stage
    being left still outstanding, a reason is required (the refusal names them); the reason is
    kept with the new visit and in the audit event. Refused as stale if the record moved on."""
    check_stage(to_stage)
    reason = clean_long_text(reason, "reason to move on")
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        row = load_for(session, by, person_id, edit=True)
        if row.version_id != expected_version:
            raise StaleEdit("person's record", expected_version, row.version_id)
        leaving_stage = row.current_stage
        lines = stage_journey_in_transaction(session, row, leaving_stage).touchpoints
        outstanding = outstanding_on_leaving(lines)
        reason = reason_to_move(leaving_stage, to_stage, outstanding, reason)
        visit = StageHistoryRow(
            person_id=row.id,
            stage=to_stage,
            entered_at=now,
            recorded_by=by.username,
            framework_version=framework_service.version(),
            reason=reason,
        )
        session.add(visit)
        row.current_stage = to_stage
        row.updated_at = now
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CHANGE,
            AuditObject.PERSON,
            row.id,
            row.version_id,
            fields="current_stage",
            visit=visit.id,
            left=leaving_stage,
            to=to_stage,
            outstanding=",".join(o.id for o in outstanding),
            reason_given=bool(reason),  # the words are on the visit, never in the audit log
        )
        return view_of(session, row, with_history=True)

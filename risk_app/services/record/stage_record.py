"""Reads what the touchpoint derivation needs from a person's file, inside the caller's
transaction: the stage visits, the manual statuses, and the records that can evidence touchpoints
(each kind read from its own table; which touchpoints it evidences is the graph's business).

Restricted parts (ADR 0010) that the reader may not see are left out, so a person's own account
does not learn from the journey that, say, a concern was raised."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from risk_app.adapters.tables import (
    AgreementVersionRow,
    CheckRow,
    DecisionRow,
    PanelRow,
    PersonRow,
    PlanValidationRow,
    ReviewRow,
    RiskAssessmentRow,
    SafeguardingConcernRow,
    StageHistoryRow,
    TouchpointStatusRow,
)
from risk_app.domain.access import Actor
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.record.checks import CheckKind
from risk_app.domain.record.evidence import RecordKind, RecordMade
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.stage_visits import ManualStatus, PersonRecord, Visit
from risk_app.services import disclosure


def visits_of(session: Session, person_id: int) -> tuple[Visit, ...]:
    rows = session.scalars(
        select(StageHistoryRow)
        .where(StageHistoryRow.person_id == person_id)
        .order_by(StageHistoryRow.entered_at, StageHistoryRow.id)
    )
    return tuple(Visit(r.id, r.stage, r.entered_at) for r in rows)


def _manual(session: Session, person_id: int) -> tuple[ManualStatus, ...]:
    rows = session.scalars(
        select(TouchpointStatusRow)
        .where(TouchpointStatusRow.person_id == person_id)
        .order_by(TouchpointStatusRow.recorded_at, TouchpointStatusRow.id)
    )
    return tuple(
        ManualStatus(
            visit_id=r.stage_history_id,
            touchpoint_id=r.touchpoint_id,
            state=TouchpointState(r.state),
            note=r.note,
            at=r.recorded_at,
            by=r.recorded_by,
            row_id=r.id,
        )
        for r in rows
    )


Found = tuple[int, RecordMade, RecordPart | None]
"""A person id, a record of theirs, and the restricted part it belongs to (None if it is not)."""


def records_made(session: Session, person_id: int | None = None) -> list[Found]:
    """Every record that can evidence a touchpoint, of one person or (None) of everyone."""

    def of(table: Any) -> Any:
        return table.person_id == person_id if person_id is not None else true()

    found: list[Found] = []
    for a in session.scalars(select(RiskAssessmentRow).where(of(RiskAssessmentRow))):
        made = RecordMade(RecordKind.RISK_ASSESSMENT, a.id, a.created_at, a.created_by)
        found.append((a.person_id, made, None))
    capacity = RecordPart.CAPACITY_ASSESSMENT
    for d in session.scalars(select(DecisionRow).where(of(DecisionRow))):
        at, by = d.decided_at, d.created_by
        found.append((d.person_id, RecordMade(RecordKind.SUPPORTED_DECISION, d.id, at, by), None))
        if (d.reason_to_doubt or "").strip():
            made = RecordMade(RecordKind.CAPACITY_ASSESSMENT, d.id, at, by)
            found.append((d.person_id, made, capacity))
        # Under the AWI Act the column holds the s1 principles: Scots law has no best-interests
        # decision, so none is listed (the framework has no record type for an AWI one yet).
        awi = d.capacity_law == "awi"
        if not awi and any((v or "").strip() for v in d.best_interests.values()):
            found.append(
                (d.person_id, RecordMade(RecordKind.BEST_INTERESTS, d.id, at, by), capacity)
            )
    for v in session.scalars(select(PlanValidationRow).where(of(PlanValidationRow))):
        made = RecordMade(RecordKind.PLAN_VALIDATION, v.id, v.decided_at, v.decided_by)
        found.append((v.person_id, made, None))
    for p in session.scalars(select(PanelRow).where(of(PanelRow))):
        made = RecordMade(RecordKind.PANEL_REFERRAL, p.id, p.created_at, p.created_by)
        found.append((p.person_id, made, RecordPart.THIRD_PARTY))
    for c in session.scalars(select(SafeguardingConcernRow).where(of(SafeguardingConcernRow))):
        made = RecordMade(RecordKind.SAFEGUARDING_CONCERN, c.id, c.raised_at, c.raised_by)
        found.append((c.person_id, made, RecordPart.SAFEGUARDING_CONCERN))
    for r in session.scalars(select(ReviewRow).where(of(ReviewRow), ReviewRow.status == "held")):
        made = RecordMade(RecordKind.REVIEW_HELD, r.id, r.recorded_at, r.recorded_by)
        found.append((r.person_id, made, None))
    for g in session.scalars(select(AgreementVersionRow).where(of(AgreementVersionRow))):
        made = RecordMade(RecordKind.AGREEMENT, g.version, g.issued_at, g.issued_by)
        found.append((g.person_id, made, None))
    for k in session.scalars(select(CheckRow).where(of(CheckRow))):
        kind = (
            RecordKind.PROVIDER_CHECK
            if CheckKind(k.kind).provider_check
            else RecordKind.RECRUITMENT_CHECK
        )
        found.append((k.person_id, RecordMade(kind, k.id, k.recorded_at, k.recorded_by), None))
    return found


def _records(session: Session, by: Actor | None, person: PersonRow) -> list[RecordMade]:
    found = records_made(session, person.id)
    shown: dict[RecordPart, set[int]] = {}
    for part in {part for _, _, part in found if part is not None}:
        if by is not None and not disclosure.reads_all(by, person, part):
            shown[part] = disclosure.shared_ids(session, person.id, part)
    return [
        made
        for _, made, part in found
        if part is None or part not in shown or made.record_id in shown[part]
    ]


def person_record(session: Session, by: Actor | None, person: PersonRow) -> PersonRecord:
    """The person's visits, manual statuses and evidencing records, as `by` may see them (every
    record when `by` is None: for services that have already checked staff access)."""
    return PersonRecord(
        visits=visits_of(session, person.id),
        manual=_manual(session, person.id),
        records=tuple(_records(session, by, person)),
    )

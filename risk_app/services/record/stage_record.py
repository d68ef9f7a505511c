"""Reads what the touchpoint derivation needs from a person's file, inside the caller's
transaction: the stage visits, the manual statuses, and the records that can evidence touchpoints
(each kind read from its own table; which touchpoints it evidences is the graph's business).

Restricted parts (ADR 0010) that the reader may not see are left out, so a person's own account
does not learn from the journey that, say, a concern was raised."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.tables import (
    AgreementVersionRow,
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


def _visible(
    session: Session, by: Actor | None, person: PersonRow, part: RecordPart, ids: Iterable[int]
) -> set[int]:
    wanted = set(ids)
    if by is None or disclosure.reads_all(by, person, part):
        return wanted
    return wanted & disclosure.shared_ids(session, person.id, part)


def _records(session: Session, by: Actor | None, person: PersonRow) -> list[RecordMade]:
    pid = person.id
    found: list[RecordMade] = []
    for a in session.scalars(select(RiskAssessmentRow).where(RiskAssessmentRow.person_id == pid)):
        found.append(RecordMade(RecordKind.RISK_ASSESSMENT, a.id, a.created_at, a.created_by))
    decisions = list(session.scalars(select(DecisionRow).where(DecisionRow.person_id == pid)))
    capacity = _visible(
        session, by, person, RecordPart.CAPACITY_ASSESSMENT, (d.id for d in decisions)
    )
    for d in decisions:
        found.append(RecordMade(RecordKind.SUPPORTED_DECISION, d.id, d.decided_at, d.created_by))
        if d.id not in capacity:
            continue
        if (d.reason_to_doubt or "").strip():
            found.append(
                RecordMade(RecordKind.CAPACITY_ASSESSMENT, d.id, d.decided_at, d.created_by)
            )
        if any((v or "").strip() for v in d.best_interests.values()):
            found.append(RecordMade(RecordKind.BEST_INTERESTS, d.id, d.decided_at, d.created_by))
    for v in session.scalars(select(PlanValidationRow).where(PlanValidationRow.person_id == pid)):
        found.append(RecordMade(RecordKind.PLAN_VALIDATION, v.id, v.decided_at, v.decided_by))
    panels = list(session.scalars(select(PanelRow).where(PanelRow.person_id == pid)))
    seen = _visible(session, by, person, RecordPart.THIRD_PARTY, (p.id for p in panels))
    found += [
        RecordMade(RecordKind.PANEL_REFERRAL, p.id, p.created_at, p.created_by)
        for p in panels
        if p.id in seen
    ]
    concerns = list(
        session.scalars(
            select(SafeguardingConcernRow).where(SafeguardingConcernRow.person_id == pid)
        )
    )
    seen = _visible(session, by, person, RecordPart.SAFEGUARDING_CONCERN, (c.id for c in concerns))
    found += [
        RecordMade(RecordKind.SAFEGUARDING_CONCERN, c.id, c.raised_at, c.raised_by)
        for c in concerns
        if c.id in seen
    ]
    for r in session.scalars(
        select(ReviewRow).where(ReviewRow.person_id == pid, ReviewRow.status == "held")
    ):
        found.append(RecordMade(RecordKind.REVIEW_HELD, r.id, r.recorded_at, r.recorded_by))
    for g in session.scalars(
        select(AgreementVersionRow).where(AgreementVersionRow.person_id == pid)
    ):
        found.append(RecordMade(RecordKind.AGREEMENT, g.version, g.issued_at, g.issued_by))
    return found


def person_record(session: Session, by: Actor | None, person: PersonRow) -> PersonRecord:
    """The person's visits, manual statuses and evidencing records, as `by` may see them (every
    record when `by` is None: for services that have already checked staff access)."""
    return PersonRecord(
        visits=visits_of(session, person.id),
        manual=_manual(session, person.id),
        records=tuple(_records(session, by, person)),
    )

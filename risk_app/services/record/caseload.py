"""The caseload as one list: each person allocated to the team with their next review and whether
a safeguarding concern about them is open, read in a fixed number of queries however large the
team (the people, their reviews in batches, the open concerns), never a whole record per person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, SafeguardingConcernRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import Day, RecordId
from risk_app.domain.record.concern_lifecycle import ConcernState
from risk_app.domain.roles import Role
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for
from risk_app.services.record.reviews import ReviewPlan, plans_in_transaction


@dataclass(frozen=True, slots=True)
class CaseloadEntry:
    """One row of the caseload: who, where in the journey, the next review, any open concern."""

    id: int
    display_name: str
    preferred_name: str
    current_stage: str
    jurisdiction: str
    updated_at: datetime
    version: int
    review: ReviewPlan
    open_concern: int | None
    """The oldest concern about the person not yet closed (its id), or None."""


def _entries(
    session: Session, rows: list[PersonRow], concerns: dict[int, int], today: Day
) -> list[CaseloadEntry]:
    return [
        CaseloadEntry(
            id=row.id,
            display_name=row.display_name,
            preferred_name=row.preferred_name,
            current_stage=row.current_stage,
            jurisdiction=row.jurisdiction,
            updated_at=row.updated_at,
            version=row.version_id,
            review=plan,
            open_concern=concerns.get(row.id),
        )
        for row, plan in plans_in_transaction(session, rows, today)
    ]


def _open_concerns(session: Session, team_id: int) -> dict[int, int]:
    """Each team member's oldest open concern, in one query."""
    found = session.execute(
        select(SafeguardingConcernRow.person_id, SafeguardingConcernRow.id)
        .join(PersonRow, PersonRow.id == SafeguardingConcernRow.person_id)
        .where(
            PersonRow.team_id == team_id,
            SafeguardingConcernRow.state != ConcernState.CLOSED.value,
        )
        .order_by(SafeguardingConcernRow.id.desc())
    ).all()
    return {person_id: concern_id for person_id, concern_id in found}  # the oldest wins


@checked
def overview(store: Store, *, by: Actor, today: Day | None = None) -> list[CaseloadEntry]:
    """People allocated to the actor's team, by name, with their next review and open concern."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        if by.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER) or by.team_id is None:
            raise NotPermitted(
                "Only practitioners and team managers have a caseload.",
                object_type=AuditObject.CASELOAD,
            )
        rows = list(
            session.scalars(
                select(PersonRow)
                .where(PersonRow.team_id == by.team_id)
                .order_by(PersonRow.display_name, PersonRow.id)
            )
        )
        concerns = _open_concerns(session, by.team_id)
        entries = _entries(session, rows, concerns, today)
        # The list shows each person's name, stage and next review: the events name every record.
        shown = ",".join(f"{r.id}:{r.version_id}" for r in rows)
        audit.record(session, by, AuditAction.VIEW, AuditObject.CASELOAD, by.team_id, people=shown)
        if rows:
            audit.record(
                session,
                by,
                AuditAction.VIEW,
                AuditObject.REVIEWS_DUE,
                by.team_id,
                people=",".join(str(r.id) for r in rows),
            )
        return entries


@checked
def entry(
    store: Store, *, by: Actor, person_id: RecordId, today: Day | None = None
) -> CaseloadEntry:
    """One person's line of the caseload, for anyone who may read their record: what the record's
    header shows, read again after a save made in one of its sections."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        row = load_for(session, by, person_id, edit=False)
        oldest_open = session.scalar(
            select(SafeguardingConcernRow.id)
            .where(
                SafeguardingConcernRow.person_id == row.id,
                SafeguardingConcernRow.state != ConcernState.CLOSED.value,
            )
            .order_by(SafeguardingConcernRow.id)
            .limit(1)
        )
        concerns = {} if oldest_open is None else {row.id: oldest_open}
        audit.record(session, by, AuditAction.VIEW, AuditObject.PERSON, row.id, row.version_id)
        return _entries(session, [row], concerns, today)[0]

"""Oversight of safeguarding concerns: decisions waiting under each concern's nation's law (England's
Section 42, Scotland's decision to inquire, Wales's Section 126; with working days left), open
enquiries, and, for the safeguarding lead, counts and ages per state across the organisation.

A team manager (or practitioner) sees their own team's concerns, with the person's name; the
safeguarding lead sees the whole organisation's, by record number and team only (the lead's role
does not read case files), and the counts carry no names and no content.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    PersonRow,
    SafeguardingConcernEventRow,
    SafeguardingConcernRow,
    TeamRow,
)
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import Day
from risk_app.domain.record.concern_lifecycle import ConcernState, EnquiryKind, Step
from risk_app.domain.record.concern_words import WORDS, ConcernWords
from risk_app.domain.record.safeguarding_law import LawApplied
from risk_app.domain.record.working_days import (
    bank_holidays,
    day_in_england,
    decision_due,
    working_days_left,
)
from risk_app.domain.roles import Role
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.safeguarding import decision_working_days

TEAM_ROLES = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER})


@dataclass(frozen=True)
class WaitingDecision:
    concern_id: int
    person_id: int
    person_name: str | None
    """None for the safeguarding lead, whose role does not read case files."""
    team: str
    raised_on: date
    raised_by: str
    due: date
    working_days_left: int
    """Negative when the decision is late."""
    words: ConcernWords
    """The words of the nation whose law the concern follows ("Decision to inquire (s4)")."""


@dataclass(frozen=True)
class OpenEnquiry:
    concern_id: int
    person_id: int
    person_name: str | None
    team: str
    kind: EnquiryKind
    lead: str
    started_on: date
    days_open: int
    words: ConcernWords
    """The words of the nation whose law the concern follows ("Inquiry under s4")."""


@dataclass(frozen=True)
class StateCount:
    """How many concerns are in one state across the organisation, and how old they are (days since
    raised); ages are None for closed concerns and for an empty state."""

    state: ConcernState
    count: int
    oldest_days: int | None
    median_days: float | None
    late_decisions: int
    """For concerns waiting for their Section 42 decision: how many are past the due date."""


def _scope(by: Actor, what: AuditObject) -> int | None:
    """The team whose concerns `by` sees, or None for the whole organisation; refuses others."""
    if by.role is Role.SAFEGUARDING_LEAD or by.is_operator:
        return None
    if by.role in TEAM_ROLES and by.team_id is not None:
        return by.team_id
    raise NotPermitted(object_type=what)


def _rows(
    session: Session, team_id: int | None, state: ConcernState
) -> list[tuple[SafeguardingConcernRow, PersonRow, str]]:
    statement = (
        select(SafeguardingConcernRow, PersonRow, TeamRow.name)
        .join(PersonRow, PersonRow.id == SafeguardingConcernRow.person_id)
        .outerjoin(TeamRow, TeamRow.id == PersonRow.team_id)
        .where(SafeguardingConcernRow.state == state.value)
        .order_by(SafeguardingConcernRow.raised_at, SafeguardingConcernRow.id)
    )
    if team_id is not None:
        statement = statement.where(PersonRow.team_id == team_id)
    return [(c, p, t or "No team") for c, p, t in session.execute(statement).all()]


def _log(
    session: Session, by: Actor, what: AuditObject, team_id: int | None, ids: Sequence[int]
) -> None:
    audit.record(
        session,
        by,
        AuditAction.VIEW,
        what,
        team_id if team_id is not None else "organisation",
        concerns=",".join(str(i) for i in ids),
    )


@checked
def waiting_s42_decisions(
    store: Store, *, by: Actor, today: Day | None = None
) -> list[WaitingDecision]:
    """Concerns waiting for their Section 42 decision, oldest first, with the due date and working
    days left: the actor's team's, or the organisation's for the safeguarding lead."""
    today = today or day_in_england(datetime.now(UTC))
    what = AuditObject.SAFEGUARDING_DECISIONS_WAITING
    with audit.transaction(store, by) as session:
        days = decision_working_days(session)
        team_id = _scope(by, what)
        out: list[WaitingDecision] = []
        for concern, person, team in _rows(session, team_id, ConcernState.RAISED):
            holidays = _holidays(concern.law_applied)
            due = decision_due(day_in_england(concern.raised_at), days, holidays)
            out.append(
                WaitingDecision(
                    concern_id=concern.id,
                    person_id=person.id,
                    person_name=person.display_name if team_id is not None else None,
                    team=team,
                    raised_on=day_in_england(concern.raised_at),
                    raised_by=concern.raised_by,
                    due=due,
                    working_days_left=working_days_left(due, today, holidays),
                    words=_words(concern.law_applied),
                )
            )
        _log(session, by, what, team_id, [w.concern_id for w in out])
        return out


def _started(session: Session, concern_ids: list[int]) -> dict[int, datetime]:
    if not concern_ids:
        return {}
    found = session.execute(
        select(SafeguardingConcernEventRow.concern_id, SafeguardingConcernEventRow.at).where(
            SafeguardingConcernEventRow.concern_id.in_(concern_ids),
            SafeguardingConcernEventRow.step == Step.START_ENQUIRY.value,
        )
    ).all()
    return {concern_id: at for concern_id, at in found}


@checked
def open_enquiries(store: Store, *, by: Actor, today: Day | None = None) -> list[OpenEnquiry]:
    """Enquiries open (Section 42 or other), oldest first, with who leads each and for how long it
    has been open: the actor's team's, or the organisation's for the safeguarding lead."""
    today = today or day_in_england(datetime.now(UTC))
    what = AuditObject.SAFEGUARDING_ENQUIRIES_OPEN
    with audit.transaction(store, by) as session:
        team_id = _scope(by, what)
        rows = _rows(session, team_id, ConcernState.ENQUIRY)
        started = _started(session, [c.id for c, _, _ in rows])
        out = []
        for concern, person, team in rows:
            on = day_in_england(started.get(concern.id, concern.raised_at))
            out.append(
                OpenEnquiry(
                    concern_id=concern.id,
                    person_id=person.id,
                    person_name=person.display_name if team_id is not None else None,
                    team=team,
                    kind=EnquiryKind(concern.enquiry_kind or EnquiryKind.OTHER.value),
                    lead=concern.enquiry_lead,
                    started_on=on,
                    days_open=(today - on).days,
                    words=_words(concern.law_applied),
                )
            )
        out.sort(key=lambda e: (e.started_on, e.concern_id))
        _log(session, by, what, team_id, [e.concern_id for e in out])
        return out


@checked
def concern_counts(store: Store, *, by: Actor, today: Day | None = None) -> list[StateCount]:
    """For the safeguarding lead: how many concerns are in each state across the organisation and
    how old they are (days since raised), with late Section 42 decisions; no names, no content."""
    today = today or day_in_england(datetime.now(UTC))
    what = AuditObject.SAFEGUARDING_CONCERN_COUNTS
    with audit.transaction(store, by) as session:
        if not (by.role is Role.SAFEGUARDING_LEAD or by.is_operator):
            raise NotPermitted(object_type=what)
        days = decision_working_days(session)
        raised: dict[ConcernState, list[date]] = {s: [] for s in ConcernState}
        late_raised = 0
        for state, at, law in session.execute(
            select(
                SafeguardingConcernRow.state,
                SafeguardingConcernRow.raised_at,
                SafeguardingConcernRow.law_applied,
            )
        ).all():
            raised[ConcernState(state)].append(day_in_england(at))
            if state == ConcernState.RAISED.value:
                holidays = _holidays(law)
                due = decision_due(day_in_england(at), days, holidays)
                late_raised += working_days_left(due, today, holidays) < 0
        out = []
        for state in ConcernState:
            ages = [(today - d).days for d in raised[state]]
            aged = bool(ages) and state is not ConcernState.CLOSED
            late = late_raised if state is ConcernState.RAISED else 0
            out.append(
                StateCount(
                    state=state,
                    count=len(ages),
                    oldest_days=max(ages) if aged else None,
                    median_days=statistics.median(ages) if aged else None,
                    late_decisions=late,
                )
            )
        audit.record(
            session,
            by,
            AuditAction.VIEW,
            what,
            "organisation",
            counts=",".join(f"{c.state.value}:{c.count}" for c in out),
        )
        return out


def _holidays(law_applied: dict[str, object] | None) -> frozenset[date]:
    """The bank holidays of the nation a stored concern follows."""
    return bank_holidays(LawApplied.from_stored(law_applied).jurisdiction)


def _words(law_applied: dict[str, object] | None) -> ConcernWords:
    """The lifecycle's words of the nation a stored concern follows."""
    return WORDS[LawApplied.from_stored(law_applied).jurisdiction]

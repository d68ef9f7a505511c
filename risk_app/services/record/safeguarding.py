"""Raising a safeguarding concern and reading concerns with their lifecycle.

Raising records what may be happening (abuse types screened against the framework graph, which
leads to the route to follow, or "other / not sure" with a description), what the person wants to
happen (asked first: Making Safeguarding Personal) and the immediate action. The Section 42
decision is a later step of its own, by a team manager or the safeguarding lead
(`risk_app.services.record.concern_steps`; the lifecycle is `risk_app.domain.record.concern_lifecycle`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, SafeguardingConcernEventRow, SafeguardingConcernRow
from risk_app.config import Settings
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.disclosure import RecordPart
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.inputs import Code, RecordId
from risk_app.domain.record.concern_lifecycle import (
    ConcernFacts,
    ConcernState,
    EnquiryKind,
    OtherResponse,
    OutcomesAchieved,
    ReviewFollowUp,
    RiskAfter,
    Step,
    may_act,
    next_steps,
)
from risk_app.domain.record.concern_lifecycle import plan_warning as lifecycle_plan_warning
from risk_app.domain.record.safeguarding import (
    S42Outcome,
    S42Result,
    S42Test,
    Screening,
    s42_outcome,
    screen_concern,
)
from risk_app.domain.record.working_days import day_in_england, decision_due
from risk_app.domain.text import clean_long_text
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for
from risk_app.services.record.risks import check_risks_belong


@dataclass(frozen=True)
class ConcernEvent:
    """One step of a concern's history."""

    step: Step
    from_state: ConcernState | None
    to_state: ConcernState
    at: datetime
    by: str


@dataclass(frozen=True)
class ConcernView:
    id: int
    person_id: int
    state: ConcernState
    version: int
    raised_at: datetime
    raised_by: str
    screening: Screening
    abuse_other: str
    """What may be happening, in the raiser's words, when it is none of the listed types or they
    are not sure; empty otherwise."""
    person_wants: str
    immediate_action: str
    risk_id: int | None
    route_when_raised: tuple[str, ...]
    """Route node ids as the framework gave them when the concern was raised."""
    decision_due: date
    """When the Section 42 decision is (or was) due, in working days from raising."""
    s42: S42Outcome | None
    """The Section 42 decision; None until it is made."""
    s42_answers: tuple[bool | None, bool | None, bool | None]
    decision_reasons: str
    decided_at: datetime | None
    decided_by: str | None
    enquiry_kind: EnquiryKind | None
    enquiry_lead: str
    outcomes_asked: bool | None
    desired_outcomes: str
    outcomes_achieved: OutcomesAchieved | None
    risk_after: RiskAfter | None
    other_response: OtherResponse | None
    review_follow_up: ReviewFollowUp | None
    review_request_id: int | None
    closing_note: str
    history: tuple[ConcernEvent, ...]
    next_steps: tuple[Step, ...]
    """The steps the lifecycle allows now (whoever may take them)."""


def decision_working_days() -> int:
    """The configured number of working days for the Section 42 decision (default 2)."""
    return Settings.from_env().s42_decision_working_days


def facts_of(row: SafeguardingConcernRow) -> ConcernFacts:
    return ConcernFacts(
        ConcernState(row.state), S42Result(row.s42_result) if row.s42_result else None
    )


@checked
def screen(abuse_type_ids: list[Code]) -> Screening:
    """What the framework graph suggests doing about these abuse types (nothing is recorded)."""
    return screen_concern(framework_service.current(), abuse_type_ids)


@checked
def raise_concern(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    abuse_types: list[Code],
    person_wants: str,
    immediate_action: str = "",
    other_or_not_sure: str = "",
    risk_id: RecordId | None = None,
    raised_at: datetime | None = None,
) -> ConcernView:
    """Raise a concern: any member of staff allocated to the person, or the safeguarding lead (who
    raises it without reading the rest of the record). The Section 42 decision follows as a step of
    its own (`concern_steps.decide_s42`).

    `raised_at` is for the demo organisation and tests only (no page offers it): a concern raised
    some days ago, so that its Section 42 decision can be late. It cannot be in the future; the
    audit event keeps the real time it was recorded and says it was given."""
    screening = screen(abuse_types)
    other = clean_long_text(other_or_not_sure, "what may be happening (other / not sure)")
    if not screening.positive and not other:
        raise InvalidInput(
            "Choose at least one type of abuse or neglect that may be happening, or describe "
            "it under 'other / not sure'."
        )
    wants = clean_long_text(person_wants, "what the person wants to happen")
    if not wants:
        raise InvalidInput(
            "Record what the person wants to happen (or why they could not be asked): "
            "Making Safeguarding Personal asks this first."
        )
    action = clean_long_text(immediate_action, "immediate action")
    now = _raised_at(raised_at)
    with audit.transaction(store, by) as session:
        person = session.get(PersonRow, person_id)
        if person is None or not may_act(by, Step.RAISE, person.team_id):
            raise NotPermitted(object_type=AuditObject.PERSON, object_id=person_id)
        check_risks_belong(session, person_id, [risk_id])
        row = SafeguardingConcernRow(
            person_id=person_id,
            risk_id=risk_id,
            abuse_types=[a.id for a in screening.abuse_types],
            abuse_other=other,
            route=[r.id for r in screening.route],
            s42_result=None,
            person_wants=wants,
            immediate_action=action,
            raised_at=now,
            raised_by=by.username,
            framework_version=framework_service.version(),
            state=ConcernState.RAISED.value,
        )
        session.add(row)
        session.flush()
        add_event(session, row, Step.RAISE, None, ConcernState.RAISED, now, by)
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.SAFEGUARDING_CONCERN,
            row.id,
            row.version_id,
            person=person_id,
            step=Step.RAISE.value,
            state=ConcernState.RAISED.value,
            other_or_not_sure=bool(other),
            raised_at=now.isoformat() if raised_at is not None else None,
        )
        return view_in(session, row)


def _raised_at(given: datetime | None) -> datetime:
    now = datetime.now(UTC)
    if given is None:
        return now
    if given.tzinfo is None or given.utcoffset() is None:
        raise InvalidInput("Give the time the concern was raised with its time zone.")
    if given > now:
        raise InvalidInput("A concern cannot be raised in the future.")
    return given


def open_states(session: Session, person_id: int) -> list[tuple[int, ConcernState]]:
    """Each concern about the person not yet closed, with its state (inside a caller's
    transaction that checked access)."""
    found = session.execute(
        select(SafeguardingConcernRow.id, SafeguardingConcernRow.state)
        .where(
            SafeguardingConcernRow.person_id == person_id,
            SafeguardingConcernRow.state != ConcernState.CLOSED.value,
        )
        .order_by(SafeguardingConcernRow.id)
    ).all()
    return [(i, ConcernState(state)) for i, state in found]


@checked
def plan_warning(store: Store, *, by: Actor, person_id: RecordId) -> str | None:
    """What to warn before the person's plan is agreed: an open concern (waiting for its Section 42
    decision or in an enquiry) needs a reason to go on. None when nothing is open."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        states = open_states(session, person.id)
        audit.record_person_view(
            session, by, person, "open_concerns", concerns=",".join(str(i) for i, _ in states)
        )
        return lifecycle_plan_warning(states)


def add_event(
    session: Session,
    row: SafeguardingConcernRow,
    step: Step,
    source: ConcernState | None,
    target: ConcernState,
    at: datetime,
    by: Actor,
) -> None:
    """Append one step to the concern's history (inside the step's transaction)."""
    session.add(
        SafeguardingConcernEventRow(
            concern_id=row.id,
            step=step.value,
            from_state=source.value if source else None,
            to_state=target.value,
            at=at,
            by=by.username,
        )
    )
    session.flush()


@checked
def concerns_for(store: Store, *, by: Actor, person_id: RecordId) -> list[ConcernView]:
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = list(
            session.scalars(
                select(SafeguardingConcernRow)
                .where(SafeguardingConcernRow.person_id == person_id)
                .order_by(SafeguardingConcernRow.raised_at.desc(), SafeguardingConcernRow.id.desc())
            )
        )
        # The person's own account reads only the concerns shared with it (ADR 0010).
        rows = disclosure.readable(
            session, by, person, RecordPart.SAFEGUARDING_CONCERN, rows, lambda r: r.id
        )
        audit.record_person_view(
            session, by, person, "safeguarding", concerns=",".join(str(r.id) for r in rows)
        )
        return [view_in(session, row) for row in rows]


def view_in(session: Session, row: SafeguardingConcernRow) -> ConcernView:
    """A concern with its history, read inside a caller's transaction that checked access."""
    events = session.scalars(
        select(SafeguardingConcernEventRow)
        .where(SafeguardingConcernEventRow.concern_id == row.id)
        .order_by(SafeguardingConcernEventRow.at, SafeguardingConcernEventRow.id)
    )
    history = tuple(
        ConcernEvent(
            Step(e.step),
            ConcernState(e.from_state) if e.from_state else None,
            ConcernState(e.to_state),
            e.at,
            e.by,
        )
        for e in events
    )
    return concern_view(row, history)


def concern_view(
    row: SafeguardingConcernRow, history: tuple[ConcernEvent, ...] = ()
) -> ConcernView:
    decided = row.s42_result is not None and row.decided_at is not None
    answers = (row.needs, row.abuse_or_risk, row.unable_to_protect)
    s42 = None
    if decided:
        assert row.decided_at is not None
        s42 = s42_outcome(
            S42Test(*answers, recorded_at=row.decided_at, recorded_by=row.decided_by or "?")
        )
    return ConcernView(
        id=row.id,
        person_id=row.person_id,
        state=ConcernState(row.state),
        version=row.version_id,
        raised_at=row.raised_at,
        raised_by=row.raised_by,
        screening=screen(list(row.abuse_types)),
        abuse_other=row.abuse_other,
        person_wants=row.person_wants,
        immediate_action=row.immediate_action,
        risk_id=row.risk_id,
        route_when_raised=tuple(row.route),
        decision_due=decision_due(day_in_england(row.raised_at), decision_working_days()),
        s42=s42,
        s42_answers=answers if decided else (None, None, None),
        decision_reasons=row.decision_reasons,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        enquiry_kind=EnquiryKind(row.enquiry_kind) if row.enquiry_kind else None,
        enquiry_lead=row.enquiry_lead,
        outcomes_asked=row.outcomes_asked,
        desired_outcomes=row.desired_outcomes,
        outcomes_achieved=OutcomesAchieved(row.outcomes_achieved)
        if row.outcomes_achieved
        else None,
        risk_after=RiskAfter(row.risk_after) if row.risk_after else None,
        other_response=OtherResponse(row.other_response) if row.other_response else None,
        review_follow_up=ReviewFollowUp(row.review_follow_up) if row.review_follow_up else None,
        review_request_id=row.review_request_id,
        closing_note=row.closing_note,
        history=history,
        next_steps=next_steps(facts_of(row)),
    )

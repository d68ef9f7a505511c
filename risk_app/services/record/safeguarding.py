"""Raising a safeguarding concern and reading concerns with their lifecycle.

Raising records what may be happening (abuse types screened against the framework graph, which
leads to the route to follow, or "other / not sure" with a description), what the person wants to
happen (asked first: Making Safeguarding Personal) and the immediate action. The concern follows
the safeguarding law of the person's nation (`concern_law`): its decision (England's Section 42
decision, Scotland's decision to inquire, Wales's Section 126 decision) is a later step of its own,
by a team manager or the safeguarding lead (`risk_app.services.record.concern_steps`; the
lifecycle is `risk_app.domain.record.concern_lifecycle`), due in the nation's working days.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    PersonRow,
    PromptAnswerRow,
    SafeguardingConcernEventRow,
    SafeguardingConcernRow,
)
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
from risk_app.domain.record.concern_words import ENGLAND as ENGLISH_WORDS
from risk_app.domain.record.concern_words import WORDS, ConcernWords
from risk_app.domain.record.local_policy import (
    PolicyId,
    PolicySetting,
    s42_working_days,
    settings_in_force,
)
from risk_app.domain.record.safeguarding import (
    ENQUIRY_STEP,
    SELF_NEGLECT,
    SELF_NEGLECT_FORUM_TOUCHPOINT,
    S42Outcome,
    S42Result,
    Screening,
    screen_concern,
    with_other_or_not_sure,
)
from risk_app.domain.record.safeguarding_law import Answers, LawApplied, outcome
from risk_app.domain.record.working_days import bank_holidays, day_in_england, decision_due
from risk_app.domain.text import clean_long_text
from risk_app.services import audit, disclosure
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record import local_policy
from risk_app.services.record.concern_law import ConcernLaw, law_for, law_of
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
    law: ConcernLaw
    """The safeguarding law of the nation the concern follows, with its words."""
    law_applied: LawApplied
    """What the record keeps of it: the nation, the law book version, the test and answers."""
    decision_due: date
    """When the decision (England's Section 42 decision, Scotland's decision to inquire...) is (or
    was) due, in the nation's working days from raising."""
    decision_due_policy: str
    """The local policy that sets those working days, as shown beside the due date."""
    forum_reasons: str
    """Why a self-neglect concern went to the high-risk forum; empty when it did not."""
    forum_note: str
    """For a self-neglect concern: the framework's words on self-neglect and the Section 42
    duty (it may not call for an enquiry; case by case); empty for any other concern."""
    enquiry_duties: tuple[str, ...]
    """What the law requires for the enquiry given the person's answers, in the framework's words
    (e.g. an independent advocate: Care Act 2014 s68); empty when nothing is required."""
    s42: S42Outcome | None
    """The decision under the nation's test; None until it is made."""
    answers: Answers
    """Each condition's law book id and answer, in the law's order (unanswered until decided)."""
    s42_answers: tuple[bool | None, ...]
    """The answers alone, in the law's order."""
    decision_reasons: str
    decided_at: datetime | None
    decided_by: str | None
    enquiry_kind: EnquiryKind | None
    enquiry_lead: str
    outcomes_asked: bool | None
    outcomes_expressed: bool | None
    """Whether the person, asked, said what outcomes they wanted (None: not asked, or not
    recorded)."""
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


def decision_working_days(session: Session) -> int:
    """The number of working days for the Section 42 decision: the local policy as the
    safeguarding lead set it, else RISK_APP_S42_DECISION_WORKING_DAYS, else 2."""
    return s42_working_days(local_policy.in_force(session))


def facts_of(row: SafeguardingConcernRow) -> ConcernFacts:
    applied = LawApplied.from_stored(row.law_applied)
    return ConcernFacts(
        ConcernState(row.state),
        S42Result(row.s42_result) if row.s42_result else None,
        self_neglect=SELF_NEGLECT in row.abuse_types,
        words=WORDS[applied.jurisdiction],
    )


def _forum_note(row: SafeguardingConcernRow) -> str:
    """The framework's own words on self-neglect and the Section 42 duty, for a self-neglect
    concern (nothing when the framework in use has no such touchpoint)."""
    if SELF_NEGLECT not in row.abuse_types:
        return ""
    try:
        return framework_service.current().node(SELF_NEGLECT_FORUM_TOUCHPOINT).summary
    except KeyError:
        return ""


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
    raises it without reading the rest of the record). It follows the law of the person's nation
    (refused for a nation risk-app does not hold); the decision under that nation's test follows
    as a step of its own (`concern_steps.decide_s42`).

    `raised_at` is for the demo organisation and tests only (no page offers it): a concern raised
    some days ago, so that its Section 42 decision can be late. It cannot be in the future; the
    audit event keeps the real time it was recorded and says it was given."""
    other = clean_long_text(other_or_not_sure, "what may be happening (other / not sure)")
    screening = screen(with_other_or_not_sure(framework_service.current(), abuse_types, other))
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
        law = law_for(person.jurisdiction)
        applied = LawApplied(law.words.jurisdiction, law.version)
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
            law_applied=applied.stored(),
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
            jurisdiction=applied.jurisdiction.value,
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
        return lifecycle_plan_warning(states, words_of_person(person))


def words_of_person(person: PersonRow) -> ConcernWords:
    """The lifecycle's words for the person's nation (England's for a nation not held, whose
    concerns are refused when raised)."""
    held = {j.value: w for j, w in WORDS.items()}
    return held.get(person.jurisdiction, ENGLISH_WORDS)


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
    return concern_view(row, history, enquiry_duties=_enquiry_duties(session, row))


def _enquiry_duties(session: Session, row: SafeguardingConcernRow) -> tuple[str, ...]:
    """Touchpoints the person's newest answers make required at the framework's enquiry step,
    where they apply in the person's jurisdiction: their summaries (no answer is shown)."""
    person = session.get(PersonRow, row.person_id)
    graph = framework_service.current()
    if person is None or ENQUIRY_STEP not in {n.id for n in graph.nodes()}:
        return ()
    answers: dict[str, str] = {
        a.prompt_id: a.answer
        for a in session.scalars(
            select(PromptAnswerRow)
            .where(PromptAnswerRow.person_id == row.person_id)
            .order_by(PromptAnswerRow.answered_at, PromptAnswerRow.id)
        )
    }
    return tuple(
        n.summary
        for n in graph.required_touchpoints(ENQUIRY_STEP, answers)
        if n.applies_in(person.jurisdiction)
    )


def concern_view(
    row: SafeguardingConcernRow,
    history: tuple[ConcernEvent, ...] = (),
    policies: Mapping[PolicyId, PolicySetting] | None = None,
    enquiry_duties: tuple[str, ...] = (),
) -> ConcernView:
    if policies is None:
        session = object_session(row)
        policies = (
            local_policy.in_force(session)
            if session is not None
            else settings_in_force((), s42_days=local_policy.env_s42_days())
        )
    decided = row.s42_result is not None and row.decided_at is not None
    applied, law = law_of(row)
    answers: Answers = (
        applied.answers if decided else tuple((c.id, None) for c in law.law.conditions)
    )
    s42 = outcome(law.law, law.words, dict(answers)) if decided else None
    raised_on = day_in_england(row.raised_at)
    return ConcernView(
        id=row.id,
        person_id=row.person_id,
        state=ConcernState(row.state),
        version=row.version_id,
        raised_at=row.raised_at,
        raised_by=row.raised_by,
        screening=screen(list(row.abuse_types)),
        abuse_other=row.abuse_other,
        forum_reasons=row.forum_reasons,
        forum_note=_forum_note(row),
        enquiry_duties=enquiry_duties,
        person_wants=row.person_wants,
        immediate_action=row.immediate_action,
        risk_id=row.risk_id,
        route_when_raised=tuple(row.route),
        law=law,
        law_applied=applied,
        decision_due=decision_due(
            raised_on, s42_working_days(policies), bank_holidays(applied.jurisdiction)
        ),
        decision_due_policy=policies[PolicyId.S42_DECISION_WORKING_DAYS].caption,
        s42=s42,
        answers=answers,
        s42_answers=tuple(a for _, a in answers),
        decision_reasons=row.decision_reasons,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        enquiry_kind=EnquiryKind(row.enquiry_kind) if row.enquiry_kind else None,
        enquiry_lead=row.enquiry_lead,
        outcomes_asked=row.outcomes_asked,
        outcomes_expressed=row.outcomes_expressed,
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

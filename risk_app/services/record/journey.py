"""A person's journey through the framework: prompt answers, touchpoints done, where safeguarding
links in at each stage. What each stage asks comes from the framework graph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    PersonRow,
    PromptAnswerRow,
    TouchpointStatusRow,
)
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, RecordId
from risk_app.domain.record.journey import StageJourney, StageLine, journey_map, stage_journey
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.stage_visits import latest_visit, record_sentence
from risk_app.domain.record.stages import reached, stage_for_answer
from risk_app.domain.text import clean_long_text
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record import stage_record
from risk_app.services.record.people import PersonView, load_for, view_of


@dataclass(frozen=True, slots=True)
class JourneyView:
    person: PersonView
    current: StageJourney
    stages: tuple[StageLine, ...]
    answers: dict[str, str]


def _answers(session: Session, person_id: int) -> dict[str, str]:
    """The newest answer to each prompt (earlier answers are kept, but do not count)."""
    rows = session.scalars(
        select(PromptAnswerRow)
        .where(PromptAnswerRow.person_id == person_id)
        .order_by(PromptAnswerRow.answered_at, PromptAnswerRow.id)
    )
    return {r.prompt_id: r.answer for r in rows}


def stage_journey_in_transaction(
    session: Session, person: PersonRow, stage_id: str, *, by: Actor | None = None
) -> StageJourney:
    """Where safeguarding links in at `stage_id` for `person`, in the latest visit of that stage,
    inside the caller's transaction (which has already checked access). With `by`, restricted
    records `by` may not read are left out; without, every record counts (for staff services)."""
    graph = framework_service.current()
    if stage_id not in {s.id for s in graph.stages()}:
        raise InvalidInput(f"Unknown stage {stage_id!r}.")
    return stage_journey(
        graph,
        stage_id,
        budget_option=person.budget_option or None,
        answers=_answers(session, person.id),
        record=stage_record.person_record(session, by, person),
        jurisdiction=person.jurisdiction,
    )


@checked
def journey(
    store: Store, *, by: Actor, person_id: RecordId, stage: Code | None = None
) -> JourneyView:
    """The person's record with where safeguarding links in at `stage` (default: current stage),
    each touchpoint as the latest visit of that stage stands."""
    graph = framework_service.current()
    with audit.transaction(store, by) as session:
        row = load_for(session, by, person_id, edit=False)
        person = view_of(session, row, with_history=True)
        answers = _answers(session, person_id)
        record = stage_record.person_record(session, by, row)
        audit.record_person_view(session, by, row, "journey")
    stage_id = stage or person.current_stage
    if stage_id not in {s.id for s in graph.stages()}:
        raise InvalidInput(f"Unknown stage {stage_id!r}.")
    current = stage_journey(
        graph,
        stage_id,
        budget_option=person.budget_option,
        answers=answers,
        record=record,
        jurisdiction=person.jurisdiction,
    )
    lines = journey_map(
        graph,
        current=person.current_stage,
        budget_option=person.budget_option,
        answers=answers,
        record=record,
        jurisdiction=person.jurisdiction,
    )
    return JourneyView(person, current, tuple(lines), answers)


@checked
def answer_prompt(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    prompt_id: Code,
    answer: str,
    stage: Code | None = None,
) -> None:
    """Record an answer to a framework prompt asked at a stage the person has reached (`stage`, or
    by default the current stage if it asks the prompt, else the latest reached stage that does).

    Every answer is kept with the stage visit it was given at; the newest one counts. Giving the
    answer that already counts again records nothing.
    """
    graph = framework_service.current()
    try:
        prompt = graph.node(prompt_id)
    except KeyError:
        raise InvalidInput(f"Unknown prompt {prompt_id!r}.") from None
    if not prompt.is_prompt:
        raise InvalidInput(f"{prompt_id} is not a prompt.")
    answer = clean_long_text(answer, "answer")
    if not answer:
        raise InvalidInput("Give an answer, or leave the question for later.")
    if not prompt.accepts_answer(answer):
        allowed = (
            "yes or no" if str(prompt.answer_type) == "yes_no" else ", ".join(prompt.options or ())
        )
        raise InvalidInput(f"Answer {prompt_id} with {allowed}.")
    order = [s.id for s in graph.stages()]
    asked_at = [s for s in order if prompt_id in {p.id for p in graph.prompts_for(s)}]
    if stage is not None and stage not in asked_at:
        raise InvalidInput(f"{prompt_id} is not asked at {stage}.")
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        if not prompt.applies_in(person.jurisdiction):
            raise InvalidInput(
                f"{prompt_id} is not asked of a person in {person.jurisdiction.title()}."
            )
        # Each stage reached, with its latest visit (visits come oldest first).
        visits = {v.stage: v.id for v in stage_record.visits_of(session, person_id)}
        reached_stages = reached(order, visits)
        if stage is not None and stage not in reached_stages:
            raise InvalidInput(
                f"The person has not reached {stage} yet: move them there first, then answer it."
            )
        at = stage or stage_for_answer(asked_at, reached_stages, person.current_stage)
        if _answers(session, person_id).get(prompt_id) == answer:
            return
        row = PromptAnswerRow(
            person_id=person_id,
            prompt_id=prompt_id,
            answer=answer,
            answered_at=now,
            answered_by=by.username,
            framework_version=graph.version,
            stage_visit_id=visits[at],
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.PROMPT_ANSWER,
            row.id,
            person=person_id,
            prompt=prompt_id,
            stage=at,
        )


@checked
def record_touchpoint(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    touchpoint_id: Code,
    state: TouchpointState | str,
    note: str = "",
    stage: Code | None = None,
) -> None:
    """Mark a touchpoint done, not applicable (with a reason), or outstanding again, for the
    person's latest visit of `stage` (default: their current stage). Earlier statuses are kept;
    a touchpoint a record already evidences in that visit is not typed again."""
    graph = framework_service.current()
    try:
        node = graph.node(touchpoint_id)
    except KeyError:
        raise InvalidInput(f"Unknown touchpoint {touchpoint_id!r}.") from None
    if str(node.type) != "touchpoint":
        raise InvalidInput(f"{touchpoint_id} is not a safeguarding touchpoint.")
    try:
        state = TouchpointState(state)
    except ValueError:
        raise InvalidInput("Choose done, not applicable or outstanding.") from None
    note = clean_long_text(note, "note")
    if state is TouchpointState.NOT_APPLICABLE and not note:
        raise InvalidInput("Say why this touchpoint does not apply to this person.")
    if stage is not None and stage not in {s.id for s in graph.stages()}:
        raise InvalidInput(f"Unknown stage {stage!r}.")
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        stage_id = stage or person.current_stage
        visit = latest_visit(stage_record.visits_of(session, person_id), stage_id)
        if visit is None:
            raise InvalidInput(
                f"{person.display_name} has not reached stage {stage_id} yet: "
                "a touchpoint is recorded for a stage they are in or have been in."
            )
        found = stage_journey_in_transaction(session, person, stage_id, by=by)
        line = next((t for t in found.touchpoints if t.node.id == touchpoint_id), None)
        if line is None:
            raise InvalidInput(f"{touchpoint_id} is not a touchpoint of stage {stage_id}.")
        if line.evidence is not None:
            raise InvalidInput(
                f"{touchpoint_id} is already done: {record_sentence(line.evidence)} "
                f"({line.evidence.where}). A record is not set aside by hand."
            )
        if line.manual is not None and (line.manual.state, line.manual.note) == (state, note):
            return
        row = TouchpointStatusRow(
            person_id=person_id,
            stage=stage_id,
            stage_history_id=visit.id,
            touchpoint_id=touchpoint_id,
            state=state.value,
            note=note,
            recorded_at=datetime.now(UTC),
            recorded_by=by.username,
            framework_version=graph.version,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CHANGE,
            AuditObject.TOUCHPOINT_STATUS,
            row.id,
            person=person_id,
            touchpoint=touchpoint_id,
            state=state.value,
            stage=stage_id,
            visit=visit.id,
        )

"""The questions of one stage the person has reached, each with the answer that counts, who gave
it and when, and the earlier answers kept beneath it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from framework import Node
from risk_app.adapters.db import Store
from risk_app.adapters.tables import PromptAnswerRow, StageHistoryRow
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, RecordId
from risk_app.domain.record.stages import reached
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record.people import load_for


@dataclass(frozen=True, slots=True)
class GivenAnswer:
    answer: str
    answered_at: datetime
    answered_by: str
    stage: str | None
    """The stage whose visit the answer was given at (None for an answer older than that)."""


@dataclass(frozen=True, slots=True)
class PromptHistory:
    node: Node
    answers: tuple[GivenAnswer, ...]
    """Newest first: the first one counts."""
    triggers: tuple[Node, ...]
    """Touchpoints the answer that counts asks to be considered for this person (only those of
    their jurisdiction); whether one is required is the journey's `required` flag."""

    @property
    def current(self) -> GivenAnswer | None:
        return self.answers[0] if self.answers else None

    @property
    def earlier(self) -> tuple[GivenAnswer, ...]:
        return self.answers[1:]


@dataclass(frozen=True, slots=True)
class StagePrompts:
    stage: Node
    current_stage: str
    reached: tuple[Node, ...]
    """The stages the person has reached, in the framework's order: their questions can be
    answered."""
    prompts: tuple[PromptHistory, ...]


@checked
def stage_prompts(
    store: Store, *, by: Actor, person_id: RecordId, stage: Code | None = None
) -> StagePrompts:
    """The questions of `stage` (default: the current stage), which the person must have reached."""
    graph = framework_service.current()
    order = [s.id for s in graph.stages()]
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        visits = {
            v.id: v.stage
            for v in session.scalars(
                select(StageHistoryRow).where(StageHistoryRow.person_id == person_id)
            )
        }
        reached_stages = reached(order, visits.values())
        current_stage = person.current_stage
        chosen = stage or current_stage
        if chosen not in reached_stages:
            raise InvalidInput(f"The person has not reached {chosen} yet.")
        jurisdiction = person.jurisdiction
        nodes = graph.prompts_for(
            chosen, budget_option=person.budget_option or None, jurisdiction=jurisdiction
        )
        rows = session.scalars(
            select(PromptAnswerRow)
            .where(
                PromptAnswerRow.person_id == person_id,
                PromptAnswerRow.prompt_id.in_([n.id for n in nodes]),
            )
            .order_by(PromptAnswerRow.answered_at.desc(), PromptAnswerRow.id.desc())
        )
        given: dict[str, list[GivenAnswer]] = {}
        for r in rows:
            visit = visits.get(r.stage_visit_id) if r.stage_visit_id is not None else None
            given.setdefault(r.prompt_id, []).append(
                GivenAnswer(r.answer, r.answered_at, r.answered_by, visit)
            )
        audit.record_person_view(session, by, person, "prompts", stage=chosen)
    return StagePrompts(
        stage=graph.node(chosen),
        current_stage=current_stage,
        reached=tuple(graph.node(s) for s in reached_stages),
        prompts=tuple(
            PromptHistory(
                node,
                tuple(given.get(node.id, ())),
                graph.triggered_by(node.id, given[node.id][0].answer, jurisdiction=jurisdiction)
                if node.id in given
                else (),
            )
            for node in nodes
        ),
    )

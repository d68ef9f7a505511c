"""Where safeguarding links in, for one person at one stage: pure, from the framework graph.

A stage's touchpoints and prompts come from the graph (never from page code). Answers to prompts
can make further touchpoints required (for example, children living in or visiting the home make a
DBS check with a children's barred-list check required when a personal assistant is employed).
Each touchpoint is done, not applicable, or outstanding for this person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from framework import FrameworkGraph, Node
from risk_app.domain.record.people import TouchpointState


@dataclass(frozen=True, slots=True)
class TouchpointLine:
    node: Node
    state: TouchpointState
    required: bool
    """An answer has made this touchpoint mandatory for this person."""
    triggered_by: tuple[str, ...]
    """Prompt ids whose answers triggered it."""
    note: str = ""

    @property
    def outstanding(self) -> bool:
        return self.state is TouchpointState.OUTSTANDING


@dataclass(frozen=True, slots=True)
class PromptLine:
    node: Node
    answer: str | None


@dataclass(frozen=True, slots=True)
class StageJourney:
    stage: Node
    touchpoints: tuple[TouchpointLine, ...]
    assessment_prompts: tuple[PromptLine, ...]
    management_prompts: tuple[PromptLine, ...]
    routes: tuple[Node, ...]

    @property
    def required_outstanding(self) -> tuple[TouchpointLine, ...]:
        return tuple(t for t in self.touchpoints if t.required and t.outstanding)

    @property
    def done(self) -> int:
        return sum(t.state is TouchpointState.DONE for t in self.touchpoints)


@dataclass(frozen=True, slots=True)
class StageLine:
    """One stage on the person's journey map."""

    stage: Node
    visited: bool
    current: bool
    done: tuple[str, ...]
    outstanding: tuple[str, ...]
    required_outstanding: tuple[str, ...]


def _option(budget_option: str | None) -> str | None:
    return budget_option or None


def stage_journey(
    graph: FrameworkGraph,
    stage_id: str,
    *,
    budget_option: str | None,
    answers: Mapping[str, str],
    states: Mapping[str, tuple[TouchpointState, str]],
) -> StageJourney:
    option = _option(budget_option)
    required = {n.id for n in graph.required_touchpoints(stage_id, answers)}
    triggers: dict[str, list[str]] = {}
    for prompt_id, answer in answers.items():
        for node in graph.triggered_by(prompt_id, answer):
            triggers.setdefault(node.id, []).append(prompt_id)
    nodes = list(graph.touchpoints_for(stage_id, budget_option=option))
    nodes += [graph.node(t) for t in sorted(required) if t not in {n.id for n in nodes}]
    lines = tuple(
        TouchpointLine(
            node=node,
            state=states.get(node.id, (TouchpointState.OUTSTANDING, ""))[0],
            required=node.id in required,
            triggered_by=tuple(triggers.get(node.id, ())) if node.id in required else (),
            note=states.get(node.id, (TouchpointState.OUTSTANDING, ""))[1],
        )
        for node in nodes
    )

    def prompts(kind: str) -> tuple[PromptLine, ...]:
        return tuple(
            PromptLine(node, answers.get(node.id))
            for node in graph.prompts_for(stage_id, kind=kind, budget_option=option)
        )

    return StageJourney(
        stage=graph.node(stage_id),
        touchpoints=lines,
        assessment_prompts=prompts("assessment"),
        management_prompts=prompts("management"),
        routes=graph.routes_for(stage_id),
    )


def journey_map(
    graph: FrameworkGraph,
    *,
    visited: Sequence[str],
    current: str,
    budget_option: str | None,
    answers: Mapping[str, str],
    states: Mapping[str, tuple[TouchpointState, str]],
) -> list[StageLine]:
    """Every stage, with which of its touchpoints are done and which are missing for this person."""
    lines = []
    for stage in graph.stages():
        journey = stage_journey(
            graph, stage.id, budget_option=budget_option, answers=answers, states=states
        )
        lines.append(
            StageLine(
                stage=stage,
                visited=stage.id in visited,
                current=stage.id == current,
                done=tuple(t.node.id for t in journey.touchpoints if not t.outstanding),
                outstanding=tuple(t.node.id for t in journey.touchpoints if t.outstanding),
                required_outstanding=tuple(t.node.id for t in journey.required_outstanding),
            )
        )
    return lines

"""Where safeguarding links in, for one person at one stage: pure, from the framework graph.

A stage's touchpoints and prompts come from the graph (never from page code), only those that apply
in the person's jurisdiction (a DBS check in England and Wales, PVG membership in Scotland). An
answer makes a further touchpoint required only where a framework link is marked `required`; the
bundled framework marks none (children in the home do not make a barred-list check a duty).
Each touchpoint is done (by a record that evidences it, or by hand), not applicable, outstanding,
or not reached yet, for the latest visit of the stage (`stage_visits`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from framework import FrameworkGraph, Node
from risk_app.domain.record.evidence import RecordMade
from risk_app.domain.record.people import TouchpointState
from risk_app.domain.record.stage_visits import ManualStatus, PersonRecord, stage_statuses


@dataclass(frozen=True, slots=True)
class TouchpointLine:
    node: Node
    state: TouchpointState
    required: bool
    """An answer has made this touchpoint mandatory for this person."""
    triggered_by: tuple[str, ...]
    """Prompt ids whose answers triggered it."""
    note: str = ""
    """The manual status's note (why it does not apply, or what was done)."""
    reached: bool = True
    """False for a stage the person has not entered: "not reached yet"."""
    evidence: RecordMade | None = None
    """The record that evidences this touchpoint in this visit."""
    manual: ManualStatus | None = None
    """The newest manual status set for this visit, if any."""
    conflict: str = ""
    """Names a record that replaced a manual "not applicable" or "outstanding", or ''."""

    @property
    def outstanding(self) -> bool:
        return self.reached and self.state is TouchpointState.OUTSTANDING


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
    record: PersonRecord,
    jurisdiction: str,
) -> StageJourney:
    """The stage for one person: `jurisdiction` is theirs (england, scotland or wales)."""
    option = _option(budget_option)
    required = {
        n.id for n in graph.required_touchpoints(stage_id, answers, jurisdiction=jurisdiction)
    }
    triggers: dict[str, list[str]] = {}
    for prompt_id, answer in answers.items():
        for node in graph.triggered_by(prompt_id, answer, jurisdiction=jurisdiction):
            triggers.setdefault(node.id, []).append(prompt_id)
    nodes = list(graph.touchpoints_for(stage_id, budget_option=option, jurisdiction=jurisdiction))
    nodes += [graph.node(t) for t in sorted(required) if t not in {n.id for n in nodes}]
    statuses = stage_statuses(graph, stage_id, [n.id for n in nodes], record)
    lines = tuple(
        TouchpointLine(
            node=node,
            state=statuses[node.id].state,
            required=node.id in required,
            triggered_by=tuple(triggers.get(node.id, ())) if node.id in required else (),
            note=(manual.note if (manual := statuses[node.id].manual) else ""),
            reached=statuses[node.id].reached,
            evidence=statuses[node.id].evidence,
            manual=statuses[node.id].manual,
            conflict=statuses[node.id].conflict,
        )
        for node in nodes
    )

    def prompts(kind: str) -> tuple[PromptLine, ...]:
        return tuple(
            PromptLine(node, answers.get(node.id))
            for node in graph.prompts_for(
                stage_id, kind=kind, budget_option=option, jurisdiction=jurisdiction
            )
        )

    return StageJourney(
        stage=graph.node(stage_id),
        touchpoints=lines,
        assessment_prompts=prompts("assessment"),
        management_prompts=prompts("management"),
        routes=graph.routes_for(stage_id, jurisdiction=jurisdiction),
    )


def journey_map(
    graph: FrameworkGraph,
    *,
    current: str,
    budget_option: str | None,
    answers: Mapping[str, str],
    record: PersonRecord,
    jurisdiction: str,
) -> list[StageLine]:
    """Every stage, with which of its touchpoints are done and which are missing for this person
    in the latest visit of that stage (a stage not reached has none done and none missing)."""
    visited = {v.stage for v in record.visits}
    lines = []
    for stage in graph.stages():
        journey = stage_journey(
            graph,
            stage.id,
            budget_option=budget_option,
            answers=answers,
            record=record,
            jurisdiction=jurisdiction,
        )
        touchpoints = journey.touchpoints
        lines.append(
            StageLine(
                stage=stage,
                visited=stage.id in visited,
                current=stage.id == current,
                done=tuple(t.node.id for t in touchpoints if t.reached and not t.outstanding),
                outstanding=tuple(t.node.id for t in touchpoints if t.outstanding),
                # A stage not reached still shows what an answer will make required there.
                required_outstanding=tuple(
                    t.node.id
                    for t in touchpoints
                    if t.required and t.state is TouchpointState.OUTSTANDING
                ),
            )
        )
    return lines

"""How far a council's own SDS process carries out the framework's safeguarding touchpoints.

The unit of the report is a *placement*: a touchpoint the framework puts at a stage (a
``has_touchpoint`` link from a stage). The Raise-a-concern touchpoint that the framework puts at
every stage is nine placements. For each placement the local process is:

- **covered** when a local stage mapped to that framework stage implements the touchpoint;
- **misplaced** when it is not covered, but the touchpoint is implemented at a local stage that
  maps to a framework stage where the framework does *not* place it (or that maps to no
  framework stage): the check happens, only at the wrong point in the journey;
- **missing** otherwise (not implemented anywhere it would count, and nowhere out of place).

Everything a local stage does beyond the placements of its framework stage is a **local extra**
of that stage: the council's own checks, and framework touchpoints the graph places at other
stages. Local stages that map to no framework stage are listed apart.

Only touchpoints that apply in the process's jurisdiction are placements (a Scottish council's
process is never missing the DBS touchpoint, an English one never PVG membership); a process that
does not say its jurisdiction is judged as English, and the report's notes say so.

A placement is **conditional** when the framework makes the touchpoint depend on the person:
it is specific to some ways of managing the budget (``specific_to`` links), or a prompt's answer
makes it mandatory (a ``may_trigger`` link marked ``required``). Every other placement is
**required**: it applies to everyone at that stage.

**Coverage** = covered placements ÷ all placements, as whole percent rounded down (so 99.6 %
shows as 99 %, never as a rounded-up 100 %). It is given for all placements, which is the
headline, and separately for required and conditional placements. Misplaced placements do not
count as covered. The process is **aligned** when no placement is missing or misplaced.

Each placement carries the **origin** of its ``has_touchpoint`` link: the framework's own text,
our synthesis or local policy. In the bundled framework every placement is our synthesis (the
framework's own stage-by-stage links could not be found), so the report says so and never
presents a synthesis placement as what the framework says. ``align(..., origin=...)`` judges
only the placements of one origin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from framework import FrameworkGraph, LinkType, Node, NodeType, Origin
from framework.schema import SYNTHESIS_CAVEAT
from risk_app.domain import words
from risk_app.domain.assurance.conformance_rules import UNKNOWN_JURISDICTION_JUDGED_AS
from risk_app.domain.assurance.local_process import LocalProcess, LocalStage
from risk_app.domain.assurance.process_alignment_report import (
    ORIGIN_PLACEMENT_WORDS,
    PLACED_BY,
    REPORT_FORMAT,
    AlignmentReport,
    Coverage,
    ExtraKind,
    LocalExtra,
    LocalPlace,
    Need,
    OutsideStage,
    PlacementResult,
    PlacementStatus,
    StageResult,
    StageStatus,
    render_text,
)

__all__ = [
    "ORIGIN_PLACEMENT_WORDS",
    "REPORT_FORMAT",
    "SYNTHESIS_CAVEAT",
    "AlignmentReport",
    "Coverage",
    "ExtraKind",
    "LocalExtra",
    "LocalPlace",
    "Need",
    "OutsideStage",
    "PlacementResult",
    "PlacementStatus",
    "StageResult",
    "StageStatus",
    "align",
    "render_text",
    "touchpoint_condition",
]

# --------------------------------------------------------------------------- building the report


def touchpoint_condition(graph: FrameworkGraph, touchpoint_id: str) -> str | None:
    """When a touchpoint depends on the person (``None``: it applies to everyone).

    From the framework graph: the budget options it is specific to, and the prompt answers that
    make it mandatory (``may_trigger`` links marked ``required``).
    """
    parts: list[str] = []
    options = graph.budget_options_for(touchpoint_id)
    if options:
        parts.append("only for " + words.either(f"{o.label.lower()}" for o in options))
    for link in graph.links(target=touchpoint_id, type=LinkType.MAY_TRIGGER):
        if link.required:
            prompt = graph.node(link.source)
            question = prompt.text or prompt.label
            answer = f"'{link.when}'" if link.when else "anything"
            parts.append(f"required when {prompt.id} ('{question}') is answered {answer}")
    return "; ".join(parts) or None


def _stage_name(node: Node) -> str:
    return f"{node.id} '{node.label}'"


class _Context:
    """Lookups shared while building one report."""

    def __init__(
        self, process: LocalProcess, graph: FrameworkGraph, local: Mapping[str, str] | None
    ) -> None:
        self.process = process
        self.graph = graph
        self.local = local or {}
        self.jurisdiction = process.jurisdiction or UNKNOWN_JURISDICTION_JUDGED_AS
        self.stage_ids = [s.id for s in graph.stages()]
        self.where_done: dict[str, list[LocalStage]] = {}
        for stage in process.stages:
            for tp in stage.implements:
                self.where_done.setdefault(tp, []).append(stage)
        self.conditions: dict[str, str | None] = {}

    def condition(self, tp_id: str) -> str | None:
        if tp_id not in self.conditions:
            parts = [touchpoint_condition(self.graph, tp_id), self.local.get(tp_id)]
            self.conditions[tp_id] = "; ".join(p for p in parts if p) or None
        return self.conditions[tp_id]

    def placed_at(self, tp_id: str) -> list[str]:
        """SDS stages the framework graph places a touchpoint at."""
        return [n.id for n in self.graph.stages_of(tp_id) if n.type is NodeType.STAGE]


def align(
    process: LocalProcess,
    graph: FrameworkGraph,
    local: Mapping[str, str] | None = None,
    *,
    origin: Origin | str | None = None,
) -> AlignmentReport:
    """Compare a local process with a framework version (see the module docstring).

    ``local``: touchpoint → when local policy requires it (`local_policy.local_conditions`), in
    words. ``origin`` judges only the placements of that origin (for example only the framework's
    own text); local extras are still listed.
    """
    ctx = _Context(process, graph, local)
    chosen = Origin(origin) if origin is not None else None
    stages = tuple(_stage_result(ctx, stage, chosen) for stage in graph.stages())
    placements = [p for s in stages for p in s.placements]
    return AlignmentReport(
        framework_version=graph.version,
        framework_title=graph.title,
        process_title=process.title,
        organisation=process.organisation,
        source=process.source,
        declared_framework_version=process.framework_version,
        stages=stages,
        outside_framework=tuple(_outside(ctx, s) for s in process.stages if s.maps_to is None),
        coverage=_coverage(placements),
        required_coverage=_coverage([p for p in placements if p.need is Need.REQUIRED]),
        conditional_coverage=_coverage([p for p in placements if p.need is Need.CONDITIONAL]),
        notes=_notes(process, graph),
        origin_filter=chosen,
    )


def _coverage(placements: Sequence[PlacementResult]) -> Coverage:
    def count(status: PlacementStatus) -> int:
        return sum(1 for p in placements if p.status is status)

    return Coverage(
        covered=count(PlacementStatus.COVERED),
        misplaced=count(PlacementStatus.MISPLACED),
        missing=count(PlacementStatus.MISSING),
        total=len(placements),
    )


def _notes(process: LocalProcess, graph: FrameworkGraph) -> tuple[str, ...]:
    notes: list[str] = []
    declared = process.framework_version
    if declared and declared != graph.version:
        notes.append(
            f"The process says it was mapped against framework {declared}; it is judged here "
            f"against framework {graph.version}, the version in use. Check that its stage and "
            "touchpoint ids still mean the same."
        )
    if process.jurisdiction is None:
        nation = UNKNOWN_JURISDICTION_JUDGED_AS.capitalize()
        notes.append(
            "The process does not say which nation's law it follows (jurisdiction: england, "
            f"scotland or wales), so it was judged against the touchpoints that apply in {nation}."
        )
    return tuple(notes)


def _stage_result(ctx: _Context, stage: Node, origin: Origin | None) -> StageResult:
    local = ctx.process.stages_mapped_to(stage.id)
    every = tuple(
        _placement(ctx, stage, tp, local)
        for tp in ctx.graph.touchpoints_for(stage.id, jurisdiction=ctx.jurisdiction)
    )
    expected = {p.touchpoint_id for p in every}
    placements = tuple(p for p in every if origin is None or p.origin is origin)
    extras = tuple(e for s in local for e in _extras(ctx, stage, s, expected))
    if not local:
        status = StageStatus.NOT_MAPPED
    elif all(p.status is PlacementStatus.COVERED for p in placements):
        status = StageStatus.ALIGNED
    else:
        status = StageStatus.GAPS
    return StageResult(
        stage_id=stage.id,
        order=stage.order or 0,
        label=stage.label,
        local_stages=tuple(s.name for s in local),
        status=status,
        placements=placements,
        extras=extras,
    )


def _placement(
    ctx: _Context, stage: Node, tp: Node, local: Sequence[LocalStage]
) -> PlacementResult:
    condition = ctx.condition(tp.id)
    need = Need.CONDITIONAL if condition else Need.REQUIRED
    origin = ctx.graph.placement_origin(stage.id, tp.id)
    heading = f"Stage {stage.order} '{stage.label}': {tp.id} '{tp.label}'"
    done_at = tuple(s.name for s in local if tp.id in s.implements)
    placed_at = ctx.placed_at(tp.id)
    found_at = tuple(
        LocalPlace(local_stage=s.name, maps_to=s.maps_to)
        for s in ctx.where_done.get(tp.id, [])
        if s.maps_to not in placed_at
    )
    if done_at:
        status = PlacementStatus.COVERED
        sentence = f"{heading} is done at local stage {_names(done_at)}."
    elif found_at:
        status = PlacementStatus.MISPLACED
        where = "; and at ".join(_place_words(ctx, f) for f in found_at)
        sentence = f"{heading} is implemented at {where}; {PLACED_BY[origin]} {_and(placed_at)}."
    else:
        status = PlacementStatus.MISSING
        if not local:
            sentence = f"{heading} is missing: no local stage maps to {stage.id}."
        else:
            sentence = f"{heading} is missing: no local stage mapped to {stage.id} implements it."
    if need is Need.CONDITIONAL and status is not PlacementStatus.COVERED:
        sentence += f" (Conditional: {condition}.)"
    return PlacementResult(
        touchpoint_id=tp.id,
        touchpoint_label=tp.label,
        need=need,
        condition=condition,
        status=status,
        done_at=done_at,
        found_at=found_at,
        sentence=sentence,
        origin=origin,
    )


def _names(names: Sequence[str]) -> str:
    return _and([f"'{n}'" for n in names])


def _and(items: Sequence[str]) -> str:
    return words.all_of(items) or "no stage"


def _place_words(ctx: _Context, place: LocalPlace) -> str:
    if place.maps_to is None:
        return f"local stage '{place.local_stage}', which maps to no framework stage"
    return f"local stage '{place.local_stage}', which maps to {place.maps_to}"


def _extras(ctx: _Context, stage: Node, local: LocalStage, expected: set[str]) -> list[LocalExtra]:
    heading = f"Stage {stage.order} '{stage.label}'"
    extras: list[LocalExtra] = []
    for tp_id in local.implements:
        if tp_id in expected:
            continue
        tp = ctx.graph.node(tp_id)
        places = tuple(n.id for n in ctx.graph.stages_of(tp_id))
        placed_by = PLACED_BY[_origin_of_placements(ctx.graph, tp_id, places)]
        if any(p in ctx.stage_ids for p in places):
            where = f"{placed_by} {_and(list(places))}"
        else:
            where = f"{placed_by} the safeguarding process ({_and(list(places))})"
        extras.append(
            LocalExtra(
                local_stage=local.name,
                kind=ExtraKind.OTHER_STAGE_TOUCHPOINT,
                item=tp_id,
                label=tp.label,
                framework_places_at=places,
                sentence=(
                    f"{heading}: local stage '{local.name}' also implements {tp_id} "
                    f"'{tp.label}'; {where}."
                ),
            )
        )
    for check in local.local_checks:
        extras.append(
            LocalExtra(
                local_stage=local.name,
                kind=ExtraKind.LOCAL_CHECK,
                item=check,
                label=check,
                framework_places_at=(),
                sentence=(
                    f"{heading}: local stage '{local.name}' adds its own check '{check}', "
                    "which the framework does not name."
                ),
            )
        )
    return extras


def _origin_of_placements(graph: FrameworkGraph, tp_id: str, places: Sequence[str]) -> Origin:
    """The origin the placements of a touchpoint share; synthesis when they differ."""
    origins = {graph.placement_origin(place, tp_id) for place in places}
    return origins.pop() if len(origins) == 1 else Origin.SYNTHESIS


def _outside(ctx: _Context, local: LocalStage) -> OutsideStage:
    parts = [f"{tp} '{ctx.graph.node(tp).label}'" for tp in local.implements]
    parts += [f"its own check '{c}'" for c in local.local_checks]
    does = f" It does {_and(parts)}." if parts else ""
    return OutsideStage(
        name=local.name,
        implements=local.implements,
        local_checks=local.local_checks,
        sentence=f"Local stage '{local.name}' maps to no framework stage.{does}",
    )


# --------------------------------------------------------------------------- text

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

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field

from framework import FrameworkGraph, LinkType, Node, NodeType, Origin
from risk_app.domain import words
from risk_app.domain.assurance.conformance_rules import UNKNOWN_JURISDICTION_JUDGED_AS
from risk_app.domain.assurance.local_process import LocalProcess, LocalStage

REPORT_FORMAT = 1
"""Bumped whenever the JSON shape changes incompatibly."""

SYNTHESIS_CAVEAT = (
    "Placements marked as our synthesis are ours: risk-app placed these touchpoints at these "
    "stages from the sources it cites, because the framework's own stage-by-stage safeguarding "
    "links could not be found. They are not the framework's own text."
)
"""Said wherever placements are reported (screens, exports, the board report)."""

ORIGIN_PLACEMENT_WORDS = {
    Origin.FRAMEWORK_TEXT: "the framework's own text",
    Origin.SYNTHESIS: "our synthesis, not the framework's text",
    Origin.LOCAL_POLICY: "local policy",
}

_PLACED_BY = {
    Origin.FRAMEWORK_TEXT: "the framework's own text places it at",
    Origin.SYNTHESIS: "our synthesis (not the framework's own text) places it at",
    Origin.LOCAL_POLICY: "local policy places it at",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PlacementStatus(StrEnum):
    COVERED = "covered"
    MISSING = "missing"
    MISPLACED = "misplaced"


class Need(StrEnum):
    """Whether a placement applies to everyone at the stage or depends on the person."""

    REQUIRED = "required"
    CONDITIONAL = "conditional"


class StageStatus(StrEnum):
    """A framework stage at a glance, for the overlay."""

    ALIGNED = "aligned"
    """Some local stage maps here and every placement is covered."""
    GAPS = "gaps"
    """Some local stage maps here, but at least one placement is missing or misplaced."""
    NOT_MAPPED = "not_mapped"
    """No local stage maps to this framework stage."""


class ExtraKind(StrEnum):
    LOCAL_CHECK = "local_check"
    """A safeguarding check of the council's own, not named by the framework."""
    OTHER_STAGE_TOUCHPOINT = "other_stage_touchpoint"
    """A framework touchpoint that the graph places at other stages (or in the
    safeguarding process), not at this one."""


class LocalPlace(_Frozen):
    """A local stage and the framework stage it maps to (``None``: none)."""

    local_stage: str
    maps_to: str | None


class PlacementResult(_Frozen):
    """One touchpoint the framework graph places at one stage, and what the local process does."""

    touchpoint_id: str
    touchpoint_label: str
    need: Need
    condition: str | None
    """For a conditional placement: when it applies, in words."""
    status: PlacementStatus
    done_at: tuple[str, ...]
    """Local stages mapped to this framework stage that implement it (covered)."""
    found_at: tuple[LocalPlace, ...]
    """Where it is implemented instead (misplaced)."""
    sentence: str
    origin: Origin = Origin.SYNTHESIS
    """Whose placement this is: the ``has_touchpoint`` link's origin."""


class LocalExtra(_Frozen):
    """Something a local stage does beyond its framework stage's placements."""

    local_stage: str
    kind: ExtraKind
    item: str
    """The council's check in its own words, or a touchpoint id."""
    label: str
    framework_places_at: tuple[str, ...]
    """For a touchpoint: the stages (or safeguarding steps) the graph places it at."""
    sentence: str


class StageResult(_Frozen):
    """One framework stage: its local stages, each placement's status and the local extras."""

    stage_id: str
    order: int
    label: str
    local_stages: tuple[str, ...]
    status: StageStatus
    placements: tuple[PlacementResult, ...]
    extras: tuple[LocalExtra, ...]

    def with_status(self, status: PlacementStatus) -> tuple[PlacementResult, ...]:
        return tuple(p for p in self.placements if p.status is status)

    @property
    def heading(self) -> str:
        return f"Stage {self.order} '{self.label}' ({self.stage_id})"


class OutsideStage(_Frozen):
    """A local stage that maps to no framework stage."""

    name: str
    implements: tuple[str, ...]
    local_checks: tuple[str, ...]
    sentence: str


class Coverage(_Frozen):
    """Covered placements out of a total, with the gaps split into missing and misplaced."""

    covered: int
    misplaced: int
    missing: int
    total: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percent(self) -> int:
        """Whole percent covered, rounded down; 100 when there is nothing to cover."""
        return 100 if self.total == 0 else (100 * self.covered) // self.total

    def describe(self) -> str:
        return f"{self.covered} of {self.total} ({self.percent}%)"


class AlignmentReport(_Frozen):
    """The whole comparison of one local process with one framework version."""

    framework_version: str
    framework_title: str
    process_title: str
    organisation: str | None
    source: str
    declared_framework_version: str | None
    stages: tuple[StageResult, ...]
    outside_framework: tuple[OutsideStage, ...]
    coverage: Coverage
    required_coverage: Coverage
    conditional_coverage: Coverage
    notes: tuple[str, ...]
    origin_filter: Origin | None = None
    """Only placements of this origin were judged (``None``: all)."""

    def placements_by_origin(self) -> dict[str, int]:
        """How many placements of each origin were judged."""
        counts = dict.fromkeys((o.value for o in Origin), 0)
        for stage in self.stages:
            for p in stage.placements:
                counts[p.origin.value] += 1
        return counts

    def provenance_sentence(self) -> str:
        """Whose placements these are, in words, for every rendering of the report."""
        counts = self.placements_by_origin()
        total = sum(counts.values())
        parts = [
            f"{n} of {total} {'is' if n == 1 else 'are'} {ORIGIN_PLACEMENT_WORDS[Origin(o)]}"
            for o, n in counts.items()
            if n
        ]
        judged = "; ".join(parts) if parts else "no placement was judged"
        chosen = (
            f" Only placements that are {ORIGIN_PLACEMENT_WORDS[self.origin_filter]} were judged."
            if self.origin_filter
            else ""
        )
        return f"Whose placements: {judged}.{chosen} {SYNTHESIS_CAVEAT}"

    @property
    def aligned(self) -> bool:
        return self.coverage.missing == 0 and self.coverage.misplaced == 0

    @property
    def extras_count(self) -> int:
        return sum(len(s.extras) for s in self.stages)

    def summary(self) -> str:
        """One or two sentences for the top of any rendering."""
        c = self.coverage
        headline = (
            f"Coverage {c.percent}%: {c.covered} of {c.total} touchpoint "
            f"placements are covered (required {self.required_coverage.describe()}, "
            f"conditional {self.conditional_coverage.describe()}), judged against framework "
            f"{self.framework_version}."
        )
        if self.aligned:
            return headline + " Nothing is missing or misplaced."
        return (
            headline + f" {c.missing} missing, {c.misplaced} misplaced, "
            f"{self.extras_count} local extras."
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; the shape is documented in docs/process-audit.md."""
        return {
            "report": "process_alignment",
            "format": REPORT_FORMAT,
            "ok": True,
            "framework": {"version": self.framework_version, "title": self.framework_title},
            "process": {
                "title": self.process_title,
                "organisation": self.organisation,
                "source": self.source,
                "declared_framework_version": self.declared_framework_version,
            },
            "aligned": self.aligned,
            "summary": self.summary(),
            "coverage": {
                "all": self.coverage.model_dump(mode="json"),
                "required": self.required_coverage.model_dump(mode="json"),
                "conditional": self.conditional_coverage.model_dump(mode="json"),
            },
            "stages": [s.model_dump(mode="json") for s in self.stages],
            "outside_framework": [s.model_dump(mode="json") for s in self.outside_framework],
            "notes": list(self.notes),
            "origin_filter": self.origin_filter.value if self.origin_filter else None,
            "placements_by_origin": self.placements_by_origin(),
            "provenance": self.provenance_sentence(),
        }

    def overlay(self) -> dict[str, Any]:
        """What a drawing of the local process over the framework graph needs.

        ``stages``: framework stage id → its status and the local stage names mapped to it;
        ``placements``: one entry per stage → touchpoint edge with its status and need;
        ``local_stages``: the local stages in process order with what each maps to;
        ``extras``: local extras by framework stage id.
        """
        return {
            "framework_version": self.framework_version,
            "stages": {
                s.stage_id: {
                    "label": s.label,
                    "status": s.status.value,
                    "local_stages": list(s.local_stages),
                }
                for s in self.stages
            },
            "placements": [
                {
                    "stage_id": s.stage_id,
                    "touchpoint_id": p.touchpoint_id,
                    "status": p.status.value,
                    "need": p.need.value,
                    "origin": p.origin.value,
                }
                for s in self.stages
                for p in s.placements
            ],
            "local_stages": [
                {"name": place.local_stage, "maps_to": place.maps_to}
                for place in self._local_order()
            ],
            "extras": {
                s.stage_id: [e.model_dump(mode="json") for e in s.extras]
                for s in self.stages
                if s.extras
            },
        }

    def _local_order(self) -> list[LocalPlace]:
        seen: dict[str, LocalPlace] = {}
        for s in self.stages:
            for name in s.local_stages:
                seen.setdefault(name, LocalPlace(local_stage=name, maps_to=s.stage_id))
        for outside in self.outside_framework:
            seen.setdefault(outside.name, LocalPlace(local_stage=outside.name, maps_to=None))
        return list(seen.values())

    def table_rows(self) -> list[dict[str, str]]:
        """The table alternative to the overlay: one row per placement, then one per extra."""
        rows: list[dict[str, str]] = []
        for s in self.stages:
            local = ", ".join(s.local_stages) or "(none)"
            for p in s.placements:
                where = ", ".join(p.done_at) or ", ".join(
                    f"{f.local_stage} ({f.maps_to or 'no framework stage'})" for f in p.found_at
                )
                rows.append(
                    {
                        "Framework stage": f"{s.stage_id} {s.label}",
                        "Local stages": local,
                        "Touchpoint": f"{p.touchpoint_id} {p.touchpoint_label}",
                        "Whose placement": ORIGIN_PLACEMENT_WORDS[p.origin],
                        "Need": p.need.value,
                        "Status": p.status.value,
                        "Done at": where,
                    }
                )
            for e in s.extras:
                rows.append(
                    {
                        "Framework stage": f"{s.stage_id} {s.label}",
                        "Local stages": local,
                        "Touchpoint": _extra_name(e),
                        "Whose placement": "",
                        "Need": "",
                        "Status": "local extra",
                        "Done at": e.local_stage,
                    }
                )
        return rows


def _extra_name(extra: LocalExtra) -> str:
    if extra.kind is ExtraKind.LOCAL_CHECK:
        return extra.label
    return f"{extra.item} {extra.label}"


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

    def __init__(self, process: LocalProcess, graph: FrameworkGraph) -> None:
        self.process = process
        self.graph = graph
        self.jurisdiction = process.jurisdiction or UNKNOWN_JURISDICTION_JUDGED_AS
        self.stage_ids = [s.id for s in graph.stages()]
        self.where_done: dict[str, list[LocalStage]] = {}
        for stage in process.stages:
            for tp in stage.implements:
                self.where_done.setdefault(tp, []).append(stage)
        self.conditions: dict[str, str | None] = {}

    def condition(self, tp_id: str) -> str | None:
        if tp_id not in self.conditions:
            self.conditions[tp_id] = touchpoint_condition(self.graph, tp_id)
        return self.conditions[tp_id]

    def placed_at(self, tp_id: str) -> list[str]:
        """SDS stages the framework graph places a touchpoint at."""
        return [n.id for n in self.graph.stages_of(tp_id) if n.type is NodeType.STAGE]


def align(
    process: LocalProcess, graph: FrameworkGraph, *, origin: Origin | str | None = None
) -> AlignmentReport:
    """Compare a local process with a framework version (see the module docstring).

    ``origin`` judges only the placements of that origin (for example only the framework's own
    text); local extras are still listed.
    """
    ctx = _Context(process, graph)
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
        sentence = f"{heading} is implemented at {where}; {_PLACED_BY[origin]} {_and(placed_at)}."
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
        placed_by = _PLACED_BY[_origin_of_placements(ctx.graph, tp_id, places)]
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


_MARK = {
    PlacementStatus.COVERED: "covered  ",
    PlacementStatus.MISSING: "MISSING  ",
    PlacementStatus.MISPLACED: "MISPLACED",
}


def render_text(report: AlignmentReport) -> str:
    """A plain-text report for a terminal or an email: summary, then stage by stage."""
    org = f" ({report.organisation})" if report.organisation else ""
    lines = [
        f"Process alignment: {report.process_title}{org}",
        f"Source: {report.source}",
        f"Judged against: framework {report.framework_version}, {report.framework_title}",
        "",
        report.summary(),
        report.provenance_sentence(),
        *[f"Note: {note}" for note in report.notes],
    ]
    for stage in report.stages:
        local = ", ".join(f"'{n}'" for n in stage.local_stages) or "none"
        lines += ["", stage.heading, f"  Local stages: {local}"]
        for p in stage.placements:
            lines.append(
                f"  {_MARK[p.status]} {p.touchpoint_id} {p.touchpoint_label} ({p.need}; "
                f"placement: {ORIGIN_PLACEMENT_WORDS[p.origin]})"
            )
        lines += [f"  extra     {_extra_name(e)} (at '{e.local_stage}')" for e in stage.extras]
        gaps = [p for p in stage.placements if p.status is not PlacementStatus.COVERED]
        for p in gaps:
            lines.append(f"  - {p.sentence}")
        for e in stage.extras:
            lines.append(f"  - {e.sentence}")
    if report.outside_framework:
        lines += ["", "Local stages outside the framework"]
        lines += [f"  - {o.sentence}" for o in report.outside_framework]
    return "\n".join(lines) + "\n"

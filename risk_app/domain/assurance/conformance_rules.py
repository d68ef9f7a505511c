"""The case audit's rules, read off the framework graph once (:func:`derive_rules`).

Never written per report, so a revised framework file changes the audit without touching this
code (docs/adr/0007-case-conformance-rules-from-the-graph.md):

- **Expected touchpoints.** At each stage a case reached, the stage's touchpoints
  (``has_touchpoint``) are expected, except those some prompt answer can trigger (targets of a
  ``may_trigger`` link are conditional), those specific to a budget option the case does not use
  (``specific_to``; a case whose option is unknown is not held to option-specific touchpoints)
  and those that do not apply in the case's jurisdiction (a node's ``jurisdictions``: a Scottish
  case is never held to the DBS touchpoint, an English one never to PVG). A case whose
  jurisdiction is unknown is judged as English, and the report says how many were
  (:data:`UNKNOWN_JURISDICTION_JUDGED_AS`).
- **Triggered touchpoints.** A ``may_trigger`` link marked ``required`` makes its touchpoint
  expected once the prompt was answered with the link's ``when``, at the touchpoint's stages that
  the case reached. Links not marked ``required`` are something to consider, not a duty.
- **Order.** A touchpoint done must fall within a visit of one of its stages: from entering the
  stage until the case entered another stage. A touchpoint done exactly when the next stage began
  still counts; one done before any of its stages began, or only after the next stage began, does
  not. Each touchpoint is judged once per case: done in order at least once is enough.
- **Prerequisite records.** A record that is signed off (a record type with ``signed_by`` links)
  rests on the records made by the unconditional touchpoints of earlier stages (``recorded_as``):
  in the bundled framework, a support plan or risk agreement agreed before any risk assessment.
- **Timeliness.** For the budget options that the review stage's own touchpoints are specific to
  (direct payments), the first review is due within six months of the start and each later one
  within twelve months of the last (:mod:`risk_app.domain.record.plan`). The review stage is the
  source of the graph's ``loop: review`` link; a review is an event of that stage or of a
  touchpoint only that stage has.

- **Whose placement.** Each expected touchpoint keeps the origin of its ``has_touchpoint``
  link: the framework's own text, our synthesis or local policy. In the bundled framework every
  placement is our synthesis, and reports say so. ``derive_rules(graph, origin=...)`` expects
  only the placements of one origin (for example only the framework's own text).

:mod:`risk_app.domain.assurance.conformance_check` applies them to each case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from framework import FrameworkGraph, LinkType, NodeType, Origin
from framework.schema import AnswerType
from risk_app.domain.assurance.conformance_trace import EventKind
from risk_app.domain.record.plan import (
    FIRST_DIRECT_PAYMENT_REVIEW_MONTHS,
    REVIEW_INTERVAL_MONTHS,
)

_KIND_OF_NODE = {
    NodeType.STAGE: EventKind.STAGE,
    NodeType.TOUCHPOINT: EventKind.TOUCHPOINT,
    NodeType.ASSESSMENT_PROMPT: EventKind.PROMPT,
    NodeType.MANAGEMENT_PROMPT: EventKind.PROMPT,
    NodeType.BUDGET_OPTION: EventKind.BUDGET_OPTION,
    NodeType.RECORD_TYPE: EventKind.RECORD,
}


UNKNOWN_JURISDICTION_JUDGED_AS = "england"
"""The jurisdiction a case with none recorded (an event log's case) is judged under. Event logs
came from English councils until now, and the framework's touchpoints were England's; the report
says how many cases were judged so (docs/adr/0012-touchpoints-by-jurisdiction.md)."""


@dataclass(frozen=True, slots=True)
class ExpectedTouchpoint:
    touchpoint: str
    options: frozenset[str]
    """Budget options it is specific to; empty means every option."""
    jurisdictions: frozenset[str] = frozenset()
    """Jurisdictions it applies in; empty means every jurisdiction."""


@dataclass(frozen=True, slots=True)
class RequiredTrigger:
    """An answer to a prompt that makes a touchpoint required."""

    prompt: str
    when: str | None
    """The answer that triggers it; None means any answer."""
    yes_no: bool
    """Yes/no answers are compared ignoring case and surrounding spaces."""
    touchpoint: str

    def fires(self, answer: str) -> bool:
        if self.when is None:
            return True
        if self.yes_no:
            return answer.strip().lower() == self.when
        return answer == self.when


@dataclass(frozen=True, slots=True)
class Prerequisite:
    """A signed-off record that needs another record made before it."""

    record: str
    requires: str
    record_stage: str
    """The earliest stage at which something records ``record``."""
    requires_stage: str
    """The earliest stage at which something records ``requires``."""


@dataclass(frozen=True, slots=True)
class ReviewSchedule:
    stage: str
    """The review stage (the source of the graph's review loop)."""
    items: frozenset[str]
    """Events that count as a review: the stage and the touchpoints only it has."""
    options: frozenset[str]
    """Budget options the schedule applies to: those the stage's own touchpoints are specific to."""
    first_months: int
    interval_months: int


@dataclass(frozen=True, slots=True)
class PromptSpec:
    yes_no: bool
    options: tuple[str, ...] | None
    """The choices of a choice prompt; None for yes/no and free text."""

    def accepts(self, answer: str) -> bool:
        if self.yes_no:
            return answer.strip().lower() in ("yes", "no")
        if self.options is not None:
            return answer in self.options
        return True


@dataclass(frozen=True)
class ConformanceRules:
    """Everything the audit checks, as read off one framework version."""

    framework_version: str
    framework_title: str
    stages: tuple[str, ...]
    """Stage ids in journey order."""
    touchpoints: tuple[str, ...]
    """Touchpoint ids in file order."""
    labels: Mapping[str, str]
    kinds: Mapping[str, EventKind]
    """Per framework item: what an event of it says happened."""
    expected: Mapping[str, tuple[ExpectedTouchpoint, ...]]
    """Per stage: the touchpoints expected whenever a case reaches it."""
    triggers: Mapping[str, tuple[RequiredTrigger, ...]]
    """Per prompt: answers that make a touchpoint required."""
    touchpoint_stages: Mapping[str, tuple[str, ...]]
    """Per touchpoint: the stages it belongs to, in journey order."""
    prerequisites: tuple[Prerequisite, ...]
    review: ReviewSchedule | None
    prompts: Mapping[str, PromptSpec]
    ids: Mapping[str, str] = field(repr=False)
    """Upper-cased id → id, to accept ``st1`` for ``ST1``."""
    stage_sets: Mapping[str, frozenset[str]] = field(repr=False, default_factory=dict)
    placement_origins: Mapping[str, str] = field(default_factory=dict)
    """Per touchpoint: whose placement it is at its stages (``synthesis`` when they differ)."""
    origin_filter: str | None = None
    """Only placements of this origin are expected (``None``: all)."""
    """Per touchpoint: its stages, as a set."""
    touchpoint_jurisdictions: Mapping[str, frozenset[str]] = field(repr=False, default_factory=dict)
    """Per touchpoint that applies only in some jurisdictions: those jurisdictions."""
    cache: dict[tuple[tuple[str, ...], str | None, str], dict[str, tuple[str, str | None]]] = field(
        repr=False, default_factory=dict, compare=False
    )
    """Expected touchpoints by (stages reached, budget option, jurisdiction): journeys repeat,
    so do these."""

    def applies_in(self, touchpoint: str, jurisdiction: str) -> bool:
        """Whether a touchpoint applies to a case in ``jurisdiction``."""
        where = self.touchpoint_jurisdictions.get(touchpoint)
        return where is None or jurisdiction in where

    def label(self, item: str) -> str:
        return self.labels.get(item, item)

    def describe(self) -> dict[str, object]:
        """The derived rules as plain data (for reports and the documentation)."""
        return {
            "origin_filter": self.origin_filter,
            "placement_origins": dict(self.placement_origins),
            "expected_touchpoints": {
                stage: [
                    {
                        "touchpoint": e.touchpoint,
                        "only_for_budget_options": sorted(e.options),
                        "only_in_jurisdictions": sorted(e.jurisdictions),
                    }
                    for e in self.expected[stage]
                ]
                for stage in self.stages
            },
            "unknown_jurisdiction_judged_as": UNKNOWN_JURISDICTION_JUDGED_AS,
            "required_triggers": [
                {"prompt": t.prompt, "answer": t.when, "touchpoint": t.touchpoint}
                for prompt in self.triggers
                for t in self.triggers[prompt]
            ],
            "prerequisites": [
                {
                    "record": p.record,
                    "requires": p.requires,
                    "record_stage": p.record_stage,
                    "requires_stage": p.requires_stage,
                }
                for p in self.prerequisites
            ],
            "review_schedule": None
            if self.review is None
            else {
                "stage": self.review.stage,
                "counts_as_review": sorted(self.review.items),
                "budget_options": sorted(self.review.options),
                "first_within_months": self.review.first_months,
                "then_within_months": self.review.interval_months,
            },
        }


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _prompt_spec(graph: FrameworkGraph, prompt_id: str) -> PromptSpec:
    node = graph.node(prompt_id)
    if node.answer_type is AnswerType.YES_NO:
        return PromptSpec(yes_no=True, options=None)
    if node.answer_type is AnswerType.CHOICE:
        return PromptSpec(yes_no=False, options=tuple(node.options or ()))
    return PromptSpec(yes_no=False, options=None)


def _triggers(
    graph: FrameworkGraph, origin: Origin | None, stages: tuple[str, ...]
) -> dict[str, tuple[RequiredTrigger, ...]]:
    """Required triggers; with ``origin``, only those whose touchpoint is placed with it."""
    found: dict[str, list[RequiredTrigger]] = {}
    for link in graph.links(type=LinkType.MAY_TRIGGER):
        if not link.required:
            continue
        if origin is not None and not any(
            graph.placement_origin(stage.id, link.target) is origin
            for stage in graph.stages_of(link.target)
            if stage.id in stages
        ):
            continue
        yes_no = graph.node(link.source).answer_type is AnswerType.YES_NO
        when = link.when.strip().lower() if link.when is not None and yes_no else link.when
        found.setdefault(link.source, []).append(
            RequiredTrigger(link.source, when, yes_no, link.target)
        )
    return {prompt: tuple(triggers) for prompt, triggers in found.items()}


def _prerequisites(
    graph: FrameworkGraph,
    stages: tuple[str, ...],
    expected: Mapping[str, tuple[ExpectedTouchpoint, ...]],
    touchpoint_stages: Mapping[str, tuple[str, ...]],
) -> tuple[Prerequisite, ...]:
    position = {stage: index for index, stage in enumerate(stages)}

    def home(record: str) -> int | None:
        """The earliest stage at which something records this record type."""
        found: list[int] = []
        for link in graph.links(target=record, type=LinkType.RECORDED_AS):
            source = graph.node(link.source)
            if source.type is NodeType.TOUCHPOINT:
                found += [position[s] for s in touchpoint_stages.get(source.id, ())]
            elif source.is_prompt:
                found += [
                    position[ask.source]
                    for ask in graph.links(target=source.id, type=LinkType.ASKS)
                    if ask.source in position
                ]
        return min(found) if found else None

    signed = _unique(
        link.source
        for link in graph.links(type=LinkType.SIGNED_BY)
        if graph.node(link.source).type is NodeType.RECORD_TYPE
    )
    result: list[Prerequisite] = []
    for record in signed:
        start = home(record)
        if start is None:
            continue
        earlier = _unique(
            link.target
            for stage in stages[:start]
            for item in expected[stage]
            if not item.options and not item.jurisdictions
            for link in graph.links(source=item.touchpoint, type=LinkType.RECORDED_AS)
            if link.target != record
        )
        for needed in earlier:
            needed_at = home(needed)
            assert needed_at is not None  # an expected touchpoint of an earlier stage records it
            result.append(Prerequisite(record, needed, stages[start], stages[needed_at]))
    return tuple(result)


def _review(
    graph: FrameworkGraph, touchpoint_stages: Mapping[str, tuple[str, ...]]
) -> ReviewSchedule | None:
    loops = _unique(link.source for link in graph.review_loops())
    if len(loops) != 1:
        return None
    stage = loops[0]
    own = [tp.id for tp in graph.touchpoints_for(stage) if touchpoint_stages.get(tp.id) == (stage,)]
    options = frozenset(o.id for tp in own for o in graph.budget_options_for(tp))
    if not options:
        return None
    return ReviewSchedule(
        stage=stage,
        items=frozenset({stage, *own}),
        options=options,
        first_months=FIRST_DIRECT_PAYMENT_REVIEW_MONTHS,
        interval_months=REVIEW_INTERVAL_MONTHS,
    )


def _placement_origins(graph: FrameworkGraph, stages: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for stage in stages:
        for tp in graph.touchpoints_for(stage):
            found.setdefault(tp.id, set()).add(graph.placement_origin(stage, tp.id).value)
    return {
        tp: origins.pop() if len(origins) == 1 else Origin.SYNTHESIS.value
        for tp, origins in found.items()
    }


def derive_rules(graph: FrameworkGraph, origin: Origin | str | None = None) -> ConformanceRules:
    """Read the audit's rules off the framework graph (see the module docstring).

    ``origin`` expects only the placements of that origin; ``None`` expects them all.
    """
    chosen = Origin(origin) if origin is not None else None
    stages = tuple(node.id for node in graph.stages())
    conditional = {link.target for link in graph.links(type=LinkType.MAY_TRIGGER)}
    stages_of: dict[str, list[str]] = {}
    expected: dict[str, tuple[ExpectedTouchpoint, ...]] = {}
    for stage in stages:
        touchpoints = graph.touchpoints_for(stage)
        for tp in touchpoints:
            stages_of.setdefault(tp.id, []).append(stage)
        expected[stage] = tuple(
            ExpectedTouchpoint(
                tp.id,
                frozenset(o.id for o in graph.budget_options_for(tp.id)),
                frozenset(j.value for j in tp.jurisdictions or ()),
            )
            for tp in touchpoints
            if tp.id not in conditional
            and (chosen is None or graph.placement_origin(stage, tp.id) is chosen)
        )
    touchpoint_stages = {tp: tuple(found) for tp, found in stages_of.items()}
    nodes = graph.nodes()
    return ConformanceRules(
        framework_version=graph.version,
        framework_title=graph.title,
        stages=stages,
        touchpoints=tuple(n.id for n in graph.nodes(NodeType.TOUCHPOINT)),
        labels={n.id: n.label for n in nodes},
        kinds={n.id: _KIND_OF_NODE.get(n.type, EventKind.OTHER) for n in nodes},
        expected=expected,
        triggers=_triggers(graph, chosen, stages),
        touchpoint_stages=touchpoint_stages,
        prerequisites=_prerequisites(graph, stages, expected, touchpoint_stages),
        review=_review(graph, touchpoint_stages),
        prompts={n.id: _prompt_spec(graph, n.id) for n in nodes if n.is_prompt},
        ids={n.id.upper(): n.id for n in nodes},
        stage_sets={tp: frozenset(found) for tp, found in touchpoint_stages.items()},
        placement_origins=_placement_origins(graph, stages),
        origin_filter=chosen.value if chosen else None,
        touchpoint_jurisdictions={
            n.id: frozenset(j.value for j in n.jurisdictions)
            for n in graph.nodes(NodeType.TOUCHPOINT)
            if n.jurisdictions is not None
        },
    )

"""Case conformance: did each case's journey follow the framework? Pure, and derived from the graph.

The rules are read off the framework graph once (:func:`derive_rules`), never written per report,
so a revised framework file changes the audit without touching this code (docs/adr/0006):

- **Expected touchpoints.** At each stage a case reached, the stage's touchpoints
  (``has_touchpoint``) are expected, except those some prompt answer can trigger (targets of a
  ``may_trigger`` link are conditional) and those specific to a budget option the case does not use
  (``specific_to``; a case whose option is unknown is not held to option-specific touchpoints).
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
  within twelve months of the last (:mod:`risk_app.domain.record.plan`). The review stage is the source
  of the graph's ``loop: review`` link; a review is an event of that stage or of a touchpoint
  only that stage has.

A case is a :class:`CaseTrace`: the case id and its events, each ``(at, item, answer, state)``
where ``item`` is a framework id. Results are :class:`Deviation` values with a sentence a
practitioner can read, gathered per case and aggregated in a :class:`ConformanceReport`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import IntEnum, StrEnum
from operator import itemgetter
from typing import NamedTuple

from framework import FrameworkGraph, LinkType, NodeType
from framework.schema import AnswerType
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.plan import (
    FIRST_DIRECT_PAYMENT_REVIEW_MONTHS,
    REVIEW_INTERVAL_MONTHS,
    next_review_due,
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date) -> str:
    """A date as people write it: ``3 May 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# ---------------------------------------------------------------------------------------- events
class ItemKind(StrEnum):
    """What an event's framework item is, for the audit."""

    STAGE = "stage"
    """The case entered this stage."""
    TOUCHPOINT = "touchpoint"
    """The touchpoint was done (or judged not applicable)."""
    PROMPT = "prompt"
    """The prompt was answered; the answer can make touchpoints required."""
    BUDGET_OPTION = "budget_option"
    """The budget started to be managed this way (a direct payment started...)."""
    RECORD = "record"
    """A record of this type was made (a risk assessment) or agreed (a support plan)."""
    OTHER = "other"
    """A framework item no rule uses yet (a route, a safeguarding step...): accepted, not judged."""


_KIND_OF_NODE = {
    NodeType.STAGE: ItemKind.STAGE,
    NodeType.TOUCHPOINT: ItemKind.TOUCHPOINT,
    NodeType.ASSESSMENT_PROMPT: ItemKind.PROMPT,
    NodeType.MANAGEMENT_PROMPT: ItemKind.PROMPT,
    NodeType.BUDGET_OPTION: ItemKind.BUDGET_OPTION,
    NodeType.RECORD_TYPE: ItemKind.RECORD,
}


class EventState(IntEnum):
    """How an event counts. Plain ints so that event tuples stay cheap to build."""

    DONE = 0
    """It happened: a stage entered, a touchpoint done, a prompt answered, a record made."""
    NOT_APPLICABLE = 1
    """A touchpoint judged not to apply to this person, with a reason: not missing."""
    REVIEW = 2
    """A review held (recorded outside the stage history): counts for timeliness only."""


class CaseEvent(NamedTuple):
    """One event of a case. Any ``(at, item, answer, state)`` tuple is accepted in its place."""

    at: datetime
    item: str
    answer: str | None = None
    state: int = EventState.DONE


EventTuple = tuple[datetime, str, str | None, int]


@dataclass(frozen=True, slots=True)
class CaseTrace:
    """One case: its id and its events in any order.

    ``budget_option`` and ``payment_start`` override what the events say (the app keeps them on
    the person's record); otherwise the latest budget option event gives the option and the first
    event of that option its start.
    """

    case_id: str
    events: Sequence[EventTuple]
    budget_option: str | None = None
    payment_start: date | None = None


# ----------------------------------------------------------------------------------------- rules
@dataclass(frozen=True, slots=True)
class ExpectedTouchpoint:
    touchpoint: str
    options: frozenset[str]
    """Budget options it is specific to; empty means every option."""


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
    kinds: Mapping[str, ItemKind]
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
    """Per touchpoint: its stages, as a set."""
    cache: dict[tuple[tuple[str, ...], str | None], dict[str, tuple[str, str | None]]] = field(
        repr=False, default_factory=dict, compare=False
    )
    """Expected touchpoints by (stages reached, budget option): journeys repeat, so do these."""

    def label(self, item: str) -> str:
        return self.labels.get(item, item)

    def describe(self) -> dict[str, object]:
        """The derived rules as plain data (for reports and the documentation)."""
        return {
            "expected_touchpoints": {
                stage: [
                    {"touchpoint": e.touchpoint, "only_for_budget_options": sorted(e.options)}
                    for e in self.expected[stage]
                ]
                for stage in self.stages
            },
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


def _triggers(graph: FrameworkGraph) -> dict[str, tuple[RequiredTrigger, ...]]:
    found: dict[str, list[RequiredTrigger]] = {}
    for link in graph.links(type=LinkType.MAY_TRIGGER):
        if not link.required:
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
            if not item.options
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


def derive_rules(graph: FrameworkGraph) -> ConformanceRules:
    """Read the audit's rules off the framework graph (see the module docstring)."""
    stages = tuple(node.id for node in graph.stages())
    conditional = {link.target for link in graph.links(type=LinkType.MAY_TRIGGER)}
    stages_of: dict[str, list[str]] = {}
    expected: dict[str, tuple[ExpectedTouchpoint, ...]] = {}
    for stage in stages:
        touchpoints = graph.touchpoints_for(stage)
        for tp in touchpoints:
            stages_of.setdefault(tp.id, []).append(stage)
        expected[stage] = tuple(
            ExpectedTouchpoint(tp.id, frozenset(o.id for o in graph.budget_options_for(tp.id)))
            for tp in touchpoints
            if tp.id not in conditional
        )
    touchpoint_stages = {tp: tuple(found) for tp, found in stages_of.items()}
    nodes = graph.nodes()
    return ConformanceRules(
        framework_version=graph.version,
        framework_title=graph.title,
        stages=stages,
        touchpoints=tuple(n.id for n in graph.nodes(NodeType.TOUCHPOINT)),
        labels={n.id: n.label for n in nodes},
        kinds={n.id: _KIND_OF_NODE.get(n.type, ItemKind.OTHER) for n in nodes},
        expected=expected,
        triggers=_triggers(graph),
        touchpoint_stages=touchpoint_stages,
        prerequisites=_prerequisites(graph, stages, expected, touchpoint_stages),
        review=_review(graph, touchpoint_stages),
        prompts={n.id: _prompt_spec(graph, n.id) for n in nodes if n.is_prompt},
        ids={n.id.upper(): n.id for n in nodes},
        stage_sets={tp: frozenset(found) for tp, found in touchpoint_stages.items()},
    )


# ------------------------------------------------------------------------------------ deviations
class DeviationType(StrEnum):
    """Kinds of departure from the framework."""

    MISSING_TOUCHPOINT = "missing_touchpoint"
    """A stage was reached and one of its expected touchpoints was never done."""
    MISSING_TRIGGERED_TOUCHPOINT = "missing_triggered_touchpoint"
    """An answer made a touchpoint required, its stage was reached, and it was never done."""
    TOUCHPOINT_BEFORE_STAGE = "touchpoint_before_stage"
    """A touchpoint was done before any of its stages began."""
    TOUCHPOINT_AFTER_NEXT_STAGE = "touchpoint_after_next_stage"
    """A touchpoint was done only after the case had moved on from its stage."""
    MISSING_PREREQUISITE = "missing_prerequisite"
    """A record was agreed with no earlier record it rests on (a plan with no risk assessment)."""
    REVIEW_LATE = "review_late"
    """A review was held after it was due."""
    REVIEW_OVERDUE = "review_overdue"
    """A review was due and had not been held by the audit date."""

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    DeviationType.MISSING_TOUCHPOINT: "Touchpoint missing",
    DeviationType.MISSING_TRIGGERED_TOUCHPOINT: "Required touchpoint missing after an answer",
    DeviationType.TOUCHPOINT_BEFORE_STAGE: "Touchpoint done before its stage began",
    DeviationType.TOUCHPOINT_AFTER_NEXT_STAGE: "Touchpoint done after the next stage began",
    DeviationType.MISSING_PREREQUISITE: "Agreed without an earlier record",
    DeviationType.REVIEW_LATE: "Review held late",
    DeviationType.REVIEW_OVERDUE: "Review overdue",
}


@dataclass(frozen=True, slots=True)
class Deviation:
    """One departure from the framework in one case, with a sentence that explains it."""

    type: DeviationType
    case_id: str
    stage: str | None
    touchpoint: str | None
    when: date
    """When it arose: the stage reached, the touchpoint or record dated, the review falling due."""
    message: str
    related_date: date | None = None
    """The other date the sentence names: the stage beginning, the next stage beginning, the
    prerequisite record (if made later), the review held late."""
    due: date | None = None
    prompt: str | None = None
    """For a triggered touchpoint: the prompt whose answer made it required."""
    record: str | None = None
    """For a missing prerequisite: the record agreed (the one missing is ``requires``)."""
    requires: str | None = None

    @property
    def key(self) -> tuple[str, str, str | None, str | None]:
        """What identifies it for comparison: case, type, stage and touchpoint."""
        return (self.case_id, self.type.value, self.stage, self.touchpoint)


class CaseResult(NamedTuple):
    """What the audit found in one case (a tuple, so that 100,000 of them are cheap)."""

    case_id: str
    reached: tuple[tuple[str, datetime], ...]
    """Stages reached, in the order first reached, with when each was first reached."""
    touchpoints: tuple[str, ...]
    """Touchpoints judged for this case: expected or done."""
    budget_option: str | None
    deviations: tuple[Deviation, ...]

    @property
    def conforming(self) -> bool:
        return not self.deviations


_at = itemgetter(0)
_REVIEW, _NOT_APPLICABLE = int(EventState.REVIEW), int(EventState.NOT_APPLICABLE)
_STAGE, _TOUCHPOINT, _PROMPT, _OPTION, _RECORD = (
    ItemKind.STAGE,
    ItemKind.TOUCHPOINT,
    ItemKind.PROMPT,
    ItemKind.BUDGET_OPTION,
    ItemKind.RECORD,
)
Window = tuple[datetime, datetime | None, str | None]
"""A visit of a stage: when it began, when the next stage began (None: still there), which."""


class _Case:
    """The facts of one case, gathered in one pass over its events in time order."""

    __slots__ = (
        "answers",
        "at_stage",
        "done",
        "first",
        "latest_option",
        "not_applicable",
        "option_start",
        "placed",
        "records",
        "reviews",
        "starts",
    )

    def __init__(  # noqa: C901 - one pass over the events on purpose: this is the hot loop
        self, rules: ConformanceRules, events: Sequence[EventTuple]
    ) -> None:
        kinds = rules.kinds
        review_items = rules.review.items if rules.review is not None else frozenset()
        starts: list[datetime] = []
        at_stage: list[str] = []
        first: dict[str, datetime] = {}
        done: dict[str, list[datetime]] = {}
        placed: dict[str, int] = {}
        not_applicable: set[str] = set()
        answers: dict[str, tuple[datetime, str]] = {}
        option_start: dict[str, datetime] = {}
        latest_option: str | None = None
        records: dict[str, datetime] = {}
        reviews: list[date] = []
        current: str | None = None
        for at, item, answer, state in sorted(events, key=_at):
            if state and state == _REVIEW:
                reviews.append(at.date())
                continue
            kind = kinds.get(item)
            if kind is _TOUCHPOINT:
                if state and state == _NOT_APPLICABLE:
                    not_applicable.add(item)
                    continue
                times = done.get(item)
                if times is None:
                    done[item] = [at]
                    placed[item] = len(starts) - 1
                else:
                    times.append(at)
            elif kind is _STAGE:
                if item != current:
                    starts.append(at)
                    at_stage.append(item)
                    current = item
                    if item not in first:
                        first[item] = at
            elif kind is _PROMPT:
                if answer is not None:
                    answers[item] = (at, answer)
            elif kind is _OPTION:
                latest_option = item
                option_start.setdefault(item, at)
            elif kind is _RECORD:
                records.setdefault(item, at)
            if item in review_items:
                reviews.append(at.date())
        self.starts = starts
        self.at_stage = at_stage
        self.first = first
        self.done = done
        self.placed = placed
        self.not_applicable = not_applicable
        self.answers = answers
        self.option_start = option_start
        self.latest_option = latest_option
        self.records = records
        self.reviews = reviews

    @property
    def visits(self) -> list[tuple[datetime, str]]:
        return list(zip(self.starts, self.at_stage, strict=True))


def _windows(visits: Sequence[tuple[datetime, str]]) -> dict[str, list[Window]]:
    windows: dict[str, list[Window]] = {}
    for index, (start, stage) in enumerate(visits):
        if index + 1 < len(visits):
            following = visits[index + 1]
            windows.setdefault(stage, []).append((start, following[0], following[1]))
        else:
            windows.setdefault(stage, []).append((start, None, None))
    return windows


def _in_order(
    times: Sequence[datetime],
    starts: Sequence[datetime],
    at_stage: Sequence[str],
    own: frozenset[str],
) -> bool:
    """Whether any time falls within a visit of one of the ``own`` stages (ends included)."""
    for at in times:
        index = bisect_right(starts, at) - 1
        while index >= 0:
            if at_stage[index] in own:
                return True
            if starts[index] != at:
                break
            index -= 1  # the visit before one that began exactly then ends then: it counts
    return False


def check_case(rules: ConformanceRules, trace: CaseTrace, as_of: date) -> CaseResult:
    """Judge one case against the rules, as on ``as_of`` (for reviews falling due)."""
    facts = _Case(rules, trace.events)
    case_id = trace.case_id
    first = facts.first
    option = trace.budget_option or facts.latest_option
    expected = _expected(rules, facts, first, option)
    done = facts.done
    deviations = [
        _missing(rules, case_id, facts, tp, stage, prompt)
        for tp, (stage, prompt) in expected.items()
        if tp not in done and tp not in facts.not_applicable
    ]
    starts, at_stage, placed = facts.starts, facts.at_stage, facts.placed
    stage_sets = rules.stage_sets
    for tp, times in done.items():
        own = stage_sets.get(tp)
        if own is None:
            continue
        index = placed[tp]  # the visit under way when it was first done
        if index >= 0 and at_stage[index] in own:
            continue
        if not _in_order(times, starts, at_stage, own):
            deviations.append(_out_of_order(rules, case_id, tp, times, facts.visits, first))
    if rules.prerequisites and facts.records:
        deviations += _missing_prerequisites(rules, case_id, facts)
    if option is not None:
        deviations += _reviews(rules, trace, facts, option, as_of)
    return CaseResult(
        case_id, tuple(first.items()), tuple({**expected, **done}), option, tuple(deviations)
    )


def _missing(
    rules: ConformanceRules, case_id: str, facts: _Case, tp: str, stage: str, prompt: str | None
) -> Deviation:
    label = rules.labels.get
    reached = facts.first[stage].date()
    text = (
        f"Stage '{label(stage)}' reached on {long_date(reached)}: "
        f"touchpoint {tp} '{label(tp)}' missing."
    )
    if prompt is None:
        return Deviation(DeviationType.MISSING_TOUCHPOINT, case_id, stage, tp, reached, text)
    answered_at, answer = facts.answers[prompt]
    text = (
        f"{text[:-1]}, required since {prompt} '{label(prompt)}' was answered "
        f"'{answer}' on {long_date(answered_at.date())}."
    )
    return Deviation(
        DeviationType.MISSING_TRIGGERED_TOUCHPOINT, case_id, stage, tp, reached, text, prompt=prompt
    )


def _expected(
    rules: ConformanceRules, facts: _Case, first: Mapping[str, datetime], option: str | None
) -> dict[str, tuple[str, str | None]]:
    """Touchpoint → (the first reached stage that expects it, the prompt that made it required).

    The unconditional part depends only on the stages reached and the option, so it is cached
    on the rules (journeys repeat); answers are applied to a copy."""
    key = (tuple(first), option)
    cached = rules.cache.get(key)
    if cached is None:
        cached = {}
        for stage in first:
            for item in rules.expected.get(stage, ()):
                if item.touchpoint in cached or (item.options and option not in item.options):
                    continue
                cached[item.touchpoint] = (stage, None)
        if len(rules.cache) < 10_000:
            rules.cache[key] = cached
    expected = cached
    triggers = rules.triggers
    for prompt, (_, answer) in facts.answers.items():
        for trigger in triggers.get(prompt, ()):
            tp = trigger.touchpoint
            if tp in expected or not trigger.fires(answer):
                continue
            reached = [s for s in rules.touchpoint_stages.get(tp, ()) if s in first]
            if reached:
                if expected is cached:
                    expected = dict(cached)
                expected[tp] = (min(reached, key=first.__getitem__), prompt)
    return expected


def _out_of_order(
    rules: ConformanceRules,
    case_id: str,
    tp: str,
    times: Sequence[datetime],
    visits: Sequence[tuple[datetime, str]],
    first: Mapping[str, datetime],
) -> Deviation:
    """The deviation for a touchpoint never done within a visit of one of its stages."""
    stages = rules.touchpoint_stages[tp]
    windows = _windows(visits)
    own = [(window, stage) for stage in stages for window in windows.get(stage, ())]
    at = times[0]
    label = rules.labels.get
    began = [(window, stage) for window, stage in own if window[0] <= at]
    if began:
        (_, end, following), stage = max(began, key=lambda v: v[0][0])
        assert end is not None and following is not None
        return Deviation(
            DeviationType.TOUCHPOINT_AFTER_NEXT_STAGE,
            case_id,
            stage,
            tp,
            at.date(),
            f"Touchpoint {tp} '{label(tp)}' of stage '{label(stage)}' done on "
            f"{long_date(at.date())}, after the next stage, '{label(following)}', began on "
            f"{long_date(end.date())}.",
            related_date=end.date(),
        )
    later = [s for s in stages if s in first]
    if later:
        stage = min(later, key=first.__getitem__)
        began_on: date | None = first[stage].date()
        when = f"began on {long_date(first[stage].date())}"
    else:
        stage, began_on, when = stages[0], None, "began (it was never reached)"
    return Deviation(
        DeviationType.TOUCHPOINT_BEFORE_STAGE,
        case_id,
        stage,
        tp,
        at.date(),
        f"Touchpoint {tp} '{label(tp)}' done on {long_date(at.date())}, before stage "
        f"'{label(stage)}' {when}.",
        related_date=began_on,
    )


def _stage_at(starts: Sequence[datetime], at_stage: Sequence[str], at: datetime) -> str | None:
    index = bisect_right(starts, at)
    return at_stage[index - 1] if index else None


def _missing_prerequisites(rules: ConformanceRules, case_id: str, facts: _Case) -> list[Deviation]:
    found: list[Deviation] = []
    records = facts.records
    for rule in rules.prerequisites:
        made = records.get(rule.record)
        if made is None:
            continue
        needed = records.get(rule.requires)
        if needed is not None and needed <= made:
            continue
        what = rules.label(rule.requires).lower()
        text = (
            f"{rules.label(rule.record)} agreed on {long_date(made.date())} with no {what} recorded"
        )
        text += (
            "." if needed is None else f" before it (the first was on {long_date(needed.date())})."
        )
        found.append(
            Deviation(
                DeviationType.MISSING_PREREQUISITE,
                case_id,
                _stage_at(facts.starts, facts.at_stage, made),
                None,
                made.date(),
                text,
                related_date=needed.date() if needed is not None else None,
                record=rule.record,
                requires=rule.requires,
            )
        )
    return found


def _days(span: timedelta) -> str:
    return "1 day" if span.days == 1 else f"{span.days} days"


def _reviews(
    rules: ConformanceRules, trace: CaseTrace, facts: _Case, option: str | None, as_of: date
) -> list[Deviation]:
    schedule = rules.review
    if schedule is None or option not in schedule.options:
        return []
    start = trace.payment_start
    if start is None and option in facts.option_start:
        start = facts.option_start[option].date()
    if start is None:
        return []
    what = rules.label(option).lower()
    found: list[Deviation] = []
    last: date | None = None

    def reason(last: date | None) -> str:
        if last is None:
            return (
                f"First {what} review due by {{due}} ({schedule.first_months} months after it "
                f"started on {long_date(start)})"
            )
        return (
            f"{what.capitalize()} review due by {{due}} ({schedule.interval_months} months after "
            f"the review on {long_date(last)})"
        )

    for held in sorted({d for d in facts.reviews if start <= d <= as_of}):
        due = next_review_due(start, last, plan_agreed=start)
        if held > due:
            text = reason(last).format(due=long_date(due))
            found.append(
                Deviation(
                    DeviationType.REVIEW_LATE,
                    trace.case_id,
                    schedule.stage,
                    None,
                    due,
                    f"{text} was held on {long_date(held)}, {_days(held - due)} late.",
                    related_date=held,
                    due=due,
                )
            )
        last = held
    due = next_review_due(start, last, plan_agreed=start)
    if as_of > due:
        text = reason(last).format(due=long_date(due))
        found.append(
            Deviation(
                DeviationType.REVIEW_OVERDUE,
                trace.case_id,
                schedule.stage,
                None,
                due,
                f"{text} not held by {long_date(as_of)}: {_days(as_of - due)} overdue.",
                due=due,
            )
        )
    return found


# ---------------------------------------------------------------------------------------- report
@dataclass(frozen=True, slots=True)
class Rate:
    """How many cases a bucket holds, how many of them conform, and the share that conform."""

    key: str
    """Drill-down key for :meth:`ConformanceReport.case_ids`."""
    cases: int
    conforming: int

    @property
    def deviating(self) -> int:
        return self.cases - self.conforming

    @property
    def rate(self) -> float | None:
        return round(self.conforming / self.cases, 4) if self.cases else None


@dataclass(frozen=True, slots=True)
class StageRate:
    stage: str
    label: str
    reached: Rate
    """Cases that reached the stage; conforming ones have no deviation placed at it."""


@dataclass(frozen=True, slots=True)
class TouchpointRate:
    touchpoint: str
    label: str
    judged: Rate
    """Cases where it was expected or done; conforming ones had it done in order (or not
    applicable)."""
    missing: int
    out_of_order: int


@dataclass(frozen=True, slots=True)
class TypeCount:
    type: DeviationType
    key: str
    deviations: int
    cases: int


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: str
    """``YYYY-MM`` of the deviations' dates."""
    key: str
    deviations: int
    cases: int
    by_type: Mapping[str, int]


_ORDER_TYPES = (DeviationType.TOUCHPOINT_BEFORE_STAGE, DeviationType.TOUCHPOINT_AFTER_NEXT_STAGE)
_MISSING_TYPES = (DeviationType.MISSING_TOUCHPOINT, DeviationType.MISSING_TRIGGERED_TOUCHPOINT)


class ConformanceReport:
    """Per-case results and their aggregates, judged against one framework version.

    Every aggregate bucket has a key; :meth:`case_ids` gives the cases behind any key:
    ``cases``, ``cases:conforming``, ``cases:deviating``; ``stage:ST3`` (reached),
    ``stage:ST3:conforming``, ``stage:ST3:deviating``; ``touchpoint:TP05`` (judged),
    ``touchpoint:TP05:conforming``, ``touchpoint:TP05:missing``,
    ``touchpoint:TP05:out_of_order``; ``type:missing_touchpoint``; ``month:2026-05`` and
    ``month:2026-05:missing_touchpoint``.
    """

    def __init__(self, rules: ConformanceRules, cases: Sequence[CaseResult], as_of: date) -> None:
        self.framework_version = rules.framework_version
        self.framework_title = rules.framework_title
        self.as_of = as_of
        self.cases = tuple(cases)
        self._rules = rules
        self._drill: dict[str, list[str]] = {
            key: [] for key in ("cases", "cases:conforming", "cases:deviating")
        }
        self._counts: dict[str, int] = {}
        self._stage_keys: dict[str, tuple[str, str, str]] = {}
        self._tp_keys: dict[str, tuple[str, str, str, str]] = {}
        for stage in rules.stages:
            self._keys_of_stage(stage)
        for tp in rules.touchpoints:
            self._keys_of_touchpoint(tp)
        for case in self.cases:
            self._add(case)

    def _keys_of_stage(self, stage: str) -> tuple[str, str, str]:
        keys = (f"stage:{stage}", f"stage:{stage}:conforming", f"stage:{stage}:deviating")
        for key in keys:
            self._drill.setdefault(key, [])
        self._stage_keys[stage] = keys
        return keys

    def _keys_of_touchpoint(self, tp: str) -> tuple[str, str, str, str]:
        base = f"touchpoint:{tp}"
        keys = (base, f"{base}:conforming", f"{base}:missing", f"{base}:out_of_order")
        for key in keys:
            self._drill.setdefault(key, [])
        self._tp_keys[tp] = keys
        return keys

    def _add(self, case: CaseResult) -> None:
        drill = self._drill
        case_id = case.case_id
        drill["cases"].append(case_id)
        stage_keys, tp_keys = self._stage_keys, self._tp_keys
        if not case.deviations:
            drill["cases:conforming"].append(case_id)
            for stage, _ in case.reached:
                keys = stage_keys.get(stage) or self._keys_of_stage(stage)
                drill[keys[0]].append(case_id)
                drill[keys[1]].append(case_id)
            for tp in case.touchpoints:
                tkeys = tp_keys.get(tp) or self._keys_of_touchpoint(tp)
                drill[tkeys[0]].append(case_id)
                drill[tkeys[1]].append(case_id)
            return
        self._add_deviating(case)

    def _add_deviating(self, case: CaseResult) -> None:
        drill, case_id = self._drill, case.case_id
        stage_keys, tp_keys = self._stage_keys, self._tp_keys
        drill["cases:deviating"].append(case_id)
        stages: set[str | None] = set()
        missing: set[str] = set()
        disordered: set[str] = set()
        seen: set[str] = set()
        for deviation in case.deviations:
            stages.add(deviation.stage)
            if deviation.touchpoint is not None:
                if deviation.type in _MISSING_TYPES:
                    missing.add(deviation.touchpoint)
                elif deviation.type in _ORDER_TYPES:
                    disordered.add(deviation.touchpoint)
            month = f"{deviation.when.year:04d}-{deviation.when.month:02d}"
            kind = deviation.type.value
            for key in (f"type:{kind}", f"month:{month}", f"month:{month}:{kind}"):
                self._counts[key] = self._counts.get(key, 0) + 1
                if key not in seen:
                    seen.add(key)
                    drill.setdefault(key, []).append(case_id)
        for stage, _ in case.reached:
            keys = stage_keys.get(stage) or self._keys_of_stage(stage)
            drill[keys[0]].append(case_id)
            drill[keys[2] if stage in stages else keys[1]].append(case_id)
        for tp in case.touchpoints:
            tkeys = tp_keys.get(tp) or self._keys_of_touchpoint(tp)
            drill[tkeys[0]].append(case_id)
            if tp in missing:
                drill[tkeys[2]].append(case_id)
            elif tp in disordered:
                drill[tkeys[3]].append(case_id)
            else:
                drill[tkeys[1]].append(case_id)

    # ------------------------------------------------------------------ queries
    def case_ids(self, key: str) -> tuple[str, ...]:
        """The cases behind an aggregate bucket (empty for a bucket with no cases).

        Raises ``KeyError`` for a key that names no stage, touchpoint, type or valid month."""
        found = self._drill.get(key)
        if found is not None:
            return tuple(found)
        if not self._valid_key(key):
            raise KeyError(f"unknown drill-down key {key!r}")
        return ()

    def iter_case_ids(self, key: str) -> Iterator[str]:
        """:meth:`case_ids` without the copy (for writing a large report out)."""
        found = self._drill.get(key)
        return iter(found) if found is not None else iter(self.case_ids(key))

    def case_count(self, key: str) -> int:
        """How many cases are behind a bucket (as ``len(case_ids(key))``, without the copy)."""
        found = self._drill.get(key)
        return len(found) if found is not None else len(self.case_ids(key))

    def _valid_key(self, key: str) -> bool:
        parts = key.split(":")
        kinds = {t.value for t in DeviationType}
        if parts[0] == "stage" and len(parts) in (2, 3):
            return parts[1] in self._rules.stages and parts[2:] in (
                [],
                ["conforming"],
                ["deviating"],
            )
        if parts[0] == "touchpoint" and len(parts) in (2, 3):
            return parts[1] in self._rules.touchpoint_stages and parts[2:] in (
                [],
                ["conforming"],
                ["missing"],
                ["out_of_order"],
            )
        if parts[0] == "type" and len(parts) == 2:
            return parts[1] in kinds
        if parts[0] == "month" and len(parts) in (2, 3):
            year, _, month = parts[1].partition("-")
            good = year.isdigit() and len(year) == 4 and month.isdigit() and 1 <= int(month) <= 12
            return good and (len(parts) == 2 or parts[2] in kinds)
        return False

    @property
    def deviations(self) -> tuple[Deviation, ...]:
        return tuple(d for case in self.cases for d in case.deviations)

    @property
    def overall(self) -> Rate:
        return Rate("cases", len(self.cases), len(self._drill["cases:conforming"]))

    @property
    def deviation_count(self) -> int:
        return sum(len(case.deviations) for case in self.cases)

    def by_stage(self) -> tuple[StageRate, ...]:
        """Every stage in journey order, with how many cases reached it and conform at it."""
        return tuple(
            StageRate(
                stage,
                self._rules.label(stage),
                Rate(
                    f"stage:{stage}",
                    len(self._drill.get(f"stage:{stage}", ())),
                    len(self._drill.get(f"stage:{stage}:conforming", ())),
                ),
            )
            for stage in self._rules.stages
        )

    def by_touchpoint(self) -> tuple[TouchpointRate, ...]:
        """Touchpoints that belong to a stage, in file order."""
        return tuple(
            TouchpointRate(
                tp,
                self._rules.label(tp),
                Rate(
                    f"touchpoint:{tp}",
                    len(self._drill.get(f"touchpoint:{tp}", ())),
                    len(self._drill.get(f"touchpoint:{tp}:conforming", ())),
                ),
                missing=len(self._drill.get(f"touchpoint:{tp}:missing", ())),
                out_of_order=len(self._drill.get(f"touchpoint:{tp}:out_of_order", ())),
            )
            for tp in self._rules.touchpoints
            if tp in self._rules.touchpoint_stages
        )

    def by_type(self) -> tuple[TypeCount, ...]:
        """Every deviation type (including those with none), in the order they are declared."""
        return tuple(
            TypeCount(
                kind,
                f"type:{kind.value}",
                self._counts.get(f"type:{kind.value}", 0),
                len(self._drill.get(f"type:{kind.value}", ())),
            )
            for kind in DeviationType
        )

    def by_month(self) -> tuple[MonthCount, ...]:
        """Months with deviations, oldest first, by the date each deviation arose."""
        months = sorted(
            key.split(":")[1]
            for key in self._counts
            if key.startswith("month:") and key.count(":") == 1
        )
        return tuple(
            MonthCount(
                month,
                f"month:{month}",
                self._counts[f"month:{month}"],
                len(self._drill[f"month:{month}"]),
                {
                    kind.value: self._counts[f"month:{month}:{kind.value}"]
                    for kind in DeviationType
                    if f"month:{month}:{kind.value}" in self._counts
                },
            )
            for month in months
        )

    def drill_down_keys(self) -> tuple[str, ...]:
        """Every key that has cases behind it."""
        return tuple(key for key, ids in self._drill.items() if ids)


def latest_date(traces: Iterable[CaseTrace]) -> date | None:
    """The date of the latest event in the traces (the default audit date for a log)."""
    latest: datetime | None = None
    for trace in traces:
        if trace.events:
            at = max(trace.events, key=_at)[0]
            if latest is None or at > latest:
                latest = at
    return latest.date() if latest is not None else None


MAX_DEVIATIONS = 2_500_000
"""Deviations one audit holds (each with its sentence, about 450 bytes): past this the audit
stops with a message rather than run out of memory. Five for each of 500,000 cases."""


class AuditTooLarge(InvalidInput):
    """The audit would find more than it can hold; nothing is reported."""


def audit_cases(
    rules: ConformanceRules, traces: Iterable[CaseTrace], *, as_of: date | None = None
) -> ConformanceReport:
    """Judge every case. ``as_of`` (default: the latest event's date) is when reviews are judged
    overdue. Raises :class:`AuditTooLarge` past ``MAX_DEVIATIONS``."""
    traces = traces if isinstance(traces, Sequence) else list(traces)
    when = as_of or latest_date(traces) or date.today()
    results: list[CaseResult] = []
    found = 0
    for trace in traces:
        result = check_case(rules, trace, when)
        if result.deviations:
            found += len(result.deviations)
            if found > MAX_DEVIATIONS:
                raise AuditTooLarge(
                    f"The audit found more than {MAX_DEVIATIONS:,} deviations by case "
                    f"{len(results) + 1:,} of {len(traces):,}, more than one audit can report. "
                    "Split the log (by team or by period) and audit each part. "
                    "Nothing was audited."
                )
        results.append(result)
    return ConformanceReport(rules, results, when)

"""Synthetic event logs with planted deviations, for the case audit's benchmark and tests.

Seeded, so the same arguments give the same log. Journeys are built from the audit's own rules
(so a revised framework gets matching logs): each case belongs to a jurisdiction (England,
Scotland or Wales, written as the log's ``jurisdiction`` column), takes one of that nation's ways
of managing a budget, and is held only to the touchpoints that apply there; it walks the stages in
order and stops at a random one; every expected touchpoint is done inside its stage; prompts that can make a
touchpoint required are answered, and the touchpoint is then done; records are made at their
stages; direct payments are reviewed on time. Conditional touchpoints and ignored activities
are sprinkled in as noise that must not be reported.

A share of cases get exactly one planted deviation (one plant can cause more than one finding,
e.g. a missing risk assessment under both the plan and the risk agreement); the generator lists
the keys ``(case, type, stage, touchpoint)`` the audit must find, and nothing else.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from framework import FrameworkGraph
from risk_app.domain.assurance.conformance_check import DeviationType
from risk_app.domain.assurance.conformance_rules import ConformanceRules, derive_rules
from risk_app.domain.record.plan import add_months

DAY = 86_400
HOUR = 3_600
IGNORED_ACTIVITY = "Phone call"
STOP_WEIGHTS = (0.2, 0.3, 0.15, 0.1, 0.06, 0.05, 0.05, 0.04, 0.05)
"""How likely a case is to have stopped at each stage (journey order; the last weight repeats)."""
JURISDICTION_WEIGHTS = (("england", 0.7), ("scotland", 0.2), ("wales", 0.1))
"""How likely a case is to be English, Scottish or Welsh."""
LOG_HEADER = ("case_id", "activity", "timestamp", "resource", "jurisdiction")
"""The header of a synthetic log written as CSV (the columns of ``SyntheticCase.rows``)."""

Key = tuple[str, str, str | None, str | None]


@dataclass
class _Event:
    at: int
    """Seconds from the case's start."""
    item: str
    answer: str | None = None


@dataclass(frozen=True)
class SyntheticCase:
    case_id: str
    rows: tuple[tuple[str, str, str, str, str], ...]
    """``(case_id, activity, timestamp, resource, jurisdiction)`` in time order."""
    planted: tuple[Key, ...]
    jurisdiction: str = "england"


@dataclass
class _Journey:
    case_id: str
    reached: list[str]
    entries: dict[str, int]
    """Stage → when it was entered (seconds from the start)."""
    ends: dict[str, int]
    """Stage → when the next stage was entered, or the end of its spread for the last one."""
    jurisdiction: str = "england"
    option: str | None = None
    payment_at: int | None = None
    reviews: list[int] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    done: dict[str, str] = field(default_factory=dict)
    """Expected touchpoint → the first reached stage expecting it."""
    records: dict[str, str] = field(default_factory=dict)
    """Record made → the stage it was made in."""
    triggered: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Required touchpoint done because of an answer → (prompt, stage)."""


class SyntheticLogs:
    """Builds cases one at a time (so a million events need not sit in memory)."""

    def __init__(
        self,
        graph: FrameworkGraph,
        *,
        seed: int = 1,
        deviation_rate: float = 0.1,
        as_of: date = date(2027, 12, 31),
        local_names: float = 0.7,
    ) -> None:
        self.rules: ConformanceRules = derive_rules(graph)
        self.random = random.Random(seed)
        self.deviation_rate = deviation_rate
        self.as_of = as_of
        self.local_share = local_names
        self._anchor = datetime.combine(as_of, datetime.min.time(), tzinfo=UTC)
        rules = self.rules
        offering = [s for s in rules.stages if graph.budget_options_offered(s)]
        self.option_stage = offering[0] if offering else None
        self.options = [n.id for n in graph.budget_options_offered(offering[0])] if offering else []
        review = rules.review
        self.scheduled = sorted(review.options) if review is not None else []
        # Each nation's ways of managing a budget: those with a review schedule, and the others.
        self.scheduled_in = {
            j: [o for o in self.scheduled if str(graph.node(o).jurisdiction) == j]
            for j, _ in JURISDICTION_WEIGHTS
        }
        self.other_options = {
            j: [
                o
                for o in self.options
                if o not in self.scheduled and str(graph.node(o).jurisdiction) == j
            ]
            for j, _ in JURISDICTION_WEIGHTS
        }
        expected = {e.touchpoint for items in rules.expected.values() for e in items}
        required = {t.touchpoint for ts in rules.triggers.values() for t in ts}
        self.noise = [
            tp for tp in rules.touchpoint_stages if tp not in expected and tp not in required
        ]
        self.mapping: dict[str, str] = {}
        self._local: dict[str, str] = {}
        for item, label in rules.labels.items():
            self._name(item, label)
        for prompt, triggers in rules.triggers.items():
            for answer in self._answers(prompt, triggers[0].when):
                self._name(f"{prompt}={answer}", f"{rules.label(prompt)}: {answer}")
        self.mapping[IGNORED_ACTIVITY] = "ignore"

    def _name(self, target: str, label: str) -> None:
        name = label if label not in self.mapping else f"{label} ({target})"
        self.mapping[name] = target
        self._local[target] = name

    def _answers(self, prompt: str, when: str | None) -> list[str]:
        spec = self.rules.prompts[prompt]
        if spec.yes_no:
            return ["yes", "no"]
        return list(spec.options or ([when] if when else []))

    # --------------------------------------------------------------------------- journey
    def _days(self, low: int, high: int) -> int:
        return self.random.randint(low * DAY, high * DAY)

    def _within(self, journey: _Journey, stage: str) -> int:
        start, end = journey.entries[stage], journey.ends[stage]
        return self.random.randint(start + 60, end - 60)

    def _stages(self, case_id: str) -> _Journey:
        rng, stages = self.random, self.rules.stages
        weights = list(STOP_WEIGHTS[: len(stages)])
        weights += [STOP_WEIGHTS[-1]] * (len(stages) - len(weights))
        last = rng.choices(range(len(stages)), weights)[0]
        reached = list(stages[: last + 1])
        nation = rng.choices(
            [j for j, _ in JURISDICTION_WEIGHTS], [w for _, w in JURISDICTION_WEIGHTS]
        )[0]
        journey = _Journey(case_id, reached, {}, {}, jurisdiction=nation)
        at = 0
        for stage in reached:
            journey.entries[stage] = at
            if stage == self.option_stage:
                journey.option = self._choose_option(nation)
                if journey.option in self.scheduled:
                    journey.payment_at = at + rng.randint(HOUR, 2 * DAY)
                at += self._days(3, 30)
            else:
                at += self._days(3, 40)
            journey.ends[stage] = at
        self._review_timing(journey)
        return journey

    def _choose_option(self, nation: str) -> str | None:
        scheduled, others = self.scheduled_in[nation], self.other_options[nation]
        if scheduled and self.random.random() < 0.4:
            return self.random.choice(scheduled)
        return self.random.choice(others) if others else None

    def _review_timing(self, journey: _Journey, late: bool = False) -> None:
        """Place the review stage within six months of the payment starting (later if ``late``),
        moving the stage before it to make room."""
        review = self.rules.review
        if review is None or journey.payment_at is None or review.stage not in journey.reached:
            return
        index = journey.reached.index(review.stage)
        before = journey.reached[index - 1]
        days = (200, 260) if late else (70, 150)
        start = journey.payment_at + self._days(*days)
        assert start > journey.entries[before] + 5 * DAY
        length = journey.ends[review.stage] - journey.entries[review.stage]
        journey.ends[before] = journey.entries[review.stage] = start
        journey.ends[review.stage] = start + length

    def _stages_and_touchpoints(self, journey: _Journey) -> None:
        """Each stage entered, and each touchpoint expected of this case done inside its stage
        (only those of its budget option and its jurisdiction)."""
        events = journey.events
        for stage in journey.reached:
            events.append(_Event(journey.entries[stage], stage))
            for item in self.rules.expected.get(stage, ()):
                tp = item.touchpoint
                if tp in journey.done or (item.options and journey.option not in item.options):
                    continue
                if item.jurisdictions and journey.jurisdiction not in item.jurisdictions:
                    continue
                journey.done[tp] = stage
                events.append(_Event(self._within(journey, stage), tp))

    def _fill(self, journey: _Journey) -> None:
        rules, rng, events = self.rules, self.random, journey.events
        self._stages_and_touchpoints(journey)
        if journey.option is not None:
            assert self.option_stage is not None
            at = journey.payment_at or self._within(journey, self.option_stage)
            events.append(_Event(at, journey.option))
        self._answer_prompts(journey)
        for rule in rules.prerequisites:
            for record, stage in (
                (rule.requires, rule.requires_stage),
                (rule.record, rule.record_stage),
            ):
                if record not in journey.records and stage in journey.entries:
                    journey.records[record] = stage
                    events.append(_Event(self._within(journey, stage), record))
        for tp in self.noise:
            if not rules.applies_in(tp, journey.jurisdiction):
                continue
            reached = [s for s in rules.touchpoint_stages[tp] if s in journey.entries]
            if reached and rng.random() < 0.1:
                events.append(_Event(self._within(journey, rng.choice(reached)), tp))
        if rng.random() < 0.1:
            events.append(_Event(self._within(journey, journey.reached[-1]), IGNORED_ACTIVITY))
        self._reviews(journey)

    def _answer_prompts(self, journey: _Journey) -> None:
        rules, rng = self.rules, self.random
        if len(journey.reached) < 2:
            return
        asked_in = journey.reached[1]
        for prompt, all_triggers in rules.triggers.items():
            triggers = [
                t for t in all_triggers if rules.applies_in(t.touchpoint, journey.jurisdiction)
            ]
            if not triggers:
                continue
            trigger = triggers[0]
            answers = self._answers(prompt, trigger.when)
            others = [a for a in answers if not trigger.fires(a)]
            answer = trigger.when if rng.random() < 0.2 or not others else rng.choice(others)
            assert answer is not None
            journey.events.append(_Event(self._within(journey, asked_in), prompt, answer))
            for each in triggers:
                if not each.fires(answer):
                    continue
                stages = [
                    s
                    for s in rules.touchpoint_stages.get(each.touchpoint, ())
                    if s in journey.entries
                ]
                if stages:
                    journey.triggered[each.touchpoint] = (prompt, stages[0])
                    journey.events.append(_Event(self._within(journey, stages[0]), each.touchpoint))
            if not any(t.fires(answer) for t in triggers):
                for each in triggers:
                    stages = [
                        s
                        for s in rules.touchpoint_stages.get(each.touchpoint, ())
                        if s in journey.entries
                    ]
                    if stages and rng.random() < 0.3:
                        journey.events.append(
                            _Event(self._within(journey, stages[0]), each.touchpoint)
                        )

    def _reviews(self, journey: _Journey) -> None:
        review = self.rules.review
        if review is None or journey.payment_at is None or review.stage not in journey.entries:
            return
        at = journey.entries[review.stage]
        journey.reviews.append(at)
        own = sorted(t for t in review.items if t != review.stage and t in journey.done)
        for _ in range(self.random.randint(0, 2)):
            at += self._days(300, 350)
            journey.reviews.append(at)
            journey.events.append(_Event(at, review.stage))
            journey.events += [_Event(at + 60 * (i + 1), tp) for i, tp in enumerate(own)]

    # ------------------------------------------------------------------------------ plants
    def _plant(self, journey: _Journey) -> tuple[Key, ...]:
        """Plant one deviation of a kind this journey allows; the keys the audit must find."""
        kinds = [
            (self._missing_touchpoint, self._single_stage(journey, last=None)),
            (self._missing_triggered, self._triggerable(journey)),
            (self._done_before, self._single_stage(journey, last=False)),
            (self._done_after, self._single_stage(journey, last=True)),
            (self._missing_record, self._prerequisites(journey)),
        ]
        possible = [(plant, options) for plant, options in kinds if options]
        if not possible:
            return ()
        plant, options = self.random.choice(possible)
        return plant(journey, self.random.choice(options))

    def _single_stage(self, journey: _Journey, *, last: bool | None) -> list[tuple[str, ...]]:
        """Touchpoints done: all of them (``last`` None); or those of one stage only, outside
        the review, not at the first stage reached (False) or not at the last one (True)."""
        review = self.rules.review
        items = review.items if review is not None else frozenset()
        found: list[tuple[str, ...]] = []
        for tp, stage in sorted(journey.done.items()):
            index = journey.reached.index(stage)
            movable = (index + 1 < len(journey.reached)) if last else index > 0
            alone = self.rules.touchpoint_stages[tp] == (stage,) and tp not in items
            if last is None or (alone and movable):
                found.append((tp, stage))
        return found

    def _triggerable(self, journey: _Journey) -> list[tuple[str, ...]]:
        if len(journey.reached) < 2:
            return []
        found: list[tuple[str, ...]] = []
        for prompt, all_triggers in sorted(self.rules.triggers.items()):
            triggers = [
                t for t in all_triggers if self.rules.applies_in(t.touchpoint, journey.jurisdiction)
            ]
            for trigger in triggers:
                stages = self.rules.touchpoint_stages.get(trigger.touchpoint, ())
                reached = [s for s in stages if s in journey.entries]
                if reached and trigger.when is not None and len(triggers) == 1:
                    found.append((prompt, trigger.when, trigger.touchpoint, reached[0]))
        return found

    def _prerequisites(self, journey: _Journey) -> list[tuple[str, ...]]:
        rules = self.rules.prerequisites
        return [(r,) for r in sorted({r.requires for r in rules if r.record in journey.records})]

    def _drop(self, journey: _Journey, item: str) -> None:
        journey.events = [e for e in journey.events if e.item != item]

    def _missing_touchpoint(self, journey: _Journey, choice: tuple[str, ...]) -> tuple[Key, ...]:
        tp, stage = choice
        self._drop(journey, tp)
        return ((journey.case_id, DeviationType.MISSING_TOUCHPOINT.value, stage, tp),)

    def _missing_triggered(self, journey: _Journey, choice: tuple[str, ...]) -> tuple[Key, ...]:
        prompt, answer, tp, stage = choice
        self._drop(journey, prompt)
        self._drop(journey, tp)
        journey.events.append(_Event(self._within(journey, journey.reached[1]), prompt, answer))
        return ((journey.case_id, DeviationType.MISSING_TRIGGERED_TOUCHPOINT.value, stage, tp),)

    def _done_before(self, journey: _Journey, choice: tuple[str, ...]) -> tuple[Key, ...]:
        tp, stage = choice
        self._drop(journey, tp)
        at = journey.entries[stage] - self.random.randint(HOUR, 10 * DAY)
        journey.events.append(_Event(at, tp))
        return ((journey.case_id, DeviationType.TOUCHPOINT_BEFORE_STAGE.value, stage, tp),)

    def _done_after(self, journey: _Journey, choice: tuple[str, ...]) -> tuple[Key, ...]:
        tp, stage = choice
        following = journey.reached[journey.reached.index(stage) + 1]
        self._drop(journey, tp)
        journey.events.append(_Event(self._within(journey, following), tp))
        return ((journey.case_id, DeviationType.TOUCHPOINT_AFTER_NEXT_STAGE.value, stage, tp),)

    def _missing_record(self, journey: _Journey, choice: tuple[str, ...]) -> tuple[Key, ...]:
        (missing,) = choice
        self._drop(journey, missing)
        kind = DeviationType.MISSING_PREREQUISITE.value
        return tuple(
            (journey.case_id, kind, journey.records[rule.record], None)
            for rule in self.rules.prerequisites
            if rule.requires == missing and rule.record in journey.records
        )

    # ------------------------------------------------------------------------------ output
    def case(self, index: int) -> SyntheticCase:
        """The ``index``-th case (call in order: cases share one random sequence)."""
        case_id = f"C{index:07d}"
        journey = self._stages(case_id)
        plant = self.random.random() < self.deviation_rate
        review_plant: str | None = None
        review = self.rules.review
        if plant and journey.payment_at is not None and review is not None:
            kinds = ["overdue"] + (["late"] if review.stage in journey.entries else [])
            if self.random.random() < 0.3:
                review_plant = self.random.choice(kinds)
        if review_plant == "late":
            self._review_timing(journey, late=True)
        self._fill(journey)
        planted: tuple[Key, ...] = ()
        if review_plant is not None:
            assert review is not None
            kind = (
                DeviationType.REVIEW_LATE
                if review_plant == "late"
                else DeviationType.REVIEW_OVERDUE
            )
            planted = ((case_id, kind.value, review.stage, None),)
        elif plant:
            planted = self._plant(journey)
        return SyntheticCase(
            case_id, self._rows(journey, review_plant), planted, journey.jurisdiction
        )

    def _shift(self, journey: _Journey, review_plant: str | None) -> int:
        """Where the case sits before the audit date: seconds from the start to the anchor."""
        latest = max(e.at for e in journey.events)
        rng = self.random
        if journey.payment_at is None:
            return latest + rng.randint(HOUR, 3 * 365 * DAY)
        if journey.reviews:
            gap = (450, 700) if review_plant == "overdue" else (1, 330)
            return journey.reviews[-1] + max(latest - journey.reviews[-1] + HOUR, self._days(*gap))
        if review_plant == "overdue":
            return journey.payment_at + self._days(200, 400)
        return latest + rng.randint(HOUR, 20 * DAY)

    def _rows(
        self, journey: _Journey, review_plant: str | None
    ) -> tuple[tuple[str, str, str, str, str], ...]:
        rng, local = self.random, self._local
        start = self._anchor - timedelta(seconds=self._shift(journey, review_plant))
        if journey.payment_at is not None and journey.reviews and review_plant != "overdue":
            due = add_months((start + timedelta(seconds=journey.reviews[-1])).date(), 12)
            assert due >= self.as_of
        rows = []
        for event in sorted(journey.events, key=lambda e: e.at):
            when = start + timedelta(seconds=event.at)
            target = event.item if event.answer is None else f"{event.item}={event.answer}"
            if event.item == IGNORED_ACTIVITY:
                activity = event.item
            elif rng.random() < self.local_share or event.answer is not None:
                activity = local[target]
            else:
                activity = event.item
            if rng.random() < 0.2:
                stamp = f"{when + timedelta(hours=1):%Y-%m-%dT%H:%M:%S}+01:00"
            else:
                stamp = f"{when:%Y-%m-%dT%H:%M:%S}Z"
            worker = f"worker{rng.randint(1, 60)}"
            rows.append((journey.case_id, activity, stamp, worker, journey.jurisdiction))
        return tuple(rows)

    def cases(self, count: int) -> Iterator[SyntheticCase]:
        for index in range(count):
            yield self.case(index)


def mapping_rows(mapping: dict[str, str]) -> Sequence[tuple[str, str]]:
    """The mapping as CSV rows, header first."""
    return [("local_activity", "framework_id"), *sorted(mapping.items())]

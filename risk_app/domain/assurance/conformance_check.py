"""Judging one case against the rules: what departed from the framework, in sentences.

:func:`check_case` gathers a case's facts in one pass over its events, then finds each
:class:`Deviation`: expected touchpoints missing, touchpoints out of order, records
agreed without the records they rest on, reviews late or overdue (the rules are described in
:mod:`risk_app.domain.assurance.conformance_rules`). Every deviation carries a sentence a
practitioner can read.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from operator import itemgetter
from typing import NamedTuple

from risk_app.domain import words
from risk_app.domain.assurance.conformance_rules import (
    UNKNOWN_JURISDICTION_JUDGED_AS,
    ConformanceRules,
)
from risk_app.domain.assurance.conformance_trace import (
    CaseTrace,
    EventKind,
    EventState,
    EventTuple,
)
from risk_app.domain.record.plan import next_review_due


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
    jurisdiction: str | None = None
    """The case's jurisdiction as recorded; None when unknown (then judged as English)."""

    @property
    def conforming(self) -> bool:
        return not self.deviations


_at = itemgetter(0)
_REVIEW, _NOT_APPLICABLE = int(EventState.REVIEW), int(EventState.NOT_APPLICABLE)
_STAGE, _TOUCHPOINT, _PROMPT, _OPTION, _RECORD = (
    EventKind.STAGE,
    EventKind.TOUCHPOINT,
    EventKind.PROMPT,
    EventKind.BUDGET_OPTION,
    EventKind.RECORD,
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
    jurisdiction = trace.jurisdiction or UNKNOWN_JURISDICTION_JUDGED_AS
    expected = _expected(rules, facts, first, option, jurisdiction)
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
        case_id,
        tuple(first.items()),
        tuple({**expected, **done}),
        option,
        tuple(deviations),
        trace.jurisdiction,
    )


def _missing(
    rules: ConformanceRules, case_id: str, facts: _Case, tp: str, stage: str, prompt: str | None
) -> Deviation:
    label = rules.labels.get
    reached = facts.first[stage].date()
    text = (
        f"Stage '{label(stage)}' reached on {words.day(reached)}: "
        f"touchpoint {tp} '{label(tp)}' missing."
    )
    if prompt is None:
        return Deviation(DeviationType.MISSING_TOUCHPOINT, case_id, stage, tp, reached, text)
    answered_at, answer = facts.answers[prompt]
    text = (
        f"{text[:-1]}, required since {prompt} '{label(prompt)}' was answered "
        f"'{answer}' on {words.day(answered_at.date())}."
    )
    return Deviation(
        DeviationType.MISSING_TRIGGERED_TOUCHPOINT, case_id, stage, tp, reached, text, prompt=prompt
    )


def _unconditional(
    rules: ConformanceRules, first: Mapping[str, datetime], option: str | None, jurisdiction: str
) -> dict[str, tuple[str, str | None]]:
    """The touchpoints expected whatever the answers, cached by (stages, option, jurisdiction)."""
    key = (tuple(first), option, jurisdiction)
    cached = rules.cache.get(key)
    if cached is None:
        cached = {}
        for stage in first:
            for item in rules.expected.get(stage, ()):
                if item.touchpoint in cached or (item.options and option not in item.options):
                    continue
                if item.jurisdictions and jurisdiction not in item.jurisdictions:
                    continue
                cached[item.touchpoint] = (stage, None)
        if len(rules.cache) < 10_000:
            rules.cache[key] = cached
    return cached


def _expected(
    rules: ConformanceRules,
    facts: _Case,
    first: Mapping[str, datetime],
    option: str | None,
    jurisdiction: str,
) -> dict[str, tuple[str, str | None]]:
    """Touchpoint → (the first reached stage that expects it, the prompt that made it required).

    Only touchpoints that apply in the case's jurisdiction count. The unconditional part depends
    only on the stages reached, the option and the jurisdiction, so it is cached on the rules
    (journeys repeat); answers are applied to a copy."""
    cached = _unconditional(rules, first, option, jurisdiction)
    expected = cached
    triggers = rules.triggers
    for prompt, (_, answer) in facts.answers.items():
        for trigger in triggers.get(prompt, ()):
            tp = trigger.touchpoint
            if tp in expected or not trigger.fires(answer):
                continue
            if not rules.applies_in(tp, jurisdiction):
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
            f"{words.day(at.date())}, after the next stage, '{label(following)}', began on "
            f"{words.day(end.date())}.",
            related_date=end.date(),
        )
    later = [s for s in stages if s in first]
    if later:
        stage = min(later, key=first.__getitem__)
        began_on: date | None = first[stage].date()
        when = f"began on {words.day(first[stage].date())}"
    else:
        stage, began_on, when = stages[0], None, "began (it was never reached)"
    return Deviation(
        DeviationType.TOUCHPOINT_BEFORE_STAGE,
        case_id,
        stage,
        tp,
        at.date(),
        f"Touchpoint {tp} '{label(tp)}' done on {words.day(at.date())}, before stage "
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
            f"{rules.label(rule.record)} agreed on {words.day(made.date())} with no {what} recorded"
        )
        text += (
            "." if needed is None else f" before it (the first was on {words.day(needed.date())})."
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
                f"started on {words.day(start)})"
            )
        return (
            f"{what.capitalize()} review due by {{due}} ({schedule.interval_months} months after "
            f"the review on {words.day(last)})"
        )

    for held in sorted({d for d in facts.reviews if start <= d <= as_of}):
        due = next_review_due(start, last, plan_agreed=start)
        if held > due:
            text = reason(last).format(due=words.day(due))
            found.append(
                Deviation(
                    DeviationType.REVIEW_LATE,
                    trace.case_id,
                    schedule.stage,
                    None,
                    due,
                    f"{text} was held on {words.day(held)}, {_days(held - due)} late.",
                    related_date=held,
                    due=due,
                )
            )
        last = held
    due = next_review_due(start, last, plan_agreed=start)
    if as_of > due:
        text = reason(last).format(due=words.day(due))
        found.append(
            Deviation(
                DeviationType.REVIEW_OVERDUE,
                trace.case_id,
                schedule.stage,
                None,
                due,
                f"{text} not held by {words.day(as_of)}: {_days(as_of - due)} overdue.",
                due=due,
            )
        )
    return found

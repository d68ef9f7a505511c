"""A case audit's aggregates, and the cases behind each figure.

:class:`ConformanceReport` holds every case's result and counts the cases per stage, per
touchpoint, per deviation type and per month. Each count has a :class:`DrillKey`, a small value
that :meth:`ConformanceReport.case_ids` takes to list the cases behind it; ``str(key)`` is the
key as written in the JSON report and on chart bars (docs/case-audit.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from risk_app.domain.assurance.conformance_check import CaseResult, Deviation, DeviationType
from risk_app.domain.assurance.conformance_rules import (
    UNKNOWN_JURISDICTION_JUDGED_AS,
    ConformanceRules,
)


class DrillGroup(StrEnum):
    """Which cases a drill-down key picks from."""

    CASES = "cases"
    """Every case audited."""
    STAGE = "stage"
    """The cases that reached a stage."""
    TOUCHPOINT = "touchpoint"
    """The cases in which a touchpoint was expected or done."""
    TYPE = "type"
    """The cases with a deviation of one type."""
    MONTH = "month"
    """The cases with a deviation that arose in a month (of any type, or of one)."""


class DrillOutcome(StrEnum):
    """Which of a group's cases a drill-down key names; a key without one names them all."""

    CONFORMING = "conforming"
    """Followed the framework (at that stage; for a touchpoint, done in order or not applicable)."""
    DEVIATING = "deviating"
    """Departed from it (at that stage: a deviation placed there)."""
    MISSING = "missing"
    """Of a touchpoint: expected and never done."""
    OUT_OF_ORDER = "out_of_order"
    """Of a touchpoint: done, but never within a visit of one of its stages."""


_OUTCOMES: Mapping[DrillGroup, tuple[DrillOutcome | None, ...]] = {
    DrillGroup.CASES: (None, DrillOutcome.CONFORMING, DrillOutcome.DEVIATING),
    DrillGroup.STAGE: (None, DrillOutcome.CONFORMING, DrillOutcome.DEVIATING),
    DrillGroup.TOUCHPOINT: (
        None,
        DrillOutcome.CONFORMING,
        DrillOutcome.MISSING,
        DrillOutcome.OUT_OF_ORDER,
    ),
    DrillGroup.TYPE: (None,),
    DrillGroup.MONTH: (None,),
}
_WITH_ITEM = frozenset({DrillGroup.STAGE, DrillGroup.TOUCHPOINT, DrillGroup.MONTH})
_TYPED: Mapping[DrillGroup, tuple[bool, ...]] = {
    DrillGroup.TYPE: (True,),
    DrillGroup.MONTH: (False, True),
}
"""Whether a key of the group names a deviation type (the other groups never do)."""


@dataclass(frozen=True, slots=True)
class DrillKey:
    """An aggregate bucket, named so that :meth:`ConformanceReport.case_ids` lists its cases.

    Made with the class methods, e.g. ``DrillKey.stage("ST3", DrillOutcome.DEVIATING)``. Written out
    (``str(key)``) it reads ``cases``, ``cases:conforming``, ``stage:ST3:deviating``,
    ``touchpoint:TP05:out_of_order``, ``type:missing_touchpoint``, ``month:2026-05`` or
    ``month:2026-05:missing_touchpoint``.
    """

    group: DrillGroup
    item: str | None = None
    """The stage id, the touchpoint id or the month (``YYYY-MM``); None for the other groups."""
    outcome: DrillOutcome | None = None
    deviation_type: DeviationType | None = None
    """The type group's type; for a month, only deviations of this type (None: of any)."""

    def __post_init__(self) -> None:
        if (
            (self.item is not None) != (self.group in _WITH_ITEM)
            or self.outcome not in _OUTCOMES[self.group]
            or (self.deviation_type is not None) not in _TYPED.get(self.group, (False,))
        ):
            raise ValueError(f"not a drill-down key: {self!r}")

    @classmethod
    def cases(cls, outcome: DrillOutcome | None = None) -> DrillKey:
        return cls(DrillGroup.CASES, outcome=outcome)

    @classmethod
    def stage(cls, stage: str, outcome: DrillOutcome | None = None) -> DrillKey:
        return cls(DrillGroup.STAGE, stage, outcome)

    @classmethod
    def touchpoint(cls, touchpoint: str, outcome: DrillOutcome | None = None) -> DrillKey:
        return cls(DrillGroup.TOUCHPOINT, touchpoint, outcome)

    @classmethod
    def of_type(cls, deviation_type: DeviationType) -> DrillKey:
        return cls(DrillGroup.TYPE, deviation_type=deviation_type)

    @classmethod
    def month(cls, month: str, deviation_type: DeviationType | None = None) -> DrillKey:
        """``month`` is ``YYYY-MM``."""
        return cls(DrillGroup.MONTH, month, deviation_type=deviation_type)

    def __str__(self) -> str:
        parts = [self.group.value]
        if self.item is not None:
            parts.append(self.item)
        detail = self.outcome or self.deviation_type
        if detail is not None:
            parts.append(detail.value)
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Rate:
    """How many cases a bucket holds, how many of them conform, and the share that conform."""

    key: DrillKey
    """The bucket, for :meth:`ConformanceReport.case_ids`."""
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
    key: DrillKey
    deviations: int
    cases: int


@dataclass(frozen=True, slots=True)
class MonthCount:
    month: str
    """``YYYY-MM`` of the deviations' dates."""
    key: DrillKey
    deviations: int
    cases: int
    by_type: Mapping[str, int]


class _Tally:
    """A bucket of deviations (of a type, of a month, or of a type in a month): how many, and
    the cases they are in, each case once (``last`` is the position of the last case listed)."""

    __slots__ = ("cases", "deviations", "last")

    def __init__(self, cases: list[str]) -> None:
        self.cases = cases
        self.deviations = 0
        self.last = -1


_ORDER_TYPES = (DeviationType.TOUCHPOINT_BEFORE_STAGE, DeviationType.TOUCHPOINT_AFTER_NEXT_STAGE)
_MISSING_TYPES = (DeviationType.MISSING_TOUCHPOINT, DeviationType.MISSING_TRIGGERED_TOUCHPOINT)
_StageCases = tuple[list[str], list[str], list[str]]
"""A stage's cases: reached, conforming there, deviating there."""
_TouchpointCases = tuple[list[str], list[str], list[str], list[str]]
"""A touchpoint's cases: judged, conforming, missing, out of order."""


class ConformanceReport:
    """Per-case results and their aggregates, judged against one framework version.

    Every aggregate has a :class:`DrillKey`; :meth:`case_ids` gives the cases behind any key.
    """

    def __init__(self, rules: ConformanceRules, cases: Sequence[CaseResult], as_of: date) -> None:
        self.framework_version = rules.framework_version
        self.framework_title = rules.framework_title
        self.as_of = as_of
        self.cases = tuple(cases)
        self._rules = rules
        self._drill: dict[DrillKey, list[str]] = {}
        self._all = self._bucket(DrillKey.cases())
        self._conforming = self._bucket(DrillKey.cases(DrillOutcome.CONFORMING))
        self._deviating = self._bucket(DrillKey.cases(DrillOutcome.DEVIATING))
        self._stages: dict[str, _StageCases] = {}
        self._touchpoints: dict[str, _TouchpointCases] = {}
        self._types: dict[DeviationType, _Tally] = {}
        self._months: dict[str, _Tally] = {}
        self._month_types: dict[tuple[str, DeviationType], _Tally] = {}
        # The three tallies a deviation of a type on a date counts in (dates repeat).
        self._tallies: dict[tuple[DeviationType, date], tuple[_Tally, _Tally, _Tally]] = {}
        for stage in rules.stages:
            self._stage_cases(stage)
        for tp in rules.touchpoints:
            self._touchpoint_cases(tp)
        for position, case in enumerate(self.cases):
            self._add(case, position)

    def _bucket(self, key: DrillKey) -> list[str]:
        return self._drill.setdefault(key, [])

    def _stage_cases(self, stage: str) -> _StageCases:
        found = self._stages[stage] = (
            self._bucket(DrillKey.stage(stage)),
            self._bucket(DrillKey.stage(stage, DrillOutcome.CONFORMING)),
            self._bucket(DrillKey.stage(stage, DrillOutcome.DEVIATING)),
        )
        return found

    def _touchpoint_cases(self, tp: str) -> _TouchpointCases:
        found = self._touchpoints[tp] = (
            self._bucket(DrillKey.touchpoint(tp)),
            self._bucket(DrillKey.touchpoint(tp, DrillOutcome.CONFORMING)),
            self._bucket(DrillKey.touchpoint(tp, DrillOutcome.MISSING)),
            self._bucket(DrillKey.touchpoint(tp, DrillOutcome.OUT_OF_ORDER)),
        )
        return found

    def _tallies_of(self, kind: DeviationType, when: date) -> tuple[_Tally, _Tally, _Tally]:
        month = f"{when.year:04d}-{when.month:02d}"
        of_type = self._types.get(kind)
        if of_type is None:
            of_type = self._types[kind] = _Tally(self._bucket(DrillKey.of_type(kind)))
        of_month = self._months.get(month)
        if of_month is None:
            of_month = self._months[month] = _Tally(self._bucket(DrillKey.month(month)))
        of_both = self._month_types.get((month, kind))
        if of_both is None:
            of_both = _Tally(self._bucket(DrillKey.month(month, kind)))
            self._month_types[(month, kind)] = of_both
        found = self._tallies[(kind, when)] = (of_type, of_month, of_both)
        return found

    def _add(self, case: CaseResult, position: int) -> None:
        case_id = case.case_id
        self._all.append(case_id)
        if case.deviations:
            self._add_deviating(case, position)
            return
        self._conforming.append(case_id)
        stages, touchpoints = self._stages, self._touchpoints
        for stage, _ in case.reached:
            reached, conforming, _ = stages.get(stage) or self._stage_cases(stage)
            reached.append(case_id)
            conforming.append(case_id)
        for tp in case.touchpoints:
            judged, done_in_order, _, _ = touchpoints.get(tp) or self._touchpoint_cases(tp)
            judged.append(case_id)
            done_in_order.append(case_id)

    def _add_deviating(self, case: CaseResult, position: int) -> None:
        case_id = case.case_id
        self._deviating.append(case_id)
        stages: set[str | None] = set()
        missing: set[str] = set()
        disordered: set[str] = set()
        tallies = self._tallies
        for deviation in case.deviations:
            stages.add(deviation.stage)
            if deviation.touchpoint is not None:
                if deviation.type in _MISSING_TYPES:
                    missing.add(deviation.touchpoint)
                elif deviation.type in _ORDER_TYPES:
                    disordered.add(deviation.touchpoint)
            counted_in = tallies.get((deviation.type, deviation.when))
            if counted_in is None:
                counted_in = self._tallies_of(deviation.type, deviation.when)
            for tally in counted_in:
                tally.deviations += 1
                if tally.last != position:
                    tally.last = position
                    tally.cases.append(case_id)
        for stage, _ in case.reached:
            reached, conforming, deviating = self._stages.get(stage) or self._stage_cases(stage)
            reached.append(case_id)
            (deviating if stage in stages else conforming).append(case_id)
        touchpoints = self._touchpoints
        for tp in case.touchpoints:
            cases_of_tp = touchpoints.get(tp) or self._touchpoint_cases(tp)
            judged, done_in_order, never_done, out_of_order = cases_of_tp
            judged.append(case_id)
            if tp in missing:
                never_done.append(case_id)
            elif tp in disordered:
                out_of_order.append(case_id)
            else:
                done_in_order.append(case_id)

    # ------------------------------------------------------------------ queries
    def case_ids(self, key: DrillKey) -> tuple[str, ...]:
        """The cases behind an aggregate bucket (empty for a bucket with no cases).

        Raises ``KeyError`` for a key that names no stage, touchpoint or valid month."""
        found = self._drill.get(key)
        if found is not None:
            return tuple(found)
        if not self._names_a_bucket(key):
            raise KeyError(f"unknown drill-down key {str(key)!r}")
        return ()

    def iter_case_ids(self, key: DrillKey) -> Iterator[str]:
        """:meth:`case_ids` without the copy (for writing a large report out)."""
        found = self._drill.get(key)
        return iter(found) if found is not None else iter(self.case_ids(key))

    def case_count(self, key: DrillKey) -> int:
        """How many cases are behind a bucket (as ``len(case_ids(key))``, without the copy)."""
        found = self._drill.get(key)
        return len(found) if found is not None else len(self.case_ids(key))

    def _names_a_bucket(self, key: DrillKey) -> bool:
        if key.group is DrillGroup.STAGE:
            return key.item in self._rules.stages
        if key.group is DrillGroup.TOUCHPOINT:
            return key.item in self._rules.touchpoint_stages
        if key.group is DrillGroup.MONTH:
            year, _, month = (key.item or "").partition("-")
            return year.isdigit() and len(year) == 4 and month.isdigit() and 1 <= int(month) <= 12
        return True

    @property
    def deviations(self) -> tuple[Deviation, ...]:
        return tuple(d for case in self.cases for d in case.deviations)

    @property
    def overall(self) -> Rate:
        return Rate(DrillKey.cases(), len(self.cases), len(self._conforming))

    @property
    def deviation_count(self) -> int:
        return sum(len(case.deviations) for case in self.cases)

    @property
    def unknown_jurisdiction(self) -> int:
        """Cases with no jurisdiction recorded (an event log carries none): judged as English."""
        return sum(1 for case in self.cases if case.jurisdiction is None)

    @property
    def jurisdiction_caveat(self) -> str | None:
        """The sentence the report shows when some cases had no jurisdiction, else None."""
        unknown = self.unknown_jurisdiction
        if not unknown:
            return None
        every = unknown == len(self.cases)
        which = "No case" if every else f"{unknown:,} of {len(self.cases):,} cases"
        nation = UNKNOWN_JURISDICTION_JUDGED_AS.capitalize()
        return (
            f"{which} had {'a jurisdiction' if every else 'no jurisdiction'} recorded, so "
            f"{'every case was' if every else 'they were'} judged against the touchpoints that "
            f"apply in {nation} (a DBS check, not PVG membership). A Scottish or Welsh case among "
            "them may be reported missing a touchpoint that does not apply to it."
        )

    def by_stage(self) -> tuple[StageRate, ...]:
        """Every stage in journey order, with how many cases reached it and conform at it."""
        rates: list[StageRate] = []
        for stage in self._rules.stages:
            reached, conforming, _ = self._stages[stage]
            rate = Rate(DrillKey.stage(stage), len(reached), len(conforming))
            rates.append(StageRate(stage, self._rules.label(stage), rate))
        return tuple(rates)

    def by_touchpoint(self) -> tuple[TouchpointRate, ...]:
        """Touchpoints that belong to a stage, in file order."""
        rates: list[TouchpointRate] = []
        for tp in self._rules.touchpoints:
            if tp not in self._rules.touchpoint_stages:
                continue
            judged, done_in_order, never_done, out_of_order = self._touchpoints[tp]
            rates.append(
                TouchpointRate(
                    tp,
                    self._rules.label(tp),
                    Rate(DrillKey.touchpoint(tp), len(judged), len(done_in_order)),
                    missing=len(never_done),
                    out_of_order=len(out_of_order),
                )
            )
        return tuple(rates)

    def by_type(self) -> tuple[TypeCount, ...]:
        """Every deviation type (including those with none), in the order they are declared."""
        counts: list[TypeCount] = []
        for kind in DeviationType:
            tally = self._types.get(kind)
            found = (tally.deviations, len(tally.cases)) if tally is not None else (0, 0)
            counts.append(TypeCount(kind, DrillKey.of_type(kind), *found))
        return tuple(counts)

    def by_month(self) -> tuple[MonthCount, ...]:
        """Months with deviations, oldest first, by the date each deviation arose."""
        return tuple(
            MonthCount(
                month,
                DrillKey.month(month),
                self._months[month].deviations,
                len(self._months[month].cases),
                {
                    kind.value: self._month_types[(month, kind)].deviations
                    for kind in DeviationType
                    if (month, kind) in self._month_types
                },
            )
            for month in sorted(self._months)
        )

    def drill_down_keys(self) -> tuple[DrillKey, ...]:
        """Every key that has cases behind it."""
        return tuple(key for key, ids in self._drill.items() if ids)

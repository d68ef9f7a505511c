"""A touchpoint's status belongs to a stage visit, and comes from the record first.

A stage visit is one entry of the person into a stage (a re-entered stage starts a new visit).
For the latest visit of a stage, each touchpoint is:
- done by a record that evidences it (the graph says which: `evidence.evidenced_touchpoints`),
  where a record made at time t belongs to the latest visit of that stage started at or before t,
  or to the stage's first visit when it was made before the stage was reached; but a record made
  while the person was at another stage that has the same touchpoint evidences it there only
  (a concern raised at stage 5 is stage 5's TP11: it says nothing of stage 3's or stage 6's);
- otherwise the newest manual status recorded for that visit;
- otherwise outstanding; and "not reached yet" for a stage the person has not entered.
A record wins over a manual "not applicable" or "outstanding" in the same visit, and says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from framework import FrameworkGraph
from risk_app.domain import words
from risk_app.domain.record.evidence import WORDS, RecordMade, evidenced_touchpoints
from risk_app.domain.record.people import TouchpointState


@dataclass(frozen=True, slots=True)
class Visit:
    """One entry into a stage (a `stage_history` row)."""

    id: int
    stage: str
    entered_at: datetime


@dataclass(frozen=True, slots=True)
class ManualStatus:
    """A status somebody set by hand for a touchpoint in one visit."""

    visit_id: int
    touchpoint_id: str
    state: TouchpointState
    note: str
    at: datetime
    by: str
    row_id: int = 0


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What the derivation needs from a person's file."""

    visits: tuple[Visit, ...] = ()
    manual: tuple[ManualStatus, ...] = ()
    records: tuple[RecordMade, ...] = ()


@dataclass(frozen=True, slots=True)
class DerivedStatus:
    state: TouchpointState
    reached: bool = True
    evidence: RecordMade | None = None
    """The record that makes the touchpoint done in this visit."""
    manual: ManualStatus | None = None
    """The newest manual status for this visit (kept, and named, even when a record wins)."""

    @property
    def conflict(self) -> str:
        """The sentence naming a record that replaced a manual status, or ''."""
        if self.evidence is None or self.manual is None:
            return ""
        if self.manual.state is TouchpointState.DONE:
            return ""
        return (
            f"{record_sentence(self.evidence)}; this replaces "
            f"'{STATE_PHRASE[self.manual.state]}' set by {self.manual.by} on "
            f"{words.day(self.manual.at)}" + (f": {self.manual.note}" if self.manual.note else "")
        )


STATE_PHRASE = {
    TouchpointState.OUTSTANDING: "outstanding",
    TouchpointState.DONE: "done",
    TouchpointState.NOT_APPLICABLE: "not applicable",
}


def record_sentence(record: RecordMade) -> str:
    """E.g. ``A safeguarding concern was raised on 3 Dec 2026 by sam``."""
    noun, verb = WORDS[record.kind]
    return f"{noun} {verb} on {words.day(record.at)} by {record.by}"


def _ordered(visits: Iterable[Visit]) -> list[Visit]:
    return sorted(visits, key=lambda v: (v.entered_at, v.id))


def latest_visit(visits: Sequence[Visit], stage_id: str) -> Visit | None:
    """The person's latest visit of a stage, or None if they have not reached it."""
    of_stage = _ordered(v for v in visits if v.stage == stage_id)
    return of_stage[-1] if of_stage else None


def visit_at(visits: Sequence[Visit], stage_id: str, at: datetime) -> Visit | None:
    """The visit of `stage_id` something made at `at` belongs to: the latest visit of the stage
    started at or before `at`, or the stage's first visit if it was made before the stage was
    reached (None if the stage was never reached)."""
    of_stage = _ordered(v for v in visits if v.stage == stage_id)
    if not of_stage:
        return None
    started = [v for v in of_stage if v.entered_at <= at]
    return started[-1] if started else of_stage[0]


def current_visit(visits: Sequence[Visit], at: datetime) -> Visit | None:
    """The visit the person was in at `at` (None before their first)."""
    started = [v for v in _ordered(visits) if v.entered_at <= at]
    return started[-1] if started else None


def _evidenced_where_made(
    graph: FrameworkGraph, then: Visit | None, stage_id: str, touchpoint: str
) -> bool:
    """Whether a record made during visit `then` evidences `touchpoint` at that visit's own stage
    rather than at `stage_id`: when the person was then at another stage that has the touchpoint
    too (a concern raised at stage 5 is stage 5's TP11, and says nothing of stage 3 or 6)."""
    if then is None or then.stage == stage_id:
        return False
    return then.stage in {s.id for s in graph.stages_of(touchpoint)}


def stage_statuses(
    graph: FrameworkGraph,
    stage_id: str,
    touchpoint_ids: Iterable[str],
    record: PersonRecord,
) -> dict[str, DerivedStatus]:
    """Each touchpoint's status in the latest visit of `stage_id`."""
    wanted = list(touchpoint_ids)
    visit = latest_visit(record.visits, stage_id)
    if visit is None:
        return {t: DerivedStatus(TouchpointState.OUTSTANDING, reached=False) for t in wanted}
    evidence: dict[str, RecordMade] = {}
    for made in sorted(record.records, key=lambda r: (r.at, r.record_id)):
        if visit_at(record.visits, stage_id, made.at) != visit:
            continue
        then = current_visit(record.visits, made.at)
        for touchpoint in evidenced_touchpoints(graph, made.kind):
            if _evidenced_where_made(graph, then, stage_id, touchpoint):
                continue
            evidence[touchpoint] = made  # the newest record counts
    manual: dict[str, ManualStatus] = {}
    for status in sorted(record.manual, key=lambda m: (m.at, m.row_id)):
        if status.visit_id == visit.id:
            manual[status.touchpoint_id] = status  # the newest status counts
    found: dict[str, DerivedStatus] = {}
    for touchpoint in wanted:
        by_record = evidence.get(touchpoint)
        by_hand = manual.get(touchpoint)
        if by_record is not None:
            found[touchpoint] = DerivedStatus(TouchpointState.DONE, True, by_record, by_hand)
        elif by_hand is not None:
            found[touchpoint] = DerivedStatus(by_hand.state, True, None, by_hand)
        else:
            found[touchpoint] = DerivedStatus(TouchpointState.OUTSTANDING)
    return found

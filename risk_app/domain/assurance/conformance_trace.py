"""A case as the conformance audit reads it: its id and its events, each a framework item at a time.

An event is ``(at, item, answer, state)``: when, which framework item (a stage entered, a
touchpoint done, a prompt answered, a budget option started, a record made), the answer for a
prompt, and how it counts (:class:`EventState`). Event logs (:mod:`risk_app.domain.assurance.event_log`)
and the journeys recorded in the app both become :class:`CaseTrace` values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum, StrEnum
from operator import itemgetter
from typing import NamedTuple


class EventKind(StrEnum):
    """What an event says happened, from the kind of its framework item."""

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
    event of that option its start. ``jurisdiction`` is the person's nation (england, scotland,
    wales): the app knows it; an event log does not carry it, and such a case is judged as English
    with a caveat in the report (docs/adr/0012-touchpoints-by-jurisdiction.md).
    """

    case_id: str
    events: Sequence[EventTuple]
    budget_option: str | None = None
    payment_start: date | None = None
    jurisdiction: str | None = None


def latest_date(traces: Iterable[CaseTrace]) -> date | None:
    """The date of the latest event in the traces (the default audit date for a log)."""
    latest: datetime | None = None
    for trace in traces:
        if trace.events:
            at = max(trace.events, key=itemgetter(0))[0]
            if latest is None or at > latest:
                latest = at
    return latest.date() if latest is not None else None

"""A panel's lifecycle, the rules: what may follow what, and what each step must record.

A referral to a risk enablement panel (or another route such as a high-risk forum) is a process,
not one form (SCIE Report 36, "Risk enablement panels"): the plan is referred with a reason, the
question the panel is asked and the person's view (or their advocate); the panel is scheduled
(and may be rescheduled); it meets and its outcome is recorded (the recommendation, dissent in
each party's own words, any conditions, a review date and whether the person attended); the
team then closes it. A referral that is no longer needed is withdrawn, with a reason.

`TRANSITIONS` is the one place that says which step may follow which state; every step is one
command type below, whose `cleaned` method holds that step's rules. Who may take a step at all is
access control, decided in the services. TP10 ("refer complex risk decisions to a risk enablement
panel") is evidenced at referral.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from risk_app.domain import words
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, Day, RecordId
from risk_app.domain.record.dissent import Dissent, clean_dissents
from risk_app.domain.text import clean_long_text, clean_short_text


class PanelState(StrEnum):
    """Where a panel referral is up to."""

    REFERRED = "referred"
    """Referred, with a reason, a question and the person's view; no date yet."""
    SCHEDULED = "scheduled"
    """A date is set for the panel; no outcome yet."""
    OUTCOME = "outcome"
    """The panel met and its recommendation is recorded; conditions and review to follow up."""
    CLOSED = "closed"
    """Closed by the team: nothing further to do on this referral."""
    WITHDRAWN = "withdrawn"
    """The referral was withdrawn before the panel met, with a reason."""

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS: dict[PanelState, str] = {
    PanelState.REFERRED: "Referred, not yet scheduled",
    PanelState.SCHEDULED: "Scheduled, waiting for the panel",
    PanelState.OUTCOME: "Outcome recorded",
    PanelState.CLOSED: "Closed",
    PanelState.WITHDRAWN: "Withdrawn",
}

START = PanelState.REFERRED
"""The state a referral starts in (the `Referral` command creates it)."""
FINAL: frozenset[PanelState] = frozenset({PanelState.CLOSED, PanelState.WITHDRAWN})
"""States nothing may follow."""
WITH_OUTCOME: frozenset[PanelState] = frozenset({PanelState.OUTCOME, PanelState.CLOSED})
"""States in which the panel has met and made a recommendation (its review date counts)."""
WAITING: frozenset[PanelState] = frozenset({PanelState.REFERRED, PanelState.SCHEDULED})
"""States in which the team is waiting for the panel."""


class Step(StrEnum):
    """What can be done to a panel referral."""

    REFER = "refer"
    SCHEDULE = "schedule"
    RESCHEDULE = "reschedule"
    RECORD_OUTCOME = "record_outcome"
    CLOSE = "close"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]


_STEP_LABELS: dict[Step, str] = {
    Step.REFER: "refer to a panel",
    Step.SCHEDULE: "set the panel's date",
    Step.RESCHEDULE: "move the panel to another date",
    Step.RECORD_OUTCOME: "record the panel's outcome",
    Step.CLOSE: "close the referral",
    Step.WITHDRAW: "withdraw the referral",
}


@dataclass(frozen=True, slots=True)
class PanelFacts:
    """What the rules need to know about a panel referral as it stands."""

    state: PanelState
    referred_on: date
    scheduled_for: date | None = None
    held_on: date | None = None


# ---------------------------------------------------------------------- the commands
@dataclass(frozen=True, slots=True)
class Referral:
    """Refer the person's plan to a route: why, the question the panel is asked, the person's view
    (in their words or through their advocate) and which of their risks."""

    route: Code
    reason: str
    question: str
    risk_ids: Sequence[RecordId]
    person_view: str
    advocate: str = ""

    def cleaned(self) -> Referral:
        reason = clean_long_text(self.reason, "reason for referral")
        if not reason:
            raise InvalidInput("Say why the person's plan is being referred.")
        question = clean_long_text(self.question, "question for the panel")
        if not question:
            raise InvalidInput("Write the question the panel is asked to answer.")
        view = clean_long_text(self.person_view, "person's view")
        advocate = clean_short_text(self.advocate, "advocate", required=False)
        if not view and not advocate:
            raise InvalidInput(
                "Record the person's view in their words, or name the advocate who will give it."
            )
        ids = [self.risk_ids] if isinstance(self.risk_ids, int) else list(self.risk_ids)
        return Referral(self.route, reason, question, ids, view, advocate)


@dataclass(frozen=True, slots=True)
class Scheduling:
    """Set the date the panel will meet."""

    on: Day

    def cleaned(self, facts: PanelFacts) -> Scheduling:
        _check_panel_date(self.on, facts)
        return self


@dataclass(frozen=True, slots=True)
class Rescheduling:
    """Move the panel to another date, saying why."""

    on: Day
    reason: str

    def cleaned(self, facts: PanelFacts) -> Rescheduling:
        _check_panel_date(self.on, facts)
        if self.on == facts.scheduled_for:
            raise InvalidInput(f"The panel is already set for {words.day(self.on)}.")
        reason = clean_long_text(self.reason, "reason for moving the panel")
        if not reason:
            raise InvalidInput("Say why the panel is moving to another date.")
        return Rescheduling(self.on, reason)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the panel recommended, who disagreed in their own words, any conditions, the review
    date, the options it considered and whether the person attended."""

    held_on: Day
    person_attended: bool | None
    options: Sequence[str]
    recommendation: str
    dissent: Sequence[Dissent | Mapping[str, str]] = ()
    conditions: str = ""
    review_date: Day | None = None

    def cleaned(self, facts: PanelFacts, today: date) -> Outcome:
        if self.held_on < facts.referred_on:
            raise InvalidInput(
                f"The panel cannot have met before the referral ({words.day(facts.referred_on)})."
            )
        if self.held_on > today:
            raise InvalidInput("Record the outcome once the panel has met: its date is to come.")
        if not isinstance(self.person_attended, bool):
            raise InvalidInput("Say yes or no: did the person attend the panel?")
        options = [self.options] if isinstance(self.options, str) else self.options
        option_texts = [clean_long_text(o, "option", max_length=1000) for o in options]
        option_texts = [o for o in option_texts if o]
        if not option_texts:
            raise InvalidInput("Record at least one option the panel considered.")
        recommendation = clean_long_text(self.recommendation, "recommendation")
        if not recommendation:
            raise InvalidInput("Record what the panel recommended: an outcome names one.")
        dissents = clean_dissents(self.dissent)
        conditions = clean_long_text(self.conditions, "conditions")
        if self.review_date is not None and self.review_date <= self.held_on:
            raise InvalidInput(
                f"The review date must be after the panel met ({words.day(self.held_on)})."
            )
        return Outcome(
            self.held_on,
            self.person_attended,
            option_texts,
            recommendation,
            dissents,
            conditions,
            self.review_date,
        )


@dataclass(frozen=True, slots=True)
class Closure:
    """Close the referral once its outcome is followed up (a note is optional)."""

    note: str = ""

    def cleaned(self) -> Closure:
        return Closure(clean_long_text(self.note, "note on closing"))


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """Withdraw a referral before the panel has met, saying why."""

    reason: str

    def cleaned(self) -> Withdrawal:
        reason = clean_long_text(self.reason, "reason for withdrawing")
        if not reason:
            raise InvalidInput("Say why the referral is being withdrawn.")
        return Withdrawal(reason)


Command = Referral | Scheduling | Rescheduling | Outcome | Closure | Withdrawal


def _check_panel_date(on: date, facts: PanelFacts) -> None:
    if not isinstance(on, date):
        raise InvalidInput("Give the date the panel will meet.")
    if on < facts.referred_on:
        raise InvalidInput(
            f"The panel cannot be set before the referral was made ({words.day(facts.referred_on)})."
        )


# ---------------------------------------------------------------------- the table
@dataclass(frozen=True, slots=True)
class Transition:
    step: Step
    source: PanelState | None
    """None for the step that creates a referral."""
    target: PanelState
    command: type[Command]


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Step.REFER, None, PanelState.REFERRED, Referral),
    Transition(Step.SCHEDULE, PanelState.REFERRED, PanelState.SCHEDULED, Scheduling),
    Transition(Step.RESCHEDULE, PanelState.SCHEDULED, PanelState.SCHEDULED, Rescheduling),
    Transition(Step.RECORD_OUTCOME, PanelState.SCHEDULED, PanelState.OUTCOME, Outcome),
    Transition(Step.CLOSE, PanelState.OUTCOME, PanelState.CLOSED, Closure),
    Transition(Step.WITHDRAW, PanelState.REFERRED, PanelState.WITHDRAWN, Withdrawal),
    Transition(Step.WITHDRAW, PanelState.SCHEDULED, PanelState.WITHDRAWN, Withdrawal),
)


def steps_from(state: PanelState) -> tuple[Step, ...]:
    """The steps allowed from a state, in the table's order."""
    return tuple(t.step for t in TRANSITIONS if t.source is state)


def transition(state: PanelState, step: Step) -> Transition:
    """The table's row for taking `step` from `state`, or InvalidInput saying what may be done."""
    for t in TRANSITIONS:
        if t.source is state and t.step is step:
            return t
    allowed = [s.label for s in steps_from(state)]
    then = (
        f" You can {words.either(allowed)}."
        if allowed
        else " Nothing more can be done to it; make a new referral if one is needed."
    )
    raise InvalidInput(
        f"You cannot {step.label}: this panel referral is {state.label.lower()}.{then}"
    )


def step_of(command: Command) -> Step:
    """The step a command takes (each command type is one step)."""
    for t in TRANSITIONS:
        if isinstance(command, t.command):
            return t.step
    raise InvalidInput("Choose what to do with the panel referral.")

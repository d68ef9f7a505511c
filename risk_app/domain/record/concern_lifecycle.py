"""A safeguarding concern as a lifecycle, one table for every nation (England: Care Act 2014 s42;
Wales: Social Services and Well-being (Wales) Act 2014 s126; Scotland: Adult Support and Protection
(Scotland) Act 2007 ss3-4), with Making Safeguarding Personal outcomes.

The pathways, all in `TRANSITIONS` (the one place that says what may follow what and who may do
it; tests/unit/domain/record/test_concern_lifecycle.py checks it is complete):

    raise              -> RAISED
    RAISED        --decide-->                S42_DECIDED  (duty to enquire, or not met; three-part
                                                            test with reasons)
    S42_DECIDED   --start_enquiry-->         ENQUIRY      (a section 42 enquiry when the duty arises;
                                                            another (non-statutory) enquiry when not)
    S42_DECIDED   --close_without_enquiry--> CLOSED       (only when the duty does not arise: another
                                                            response such as advice or a plan change)
    ENQUIRY       --record_outcome-->        OUTCOME      (Making Safeguarding Personal)
    OUTCOME       --close-->                 CLOSED       (feeds back into the person's review)

    and, for a self-neglect concern only (Care and Support Statutory Guidance 14.17: self-neglect
    may not prompt a Section 42 enquiry; decide case by case):

    RAISED        --refer_to_forum-->        FORUM        (a multi-agency high-risk forum, with
                                                            reasons, instead of or before the
                                                            Section 42 decision)
    FORUM         --decide_after_forum-->    S42_DECIDED  (the forum's work leads to the decision)
    FORUM         --close_after_forum-->     CLOSED       (what the forum agreed; the review
                                                            takes it up)

A duty to enquire is never closed without an enquiry: the council *must* make (or cause to be
made) the enquiries it thinks necessary (s42(2)). The decision is taken by a team manager or a
safeguarding lead; anyone on the staff may raise a concern. Where the decision is made by a
safeguarding lead, the lead acts on the concern only, not on the rest of the person's record.

The states and steps keep their stored codes (``s42_decided``) in every nation; only their words
follow the law the concern is decided under (`concern_words`): England's "Section 42 decision" and
"enquiry", Wales's "Section 126 decision", Scotland's "Decision to inquire (s4)" and "inquiry".
The test itself is the nation's, from the law book (`safeguarding_law`). The labels without a
nation (`label`) are England's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from framework.law.schema import SafeguardingLaw
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.concern_words import ENGLAND, WORDS, ConcernWords, sentence
from risk_app.domain.record.safeguarding import S42Result
from risk_app.domain.record.safeguarding_law import unanswered
from risk_app.domain.roles import Role


class ConcernState(StrEnum):
    """Where a concern stands. Stored in the database: a value never changes once used."""

    RAISED = "raised"
    """Raised; the Section 42 decision is waiting."""
    S42_DECIDED = "s42_decided"
    """The Section 42 decision is made (duty to enquire, or not met), with its reasons."""
    ENQUIRY = "enquiry"
    """An enquiry (section 42 or other) is open, with who leads it."""
    FORUM = "forum"
    """A self-neglect concern referred to a multi-agency high-risk forum: the Section 42 decision
    is not waiting (it may follow, or the forum's plan may close the concern)."""
    OUTCOME = "outcome"
    """The enquiry's outcome is recorded (Making Safeguarding Personal); closure is waiting."""
    CLOSED = "closed"
    """Closed; what it means for the person's plan and review is recorded."""

    @property
    def label(self) -> str:
        return self.label_in(ENGLAND)

    def label_in(self, words: ConcernWords) -> str:
        """The state in the words of the concern's nation."""
        return {
            ConcernState.RAISED: f"Raised: {words.decision} waiting",
            ConcernState.S42_DECIDED: f"{words.decision} made",
            ConcernState.FORUM: "Referred to a multi-agency high-risk forum (self-neglect)",
            ConcernState.ENQUIRY: f"{sentence(words.enquiry)} open",
            ConcernState.OUTCOME: "Outcome recorded: closure waiting",
            ConcernState.CLOSED: "Closed",
        }[self]


OPEN_STATES = frozenset(ConcernState) - {ConcernState.CLOSED}


class Step(StrEnum):
    """A transition of the lifecycle. Stored in the history: a value never changes once used."""

    RAISE = "raise"
    DECIDE = "decide"
    START_ENQUIRY = "start_enquiry"
    CLOSE_WITHOUT_ENQUIRY = "close_without_enquiry"
    RECORD_OUTCOME = "record_outcome"
    CLOSE = "close"
    REFER_TO_FORUM = "refer_to_forum"
    DECIDE_AFTER_FORUM = "decide_after_forum"
    CLOSE_AFTER_FORUM = "close_after_forum"

    @property
    def label(self) -> str:
        return self.label_in(ENGLAND)

    def label_in(self, words: ConcernWords) -> str:
        """The step in the words of the concern's nation."""
        return {
            Step.RAISE: "Raise the concern",
            Step.DECIDE: words.decide,
            Step.START_ENQUIRY: f"Start the {words.enquiry}",
            Step.CLOSE_WITHOUT_ENQUIRY: f"Close with another response (no {words.enquiry})",
            Step.RECORD_OUTCOME: "Record the outcome",
            Step.CLOSE: "Close the concern",
            Step.REFER_TO_FORUM: "Refer to a multi-agency high-risk forum (self-neglect)",
            Step.DECIDE_AFTER_FORUM: f"{words.decide} after the forum",
            Step.CLOSE_AFTER_FORUM: f"Close with the forum's plan (no {words.statutory_enquiry})",
        }[self]


class EnquiryKind(StrEnum):
    SECTION_42 = "section_42"
    """A statutory enquiry: the duty arises."""
    OTHER = "other"
    """A safeguarding enquiry outside section 42 (the council may make one where the duty does not
    arise, e.g. a carer at risk, or an adult without care and support needs)."""

    @property
    def label(self) -> str:
        return self.label_in(ENGLAND)

    def label_in(self, words: ConcernWords) -> str:
        """The kind in the words of the concern's nation ("Inquiry under s4")."""
        if self is EnquiryKind.SECTION_42:
            return words.statutory_enquiry
        return words.other_enquiry


class OtherResponse(StrEnum):
    """What is done instead when the duty does not arise and no enquiry is made."""

    ADVICE_AND_INFORMATION = "advice_and_information"
    CARE_PLAN_CHANGE = "care_plan_change"
    ANOTHER_AGENCY = "another_agency"
    NO_FURTHER_ACTION = "no_further_action"

    @property
    def label(self) -> str:
        return {
            OtherResponse.ADVICE_AND_INFORMATION: "Information and advice",
            OtherResponse.CARE_PLAN_CHANGE: "A change to the care and support plan",
            OtherResponse.ANOTHER_AGENCY: "Help from another agency",
            OtherResponse.NO_FURTHER_ACTION: "No further action (reasons recorded)",
        }[self]


class OutcomesAchieved(StrEnum):
    """Making Safeguarding Personal: how far the outcomes the person wanted were achieved."""

    FULLY = "fully"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"

    @property
    def label(self) -> str:
        return {
            OutcomesAchieved.FULLY: "Fully achieved",
            OutcomesAchieved.PARTLY: "Partly achieved",
            OutcomesAchieved.NOT_ACHIEVED: "Not achieved",
        }[self]


class RiskAfter(StrEnum):
    """Where the risk stands at the end of the enquiry (the national SAC return's categories)."""

    REMOVED = "removed"
    REDUCED = "reduced"
    REMAINS = "remains"

    @property
    def label(self) -> str:
        return {
            RiskAfter.REMOVED: "Risk removed",
            RiskAfter.REDUCED: "Risk reduced",
            RiskAfter.REMAINS: "Risk remains",
        }[self]


class ReviewFollowUp(StrEnum):
    """How closing a concern feeds back into the person's self-directed support review."""

    EARLY_REVIEW = "early_review"
    """An early review is requested (safety or welfare compromised) and shows on review lists."""
    NEXT_REVIEW = "next_review"
    """The next planned review takes it up; the closing note says what it should look at."""

    @property
    def label(self) -> str:
        return {
            ReviewFollowUp.EARLY_REVIEW: "Request an early review of the plan",
            ReviewFollowUp.NEXT_REVIEW: "The next planned review takes it up",
        }[self]


@dataclass(frozen=True, slots=True)
class ConcernFacts:
    """What the guards need to know about a concern."""

    state: ConcernState
    s42_result: S42Result | None
    self_neglect: bool = False
    """Self-neglect is among the types of abuse or neglect raised."""
    words: ConcernWords = ENGLAND
    """The words of the law the concern follows, for messages."""


Guard = Callable[[ConcernFacts], str | None]
"""Returns why the step may not be taken now (None when it may)."""


def _always(_: ConcernFacts) -> str | None:
    return None


def _only_without_duty(facts: ConcernFacts) -> str | None:
    if facts.s42_result is S42Result.DUTY_TO_ENQUIRE:
        w = facts.words
        return (
            f"The {w.duty} arises for this concern, so it cannot be closed without an "
            f"{w.enquiry}: start the {w.enquiry}."
        )
    return None


def _only_self_neglect(facts: ConcernFacts) -> str | None:
    if not facts.self_neglect:
        return (
            "Only a self-neglect concern can go to the high-risk forum instead of the Section 42 "
            "decision: decide on the Section 42 duty."
        )
    return None


DECIDERS = frozenset({Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD})
STAFF = frozenset({Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD})


@dataclass(frozen=True, slots=True)
class Transition:
    step: Step
    source: ConcernState | None
    """None for raising: the concern does not exist before."""
    target: ConcernState
    roles: frozenset[Role]
    guard: Guard = _always


TRANSITIONS: tuple[Transition, ...] = (
    Transition(Step.RAISE, None, ConcernState.RAISED, STAFF),
    Transition(Step.DECIDE, ConcernState.RAISED, ConcernState.S42_DECIDED, DECIDERS),
    Transition(Step.START_ENQUIRY, ConcernState.S42_DECIDED, ConcernState.ENQUIRY, DECIDERS),
    Transition(
        Step.CLOSE_WITHOUT_ENQUIRY,
        ConcernState.S42_DECIDED,
        ConcernState.CLOSED,
        DECIDERS,
        _only_without_duty,
    ),
    Transition(Step.RECORD_OUTCOME, ConcernState.ENQUIRY, ConcernState.OUTCOME, STAFF),
    Transition(Step.CLOSE, ConcernState.OUTCOME, ConcernState.CLOSED, DECIDERS),
    Transition(
        Step.REFER_TO_FORUM,
        ConcernState.RAISED,
        ConcernState.FORUM,
        DECIDERS,
        _only_self_neglect,
    ),
    Transition(Step.DECIDE_AFTER_FORUM, ConcernState.FORUM, ConcernState.S42_DECIDED, DECIDERS),
    Transition(Step.CLOSE_AFTER_FORUM, ConcernState.FORUM, ConcernState.CLOSED, DECIDERS),
)
"""What may follow what, and who may do it. The enquiry's outcome may be recorded by whoever
leads it (any staff); everything that decides or ends the council's response is a manager's or
the safeguarding lead's."""

INITIAL = ConcernState.RAISED
FINAL = frozenset({ConcernState.CLOSED})

_BY_STEP = {t.step: t for t in TRANSITIONS}


def transition(step: Step) -> Transition:
    return _BY_STEP[step]


def next_steps(facts: ConcernFacts, role: Role | None = None) -> tuple[Step, ...]:
    """The steps that may follow now (for `role`, when given), in table order."""
    return tuple(
        t.step
        for t in TRANSITIONS
        if t.source is facts.state and t.guard(facts) is None and (role is None or role in t.roles)
    )


def may_take(step: Step, role: Role) -> bool:
    return role in transition(step).roles


def check_step(step: Step, facts: ConcernFacts) -> ConcernState:
    """The state after `step`, or InvalidInput saying why it cannot follow now."""
    t = transition(step)
    w = facts.words
    if t.source is not facts.state:
        allowed = next_steps(facts)
        then = (
            "Next: " + "; or ".join(s.label_in(w).lower() for s in allowed) + "."
            if allowed
            else "Nothing follows a closed concern: raise a new one if there is a new worry."
        )
        raise InvalidInput(
            f"This concern is at '{facts.state.label_in(w)}': '{step.label_in(w).lower()}' cannot "
            f"be done now. {then}"
        )
    if (why := t.guard(facts)) is not None:
        raise InvalidInput(why)
    return t.target


# ------------------------------------------------------------------ what each step must contain
def check_decision(
    law: SafeguardingLaw,
    words: ConcernWords,
    answers: dict[str, bool | None],
    reasons: str,
) -> None:
    """The decision needs each of the nation's three conditions answered (none is assumed), and
    the reasons."""
    missing = [
        f"{c.label.lower()} ({c.cites[0].at})" if c.cites[0].at else c.label.lower()
        for c in unanswered(law, answers)
    ]
    if not reasons.strip():
        missing.append("the reasons for the decision")
    if missing:
        raise InvalidInput(
            f"To record the {words.decision_in_a_sentence}, answer each of: "
            + "; ".join(missing)
            + "."
        )


def check_enquiry(
    kind: EnquiryKind, s42_result: S42Result | None, lead: str, words: ConcernWords = ENGLAND
) -> None:
    w = words
    if not lead.strip():
        raise InvalidInput(
            f"Say who leads the {w.enquiry} (a name, and their role or organisation)."
        )
    if s42_result is S42Result.DUTY_TO_ENQUIRE and kind is not EnquiryKind.SECTION_42:
        raise InvalidInput(
            f"The {w.duty} arises for this concern: the {w.enquiry} is a statutory one "
            f"({w.statutory_enquiry})."
        )
    if s42_result is not S42Result.DUTY_TO_ENQUIRE and kind is EnquiryKind.SECTION_42:
        raise InvalidInput(
            f"The {w.duty} does not arise for this concern: an {w.enquiry} is an other "
            f"(non-statutory) {w.enquiry}."
        )


def check_outcome(
    asked: bool | None,
    desired: str,
    achieved: OutcomesAchieved | None,
    risk: RiskAfter | None,
    expressed: bool | None = None,
) -> bool | None:
    """Making Safeguarding Personal: was the person (or their representative) asked what outcomes
    they wanted; did they express any, and in what words; how far were they achieved; and where the
    risk stands now. A person can be asked and say nothing they want: then there are no words and
    nothing to achieve. Returns whether outcomes were expressed (the words given are the record
    that they were; None when the person was not asked)."""
    said = expressed if expressed is not None else (True if desired.strip() else None)
    missing: list[str] = []
    if asked is None:
        missing.append("whether the person was asked what outcomes they wanted")
    if asked and said is None:
        missing.append("whether they said what outcomes they wanted")
    if asked and said and not desired.strip():
        missing.append("the outcomes the person said they wanted")
    if asked and said and achieved is None:
        missing.append("how far those outcomes were achieved")
    if risk is None:
        missing.append("whether the risk was removed, reduced or remains")
    if missing:
        raise InvalidInput("To record the outcome, answer: " + "; ".join(missing) + ".")
    if asked is False and (achieved is not None or expressed):
        raise InvalidInput(
            "The person was not asked what outcomes they wanted, so how far they were achieved "
            "cannot be recorded: leave it unanswered, or record that they were asked."
        )
    if asked and said is False and (desired.strip() or achieved is not None):
        raise InvalidInput(
            "The person did not say what outcomes they wanted, so there are no words and nothing "
            "to achieve: leave them blank, or record that they did say."
        )
    return said if asked else None


def check_closure(follow_up: ReviewFollowUp | None, note: str, risk: RiskAfter | None) -> None:
    """Closing says how the person's review picks the concern up; a risk that remains always asks
    for an early review."""
    missing: list[str] = []
    if follow_up is None:
        missing.append("how the person's review takes this up")
    if not note.strip():
        missing.append("a closing note (what the review should look at)")
    if missing:
        raise InvalidInput("To close the concern, answer: " + "; ".join(missing) + ".")
    if risk is RiskAfter.REMAINS and follow_up is not ReviewFollowUp.EARLY_REVIEW:
        raise InvalidInput(
            "The risk remains after the enquiry: request an early review of the plan when "
            "closing the concern."
        )


def check_forum_referral(reasons: str) -> None:
    """Referring a self-neglect concern to the forum needs the reasons (why the forum, and why not
    the Section 42 decision now)."""
    if not reasons.strip():
        raise InvalidInput(
            "To refer the concern to the high-risk forum, give the reasons (why the forum, and why "
            "not the Section 42 decision now)."
        )


def check_other_response(response: OtherResponse | None, note: str) -> None:
    missing: list[str] = []
    if response is None:
        missing.append("the other response given")
    if not note.strip():
        missing.append("a closing note (what was done and why)")
    if missing:
        raise InvalidInput("To close without an enquiry, answer: " + "; ".join(missing) + ".")


# ------------------------------------------------------------------ who may act on which concern
def may_act(actor: Actor, step: Step, person_team_id: int | None) -> bool:
    """Whether `actor` may take `step` on a concern about a person allocated to `person_team_id`:
    the step's roles, and for practitioners and team managers the person's own team; the
    safeguarding lead acts across the organisation (on concerns, not on the rest of the record)."""
    if actor.is_operator:
        return True
    if actor.role not in transition(step).roles:
        return False
    if actor.role is Role.SAFEGUARDING_LEAD:
        return True
    return actor.team_id is not None and actor.team_id == person_team_id


def steps_for(actor: Actor, facts: ConcernFacts, person_team_id: int | None) -> tuple[Step, ...]:
    """The steps that may follow now and that `actor` may take."""
    return tuple(s for s in next_steps(facts) if may_act(actor, s, person_team_id))


# ------------------------------------------------------------------ agreeing a plan meanwhile
PLAN_WARNING_STATES = frozenset(
    {ConcernState.RAISED, ConcernState.S42_DECIDED, ConcernState.FORUM, ConcernState.ENQUIRY}
)
"""A concern in one of these states means the safeguarding response is still being decided or
under way: agreeing the person's plan meanwhile is allowed (the duty to meet eligible needs does
not pause: Care Act ss18-19) but warns and needs the practitioner's reason, which is kept."""


def _open_listed(open_concerns: list[tuple[int, ConcernState]], words: ConcernWords) -> str:
    return "; ".join(
        f"concern {i}: {s.label_in(words).lower()}"
        for i, s in open_concerns
        if s in PLAN_WARNING_STATES
    )


def plan_warning(
    open_concerns: list[tuple[int, ConcernState]], words: ConcernWords = ENGLAND
) -> str | None:
    """The warning to show before agreeing a plan, naming the open concerns; None if none is open."""
    listed = _open_listed(open_concerns, words)
    if not listed:
        return None
    return (
        f"A safeguarding concern about this person is still open ({listed}). You can still agree "
        "the plan (support to meet eligible needs does not wait), but say why you are going on "
        "now: the reason is kept with the validation."
    )


def check_went_on(
    open_concerns: list[tuple[int, ConcernState]], reason: str, words: ConcernWords = ENGLAND
) -> None:
    """Agreeing a plan while a concern is open needs the reason for going on."""
    listed = _open_listed(open_concerns, words)
    if listed and not reason.strip():
        raise InvalidInput(
            f"A safeguarding concern about this person is still open ({listed}). To agree the "
            "plan now, give the reason for going on before the safeguarding response is done."
        )


def state_diagram() -> str:
    """The transition table as a Mermaid state diagram (docs/safeguarding-lifecycle.md holds it; a
    test keeps the two the same)."""
    lines = ["stateDiagram-v2"]
    for t in TRANSITIONS:
        source = "[*]" if t.source is None else t.source.value
        roles = ", ".join(sorted(r.label.lower() for r in t.roles))
        lines.append(f"    {source} --> {t.target.value}: {t.step.value} ({roles})")
    lines += [f"    {s.value} --> [*]" for s in sorted(FINAL)]
    return "\n".join(lines)


def words_table() -> str:
    """Each state's, step's and enquiry kind's words per nation as a Markdown table (the
    lifecycle document holds it; a test keeps the two the same)."""
    nations = list(WORDS.values())
    head = "| Code | " + " | ".join(w.jurisdiction.label for w in nations) + " |"
    rule = "|---|" + "---|" * len(nations)
    rows = [
        f"| `{item.value}` | " + " | ".join(item.label_in(w) for w in nations) + " |"
        for item in (*ConcernState, *Step, *EnquiryKind)
    ]
    return "\n".join([head, rule, *rows])

"""Adult safeguarding: the Care Act 2014 s42 test, and screening a concern against the framework.

Rule encoded (Care Act 2014, s42(1)-(2)): where the council has reasonable cause to suspect that an
adult in its area (a) has needs for care and support, whether or not it is meeting them, (b) is
experiencing, or is at risk of, abuse or neglect, and (c) because of those needs cannot protect
themself against it or its risk, the council must make, or cause others to make, whatever
enquiries it thinks necessary to decide what should be done and by whom. All three conditions
must be met. When they are not, other responses are still open (a non-statutory enquiry, advice
and information, a change to the care and support plan, another agency's help).

Screening uses the framework graph: each abuse type in the statutory guidance list is a node; the
touchpoints that concern it, and always the touchpoint for raising a safeguarding concern, give
the escalation route to follow. Labels come from the framework data, not from this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from framework import FrameworkGraph, LinkType, Node, NodeType
from risk_app.domain.errors import InvalidInput

RAISE_CONCERN_TOUCHPOINT = "TP11"
"""The framework touchpoint 'raise a safeguarding concern', included whenever abuse is screened."""

OTHER_OR_NOT_SURE = "AB-OTHER"
"""The abuse type 'other, or not sure': the statutory list does not limit what counts as abuse or
neglect (Care and Support Statutory Guidance 14.16), so a concern can be raised with a description
alone. It always comes with the raiser's description."""

SELF_NEGLECT = "AB-SN"
"""Self-neglect: it may not call for a Section 42 enquiry (CSSG 14.17), so such a concern may go
to a multi-agency high-risk forum instead of, or before, the Section 42 decision."""

ENQUIRY_STEP = "SG3"
"""The framework's enquiry step: touchpoints an answer makes required there (an independent
advocate, Care Act 2014 s68) are shown with the concern's enquiry."""

SELF_NEGLECT_FORUM_TOUCHPOINT = "TP23"
"""The framework touchpoint whose words say so, and which leads to the high-risk forum (RT4)."""


def with_other_or_not_sure(
    graph: FrameworkGraph, abuse_type_ids: Iterable[str], description: str
) -> list[str]:
    """The abuse types to record: those chosen, with 'other, or not sure' added when a description
    is given (so its route is followed too). Choosing 'other, or not sure' needs the description:
    a bare 'not sure' would tell whoever decides nothing. A framework without the type (an older
    version in use) keeps the description alone, as before."""
    chosen = list(dict.fromkeys(i.strip() for i in abuse_type_ids))
    if OTHER_OR_NOT_SURE in chosen and not description.strip():
        raise InvalidInput(
            "You chose 'other, or not sure': describe what may be happening under "
            "'other / not sure'."
        )
    known = {n.id for n in graph.nodes(NodeType.ABUSE_TYPE)}
    if description.strip() and OTHER_OR_NOT_SURE in known and OTHER_OR_NOT_SURE not in chosen:
        chosen.append(OTHER_OR_NOT_SURE)
    return chosen


class S42Condition(StrEnum):
    """The three conditions of section 42(1); all must be met for the duty to enquire."""

    CARE_AND_SUPPORT_NEEDS = "care_and_support_needs"
    """The adult has needs for care and support (whether or not the council meets them)."""
    ABUSE_OR_NEGLECT = "abuse_or_neglect"
    """The adult is experiencing, or is at risk of, abuse or neglect."""
    UNABLE_TO_PROTECT = "unable_to_protect"
    """Because of those needs, the adult cannot protect themself against it or the risk of it."""

    @property
    def label(self) -> str:
        return _CONDITION_LABELS[self]


_CONDITION_LABELS: dict[S42Condition, str] = {
    S42Condition.CARE_AND_SUPPORT_NEEDS: "the adult has needs for care and support",
    S42Condition.ABUSE_OR_NEGLECT: "the adult is experiencing, or at risk of, abuse or neglect",
    S42Condition.UNABLE_TO_PROTECT: (
        "because of those needs, the adult cannot protect themself from it"
    ),
}


@dataclass(frozen=True, slots=True)
class S42Test:
    """The three section 42 questions as answered; None means not answered yet."""

    has_care_and_support_needs: bool | None
    experiencing_or_at_risk_of_abuse_or_neglect: bool | None
    unable_to_protect_because_of_needs: bool | None
    recorded_at: datetime
    recorded_by: str

    def __post_init__(self) -> None:
        if not self.recorded_by.strip():
            raise InvalidInput("Record who answered the section 42 questions.")
        if self.recorded_at.tzinfo is None or self.recorded_at.utcoffset() is None:
            raise InvalidInput(
                "Record when the section 42 questions were answered, with time zone."
            )

    def answers(self) -> dict[S42Condition, bool | None]:
        """The answers keyed by condition, in statutory order."""
        return {
            S42Condition.CARE_AND_SUPPORT_NEEDS: self.has_care_and_support_needs,
            S42Condition.ABUSE_OR_NEGLECT: self.experiencing_or_at_risk_of_abuse_or_neglect,
            S42Condition.UNABLE_TO_PROTECT: self.unable_to_protect_because_of_needs,
        }


class S42Result(StrEnum):
    """What the section 42 test shows."""

    DUTY_TO_ENQUIRE = "duty_to_enquire"
    """All three conditions are met: the council must make, or cause to be made, enquiries."""
    NOT_MET = "not_met"
    """At least one condition is not met: no statutory duty, but other responses remain."""
    INCOMPLETE = "incomplete"
    """Some questions are unanswered and none is answered 'no'."""


@dataclass(frozen=True, slots=True)
class S42Outcome:
    """The result, the conditions behind it and an explanation in plain words."""

    result: S42Result
    explanation: str
    not_met: tuple[S42Condition, ...] = ()
    unanswered: tuple[S42Condition, ...] = ()


_NOT_MET_WORDING: dict[S42Condition, str] = {
    S42Condition.CARE_AND_SUPPORT_NEEDS: "the adult does not have needs for care and support",
    S42Condition.ABUSE_OR_NEGLECT: (
        "the adult is not experiencing, or at risk of, abuse or neglect"
    ),
    S42Condition.UNABLE_TO_PROTECT: (
        "the adult's care and support needs do not leave them unable to protect themself"
    ),
}

_OTHER_RESPONSES = (
    "Other responses are still open: a safeguarding enquiry outside section 42, information "
    "and advice, a change to the care and support plan, or help from another agency. Record "
    "the decision and the reasons, and tell the adult (and whoever raised the concern) what "
    "will happen next."
)


def s42_outcome(test: S42Test) -> S42Outcome:
    """Apply the section 42 test.

    A 'no' to any condition settles the answer even if others are unanswered, because all three
    must be met; the unanswered ones are still listed.
    """
    answers = test.answers()
    not_met = tuple(c for c, a in answers.items() if a is False)
    unanswered = tuple(c for c, a in answers.items() if a is None)
    if not_met:
        reasons = "; ".join(_NOT_MET_WORDING[c] for c in not_met)
        explanation = f"The section 42 duty to make enquiries does not arise: {reasons}. "
        if unanswered:
            explanation += (
                "The question left unanswered would not change this. "
                if len(unanswered) == 1
                else "The questions left unanswered would not change this. "
            )
        return S42Outcome(S42Result.NOT_MET, explanation + _OTHER_RESPONSES, not_met, unanswered)
    if unanswered:
        still = "; ".join(c.label for c in unanswered)
        return S42Outcome(
            S42Result.INCOMPLETE,
            "The section 42 test is not finished. Still to answer whether: "
            f"{still}. If the adult is in immediate danger, act now: do not wait for the test.",
            (),
            unanswered,
        )
    return S42Outcome(
        S42Result.DUTY_TO_ENQUIRE,
        "All three conditions are met, on reasonable cause to suspect: the council must make, "
        "or cause to be made, whatever enquiries it thinks necessary to decide whether any action "
        "is needed, and if so what and by whom (Care Act 2014, s42(2)). Ask the adult early what "
        "they want to happen (Making Safeguarding Personal).",
    )


# ---------------------------------------------------------------------- screening
@dataclass(frozen=True, slots=True)
class FrameworkItem:
    """A framework node as plain values: its id, label and node type."""

    id: str
    label: str
    type: str

    @classmethod
    def of(cls, node: Node) -> FrameworkItem:
        return cls(node.id, node.label, node.type.value)


@dataclass(frozen=True, slots=True)
class Screening:
    """The result of screening a concern: what was found, where it connects, where it leads."""

    abuse_types: tuple[FrameworkItem, ...]
    """The abuse types screened positive, in framework order."""
    touchpoints: tuple[FrameworkItem, ...]
    """Touchpoints to act on: raising a concern first, then those concerned with these types."""
    route: tuple[FrameworkItem, ...]
    """The escalation path to follow: routes, then safeguarding steps, in order."""

    @property
    def positive(self) -> bool:
        """Whether any abuse type was screened positive."""
        return bool(self.abuse_types)


def screen_concern(
    graph: FrameworkGraph,
    abuse_type_ids: Iterable[str],
    *,
    raise_concern_touchpoint: str = RAISE_CONCERN_TOUCHPOINT,
) -> Screening:
    """Screen abuse types against the framework and return the touchpoints and route to follow.

    An empty selection returns an empty screening (nothing to escalate). Unknown ids are refused,
    naming the valid ones, so a typing slip never silently drops a concern.
    """
    known = graph.nodes(NodeType.ABUSE_TYPE)
    known_ids = {n.id for n in known}
    wanted = list(dict.fromkeys(i.strip() for i in abuse_type_ids))
    unknown = [i for i in wanted if i not in known_ids]
    if unknown:
        valid = "; ".join(f"{n.id} ({n.label})" for n in known)
        raise InvalidInput(
            f"Not a known type of abuse or neglect: {', '.join(repr(i) for i in unknown)}. "
            f"Choose from: {valid}."
        )
    if not wanted:
        return Screening((), (), ())
    chosen = set(wanted)
    abuse_types = tuple(FrameworkItem.of(n) for n in known if n.id in chosen)

    try:
        raise_concern: Node | None = graph.node(raise_concern_touchpoint)
    except KeyError:
        raise_concern = None
    if raise_concern is None or raise_concern.type is not NodeType.TOUCHPOINT:
        raise InvalidInput(
            f"The framework has no touchpoint {raise_concern_touchpoint!r} for raising a "
            "safeguarding concern; ask an administrator to check the framework in use."
        )
    concerned = {
        link.source
        for link in graph.links(type=LinkType.CONCERNS)
        if link.target in chosen and link.source != raise_concern.id
    }
    touchpoints = [raise_concern] + [
        n for n in graph.nodes(NodeType.TOUCHPOINT) if n.id in concerned
    ]

    route: dict[str, Node] = {}
    for touchpoint in touchpoints:
        for node in graph.escalation_path(touchpoint.id):
            route.setdefault(node.id, node)
    routes = [n for n in route.values() if n.type is NodeType.ROUTE]
    steps = sorted(
        (n for n in route.values() if n.type is not NodeType.ROUTE), key=lambda n: n.order or 0
    )
    ordered = routes + steps
    return Screening(
        abuse_types=abuse_types,
        touchpoints=tuple(FrameworkItem.of(n) for n in touchpoints),
        route=tuple(FrameworkItem.of(n) for n in ordered),
    )

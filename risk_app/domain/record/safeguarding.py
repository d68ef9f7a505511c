"""Adult safeguarding: the result of a nation's safeguarding test, and screening a concern against
the framework.

The test itself is the law of the person's nation, read from the law book
(`risk_app.domain.record.safeguarding_law`): England's Care Act 2014 s42(1)-(2) (the council has
reasonable cause to suspect that an adult aged 18 or over in its area, whether or not ordinarily
resident there, has needs for care and support, is experiencing or at risk of abuse or neglect, and
because of those needs cannot protect themselves; then it must make, or cause to be made, whatever
enquiries it thinks necessary), Scotland's Adult Support and Protection (Scotland) Act 2007 s3-s4
three-point test and duty to inquire (adults aged 16 or over), Wales's Social Services and
Well-being (Wales) Act 2014 s126. All three conditions must be met. When they are not, other
responses are still open (a non-statutory enquiry, advice and information, a change to the plan,
another agency's help).

Screening uses the framework graph: each abuse type in the statutory guidance list is a node; the
touchpoints that concern it, and always the touchpoint for raising a safeguarding concern, give
the escalation route to follow. Labels come from the framework data, not from this module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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


class S42Result(StrEnum):
    """What the nation's safeguarding test shows. Stored: the values never change (the name and
    ``duty_to_enquire`` come from the first, English, version; they mean the nation's duty)."""

    DUTY_TO_ENQUIRE = "duty_to_enquire"
    """All three conditions are met: the nation's duty to make enquiries (to inquire) arises."""
    NOT_MET = "not_met"
    """At least one condition is not met: no statutory duty, but other responses remain."""
    INCOMPLETE = "incomplete"
    """Some questions are unanswered and none is answered 'no'."""


@dataclass(frozen=True, slots=True)
class S42Outcome:
    """The result, the conditions behind it (law book condition ids) and an explanation."""

    result: S42Result
    explanation: str
    not_met: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()


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

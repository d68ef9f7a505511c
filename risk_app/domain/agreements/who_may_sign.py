"""Who may sign the risk agreement for the person: the one place this rule is stated.

The person signs for themselves. Capacity is presumed (MCA 2005 s1(2)), and a power of attorney
for health and welfare works only when the person lacks capacity for the decision in question
(s11(7)(a)); a deputy decides only what the Court of Protection's order gives them (s16); in
Scotland a welfare attorney acts only when the adult is incapable in the matter (AWI(S)A 2000
s16) and a guardian only within the powers the sheriff granted (s64). So someone may sign for
the person only when both hold:

(a) the latest capacity record about agreeing to the risk agreement finds that the person lacks
    capacity to agree to it (a record about another decision does not count: capacity is
    decision-specific), and
(b) the representative holds, in the person's nation, an authority that lets them decide welfare
    matters: a registered power of attorney for welfare, or a court order recorded as covering
    welfare decisions such as this one.

Everyone else signs beside the person as a supporter, or, when the person lacks capacity to agree,
as someone consulted about their best interests (MCA 2005 s4(7)): family and friends, advocates, a
benefits appointee (whose authority covers benefits only, Social Security (Claims and Payments)
Regulations 1987 reg 33), a property-and-finance or continuing attorney, and whoever receives a
direct payment for the person (Care Act 2014 ss31-32; SSWB(W)A 2014 s50).

How a capacity record is matched to the agreement: its decision, in lower case and split into
words, must name an "agreement" and one of agree, agreeing, sign or signing (for example
"agreeing my risk agreement" or "whether to sign the risk agreement"). The newest such record
counts, so a later finding that the person can agree (capacity regained) ends the
representative's power to sign for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from framework.law import UnsupportedJurisdiction, WelfarePower, law_book
from risk_app.domain.record.capacity import CapacityOutcome
from risk_app.domain.record.people import authority_label
from risk_app.domain.record.representatives import asks_if_registered

_AGREEMENT_WORDS = frozenset({"agreement"})
_AGREEING_WORDS = frozenset({"agree", "agreeing", "agrees", "sign", "signing", "signs"})


def is_about_agreeing_the_agreement(decision: str) -> bool:
    """Whether a capacity record's decision is the decision to agree to the risk agreement."""
    found = set(re.findall(r"[a-z]+", decision.casefold()))
    return bool(found & _AGREEMENT_WORDS) and bool(found & _AGREEING_WORDS)


@dataclass(frozen=True, slots=True)
class CapacityRecordSeen:
    """The part of a recorded capacity assessment this rule reads."""

    decision: str
    decided_at: datetime
    outcome: str
    """A CapacityOutcome value."""


@dataclass(frozen=True, slots=True)
class CapacityToAgree:
    """What the records say of the person's capacity to agree to their risk agreement."""

    lacks_capacity: bool
    decision: str | None = None
    """The decision of the record that counts (None: no record about agreeing)."""


def capacity_to_agree(records: Iterable[CapacityRecordSeen]) -> CapacityToAgree:
    """The newest capacity record about agreeing to the agreement, and whether it finds the person
    lacks capacity. With no such record, capacity is presumed (MCA 2005 s1(2))."""
    relevant = [r for r in records if is_about_agreeing_the_agreement(r.decision)]
    if not relevant:
        return CapacityToAgree(lacks_capacity=False)
    newest = max(relevant, key=lambda r: r.decided_at)
    return CapacityToAgree(
        lacks_capacity=newest.outcome == CapacityOutcome.LACKS_CAPACITY.value,
        decision=newest.decision,
    )


@dataclass(frozen=True, slots=True)
class Standing:
    """The facts, as recorded now, that decide whether the representative may sign for the
    person. They are read when signing, not frozen into the agreement: capacity can change."""

    jurisdiction: str
    name: str
    authority: str
    """The RepresentativeAuthority code recorded on the person now."""
    order_covers_welfare: bool | None = None
    """For a deputy, guardian or intervention order: does the order cover welfare (None: not
    answered)."""
    registered: bool | None = None
    """For a power of attorney: is it registered (None: not answered)."""
    capacity: CapacityToAgree = CapacityToAgree(lacks_capacity=False)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the representative may sign for the person, and why, in plain words."""

    allowed: bool
    why: str


def _capacity_act(jurisdiction: str) -> str:
    try:
        return law_book().law_for(jurisdiction).capacity.act
    except UnsupportedJurisdiction:
        return "the law"


def may_sign_for_the_person(standing: Standing) -> Verdict:
    """Whether `standing.name` may sign the agreement for the person (see the module docstring);
    when not, what to record first or how they can sign instead."""
    name = standing.name
    label = authority_label(standing.authority, standing.jurisdiction).lower()
    supporter = (
        f"{name} can sign beside the person as their supporter"
        + (
            ", or as someone consulted about their best interests"
            if standing.capacity.lacks_capacity
            else ""
        )
        + "."
    )
    try:
        authority = law_book().law_for(standing.jurisdiction).authority(standing.authority)
    except UnsupportedJurisdiction as exc:
        return Verdict(False, str(exc))
    if authority is None and standing.authority == "other":
        return Verdict(
            False,
            f"{name}'s role is recorded as “other”, which gives no power in law to decide about "
            f"the person's care, so they cannot sign for the person. {supporter}",
        )
    if authority is None:
        return Verdict(
            False,
            f"{name} is recorded as {label}, which is not an authority in this person's nation, "
            f"so they cannot sign for the person. {supporter}",
        )
    if authority.welfare_power is WelfarePower.NO:
        return Verdict(
            False,
            f"{name} is the person's {label}. That role does not let them decide about the "
            f"person's care, so they cannot sign for the person. {supporter}",
        )
    if not standing.capacity.lacks_capacity:
        return Verdict(
            False,
            "The person signs for themselves: they are presumed able to decide unless an "
            f"assessment shows otherwise ({_capacity_act(standing.jurisdiction)}). {name} can "
            "sign for them only if a capacity assessment about agreeing to this risk agreement "
            "finds the person cannot make that decision. Record that assessment first, or ask "
            f"the person to sign, with {name} beside them as a supporter if they want.",
        )
    if authority.welfare_power is WelfarePower.IF_THE_ORDER_COVERS_IT:
        if standing.order_covers_welfare is None:
            return Verdict(
                False,
                f"Record on the person's details whether {name}'s court order covers welfare "
                "decisions such as this agreement. Until then they cannot sign for the person.",
            )
        if not standing.order_covers_welfare:
            return Verdict(
                False,
                f"{name}'s court order does not cover welfare decisions, so they cannot sign "
                f"for the person. {supporter}",
            )
    if asks_if_registered(standing.authority):
        if standing.registered is None:
            return Verdict(
                False,
                f"Record on the person's details whether {name}'s power of attorney is "
                "registered. Until then they cannot sign for the person.",
            )
        if not standing.registered:
            return Verdict(
                False,
                f"{name}'s power of attorney is not registered, so it cannot be used yet and "
                f"they cannot sign for the person. {supporter}",
            )
    return Verdict(
        True,
        f"{name} may sign for the person as their {label}: the person lacks capacity to agree "
        "to this agreement, and this authority covers decisions about their care.",
    )

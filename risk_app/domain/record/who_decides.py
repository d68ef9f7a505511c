"""Who decides for a person who lacks capacity: an attorney, a deputy or an advance decision may
already cover the decision, before anyone makes it in their best interests.

Rules encoded (Mental Capacity Act 2005, England and Wales):

- s6(6): the protection of s5 (acts in connection with care or treatment) does not extend to an
  act or decision that conflicts with a decision made, within the scope of their authority, by a
  donee of a lasting power of attorney or a deputy appointed by the Court of Protection. So the
  record asks first whether one covers this decision.
- ss9-11: a lasting power of attorney for health and welfare has effect only once registered
  (s9(2)(b)), and its welfare powers only when the donor lacks capacity for the decision
  (s11(7)(a)); it covers only what the instrument allows.
- ss16, 20: a deputy decides only what the court's order gives them, and never against a
  decision the person's attorney has the power to make (s20(4)).
- ss24-26: a valid advance decision to refuse treatment that is applicable to the treatment
  has the same effect as if the person had made the decision with capacity (s26(1)).

An attorney or deputy must follow the Act's principles and act in the person's best interests
themselves (s1, s4; s9(4)(a), s20(6)); the council records their decision rather than making its
own best-interests one. Whether an authority exists and what it covers is checked against the
Office of the Public Guardian's register or the court's order; the record says what was seen.

Scotland (Adults with Incapacity (Scotland) Act 2000): a welfare attorney (s16), a guardian
(s64) or a person authorised by an intervention order (s53) decides within their powers;
otherwise any intervention follows the s1 principles, recorded one by one, never as a
best-interests decision (https://www.legislation.gov.uk/asp/2000/4/section/1).

Primary text: https://www.legislation.gov.uk/ukpga/2005/9/section/6,
https://www.legislation.gov.uk/ukpga/2005/9/section/9,
https://www.legislation.gov.uk/ukpga/2005/9/section/16,
https://www.legislation.gov.uk/ukpga/2005/9/section/24 (to /section/26).
Wording is our own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from risk_app.domain.record.capacity import CapacityOutcome

MCA_URL = "https://www.legislation.gov.uk/ukpga/2005/9/section/{section}"


class Authority(StrEnum):
    """A legal authority that can make, or has already made, a decision for the person."""

    LPA_HEALTH_WELFARE = "lpa_health_welfare"
    """A registered lasting power of attorney for health and welfare (ss9-11)."""
    DEPUTY = "deputy"
    """A deputy appointed by the Court of Protection whose order covers the decision (s16)."""
    ADVANCE_DECISION = "advance_decision"
    """A valid and applicable advance decision to refuse treatment (ss24-26)."""
    WELFARE_ATTORNEY = "welfare_attorney"
    """Scotland: a welfare attorney whose registered power covers the decision (AWI 2000 s16)."""
    GUARDIAN = "guardian"
    """Scotland: a guardian whose order gives the power (AWI 2000 s64)."""
    INTERVENTION_ORDER = "intervention_order"
    """Scotland: a person authorised by an intervention order that covers it (AWI 2000 s53)."""

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[Authority, str] = {
    Authority.LPA_HEALTH_WELFARE: (
        "Registered lasting power of attorney for health and welfare (MCA 2005 ss9-11)"
    ),
    Authority.DEPUTY: "Deputy whose Court of Protection order covers this decision (s16)",
    Authority.ADVANCE_DECISION: (
        "Valid and applicable advance decision to refuse treatment (ss24-26)"
    ),
    Authority.WELFARE_ATTORNEY: (
        "Welfare attorney whose registered power covers this decision (Adults with Incapacity "
        "(Scotland) Act 2000, s16)"
    ),
    Authority.GUARDIAN: "Guardian whose order gives the power to decide this (AWI 2000 s64)",
    Authority.INTERVENTION_ORDER: (
        "Person authorised by an intervention order that covers this decision (AWI 2000 s53)"
    ),
}

_MCA_AUTHORITIES = (Authority.LPA_HEALTH_WELFARE, Authority.DEPUTY, Authority.ADVANCE_DECISION)
_AWI_AUTHORITIES = (Authority.WELFARE_ATTORNEY, Authority.GUARDIAN, Authority.INTERVENTION_ORDER)


def authorities_for(jurisdiction: str) -> tuple[Authority, ...]:
    """The authorities the law of the person's nation knows, to offer on the form."""
    return _AWI_AUTHORITIES if jurisdiction == "scotland" else _MCA_AUTHORITIES


class DecisionMaker(StrEnum):
    """Whose decision a decision record holds."""

    PERSON = "person"
    """The person decides: capacity is presumed or they were found able (s1(2))."""
    AUTHORITY = "authority"
    """An attorney or deputy decides, or an advance decision already has (s6(6), s26(1))."""
    BEST_INTERESTS = "best_interests"
    """The decision is made in the person's best interests (s4)."""
    AWI_PRINCIPLES = "awi_principles"
    """Scotland: an intervention under the s1 principles of the Adults with Incapacity
    (Scotland) Act 2000, recorded principle by principle; never "best interests"."""
    NOT_ANSWERED = "not_answered"
    """The person lacks capacity and whether an authority covers the decision is not recorded:
    records made before the question existed."""


def decision_maker(
    outcome: CapacityOutcome, authority_covers: bool | None, *, awi: bool = False
) -> DecisionMaker:
    """Who decides, from the capacity conclusion and the answer about an authority. ``awi``: the
    record follows the Adults with Incapacity (Scotland) Act 2000, so without an authority the
    decision is an intervention under its s1 principles, not a best-interests one."""
    if outcome is not CapacityOutcome.LACKS_CAPACITY:
        return DecisionMaker.PERSON
    if authority_covers is None:
        return DecisionMaker.NOT_ANSWERED
    if authority_covers:
        return DecisionMaker.AUTHORITY
    return DecisionMaker.AWI_PRINCIPLES if awi else DecisionMaker.BEST_INTERESTS


@dataclass(frozen=True, slots=True)
class WhoDecidesWording:
    """The captions for asking who decides, in one jurisdiction's law."""

    question: str
    why: str
    authority_decides: str


_MCA = WhoDecidesWording(
    question=(
        "Does a registered lasting power of attorney for health and welfare, a deputy whose "
        "order covers it, or a valid and applicable advance decision to refuse treatment cover "
        "this decision?"
    ),
    why=(
        "Ask this before any best-interests decision. The Act's protection for acts in "
        "connection with care does not cover acting against a decision an attorney or deputy "
        "makes within their authority (Mental Capacity Act 2005, s6(6): "
        f"{MCA_URL.format(section=6)}; attorneys ss9-11: {MCA_URL.format(section=9)}; deputies "
        f"s16: {MCA_URL.format(section=16)}), and a valid, applicable advance decision counts "
        f"as the person's own decision (ss24-26: {MCA_URL.format(section=26)}). Check the Office "
        "of the Public Guardian's register or the court's order."
    ),
    authority_decides=(
        "An attorney, a deputy or an advance decision covers this decision, so their decision "
        "is recorded here, not a best-interests decision of ours (s6(6), s26(1)). An attorney or "
        "deputy must still follow the Act's principles and the person's best interests (s1, "
        "s4); if you think they are not, talk to your manager about the Office of the Public "
        "Guardian or the Court of Protection."
    ),
)

AWI_URL = "https://www.legislation.gov.uk/asp/2000/4/section/{section}"

_AWI = WhoDecidesWording(
    question=(
        "Does a welfare attorney or guardian with the power, or a person authorised by an "
        "intervention order, cover this decision?"
    ),
    why=(
        "A welfare attorney acts within the powers the registered power of attorney gives "
        f"(Adults with Incapacity (Scotland) Act 2000, s16: {AWI_URL.format(section=16)}), a "
        f"guardian within the powers of the order (s64: {AWI_URL.format(section=64)}) and a "
        "person authorised by an intervention order within it (s53: "
        f"{AWI_URL.format(section=53)}). Check the Office of the Public Guardian (Scotland)'s "
        "register or the sheriff's order. Otherwise any intervention must follow the s1 "
        f"principles ({AWI_URL.format(section=1)})."
    ),
    authority_decides=(
        "A welfare attorney, a guardian or a person authorised by an intervention order covers "
        "this decision, so their decision is recorded here. They too must follow the s1 "
        "principles; if you think they are not, talk to your manager about the Office of the "
        "Public Guardian (Scotland) or the Mental Welfare Commission."
    ),
)

WHAT_WAS_DECIDED: dict[DecisionMaker, str] = {
    DecisionMaker.PERSON: "What the person decided, in their words",
    DecisionMaker.AUTHORITY: "What the attorney or deputy decided, or the advance decision says",
    DecisionMaker.BEST_INTERESTS: "What was decided in the person's best interests",
    DecisionMaker.AWI_PRINCIPLES: "What was decided, as an intervention under the s1 principles",
    DecisionMaker.NOT_ANSWERED: "What was decided",
}
"""The label of the decision itself, by whose decision it is."""


def what_was_decided(maker: DecisionMaker, *, awi: bool = False) -> str:
    """The label of the decision itself; under the AWI Act an authority is Scotland's own."""
    if awi and maker is DecisionMaker.AUTHORITY:
        return "What the welfare attorney, guardian or authorised person decided"
    return WHAT_WAS_DECIDED[maker]


_WORDING: dict[str, WhoDecidesWording] = {"england": _MCA, "wales": _MCA, "scotland": _AWI}
"""Who decides, per jurisdiction. The Mental Capacity Act 2005 extends to England and Wales;
Scotland follows the Adults with Incapacity (Scotland) Act 2000."""


def who_decides_wording(jurisdiction: str) -> WhoDecidesWording | None:
    """The captions for the jurisdiction, or None where risk-app does not hold its law yet."""
    return _WORDING.get(jurisdiction)


def applies_mca(jurisdiction: str) -> bool:
    """Whether the Mental Capacity Act 2005 applies to a person in this jurisdiction."""
    return jurisdiction in ("england", "wales")


def authority_gaps(
    kind: Authority | None,
    holder: str | None,
    scope: str | None,
    decided: str | None,
    *,
    awi: bool = False,
) -> tuple[str, ...]:
    """What a record of an authority's decision still needs: which authority, who holds it (or,
    for an advance decision, when the person made it), what it covers, and what was decided.
    ``awi``: worded for Scotland's authorities (welfare attorney, guardian, intervention order)."""
    if awi:
        return _awi_authority_gaps(kind, holder, scope, decided)
    gaps: list[str] = []
    if kind is None:
        gaps.append(
            "Say which authority covers the decision: a health and welfare attorney, a deputy, "
            "or an advance decision."
        )
    if not (holder or "").strip():
        gaps.append(
            "Record who holds the authority (for an advance decision: when the person made it)."
        )
    if not (scope or "").strip():
        gaps.append(
            "Record their authority: what was seen (the registered power, the court's order or "
            "the advance decision) and what it covers."
        )
    if not (decided or "").strip():
        gaps.append(
            "Record what the attorney or deputy decided, or what the advance decision says."
        )
    return tuple(gaps)


def _awi_authority_gaps(
    kind: Authority | None, holder: str | None, scope: str | None, decided: str | None
) -> tuple[str, ...]:
    gaps: list[str] = []
    if kind is None:
        gaps.append(
            "Say which authority covers the decision: a welfare attorney (s16), a guardian "
            "(s64) or a person authorised by an intervention order (s53)."
        )
    if not (holder or "").strip():
        gaps.append("Record who holds the authority.")
    if not (scope or "").strip():
        gaps.append(
            "Record their authority: what was seen (the registered power of attorney or the "
            "sheriff's order) and which powers cover this decision."
        )
    if not (decided or "").strip():
        gaps.append("Record what the welfare attorney, guardian or authorised person decided.")
    return tuple(gaps)

"""Frozen models for the law book (``framework/data/law.yaml``): the law per jurisdiction.

The framework graph says *where* safeguarding links into the SDS journey; the law book says *what
the law is* in each UK nation that risk-app supports, each rule citing the section, regulation or
guidance paragraph it comes from. Screens, audits and the person's words read the person's
jurisdiction's entry, so a Scottish person is never told English law.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from framework.schema import (
    VERSION_PATTERN,
    FrozenModel,
    ItemId,
    Jurisdiction,
    Reference,
    Text,
)

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
"""A stored code in lower case (for example ``lpa_health_welfare``)."""


class Citation(FrozenModel):
    """Where a rule comes from: a reference and, where known, the section within it."""

    ref: ItemId
    at: Text | None = None
    """The section, regulation or paragraph, as the text numbers it: ``s42(1)``, ``reg 7``."""
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    """A deep link to that part, when the publisher has one."""
    note: Text | None = None
    """What is uncertain about the citation (e.g. the section is not yet confirmed)."""


class Rule(FrozenModel):
    """One rule in staff words (and, where the person reads it, plain words), with its sources."""

    id: ItemId
    label: Text
    summary: Text
    plain: Text | None = None
    """The rule as the person reads it: short sentences, everyday words."""
    cites: tuple[Citation, ...] = Field(min_length=1)


class SafeguardingLaw(FrozenModel):
    """The adult safeguarding test and the council's duty when it is met."""

    act: Text
    adult_term: Text
    """What the law calls an adult the duty is about ("adult at risk")."""
    minimum_age: int = Field(ge=16, le=18)
    test: Rule
    """The test as a whole (its name is ``test.label``)."""
    conditions: tuple[Rule, ...] = Field(min_length=1)
    """The parts of the test; all must apply."""
    duty: Rule
    enquiry_word: Literal["enquiry", "inquiry"]
    """The word the law uses for the council's look into the concern."""
    principles: tuple[Rule, ...] = ()
    powers: tuple[Rule, ...] = ()


class DecisionBasis(StrEnum):
    """How a decision is made for someone who cannot make it."""

    BEST_INTERESTS = "best_interests"
    """Mental Capacity Act 2005 s4 (England and Wales)."""
    AWI_PRINCIPLES = "awi_principles"
    """Adults with Incapacity (Scotland) Act 2000 s1: benefit, least restriction, wishes..."""


class CapacityLaw(FrozenModel):
    """How capacity is judged, and how decisions are made for someone who lacks it."""

    act: Text
    minimum_age: int = Field(ge=16, le=18)
    test: Rule
    principles: tuple[Rule, ...] = Field(min_length=1)
    decision_basis: DecisionBasis
    substitute_decision: Rule
    """How a decision is made for someone who lacks capacity for it."""


class DisclosureCheck(FrozenModel):
    """One kind of criminal record check, and when the law allows or demands it."""

    id: ItemId
    label: Text
    when_available: Text
    """When the check may lawfully be asked for."""
    legally_required: Text | None = None
    """Who must hold it by law, only where a law says so; ``None`` means no law demands it."""
    cites: tuple[Citation, ...] = Field(min_length=1)


class DisclosureLaw(FrozenModel):
    """The disclosure scheme for people who work with adults, and how a private employer uses it."""

    scheme: Text
    body: Text
    touchpoint: ItemId
    """The framework touchpoint where the check is recorded."""
    how_to_apply: Rule
    checks: tuple[DisclosureCheck, ...] = Field(min_length=1)


class Regulator(FrozenModel):
    """The body that registers and inspects care providers."""

    name: Text
    short_name: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]
    registration: Rule


class BudgetLaw(FrozenModel):
    """The ways of managing a personal budget, and who may take a direct payment for someone."""

    act: Text
    options: tuple[ItemId, ...] = Field(min_length=1)
    """Framework budget options the law provides for."""
    local_options: tuple[ItemId, ...] = ()
    """Older arrangements a council may still offer as its own local policy."""
    ways: Rule
    on_behalf: tuple[Rule, ...] = ()
    """Who may receive or manage a direct payment for the person."""


class Scope(StrEnum):
    """What a representative's authority covers."""

    WELFARE = "welfare"
    """Health, care and where the person lives."""
    PROPERTY_AND_AFFAIRS = "property_and_affairs"
    BENEFITS = "benefits"
    """Social security benefits only."""
    DIRECT_PAYMENTS = "direct_payments"
    """Receiving and managing a direct payment."""
    ONE_DECISION = "one_decision"
    """A single decision or action named by a court."""
    SUPPORT = "support"
    """Helps the person to take part; decides nothing."""


class WelfarePower(StrEnum):
    """Whether an authority lets its holder decide welfare matters for someone who lacks capacity."""

    YES = "yes"
    IF_THE_ORDER_COVERS_IT = "if_the_order_covers_it"
    NO = "no"


class Authority(FrozenModel):
    """A legal basis on which someone acts for the person, and how far it reaches."""

    code: Code
    """The code stored on a representative (``RepresentativeAuthority``)."""
    label: Text
    plain: Text
    """What it means, in words the person can read."""
    plain_role: Text | None = None
    """The role as the person reads it after the holder's name ("your attorney for property and
    money"): the person's copy says "Sam Patel is your attorney for property and money."."""
    scope: tuple[Scope, ...] = Field(min_length=1)
    welfare_power: WelfarePower
    """Whether the holder may decide (and so sign) welfare matters when the person lacks capacity."""
    cites: tuple[Citation, ...] = ()
    """Empty only for roles with no legal authority (family or friend)."""

    @model_validator(mode="after")
    def _legal_powers_are_cited(self) -> Self:
        if self.welfare_power is not WelfarePower.NO and not self.cites:
            raise ValueError(f"authority '{self.code}' decides welfare matters but cites no law")
        return self


class ReviewLaw(FrozenModel):
    """When a direct payment and a care and support plan must be reviewed."""

    direct_payment_first_within_months: int | None = Field(default=None, ge=1)
    direct_payment_then_every_months: int | None = Field(default=None, ge=1)
    direct_payment: Rule
    plan_first_review_weeks: tuple[int, int] | None = None
    """The window for a light-touch review after the plan is signed off, in weeks."""
    plan_then_every_months: int | None = Field(default=None, ge=1)
    """The longest a plan may go between reviews, where the law or statutory guidance sets one."""
    plan: Rule
    on_request: Rule | None = None


class JurisdictionLaw(FrozenModel):
    """Everything risk-app holds of one nation's law."""

    jurisdiction: Jurisdiction
    name: Text
    safeguarding: SafeguardingLaw
    capacity: CapacityLaw
    disclosure: DisclosureLaw
    regulator: Regulator
    budgets: BudgetLaw
    authorities: tuple[Authority, ...] = Field(min_length=1)
    reviews: ReviewLaw

    def authority(self, code: str) -> Authority | None:
        """The authority stored as ``code``, or ``None`` if this nation has no such authority."""
        return next((a for a in self.authorities if a.code == code), None)

    def citations(self) -> tuple[Citation, ...]:
        """Every citation in this entry, in document order."""
        found: list[Citation] = []
        _collect(self, found)
        return tuple(found)


def _collect(value: object, found: list[Citation]) -> None:
    if isinstance(value, Citation):
        found.append(value)
    elif isinstance(value, FrozenModel):
        for name in type(value).model_fields:
            _collect(getattr(value, name), found)
    elif isinstance(value, tuple):
        for item in value:
            _collect(item, found)


class LawDocument(FrozenModel):
    """The whole law book."""

    version: Annotated[str, Field(pattern=VERSION_PATTERN)]
    published: dt.date
    description: Text
    references: tuple[Reference, ...]
    jurisdictions: tuple[JurisdictionLaw, ...]

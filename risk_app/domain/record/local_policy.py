"""A council's own rules ("local policy"): a small, closed catalogue the safeguarding lead sets.

A local policy is neither law nor the framework: it is what this council has decided for itself
(for example, that a plan with a high residual risk goes to a panel before it is agreed). So it
is data the lead configures, and wherever one bites the screen says "Local policy: <words> — set
by <name> on <date>" (or "local policy (default)" while nobody has set it), never "the law
requires".

The catalogue is closed on purpose: each policy here is wired to one rule in the domain
(`affects`), so a policy cannot be invented without the code that applies it.

Defaults for an organisation where the lead has set nothing yet:

- ``high_residual_risk_needs_route`` is **on**: that is how risk-app behaved before it was a
  policy, so existing users see no change; it is captioned "local policy (default)" until the
  lead confirms or changes it.
- ``dbs_condition_of_direct_payment`` is **off**: no law makes a disclosure check of a personal
  assistant a condition of a direct payment; only the council can choose to.
- ``s42_decision_working_days`` is **on, 2 working days**, or the figure in the environment
  variable ``RISK_APP_S42_DECISION_WORKING_DAYS`` where the operator set one (the service passes
  it in). The Care Act sets no deadline for the Section 42 decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from framework import FrameworkGraph, Jurisdiction
from framework.law import law_book
from risk_app.domain import words
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.working_days import DEFAULT_S42_DECISION_WORKING_DAYS


class PolicyId(StrEnum):
    """The local policies risk-app knows how to apply. Stored: a value never changes."""

    HIGH_RESIDUAL_RISK_NEEDS_ROUTE = "high_residual_risk_needs_route"
    DBS_CONDITION_OF_DIRECT_PAYMENT = "dbs_condition_of_direct_payment"
    S42_DECISION_WORKING_DAYS = "s42_decision_working_days"


class Affects(StrEnum):
    """The rule a policy changes."""

    PLAN_AGREEMENT = "plan_agreement"
    TOUCHPOINTS = "touchpoints"
    S42_DECISION_DUE = "s42_decision_due"

    @property
    def label(self) -> str:
        return {
            Affects.PLAN_AGREEMENT: "Agreeing a plan",
            Affects.TOUCHPOINTS: "Which touchpoints are required",
            Affects.S42_DECISION_DUE: "When the safeguarding decision is due",
        }[self]


@dataclass(frozen=True, slots=True)
class Parameter:
    """A whole-number setting of a policy, with the range it may take."""

    name: str
    label: str
    minimum: int
    maximum: int


@dataclass(frozen=True, slots=True)
class PolicyDefinition:
    id: PolicyId
    title: str
    words: str
    """What the policy says, in plain words (shown wherever it bites)."""
    affects: Affects
    default_on: bool
    parameter: Parameter | None = None
    default_value: int | None = None
    can_be_off: bool = True
    """False for a policy that is only a number (there must always be one)."""


DIRECT_PAYMENT_OPTIONS: tuple[str, ...] = ("BO-DP", "SC-OPT1", "WA-DP")
"""Budget options that are a direct payment: England (Care Act s31), Scotland (SDS option 1) and
Wales. Ids absent from the framework in use are skipped."""

SAFER_RECRUITMENT_TOUCHPOINTS: tuple[str, ...] = tuple(
    dict.fromkeys(law_book().law_for(nation).disclosure.touchpoint for nation in Jurisdiction)
)
"""The safer-recruitment touchpoints, from the law book: each nation's disclosure scheme names
its own (DBS in England and Wales, PVG in Scotland). Each is required only where the framework
says it applies to the person's jurisdiction, and ids absent from the framework in use are
skipped."""

CATALOGUE: tuple[PolicyDefinition, ...] = (
    PolicyDefinition(
        PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE,
        "Escalation route before agreeing a high-risk plan",
        "a plan with a high residual risk needs an escalation route (a risk enablement panel or "
        "the safeguarding process) before it is agreed",
        Affects.PLAN_AGREEMENT,
        default_on=True,
    ),
    PolicyDefinition(
        PolicyId.DBS_CONDITION_OF_DIRECT_PAYMENT,
        "Disclosure check as a condition of a direct payment",
        "we make a disclosure check (DBS in England and Wales, PVG in Scotland) of a personal "
        "assistant a condition of a direct payment",
        Affects.TOUCHPOINTS,
        default_on=False,
    ),
    PolicyDefinition(
        PolicyId.S42_DECISION_WORKING_DAYS,
        "Working days for the safeguarding decision",
        "we decide whether the adult safeguarding duty applies within a set number of working "
        "days of a concern being raised",
        Affects.S42_DECISION_DUE,
        default_on=True,
        parameter=Parameter("working_days", "Working days", 1, 30),
        default_value=DEFAULT_S42_DECISION_WORKING_DAYS,
        can_be_off=False,
    ),
)

DEFINITIONS: Mapping[PolicyId, PolicyDefinition] = {d.id: d for d in CATALOGUE}


def parse_policy(value: str) -> PolicyId:
    try:
        return PolicyId(value)
    except ValueError:
        raise InvalidInput(
            "Choose a local policy from the list: " + ", ".join(d.title for d in CATALOGUE) + "."
        ) from None


@dataclass(frozen=True, slots=True)
class PolicySetting:
    """A policy as it stands: on or off, its number, who set it and when (None: the default)."""

    policy: PolicyId
    on: bool
    value: int | None
    version: int
    """0 while the default applies; each change adds one (a change names the version it saw)."""
    set_by: str = ""
    set_at: datetime | None = None

    @property
    def definition(self) -> PolicyDefinition:
        return DEFINITIONS[self.policy]

    @property
    def is_default(self) -> bool:
        return self.set_at is None

    @property
    def state(self) -> str:
        """'On', 'Off' or the number, in words."""
        parameter = self.definition.parameter
        if parameter is not None and self.value is not None:
            return f"{self.value} {parameter.label.lower()}"
        return "On" if self.on else "Off"

    @property
    def caption(self) -> str:
        """The sentence shown wherever the policy bites."""
        what = self.definition.words
        if self.value is not None and self.definition.parameter is not None:
            what = f"{what} ({self.state})"
        if self.is_default:
            return (
                f"Local policy (default): {what} — the default, not yet set by the "
                "safeguarding lead."
            )
        assert self.set_at is not None
        return f"Local policy: {what} — set by {self.set_by} on {words.day(self.set_at)}."


def default_setting(policy: PolicyId, *, s42_days: int | None = None) -> PolicySetting:
    """The setting before the lead has set anything (``s42_days`` from the environment, if set)."""
    definition = DEFINITIONS[policy]
    value = definition.default_value
    if policy is PolicyId.S42_DECISION_WORKING_DAYS and s42_days is not None:
        value = s42_days
    return PolicySetting(policy, definition.default_on, value, 0)


def settings_in_force(
    newest: Iterable[PolicySetting], *, s42_days: int | None = None
) -> dict[PolicyId, PolicySetting]:
    """Every policy in catalogue order: the newest stored setting, else its default."""
    stored = {s.policy: s for s in newest}
    return {d.id: stored.get(d.id) or default_setting(d.id, s42_days=s42_days) for d in CATALOGUE}


def checked_change(policy: PolicyId, on: bool, value: int | None) -> tuple[bool, int | None]:
    """The change asked for, or InvalidInput saying what to fix."""
    definition = DEFINITIONS[policy]
    if not on and not definition.can_be_off:
        raise InvalidInput(f"'{definition.title}' cannot be turned off: set a number instead.")
    parameter = definition.parameter
    if parameter is None:
        if value is not None:
            raise InvalidInput(f"'{definition.title}' takes no number: turn it on or off.")
        return on, None
    if value is None:
        raise InvalidInput(f"Give the number of {parameter.label.lower()}.")
    if not parameter.minimum <= value <= parameter.maximum:
        raise InvalidInput(
            f"{parameter.label} must be from {parameter.minimum} to {parameter.maximum}."
        )
    return on, value


# ---------------------------------------------------------------------------- where they bite
def route_needed(settings: Mapping[PolicyId, PolicySetting]) -> PolicySetting:
    """The policy that decides whether a high residual risk blocks agreeing a plan."""
    return settings[PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE]


def s42_working_days(settings: Mapping[PolicyId, PolicySetting]) -> int:
    setting = settings[PolicyId.S42_DECISION_WORKING_DAYS]
    return setting.value if setting.value is not None else DEFAULT_S42_DECISION_WORKING_DAYS


def is_direct_payment(budget_option: str | None) -> bool:
    return budget_option in DIRECT_PAYMENT_OPTIONS


def locally_required_touchpoints(
    graph: FrameworkGraph,
    settings: Mapping[PolicyId, PolicySetting],
    *,
    budget_option: str | None,
    employs_personal_assistant: bool,
    jurisdiction: str | None,
) -> dict[str, PolicySetting]:
    """Touchpoint id → the local policy that makes it required for this person.

    With the disclosure policy on, a person with a direct payment who employs a personal
    assistant has the safer-recruitment touchpoint of their jurisdiction required by local
    policy. Touchpoints the framework in use does not hold are skipped."""
    setting = settings[PolicyId.DBS_CONDITION_OF_DIRECT_PAYMENT]
    if not (setting.on and employs_personal_assistant and is_direct_payment(budget_option)):
        return {}
    found: dict[str, PolicySetting] = {}
    for tp in SAFER_RECRUITMENT_TOUCHPOINTS:
        try:
            node = graph.node(tp)
        except KeyError:
            continue
        if jurisdiction is None or node.applies_in(jurisdiction):
            found[tp] = setting
    return found


def employs_personal_assistant(
    answers: Mapping[str, str], *, pa_owns_an_action: bool, recruitment_check_recorded: bool
) -> bool:
    """Whether the record shows the person employs a personal assistant: a personal assistant
    owns an action in their plan, a safer-recruitment check is recorded, or the question on
    employing a personal assistant safely (RM03, asked only "if you employ a personal
    assistant") was answered yes. Nothing is assumed from a blank record."""
    answer = answers.get(PA_PROMPT, "").strip().lower()
    return pa_owns_an_action or recruitment_check_recorded or answer == "yes"


PA_PROMPT = "RM03"
"""The framework prompt asked of a person who employs a personal assistant."""


def local_conditions(
    graph: FrameworkGraph, settings: Mapping[PolicyId, PolicySetting]
) -> dict[str, str]:
    """Touchpoint id → when the council's local policy makes it required, in words (for the
    process audit, which judges placements rather than people)."""
    setting = settings[PolicyId.DBS_CONDITION_OF_DIRECT_PAYMENT]
    if not setting.on:
        return {}
    found: dict[str, str] = {}
    for tp in SAFER_RECRUITMENT_TOUCHPOINTS:
        try:
            graph.node(tp)
        except KeyError:
            continue
        found[tp] = (
            "required by local policy (not by the framework or the law) for a person with a "
            f"direct payment who employs a personal assistant: {setting.caption}"
        )
    return found

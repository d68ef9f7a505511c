"""Agreeing a support plan, and when it must next be reviewed.

Rules encoded:

- Plan validation (Self-Directed Support practice; SCIE Report 36 and the ADASS South West
  framework): before a plan is agreed, it is checked to be effective, legal, affordable and safe,
  with a contingency if it fails. A plan cannot be agreed while a check has failed. Referring on
  is always possible: a panel or the safeguarding process exists for the cases that cannot be
  agreed as they stand.
- A risk that stays high after mitigation with no recorded route (a risk enablement panel, the
  safeguarding process or a multi-agency forum) blocks agreement only while the council's local
  policy ``high_residual_risk_needs_route`` is on (`local_policy`): that is the council's rule,
  not the law's. With it off, agreeing such a plan is allowed after a warning, and the reasons
  kept with the plan say the policy was off at the time.
- Support does not wait: while a panel or the safeguarding process decides, the council's duty
  to meet eligible needs (Care Act 2014 s18) continues, and it may meet urgent needs at once
  (s19(3)). `INTERIM_SUPPORT` says so wherever the gate is shown.
- Reviews: the intervals are law, held per nation in the law book and applied by
  `risk_app.domain.record.review_rules`. In England a direct payment is reviewed within six
  months of the first payment, then at least every twelve months (Care and Support (Direct
  Payments) Regulations 2014, reg 7); a plan has a light-touch review six to eight weeks after
  sign-off and a review at least every twelve months (Care and support statutory guidance, para
  13.32; Care Act 2014 s27). Scotland and Wales set no interval held here: the date is agreed
  with the person. Early reviews follow triggers such as a change in capacity, conditions no
  longer met, money not used as intended, or safety or welfare compromised (a council's policy,
  e.g. Gloucestershire's direct payment policy, research notes [S]).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.local_policy import PolicyId, PolicySetting, default_setting


class ValidationCheck(StrEnum):
    """The checks a plan passes before it is agreed."""

    EFFECTIVE = "effective"
    """The plan will meet the person's eligible needs and the outcomes they want."""
    LEGAL = "legal"
    """Nothing in the plan is unlawful, and legal duties (e.g. as an employer) are covered."""
    AFFORDABLE = "affordable"
    """The plan can be delivered within the personal budget and any contribution."""
    SAFE = "safe"
    """Risks are identified, understood and proportionately managed, with owners."""
    CONTINGENCY = "contingency"
    """There is a workable back-up if support fails or circumstances change."""

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one validation check, always with a reason."""

    passed: bool
    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise InvalidInput(
                "Give a reason for each validation check, whether it passed or not, "
                "so the decision can be explained later."
            )


class PlanOutcome(StrEnum):
    """What happens to a plan after validation."""

    AGREED = "agreed"
    """The plan is agreed as it stands."""
    AGREED_WITH_CONDITIONS = "agreed_with_conditions"
    """The plan is agreed, subject to conditions written down with it."""
    REFERRED_TO_PANEL = "referred_to_panel"
    """The plan goes to a risk enablement panel for a shared view before it is agreed."""
    REFERRED_TO_SAFEGUARDING = "referred_to_safeguarding"
    """A safeguarding concern is raised, and the plan is looked at again in its light; support to
    meet the person's needs continues meanwhile (`INTERIM_SUPPORT`)."""

    @property
    def label(self) -> str:
        return {
            PlanOutcome.AGREED: "Agreed",
            PlanOutcome.AGREED_WITH_CONDITIONS: "Agreed with conditions",
            PlanOutcome.REFERRED_TO_PANEL: "Referred to a risk enablement panel",
            PlanOutcome.REFERRED_TO_SAFEGUARDING: "Referred to safeguarding",
        }[self]

    @classmethod
    def parse(cls, value: PlanOutcome | str) -> PlanOutcome:
        """The outcome named by `value`, or InvalidInput listing the choices."""
        try:
            return cls(value)
        except ValueError:
            raise InvalidInput(
                "Choose the outcome: agreed, agreed with conditions, referred to a panel, or "
                "referred to safeguarding."
            ) from None


INTERIM_SUPPORT = (
    "Support continues meanwhile: in England the council's duty to meet the person's eligible "
    "needs (Care Act 2014 section 18, https://www.legislation.gov.uk/ukpga/2014/23/section/18) "
    "does not pause while a panel or the safeguarding process decides, and the council may meet "
    "urgent needs straight away (section 19(3), "
    "https://www.legislation.gov.uk/ukpga/2014/23/section/19)."
)
"""Said wherever the route gate is shown: referring a plan on never stops interim support."""

AGREED_OUTCOMES: tuple[PlanOutcome, ...] = (PlanOutcome.AGREED, PlanOutcome.AGREED_WITH_CONDITIONS)
"""The outcomes that agree the plan (with or without conditions); the others send it elsewhere."""


@dataclass(frozen=True, slots=True)
class PlanDecision:
    """The outcome chosen and why, with any conditions."""

    outcome: PlanOutcome
    reasons: tuple[str, ...]
    conditions: str = ""
    warnings: tuple[str, ...] = ()
    """What the person agreeing was warned of (a high risk with no route while the local policy
    that would block it is off); also kept in ``reasons``."""


def _unrouted(
    high_residual_risks: Sequence[str],
    recorded_routes: Mapping[str, str],
    allowed_routes: Collection[str] | None,
) -> list[str]:
    missing: list[str] = []
    for risk_id in dict.fromkeys(high_residual_risks):
        route = recorded_routes.get(risk_id, "").strip()
        if not route or (allowed_routes is not None and route not in allowed_routes):
            missing.append(risk_id)
    return missing


def plan_decision(
    checks: Mapping[ValidationCheck, CheckResult],
    high_residual_risks: Sequence[str],
    recorded_routes: Mapping[str, str],
    requested: PlanOutcome,
    conditions: str = "",
    *,
    allowed_routes: Collection[str] | None = None,
    route_policy: PolicySetting | None = None,
) -> PlanDecision:
    """Decide a plan's outcome, refusing an agreement the rules do not allow.

    ``high_residual_risks`` are the ids of risks still in an escalating band after mitigation;
    ``recorded_routes`` maps a risk id to the route node chosen for it (e.g. RT2, RT3, RT4).
    With ``allowed_routes`` given, only those routes count (so a light-touch agreement cannot
    stand in for escalation); otherwise any recorded route counts. ``route_policy`` is the local
    policy ``high_residual_risk_needs_route`` as it stands (its default, on, when not given):
    on, an unrouted high risk blocks agreement; off, it is a warning kept with the plan.
    """
    policy = route_policy or default_setting(PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE)
    missing = [c for c in ValidationCheck if c not in checks]
    if missing:
        raise InvalidInput(
            "Record every validation check before deciding on the plan. Still to record: "
            f"{', '.join(c.label.lower() for c in missing)}."
        )
    failed = [c for c in ValidationCheck if not checks[c].passed]
    unrouted = _unrouted(high_residual_risks, recorded_routes, allowed_routes)
    cleaned_conditions = conditions.strip()

    if requested in AGREED_OUTCOMES:
        problems: list[str] = []
        if failed:
            detail = "; ".join(f"{c.label.lower()}: {checks[c].reason.strip()}" for c in failed)
            problems.append(f"These validation checks did not pass ({detail}).")
        routes_note = (
            f" Routes that count here: {', '.join(sorted(allowed_routes))}."
            if allowed_routes is not None
            else ""
        )
        warnings: list[str] = []
        if unrouted and policy.on:
            problems.append(
                f"{policy.caption} Under it, the plan cannot be agreed without a recorded route "
                "for each risk that stays high after mitigation; no suitable route is recorded "
                f"for {', '.join(unrouted)}. Record a route (such as a risk enablement panel or "
                f"the safeguarding process), or refer the plan on.{routes_note} {INTERIM_SUPPORT}"
            )
        elif unrouted:
            warnings.append(
                f"Agreed with no escalation route recorded for the risk that stays high after "
                f"mitigation ({', '.join(unrouted)}): the local policy that would require one "
                f"was off at the time ({policy.caption})"
            )
        if requested is PlanOutcome.AGREED_WITH_CONDITIONS and not cleaned_conditions:
            problems.append("Write down the conditions the plan is agreed on.")
        if requested is PlanOutcome.AGREED and cleaned_conditions:
            problems.append(
                "Conditions were given: choose 'agreed with conditions' so they stay with the plan."
            )
        if problems:
            raise InvalidInput("The plan cannot be agreed yet. " + " ".join(problems))
        reasons = ["All five validation checks passed."]
        reasons += [
            f"Risk {risk_id} stays high and has a recorded route: {recorded_routes[risk_id]}."
            for risk_id in dict.fromkeys(high_residual_risks)
            if risk_id not in unrouted
        ]
        reasons += warnings
        kept = cleaned_conditions if requested is PlanOutcome.AGREED_WITH_CONDITIONS else ""
        return PlanDecision(requested, tuple(reasons), kept, tuple(warnings))

    reasons = []
    if failed:
        reasons.append(
            "Validation checks not passed: " + ", ".join(c.label.lower() for c in failed) + "."
        )
    if unrouted:
        reasons.append("High risks without a recorded route: " + ", ".join(unrouted) + ".")
    if not reasons:
        reasons.append("All validation checks passed; referred on for a shared decision.")
    return PlanDecision(requested, tuple(reasons))


# ---------------------------------------------------------------------- reviews
class ReviewKind(StrEnum):
    """Why a review happens."""

    FIRST_DIRECT_PAYMENT = "first_direct_payment"
    """The first review of a direct payment, within six months of it starting."""
    SCHEDULED = "scheduled"
    """A planned review, no more than twelve months after the last one."""
    TRIGGERED = "triggered"
    """An early review because something changed (see `ReviewTrigger`)."""


class ReviewTrigger(StrEnum):
    """Changes that call for a review before the scheduled date."""

    CAPACITY_CHANGED = "capacity_changed"
    """The person's capacity to manage the direct payment or the plan has changed."""
    CONDITIONS_NOT_MET = "conditions_not_met"
    """The conditions attached to the direct payment or the plan are no longer met."""
    NOT_USED_AS_INTENDED = "not_used_as_intended"
    """The money is not being used to meet the needs in the plan."""
    SAFETY_OR_WELFARE_COMPROMISED = "safety_or_welfare_compromised"
    """The person's safety or welfare is at risk, or a risk event has happened."""
    PERSON_OR_CARER_ASKED = "person_or_carer_asked"
    """The person, their carer or representative asked for a review."""
    OTHER_CHANGE = "other_change"
    """Any other relevant change in circumstances."""


class ReviewStatus(StrEnum):
    """Where a review stands against its due date."""

    OVERDUE = "overdue"
    """The due date has passed."""
    DUE_SOON = "due_soon"
    """Due within the warning period (28 days unless configured)."""
    NOT_DUE = "not_due"
    """Not due for a while."""


FIRST_DIRECT_PAYMENT_REVIEW_MONTHS = 6
"""England's interval (DP Regulations 2014, reg 7), for reading English process logs; a person's
record reads it from the law book (a test keeps the two equal)."""
REVIEW_INTERVAL_MONTHS = 12
"""England's longest interval between reviews (DP Regulations 2014, reg 7; CSSG para 13.32)."""


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, or the month's last day if it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def next_review_kind(direct_payment_start: date | None, last_review: date | None) -> ReviewKind:
    """Whether the next planned review is the first direct payment review or a scheduled one."""
    if direct_payment_start is not None and (
        last_review is None or last_review < direct_payment_start
    ):
        return ReviewKind.FIRST_DIRECT_PAYMENT
    return ReviewKind.SCHEDULED


def next_review_due(
    direct_payment_start: date | None, last_review: date | None, *, plan_agreed: date
) -> date:
    """When the next planned review is due at the latest, under England's rule (used to read
    English process logs; a person's record uses `review_rules`, which reads the law book).

    - A direct payment not yet reviewed since it started: six months after it started.
    - A direct payment already reviewed: twelve months after the last review.
    - No direct payment: twelve months after the later of the plan being agreed and the last
      review.

    A review before the direct payment started does not count as its first review.
    """
    if direct_payment_start is not None:
        if last_review is None or last_review < direct_payment_start:
            return add_months(direct_payment_start, FIRST_DIRECT_PAYMENT_REVIEW_MONTHS)
        return add_months(last_review, REVIEW_INTERVAL_MONTHS)
    base = plan_agreed if last_review is None else max(plan_agreed, last_review)
    return add_months(base, REVIEW_INTERVAL_MONTHS)


def review_status(due: date, today: date, *, due_soon_days: int = 28) -> ReviewStatus:
    """Overdue after the due date; due soon on it or within ``due_soon_days`` before it."""
    if due_soon_days < 0:
        raise InvalidInput("The warning period before a review is due cannot be negative.")
    if today > due:
        return ReviewStatus.OVERDUE
    if (due - today).days <= due_soon_days:
        return ReviewStatus.DUE_SOON
    return ReviewStatus.NOT_DUE


def days_overdue(due: date, today: date) -> int:
    """Whole days since the due date passed; 0 if it has not passed."""
    return max(0, (today - due).days)

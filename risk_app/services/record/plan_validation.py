"""Validating and agreeing the plan at the "Agreeing the plan" stage (ST4).

Each check (effective, legal, affordable, safe, with contingency) is recorded with its reason.
While the council's local policy ``high_residual_risk_needs_route`` is on, a plan with a risk
still high after mitigation cannot be agreed unless that risk has a recorded escalation route
from the graph (a light-touch agreement does not count); with it off, such a plan is agreed with
a warning kept in its reasons. The pure rule is
`risk_app.domain.record.plan.plan_decision`; this module checks access, stores and audits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PersonRow, PlanValidationRow, RiskAssessmentRow, RiskRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput
from risk_app.domain.inputs import Code, Day, RecordId
from risk_app.domain.record.concern_lifecycle import PLAN_WARNING_STATES, check_went_on
from risk_app.domain.record.local_policy import route_needed
from risk_app.domain.record.plan import (
    AGREED_OUTCOMES,
    CheckResult,
    PlanOutcome,
    ValidationCheck,
    plan_decision,
)
from risk_app.domain.record.risk import THREE_BAND_5X5, RiskScale, RiskView, is_high
from risk_app.domain.text import clean_long_text
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record import local_policy, safeguarding
from risk_app.services.record.people import listed_for, load_for
from risk_app.services.record.risks import risk_ids_of

AGREE_STAGE = "ST4"
"""The framework stage at which a plan is validated and agreed ("Agreeing the plan")."""


@dataclass(frozen=True, slots=True)
class PlanValidationView:
    id: int
    person_id: int
    checks: dict[ValidationCheck, CheckResult]
    outcome: PlanOutcome
    conditions: str
    reasons: tuple[str, ...]
    routes: dict[int, str]
    review_date: date | None
    decided_at: datetime
    decided_by: str
    framework_version: str
    went_on_reason: str = ""
    """Why the plan was agreed while a safeguarding concern was open; empty when none was."""
    warnings: tuple[str, ...] = ()
    """What the person agreeing was warned of just now (also kept in ``reasons``)."""


def _checks(
    raw: Mapping[str | ValidationCheck, tuple[bool, str]],
) -> dict[ValidationCheck, CheckResult]:
    out: dict[ValidationCheck, CheckResult] = {}
    for key, value in raw.items():
        try:
            check = ValidationCheck(key)
        except ValueError:
            known = ", ".join(c.value for c in ValidationCheck)
            raise InvalidInput(f"Unknown validation check {key!r}: use {known}.") from None
        try:
            passed, reason = value
        except (TypeError, ValueError):
            raise InvalidInput(
                f"For the {check.value} check, say whether it passed and why."
            ) from None
        if not isinstance(passed, bool) or not isinstance(reason, str):
            raise InvalidInput(f"For the {check.value} check, say whether it passed and why.")
        out[check] = CheckResult(
            passed, clean_long_text(reason, f"reason for the {check.value} check")
        )
    return out


def _high_residual_risks(session: Session, person_id: int, scale: RiskScale) -> list[int]:
    """Risks in the person's latest assessment still in an escalating band after mitigation."""
    latest = session.scalar(
        select(RiskAssessmentRow)
        .where(RiskAssessmentRow.person_id == person_id)
        .order_by(RiskAssessmentRow.created_at.desc(), RiskAssessmentRow.id.desc())
        .limit(1)
    )
    if latest is None:
        return []
    rows = session.scalars(
        select(RiskRow).where(RiskRow.assessment_id == latest.id).order_by(RiskRow.id)
    )
    high: list[int] = []
    for risk in rows:
        after = None
        if risk.residual_likelihood is not None and risk.residual_impact is not None:
            after = scale.rate(risk.residual_likelihood, risk.residual_impact)
        view = RiskView(before=scale.rate(risk.likelihood, risk.impact), after=after)
        if is_high(view, scale):
            high.append(risk.id)
    return high


def _validation_view(row: PlanValidationRow) -> PlanValidationView:
    return PlanValidationView(
        id=row.id,
        person_id=row.person_id,
        checks={
            ValidationCheck(k): CheckResult(bool(v["passed"]), str(v["reason"]))
            for k, v in row.checks.items()
        },
        outcome=PlanOutcome(row.outcome),
        conditions=row.conditions,
        reasons=tuple(row.reasons),
        routes={int(k): v for k, v in row.routes.items()},
        review_date=row.review_date,
        decided_at=row.decided_at,
        decided_by=row.decided_by,
        framework_version=row.framework_version,
        went_on_reason=row.went_on_reason,
    )


def _check_stage(person: PersonRow) -> None:
    if person.current_stage != AGREE_STAGE:
        raise InvalidInput(
            f"A plan is validated at {AGREE_STAGE} ({framework_service.stage_label(AGREE_STAGE)}). This person is "
            f"at {person.current_stage} ({framework_service.stage_label(person.current_stage)}): move them to "
            f"{AGREE_STAGE} first."
        )


@checked
def validate_plan(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    checks: Mapping[str | ValidationCheck, tuple[bool, str]],
    requested: PlanOutcome | str,
    conditions: str = "",
    routes: Mapping[RecordId, Code] | None = None,
    scale: RiskScale = THREE_BAND_5X5,
    went_on_reason: str = "",
    review_date: Day | None = None,
) -> PlanValidationView:
    """Validate the person's plan at ST4 and store the outcome only if the rules allow it.

    Risks still high after mitigation in the latest assessment each need a recorded escalation
    route (a panel, the safeguarding process or a high-risk forum) before the plan is agreed.
    Agreeing it while a safeguarding concern about the person is open needs `went_on_reason`.
    ``review_date`` is a date agreed to look at the plan again (such as one of its conditions):
    it counts towards the person's next review. It cannot be in the past.
    """
    cleaned_checks = _checks(checks)
    went_on = clean_long_text(went_on_reason, "reason for going on while a concern is open")
    chosen = PlanOutcome.parse(requested)
    conditions_text = clean_long_text(conditions, "conditions")
    chosen_routes: dict[int, str] = {}
    for risk_id, route in (routes or {}).items():
        if not isinstance(risk_id, int) or isinstance(risk_id, bool):
            raise InvalidInput("Routes are recorded against risks by their number.")
        if route.strip():
            chosen_routes[risk_id] = framework_service.route_id(route.strip())
    now = datetime.now(UTC)
    if review_date is not None and review_date < now.date():
        raise InvalidInput("The review date agreed with the plan cannot be in the past.")
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        _check_stage(person)
        risk_ids_of(session, person.id, chosen_routes)
        high = _high_residual_risks(session, person.id, scale)
        route_policy = route_needed(local_policy.in_force(session))
        result = plan_decision(
            cleaned_checks,
            [str(i) for i in high],
            {str(k): v for k, v in chosen_routes.items()},
            chosen,
            conditions_text,
            allowed_routes=framework_service.escalation_routes(),
            route_policy=route_policy,
        )
        open_concerns = safeguarding.open_states(session, person.id)
        agreeing = result.outcome in AGREED_OUTCOMES
        if agreeing:
            check_went_on(open_concerns, went_on, safeguarding.words_of_person(person))
        went_on_despite = (
            [i for i, s in open_concerns if s in PLAN_WARNING_STATES] if agreeing else []
        )
        row = PlanValidationRow(
            person_id=person.id,
            checks={
                c.value: {"passed": r.passed, "reason": r.reason} for c, r in cleaned_checks.items()
            },
            outcome=result.outcome.value,
            conditions=result.conditions,
            reasons=list(result.reasons),
            routes={str(k): v for k, v in chosen_routes.items()},
            review_date=review_date,
            decided_at=now,
            decided_by=by.username,
            framework_version=framework_service.version(),
            went_on_reason=went_on if went_on_despite else "",
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.PLAN_VALIDATION,
            row.id,
            None,
            person=person.id,
            outcome=row.outcome,
            failed=",".join(c.value for c, r in cleaned_checks.items() if not r.passed),
            high_risks=",".join(str(i) for i in high),
            routes=",".join(f"{k}:{v}" for k, v in chosen_routes.items()),
            open_concerns=",".join(str(i) for i in went_on_despite),
            went_on_reason=bool(went_on_despite),
            review_date=review_date.isoformat() if review_date else None,
            route_policy_on=route_policy.on,
            route_policy_version=route_policy.version,
            agreed_despite_unrouted=bool(result.warnings),
        )
        return replace(_validation_view(row), warnings=result.warnings)


@checked
def validations_for(store: Store, *, by: Actor, person_id: RecordId) -> list[PlanValidationView]:
    """The person's plan validations, newest first."""
    return listed_for(
        store,
        by,
        person_id,
        "plan_validations",
        lambda pid: (
            select(PlanValidationRow)
            .where(PlanValidationRow.person_id == pid)
            .order_by(PlanValidationRow.decided_at.desc(), PlanValidationRow.id.desc())
        ),
        _validation_view,
        lambda v: str(v.id),
    )

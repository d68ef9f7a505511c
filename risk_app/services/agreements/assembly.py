"""The agreement as a person's records stand now: what matters to them, their risks with
mitigations and owners, supported decisions, the plan's contingency, the review date and every
dissent, read inside a caller's access-checked transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters.tables import (
    ActionRow,
    CircleMemberRow,
    DecisionRow,
    MeetingItemRow,
    MeetingRow,
    PanelRow,
    PersonRow,
    PlanValidationRow,
    RiskAssessmentRow,
    RiskRow,
)
from risk_app.domain import words
from risk_app.domain.agreements.content import (
    AgreedAction,
    AgreedDecision,
    AgreedRisk,
    AgreementContent,
    DissentEntry,
    PersonPart,
    Representative,
    ReviewPart,
    WhatMatters,
)
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.capacity import CapacityOutcome
from risk_app.domain.record.ownership import ActionStatus
from risk_app.domain.record.people import ABOUT_ME_HEADINGS, RepresentativeAuthority
from risk_app.domain.record.plan import ValidationCheck
from risk_app.domain.record.risk import RiskScale
from risk_app.domain.record.who_decides import Authority
from risk_app.services.record import reviews


def _level(scale: RiskScale, likelihood: int | None, impact: int | None) -> str | None:
    if likelihood is None or impact is None:
        return None
    try:
        return scale.rate(likelihood, impact).band
    except InvalidInput:  # rated on another scale: say nothing rather than something wrong
        return None


def _agreed_action(row: ActionRow, member: CircleMemberRow | None) -> AgreedAction:
    """The action as agreed; an owner in the person's circle is named as the circle names them
    now, so every action of theirs names them alike."""
    return AgreedAction(
        id=row.id,
        what=row.description,
        owner_kind=row.owner_kind if member is None else member.kind,
        owner_name=row.owner_name if member is None else member.name,
        due=row.due,
        owner_member=None if member is None else member.id,
    )


def _risks(
    session: Session, person_id: int, scale: RiskScale
) -> tuple[list[AgreedRisk], list[AgreedAction]]:
    """Risks of the latest assessment with their mitigations, and the actions on no risk."""
    latest = session.scalar(
        select(RiskAssessmentRow)
        .where(RiskAssessmentRow.person_id == person_id)
        .order_by(RiskAssessmentRow.created_at.desc(), RiskAssessmentRow.id.desc())
        .limit(1)
    )
    actions = list(
        session.scalars(
            select(ActionRow)
            .where(
                ActionRow.person_id == person_id,
                ActionRow.status.not_in(
                    (ActionStatus.CANCELLED.value, ActionStatus.WITHDRAWN.value)
                ),
            )
            .order_by(ActionRow.id)
        )
    )
    by_risk: dict[int | None, list[AgreedAction]] = {}
    member_ids = {a.circle_member_id for a in actions if a.circle_member_id is not None}
    members = {
        m.id: m
        for m in session.scalars(select(CircleMemberRow).where(CircleMemberRow.id.in_(member_ids)))
    }
    for action in actions:
        member = members.get(action.circle_member_id) if action.circle_member_id else None
        by_risk.setdefault(action.risk_id, []).append(_agreed_action(action, member))
    risks: list[AgreedRisk] = []
    if latest is not None:
        for row in session.scalars(
            select(RiskRow).where(RiskRow.assessment_id == latest.id).order_by(RiskRow.id)
        ):
            risks.append(
                AgreedRisk(
                    id=row.id,
                    choice=row.activity,
                    benefits=row.benefits,
                    harm_to_self=row.harm_to_self,
                    harm_to_others=row.harm_to_others,
                    harm_from_others=row.harm_from_others,
                    person_view=row.person_view,
                    strengths=row.strengths,
                    level_before=_level(scale, row.likelihood, row.impact),
                    level_after=_level(scale, row.residual_likelihood, row.residual_impact),
                    mitigations=tuple(by_risk.get(row.id, [])),
                )
            )
    return risks, by_risk.get(None, [])


def _decisions(session: Session, person_id: int) -> tuple[list[AgreedDecision], list[DissentEntry]]:
    decisions: list[AgreedDecision] = []
    dissent: list[DissentEntry] = []
    rows = session.scalars(
        select(DecisionRow)
        .where(DecisionRow.person_id == person_id)
        .order_by(DecisionRow.decided_at, DecisionRow.id)
    )
    for row in rows:
        person_decides = row.capacity_outcome in (
            CapacityOutcome.PRESUMED.value,
            CapacityOutcome.HAS_CAPACITY.value,
        )
        name, role = row.decider_name, row.decider_role
        if not person_decides and row.authority_covers:
            # An advance decision is the person's own decision, made earlier (MCA s26(1)); an
            # attorney or deputy is named with their authority (s6(6)).
            kind = Authority(row.authority_kind) if row.authority_kind else None
            person_decides = kind is Authority.ADVANCE_DECISION
            name, role = row.authority_holder, kind.label if kind else None
        decisions.append(
            AgreedDecision(
                id=row.id,
                decision=row.decision,
                risk_id=row.risk_id,
                outcome=row.outcome,
                person_decides=person_decides,
                decider_name=None if person_decides else name,
                decider_role=None if person_decides else role,
                conditions=row.conditions,
                capacity_law="awi" if row.capacity_law == "awi" else None,
            )
        )
        dissent += [
            DissentEntry(about=f"Decision: {row.decision}", party=d["party"], words=d["words"])
            for d in row.dissent
        ]
    return decisions, dissent


def _other_dissent(session: Session, person_id: int) -> list[DissentEntry]:
    out: list[DissentEntry] = []
    panels = session.scalars(
        select(PanelRow)
        .where(PanelRow.person_id == person_id)
        .order_by(PanelRow.created_at, PanelRow.id)
    )
    for panel in panels:
        # Dissent is recorded with a panel's outcome; a referral still waiting has none.
        out += [
            DissentEntry(
                about=f"Panel on {words.day_or(panel.held_on, 'no date set')}",
                party=d["party"],
                words=d["words"],
            )
            for d in panel.dissent
        ]
    items = session.execute(
        select(MeetingItemRow, MeetingRow.title, MeetingRow.held_on)
        .join(MeetingRow, MeetingRow.id == MeetingItemRow.meeting_id)
        .where(MeetingRow.person_id == person_id, MeetingItemRow.kind == "dissent")
        .order_by(MeetingRow.held_on, MeetingRow.id, MeetingItemRow.id)
    ).all()
    out += [
        DissentEntry(
            about=f"Meeting '{title}' on {words.day_or(held_on, 'no date set')}",
            party=item.party,
            words=item.text,
        )
        for item, title, held_on in items
    ]
    return out


def _contingency(session: Session, person_id: int) -> str | None:
    latest = session.scalar(
        select(PlanValidationRow)
        .where(PlanValidationRow.person_id == person_id)
        .order_by(PlanValidationRow.decided_at.desc(), PlanValidationRow.id.desc())
        .limit(1)
    )
    if latest is None:
        return None
    check = latest.checks.get(ValidationCheck.CONTINGENCY.value) or {}
    reason = str(check.get("reason") or "").strip()
    return reason or None


def _representative(person: PersonRow) -> Representative | None:
    if person.representative_authority == RepresentativeAuthority.NONE.value:
        return None
    if not person.representative_name.strip():
        return None
    return Representative(
        name=person.representative_name, authority=person.representative_authority
    )


def assemble(session: Session, person: PersonRow, scale: RiskScale) -> AgreementContent:
    """The agreement as the person's records stand, inside a caller's access-checked transaction."""
    risks, other_actions = _risks(session, person.id, scale)
    decisions, decision_dissent = _decisions(session, person.id)
    plan = reviews.plan_in_transaction(session, person, datetime.now(UTC).date())
    return AgreementContent(
        person=PersonPart(
            id=person.id,
            name=person.display_name,
            preferred_name=person.preferred_name,
            representative=_representative(person),
        ),
        what_matters=tuple(
            WhatMatters(heading=h, text=person.about_me[h])
            for h in ABOUT_ME_HEADINGS
            if person.about_me.get(h)
        ),
        risks=tuple(risks),
        other_actions=tuple(other_actions),
        decisions=tuple(decisions),
        contingency=_contingency(session, person.id),
        review=ReviewPart(
            due=plan.due,
            kind=plan.kind.value if plan.kind else None,
            source=plan.source.plain if plan.source else None,
        ),
        dissent=tuple(decision_dissent + _other_dissent(session, person.id)),
    )

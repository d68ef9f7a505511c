"""Person-centred risk assessment and shared ownership of the actions that manage each risk.

Each assessment is stamped with the framework version and the risk scale it was made under. Each
risk is written in the person's words, with what they gain as well as what could go wrong, the
practitioner's rating, the person's own rating beside it, and the rating left once mitigations are
in place. Actions have owners who may have no account; owners' acknowledgements are recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from risk_app.adapters import risk_scales
from risk_app.adapters.db import Store
from risk_app.adapters.tables import (
    AcknowledgementRow,
    ActionRow,
    PersonRow,
    RiskAssessmentRow,
    RiskRow,
)
from risk_app.domain import words
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.inputs import Day, RecordId, Version
from risk_app.domain.record.ownership import (
    AckMethod,
    ActionStatus,
    ActionView,
    OwnerKind,
    check_not_withdrawn,
    checked_ack_method,
    overdue,
    status_to_set,
)
from risk_app.domain.record.risk import (
    BUILT_IN_SCALES,
    THREE_BAND_5X5,
    Rating,
    RiskScale,
    RiskView,
    is_high,
    ratings_differ,
)
from risk_app.domain.roles import Role
from risk_app.domain.text import clean_long_text, clean_short_text
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked
from risk_app.services.record import action_owners, circle
from risk_app.services.record.people import load_for

NewAction = action_owners.NewAction
"""Kept here for the services that write actions (meetings): see `action_owners`."""
check_risks_belong = action_owners.check_risks_belong


@checked
def current_scale(path: str | None = None) -> RiskScale:
    """The organisation's configured scale (RISK_APP_RISK_SCALE): a built-in scale named there
    ("npsa-2008", "risk-app-three-band") or a file; else risk-app's three-band default."""
    built_in = BUILT_IN_SCALES.get((path or "risk-app-three-band").strip().lower())
    return built_in or risk_scales.load_scale(str(path))


@dataclass(frozen=True)
class RiskInput:
    """What a practitioner records about one risk (validated by `add_risk`/`update_risk`)."""

    activity: str
    likelihood: int
    impact: int
    benefits: str = ""
    harm_to_self: str = ""
    harm_to_others: str = ""
    harm_from_others: str = ""
    person_view: str = ""
    person_likelihood: int | None = None
    person_impact: int | None = None
    strengths: str = ""
    residual_likelihood: int | None = None
    residual_impact: int | None = None
    abuse_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskSummary:
    id: int
    assessment_id: int
    activity: str
    benefits: str
    harm_to_self: str
    harm_to_others: str
    harm_from_others: str
    person_view: str
    strengths: str
    abuse_types: tuple[str, ...]
    view: RiskView
    high: bool
    ratings_differ: bool
    version: int
    actions: tuple[ActionView, ...] = field(default=())


@dataclass(frozen=True)
class AssessmentSummary:
    id: int
    stage: str
    framework_version: str
    scale_name: str
    created_at: datetime
    created_by: str
    risks: tuple[RiskSummary, ...]


def _rating(
    scale: RiskScale, likelihood: int | None, impact: int | None, what: str
) -> Rating | None:
    if likelihood is None and impact is None:
        return None
    if likelihood is None or impact is None:
        raise InvalidInput(f"Give both likelihood and impact for the {what}, or neither.")
    return scale.rate(likelihood, impact)


def _validated(data: RiskInput, scale: RiskScale) -> dict[str, object]:
    activity = clean_long_text(data.activity, "activity or choice")
    if not activity:
        raise InvalidInput("Say what the activity or choice is, in the person's words.")
    if not data.likelihood or not data.impact:
        parts = (("the likelihood", data.likelihood), ("the impact", data.impact))
        raise InvalidInput(
            f"Rate {words.all_of(a for a, v in parts if not v)} of this risk (the practitioner's "
            "rating): "
            "no rating is assumed."
        )
    scale.rate(data.likelihood, data.impact)
    _rating(scale, data.person_likelihood, data.person_impact, "person's own rating")
    _rating(scale, data.residual_likelihood, data.residual_impact, "rating after mitigation")
    known = {n.id for n in framework_service.current().nodes(type="abuse_type")}
    unknown = [a for a in data.abuse_types if a not in known]
    if unknown:
        raise InvalidInput(f"Unknown type of abuse or neglect: {unknown[0]}.")
    texts = {
        name: clean_long_text(getattr(data, name), label)
        for name, label in (
            ("benefits", "benefits"),
            ("harm_to_self", "possible harm to the person"),
            ("harm_to_others", "possible harm to others"),
            ("harm_from_others", "possible harm from others"),
            ("person_view", "person's view"),
            ("strengths", "strengths and natural support"),
        )
    }
    return {
        "activity": activity,
        **texts,
        "likelihood": data.likelihood,
        "impact": data.impact,
        "person_likelihood": data.person_likelihood,
        "person_impact": data.person_impact,
        "residual_likelihood": data.residual_likelihood,
        "residual_impact": data.residual_impact,
        "abuse_types": list(dict.fromkeys(data.abuse_types)),
    }


@checked
def start_assessment(
    store: Store, *, by: Actor, person_id: RecordId, scale: RiskScale = THREE_BAND_5X5
) -> int:
    """Open a new assessment at the person's current stage, stamped with framework and scale."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=True)
        row = RiskAssessmentRow(
            person_id=person.id,
            stage=person.current_stage,
            framework_version=framework_service.version(),
            scale_name=scale.name,
            created_at=datetime.now(UTC),
            created_by=by.username,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.RISK_ASSESSMENT,
            row.id,
            row.version_id,
            person=person.id,
        )
        return row.id


@checked
def add_risk(
    store: Store,
    *,
    by: Actor,
    assessment_id: RecordId,
    data: RiskInput,
    scale: RiskScale = THREE_BAND_5X5,
) -> int:
    values = _validated(data, scale)
    now = datetime.now(UTC)
    with audit.transaction(store, by) as session:
        assessment = session.get(RiskAssessmentRow, assessment_id)
        if assessment is None:
            raise NotPermitted(object_type=AuditObject.RISK_ASSESSMENT, object_id=assessment_id)
        load_for(session, by, assessment.person_id, edit=True)
        row = RiskRow(
            assessment_id=assessment.id,
            person_id=assessment.person_id,
            created_at=now,
            updated_at=now,
            **values,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CREATE,
            AuditObject.RISK,
            row.id,
            row.version_id,
            person=assessment.person_id,
        )
        return row.id


@checked
def update_risk(
    store: Store,
    *,
    by: Actor,
    risk_id: RecordId,
    expected_version: Version,
    data: RiskInput,
    scale: RiskScale = THREE_BAND_5X5,
) -> int:
    """Change a risk, refusing a stale edit. Returns the new version."""
    values = _validated(data, scale)
    with audit.transaction(store, by) as session:
        row = _risk_for(session, by, risk_id, edit=True)
        if row.version_id != expected_version:
            raise StaleEdit("risk", expected_version, row.version_id)
        changed = [k for k, v in values.items() if getattr(row, k) != v]
        if not changed:
            return row.version_id
        for key in changed:
            setattr(row, key, values[key])
        row.updated_at = datetime.now(UTC)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.CHANGE,
            AuditObject.RISK,
            row.id,
            row.version_id,
            person=row.person_id,
            fields=",".join(changed),
        )
        return row.version_id


def risk_ids_of(session: Session, person_id: int, risk_ids: Iterable[object]) -> list[int]:
    """The risks named, each once, after checking each is a number naming one of the person's."""
    ids = list(dict.fromkeys(risk_ids))
    checked: list[int] = []
    for risk_id in ids:
        if not isinstance(risk_id, int) or isinstance(risk_id, bool):
            raise InvalidInput("Risks are named by their number.")
        checked.append(risk_id)
    check_risks_belong(session, person_id, checked)
    return checked


def _risk_for(session: Session, by: Actor, risk_id: int, *, edit: bool) -> RiskRow:
    row = session.get(RiskRow, risk_id)
    if row is None:
        raise NotPermitted(object_type=AuditObject.RISK, object_id=risk_id)
    load_for(session, by, row.person_id, edit=edit)
    return row


def acknowledgements_of(session: Session, action_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """Who acknowledged each of these actions, and how, in words (one query for all of them)."""
    ids = list(action_ids)
    if not ids:
        return {}
    found: dict[int, tuple[str, ...]] = {}
    for ack in session.scalars(
        select(AcknowledgementRow)
        .where(AcknowledgementRow.action_id.in_(ids))
        .order_by(AcknowledgementRow.id)
    ):
        how = " ".join(filter(None, (ack.method.replace("_", " "), ack.code_reference)))
        found[ack.action_id] = (*found.get(ack.action_id, ()), f"{ack.acknowledged_by} ({how})")
    return found


def _action_view(row: ActionRow, acknowledged: Mapping[int, tuple[str, ...]]) -> ActionView:
    return ActionView(
        id=row.id,
        description=row.description,
        owner_name=row.owner_name,
        owner_kind=OwnerKind(row.owner_kind),
        due=row.due,
        status=ActionStatus(row.status),
        acknowledged=row.id in acknowledged,
        version=row.version_id,
        acknowledged_by=acknowledged.get(row.id, ()),
        owner_member_id=row.circle_member_id,
    )


def action_views(session: Session, rows: Iterable[ActionRow]) -> list[ActionView]:
    """Views of these actions, in the order given, with who acknowledged each (one query)."""
    listed = list(rows)
    acknowledged = acknowledgements_of(session, (row.id for row in listed))
    return [_action_view(row, acknowledged) for row in listed]


def _summary(session: Session, row: RiskRow, scale: RiskScale) -> RiskSummary:
    view = RiskView(
        before=scale.rate(row.likelihood, row.impact),
        after=_rating(scale, row.residual_likelihood, row.residual_impact, "residual"),
        person_rating=_rating(scale, row.person_likelihood, row.person_impact, "person"),
    )
    actions = list(
        session.scalars(select(ActionRow).where(ActionRow.risk_id == row.id).order_by(ActionRow.id))
    )
    acknowledged = acknowledgements_of(session, (a.id for a in actions))
    return RiskSummary(
        id=row.id,
        assessment_id=row.assessment_id,
        activity=row.activity,
        benefits=row.benefits,
        harm_to_self=row.harm_to_self,
        harm_to_others=row.harm_to_others,
        harm_from_others=row.harm_from_others,
        person_view=row.person_view,
        strengths=row.strengths,
        abuse_types=tuple(row.abuse_types),
        view=view,
        high=is_high(view, scale),
        ratings_differ=ratings_differ(view),
        version=row.version_id,
        actions=tuple(_action_view(a, acknowledged) for a in actions),
    )


@checked
def assessments_for(
    store: Store, *, by: Actor, person_id: RecordId, scale: RiskScale = THREE_BAND_5X5
) -> list[AssessmentSummary]:
    """The person's assessments, newest first, each with its risks and their actions."""
    with audit.transaction(store, by) as session:
        person = load_for(session, by, person_id, edit=False)
        rows = list(
            session.scalars(
                select(RiskAssessmentRow)
                .where(RiskAssessmentRow.person_id == person_id)
                .order_by(RiskAssessmentRow.created_at.desc(), RiskAssessmentRow.id.desc())
            )
        )
        result = []
        for a in rows:
            risks = session.scalars(
                select(RiskRow).where(RiskRow.assessment_id == a.id).order_by(RiskRow.id)
            )
            result.append(
                AssessmentSummary(
                    id=a.id,
                    stage=a.stage,
                    framework_version=a.framework_version,
                    scale_name=a.scale_name,
                    created_at=a.created_at,
                    created_by=a.created_by,
                    risks=tuple(_summary(session, r, scale) for r in risks),
                )
            )
        audit.record_person_view(session, by, person, "risks")
        return result


@checked
def add_action(
    store: Store,
    *,
    by: Actor,
    person_id: RecordId,
    description: str,
    owner_name: str = "",
    owner_kind: OwnerKind | str | None = None,
    due: Day | None,
    risk_id: RecordId | None = None,
    owner_member_id: RecordId | None = None,
    owner_relationship: str = "",
    owner_agency: str = "",
    owner_confirmed_new: bool = False,
) -> int:
    """Give a mitigation or action an owner (who need not have an account) and a date. The owner
    is a member of the person's circle (`owner_member_id`), the person themself (owner kind
    ``person``), or someone new, added to the circle (see `action_owners`)."""
    action = NewAction.checked(
        description=description,
        owner_name=owner_name,
        owner_kind=owner_kind,
        due=due,
        risk_id=risk_id,
        owner_member_id=owner_member_id,
        owner_relationship=owner_relationship,
        owner_agency=owner_agency,
        owner_confirmed_new=owner_confirmed_new,
    )
    with audit.transaction(store, by) as session:
        load_for(session, by, person_id, edit=True)
        return action.write(session, by=by, person_id=person_id)


def _action_for(session: Session, by: Actor, action_id: int) -> ActionRow:
    row = session.get(ActionRow, action_id)
    if row is None:
        raise NotPermitted(object_type=AuditObject.ACTION, object_id=action_id)
    load_for(session, by, row.person_id, edit=True)
    return row


@checked
def set_action_status(
    store: Store,
    *,
    by: Actor,
    action_id: RecordId,
    expected_version: Version,
    status: ActionStatus | str,
) -> int:
    status = status_to_set(status)
    with audit.transaction(store, by) as session:
        row = _action_for(session, by, action_id)
        if row.version_id != expected_version:
            raise StaleEdit("action", expected_version, row.version_id)
        check_not_withdrawn(row.status)
        if row.status != status.value:
            row.status = status.value
            session.flush()
            audit.record(
                session,
                by,
                AuditAction.CHANGE,
                AuditObject.ACTION,
                row.id,
                row.version_id,
                person=row.person_id,
                status=status.value,
            )
        return row.version_id


@checked
def acknowledge(
    store: Store,
    *,
    by: Actor,
    action_id: RecordId,
    acknowledged_by: str = "",
    method: AckMethod | str,
    member_id: RecordId | None = None,
) -> None:
    """Record that an action's owner has acknowledged it: who (a member of the person's circle,
    or a name typed), when and how."""
    who = clean_short_text(
        acknowledged_by, "name of the person acknowledging", required=member_id is None
    )
    if member_id is not None and who:
        raise InvalidInput("Choose who acknowledged it from the circle, or type a name: not both.")
    method = checked_ack_method(method)
    with audit.transaction(store, by) as session:
        row = _action_for(session, by, action_id)
        member = None if member_id is None else circle.member_in(session, row.person_id, member_id)
        ack = AcknowledgementRow(
            action_id=row.id,
            acknowledged_by=who if member is None else member.name,
            circle_member_id=None if member is None else member.id,
            method=method.value,
            at=datetime.now(UTC),
            recorded_by=by.username,
        )
        session.add(ack)
        session.flush()
        audit.record(
            session,
            by,
            AuditAction.SIGN,
            AuditObject.ACTION,
            row.id,
            row.version_id,
            person=row.person_id,
            acknowledgement=ack.id,
            method=method.value,
            member=member_id,
        )


@dataclass(frozen=True)
class OverdueAction:
    person_id: int
    person_name: str
    action: ActionView


@checked
def overdue_for_team(store: Store, *, by: Actor, today: Day | None = None) -> list[OverdueAction]:
    """Open actions past their date for people allocated to the actor's team."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        if by.role not in (Role.PRACTITIONER, Role.TEAM_MANAGER) or by.team_id is None:
            raise NotPermitted(object_type=AuditObject.ACTIONS)
        rows = session.execute(
            select(ActionRow, PersonRow.display_name)
            .join(PersonRow, PersonRow.id == ActionRow.person_id)
            .where(
                PersonRow.team_id == by.team_id,
                ActionRow.status == ActionStatus.OPEN.value,
                ActionRow.due < today,
            )
        ).all()
        acknowledged = acknowledgements_of(session, (row.ActionRow.id for row in rows))
        views = {
            row.ActionRow.id: (
                row.ActionRow.person_id,
                row.display_name,
                _action_view(row.ActionRow, acknowledged),
            )
            for row in rows
        }
        late = overdue([v[2] for v in views.values()], today)
        if late:
            audit.record(
                session,
                by,
                AuditAction.VIEW,
                AuditObject.OVERDUE_ACTIONS,
                by.team_id,
                actions=",".join(str(a.id) for a in late),
            )
        return [OverdueAction(views[int(a.id)][0], views[int(a.id)][1], a) for a in late]

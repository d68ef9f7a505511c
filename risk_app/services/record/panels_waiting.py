"""Panels waiting, for oversight: referrals not yet given a date, and panels whose date is set (or
past) with no outcome recorded.

A practitioner or team manager sees their own team's people, by name. The safeguarding lead sees
the whole organisation by team, without names or anything of the referral's content (the lead's
role does not open people's records). Audit events hold panel identifiers only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import PanelRow, PersonRow, TeamRow
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import Day
from risk_app.domain.record.panel_lifecycle import WAITING, PanelState
from risk_app.domain.roles import Role
from risk_app.services import audit
from risk_app.services import framework as framework_service
from risk_app.services.boundary import checked


@dataclass(frozen=True, slots=True)
class PanelWaiting:
    panel_id: int
    person_id: int
    person_name: str | None
    """None for the safeguarding lead, who sees teams and dates only."""
    team_name: str
    route_label: str
    state: PanelState
    referred_on: date
    days_since_referral: int
    scheduled_for: date | None
    days_to_panel: int | None
    """Days until the panel's date; negative once the date has passed with no outcome."""


@checked
def panels_waiting(store: Store, *, by: Actor, today: Day | None = None) -> list[PanelWaiting]:
    """Referrals not yet scheduled and scheduled panels without an outcome, for the actor's team
    (the organisation for the safeguarding lead), longest waiting first."""
    today = today or datetime.now(UTC).date()
    team_roles = (Role.PRACTITIONER, Role.TEAM_MANAGER)
    whole_organisation = by.role is Role.SAFEGUARDING_LEAD
    with audit.transaction(store, by) as session:
        if not whole_organisation and (by.role not in team_roles or by.team_id is None):
            raise NotPermitted(object_type=AuditObject.PANELS_WAITING)
        query = (
            select(PanelRow, PersonRow.display_name, TeamRow.name)
            .join(PersonRow, PersonRow.id == PanelRow.person_id)
            .outerjoin(TeamRow, TeamRow.id == PersonRow.team_id)
            .where(PanelRow.status.in_([s.value for s in WAITING]))
            .order_by(PanelRow.created_at, PanelRow.id)
        )
        if not whole_organisation:
            query = query.where(PersonRow.team_id == by.team_id)
        rows = session.execute(query).all()
        waiting = [
            PanelWaiting(
                panel_id=panel.id,
                person_id=panel.person_id,
                person_name=None if whole_organisation else name,
                team_name=team or "No team",
                route_label=framework_service.route_label(panel.route),
                state=PanelState(panel.status),
                referred_on=panel.created_at.date(),
                days_since_referral=(today - panel.created_at.date()).days,
                scheduled_for=panel.scheduled_for,
                days_to_panel=(
                    None if panel.scheduled_for is None else (panel.scheduled_for - today).days
                ),
            )
            for panel, name, team in rows
        ]
        if waiting:
            audit.record(
                session,
                by,
                AuditAction.VIEW,
                AuditObject.PANELS_WAITING,
                "organisation" if whole_organisation else by.team_id,
                panels=",".join(str(w.panel_id) for w in waiting),
            )
        return waiting

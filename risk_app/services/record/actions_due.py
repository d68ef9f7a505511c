"""What staff must chase: a team's actions overdue or due soon, and the open actions a member of
staff recorded or owns. The rule of what is due soon is `ownership.timing`; this module only finds
the actions, within the actor's team, and logs which were shown (ids only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from risk_app.adapters.db import Store
from risk_app.adapters.tables import ActionRow, PersonRow, UserRow
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.inputs import Day
from risk_app.domain.record.ownership import (
    ActionStatus,
    ActionView,
    Timing,
    days_to_go,
    due_soon_or_overdue,
    due_soon_until,
    timing,
)
from risk_app.services import audit
from risk_app.services.boundary import checked
from risk_app.services.record.risks import action_views


@dataclass(frozen=True)
class ActionDue:
    """One open action with the person it is for and where it stands today."""

    person_id: int
    person_name: str
    action: ActionView
    timing: Timing
    days_to_go: int | None
    """Days until its date: 0 on the day, negative once late; None with no date set."""
    recorded_by: str


def _team_only(by: Actor, what: AuditObject) -> int:
    """The actor's team, or NotPermitted for anyone without a team caseload."""
    if not access.has_team_caseload(by) or by.team_id is None:
        raise NotPermitted(
            "Only practitioners and team managers see their team's actions.", object_type=what
        )
    return by.team_id


def _listed(
    session: Session, statement: Select[ActionRow, str], today: date
) -> dict[int, ActionDue]:
    rows = session.execute(statement).all()
    views = action_views(session, (row.ActionRow for row in rows))
    return {
        int(view.id): ActionDue(
            person_id=row.ActionRow.person_id,
            person_name=row.display_name,
            action=view,
            timing=timing(view, today),
            days_to_go=days_to_go(view.due, today) if view.due is not None else None,
            recorded_by=row.ActionRow.created_by,
        )
        for row, view in zip(rows, views, strict=True)
    }


@checked
def due_for_team(store: Store, *, by: Actor, today: Day | None = None) -> list[ActionDue]:
    """Open actions of the actor's team that are overdue or due in the next `DUE_SOON_DAYS`
    days: the longest overdue first, then the soonest due."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        team_id = _team_only(by, AuditObject.ACTIONS_DUE)
        found = _listed(
            session,
            select(ActionRow, PersonRow.display_name)
            .join(PersonRow, PersonRow.id == ActionRow.person_id)
            .where(
                PersonRow.team_id == team_id,
                ActionRow.status == ActionStatus.OPEN.value,
                ActionRow.due <= due_soon_until(today),
            )
            .order_by(ActionRow.id),
            today,
        )
        shown = due_soon_or_overdue((d.action for d in found.values()), today)
        if shown:
            audit.record(
                session,
                by,
                AuditAction.VIEW,
                AuditObject.ACTIONS_DUE,
                team_id,
                actions=",".join(str(a.id) for a in shown),
            )
        return [found[int(a.id)] for a in shown]


_ORDER = {Timing.OVERDUE: 0, Timing.DUE_SOON: 1, Timing.LATER: 2, Timing.NO_DATE: 3}


@checked
def open_of_mine(store: Store, *, by: Actor, today: Day | None = None) -> list[ActionDue]:
    """Open actions, in the actor's team, that the actor recorded or that name them as owner (by
    their account's name): overdue first, then by date, those with no date last."""
    today = today or datetime.now(UTC).date()
    with audit.transaction(store, by) as session:
        team_id = _team_only(by, AuditObject.MY_OPEN_ACTIONS)
        name = session.scalar(select(UserRow.display_name).where(UserRow.id == by.user_id)) or ""
        mine = [ActionRow.created_by == by.username]
        if name.strip():
            mine.append(func.lower(ActionRow.owner_name) == name.strip().lower())
        found = _listed(
            session,
            select(ActionRow, PersonRow.display_name)
            .join(PersonRow, PersonRow.id == ActionRow.person_id)
            .where(
                PersonRow.team_id == team_id,
                ActionRow.status == ActionStatus.OPEN.value,
                or_(*mine),
            )
            .order_by(ActionRow.id),
            today,
        )
        listed = sorted(
            found.values(), key=lambda d: (_ORDER[d.timing], d.action.due or today, d.action.id)
        )
        if listed:
            audit.record(
                session,
                by,
                AuditAction.VIEW,
                AuditObject.MY_OPEN_ACTIONS,
                team_id,
                actions=",".join(str(d.action.id) for d in listed),
            )
        return listed

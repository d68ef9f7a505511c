"""Accounts created in a team, or for people allocated to it, shown to that team's manager.

An administrator creates accounts (`accounts.create_user`, audited as ACCOUNT_CREATED with the team
and person). A staff account in a team reads that team's caseload, and an individual's account
reads a person's record, so the team's manager sees each one: who it is for, its role, when it was
created and by whom (from the audit log, which is the record of who did it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PersonRow, TeamRow, UserRow
from risk_app.domain import access
from risk_app.domain.access import Actor
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.roles import Role
from risk_app.services import audit
from risk_app.services.boundary import checked

MAX_ID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class CreatedAccount:
    username: str
    display_name: str
    role: Role
    person_name: str | None
    """For an individual's account: the person it opens the record of."""
    created_at: datetime
    created_by: str
    """The account that created it ("system" for the operator), as the audit log recorded it."""
    disabled: bool


@checked
def accounts_created(
    store: Store, *, by: Actor, team_id: int | None = None
) -> list[CreatedAccount]:
    """Accounts in the team (default: the manager's own), and individuals' accounts for people
    allocated to it, newest first. Only that team's manager; audited as a view naming each account."""
    team = by.team_id if team_id is None else team_id
    if team is not None and (
        isinstance(team, bool) or not isinstance(team, int) or not 1 <= team <= MAX_ID
    ):
        raise InvalidInput("Choose a team from the list.")
    with audit.transaction(store, by) as session:
        if not access.can_see_team_accounts(by, team) or session.get(TeamRow, team) is None:
            raise NotPermitted(
                "Only the team's manager sees the accounts created in the team.",
                object_type=AuditObject.TEAM_ACCOUNTS,
                object_id=team if team is not None else "",
            )
        rows = session.execute(
            select(UserRow, PersonRow.display_name)
            .outerjoin(PersonRow, PersonRow.id == UserRow.person_id)
            .where(or_(UserRow.team_id == team, PersonRow.team_id == team))
            .order_by(UserRow.created_at.desc(), UserRow.id.desc())
        ).all()
        creators: dict[str, str] = {}
        if rows:
            events = session.execute(
                select(AuditEventRow.object_id, AuditEventRow.actor).where(
                    AuditEventRow.action == AuditAction.ACCOUNT_CREATED.value,
                    AuditEventRow.object_type == AuditObject.USER.value,
                    AuditEventRow.object_id.in_([str(r.UserRow.id) for r in rows]),
                )
            )
            creators = {e.object_id: e.actor for e in events}
        audit.record(
            session,
            by,
            AuditAction.VIEW,
            AuditObject.TEAM_ACCOUNTS,
            team,
            accounts=",".join(str(r.UserRow.id) for r in rows),
        )
        return [
            CreatedAccount(
                username=r.UserRow.username,
                display_name=r.UserRow.display_name,
                role=Role(r.UserRow.role),
                person_name=r.display_name,
                created_at=r.UserRow.created_at,
                created_by=creators.get(str(r.UserRow.id), "not recorded"),
                disabled=r.UserRow.disabled,
            )
            for r in rows
        ]

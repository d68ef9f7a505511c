"""Accounts an administrator creates in a team, or for a person allocated to it, are shown to that
team's manager (and nobody else), with who created them and when. SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, UserRow
from risk_app.domain.errors import InvalidInput, NotPermitted
from risk_app.domain.roles import Role
from risk_app.services import accounts, team_accounts
from risk_app.services.record import people


@pytest.fixture
def manager(demo_store: Store):
    return accounts.authenticate(demo_store, "manager", "demo-team-manager")


@pytest.fixture
def admin(demo_store: Store):
    return accounts.authenticate(demo_store, "admin", "demo-administrator")


def _person(store: Store, actor, name: str) -> int:
    return next(p.id for p in people.caseload(store, by=actor) if p.display_name == name)


def test_the_manager_sees_staff_and_individual_accounts_created_for_the_team_newest_first(
    demo_store: Store, manager, admin
):
    david = _person(demo_store, manager, "David Price")
    accounts.create_user(
        demo_store,
        by=admin,
        username="dave.daughter",
        display_name="Kim Price",
        role=Role.INDIVIDUAL,
        password=None,
        person_id=david,
    )
    accounts.create_user(
        demo_store,
        by=admin,
        username="new.worker",
        display_name="Lee Hart",
        role=Role.PRACTITIONER,
        password=None,
        team="North Locality Team",
    )
    accounts.create_user(
        demo_store,
        by=admin,
        username="south.worker",
        display_name="Ann Bell",
        role=Role.PRACTITIONER,
        password=None,
        team="South Locality Team",
    )
    created = team_accounts.accounts_created(demo_store, by=manager)
    assert [a.username for a in created[:2]] == ["new.worker", "dave.daughter"]
    assert {a.username for a in created} == {
        "new.worker",
        "dave.daughter",
        "practitioner",
        "manager",
        "amina",
    }
    daughter = created[1]
    assert (daughter.role, daughter.person_name, daughter.created_by) == (
        Role.INDIVIDUAL,
        "David Price",
        "admin",
    )
    assert created[0].created_by == "admin" and created[0].person_name is None
    assert {a.created_by for a in created[2:]} == {"system"}


def test_the_view_is_audited_naming_each_account_shown(demo_store: Store, manager):
    shown = team_accounts.accounts_created(demo_store, by=manager)
    with demo_store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == "team_accounts")
        ).one()
    assert (event.action, event.actor, event.object_id) == ("view", "manager", str(manager.team_id))
    assert len(json.loads(event.detail)["accounts"].split(",")) == len(shown)


def test_another_teams_manager_and_every_other_role_are_refused(demo_store: Store, manager, admin):
    accounts.create_user(
        demo_store,
        by=admin,
        username="manager.south",
        display_name="Sol Diaz",
        role=Role.TEAM_MANAGER,
        password=None,
        team="South Locality Team",
    )
    south = accounts.refresh(demo_store, _user_id(demo_store, "manager.south"))
    assert south is not None
    south_names = {a.username for a in team_accounts.accounts_created(demo_store, by=south)}
    assert "practitioner.south" in south_names and "practitioner" not in south_names
    with pytest.raises(NotPermitted):
        team_accounts.accounts_created(demo_store, by=south, team_id=manager.team_id)
    for username, password in (
        ("practitioner", "demo-practitioner-1"),
        ("amina", "demo-individual-1"),
        ("lead", "demo-safeguarding-lead"),
        ("admin", "demo-administrator"),
    ):
        actor = accounts.authenticate(demo_store, username, password)
        with pytest.raises(NotPermitted):
            team_accounts.accounts_created(demo_store, by=actor, team_id=manager.team_id)
    with demo_store.read() as session:
        denied = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.action == "access_denied",
                AuditEventRow.object_type == "team_accounts",
            )
        ).all()
    assert len(denied) == 5


@pytest.mark.parametrize("team_id", [0, -1, 2**63, True, "1", 1.5])
def test_a_malformed_team_is_refused_with_a_message(demo_store: Store, manager, team_id):
    with pytest.raises(InvalidInput, match="Choose a team|must be a whole number"):
        team_accounts.accounts_created(demo_store, by=manager, team_id=team_id)


def test_a_team_that_does_not_exist_is_refused_even_to_the_operator(demo_store: Store):
    with pytest.raises(NotPermitted):
        team_accounts.accounts_created(demo_store, by=accounts.SYSTEM, team_id=999_999)


def _user_id(store: Store, username: str) -> int:
    with store.read() as session:
        found = session.scalar(select(UserRow.id).where(UserRow.username == username))
    assert found is not None
    return found

"""A team's actions due soon and overdue, and a member of staff's own open actions, on SQLite and
PostgreSQL: scoped to the team, refused to anyone without a caseload, logged by id only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.record.ownership import Timing
from risk_app.domain.roles import Role
from risk_app.services.record import actions_due
from tests import factories

TODAY = factories.TODAY


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="sam.north", display_name="Sam Carter")


@pytest.fixture
def david(store: Store):
    return factories.person(store, "David Price", stage="ST6")


def test_the_team_list_holds_overdue_then_due_soon_and_leaves_out_later_undated_and_done(
    store: Store, north, david
):
    ids = {
        days: factories.action_due(store, david, days, description=f"In {days}")
        for days in (-3, 0, 7, 8, 30)
    }
    factories.action_due(store, david, None, description="No date")
    factories.action_due(store, david, -5, description="Done late", status="done")
    factories.action_due(store, david, 2, description="Cancelled soon", status="cancelled")
    listed = actions_due.due_for_team(store, by=north)
    assert [d.action.id for d in listed] == [ids[-3], ids[0], ids[7]]
    assert [d.timing for d in listed] == [Timing.OVERDUE, Timing.DUE_SOON, Timing.DUE_SOON]
    assert [d.days_to_go for d in listed] == [-3, 0, 7]
    assert {d.person_name for d in listed} == {"David Price"}


def test_another_teams_actions_never_appear_in_a_teams_list(store: Store, north, david):
    south_person = factories.person(store, "Ravi Shah", team=factories.SOUTH)
    factories.action_due(store, south_person, -2, description="South late")
    factories.action_due(store, south_person, 1, description="South soon")
    south = factories.actor(store, team=factories.SOUTH)
    mine = factories.action_due(store, david, 1)
    assert [d.action.id for d in actions_due.due_for_team(store, by=north)] == [mine]
    assert {d.person_name for d in actions_due.due_for_team(store, by=south)} == {"Ravi Shah"}
    assert all(d.person_name != "David Price" for d in actions_due.open_of_mine(store, by=south))


@pytest.mark.parametrize("role", [Role.SAFEGUARDING_LEAD, Role.ADMINISTRATOR])
def test_a_role_without_a_team_caseload_is_refused_and_the_refusal_logged(
    store: Store, david, role: Role
):
    factories.action_due(store, david, -1)
    someone = factories.actor(store, role)
    for service in (actions_due.due_for_team, actions_due.open_of_mine):
        with pytest.raises(NotPermitted):
            service(store, by=someone)
    with store.read() as session:
        refused = session.scalars(
            select(AuditEventRow.object_type).where(
                AuditEventRow.action == AuditAction.ACCESS_DENIED.value,
                AuditEventRow.actor == someone.username,
            )
        ).all()
    assert set(refused) == {AuditObject.ACTIONS_DUE.value, AuditObject.MY_OPEN_ACTIONS.value}


def test_the_person_themself_cannot_read_their_teams_actions(store: Store, david):
    own = factories.actor(store, Role.INDIVIDUAL, person=david)
    with pytest.raises(NotPermitted):
        actions_due.due_for_team(store, by=own)


def test_my_open_actions_are_those_i_recorded_or_own_by_name_overdue_first_undated_last(
    store: Store, north, david
):
    colleague = factories.actor(store, username="colleague.north")
    recorded_later = factories.action_due(store, david, 30, by=north, description="Later")
    recorded_undated = factories.action_due(store, david, None, by=north, description="Undated")
    owned_late = factories.action_due(
        store,
        david,
        -4,
        by=colleague,
        description="Phone the GP",
        owner_name="  sam carter ",
        owner_kind="council",
    )
    factories.action_due(store, david, 1, by=colleague, description="Not mine")
    factories.action_due(store, david, -9, by=north, description="Done", status="done")
    listed = actions_due.open_of_mine(store, by=north)
    assert [d.action.id for d in listed] == [owned_late, recorded_later, recorded_undated]
    assert [d.timing for d in listed] == [Timing.OVERDUE, Timing.LATER, Timing.NO_DATE]
    assert listed[2].days_to_go is None


def test_the_list_is_logged_by_action_number_and_never_by_name_or_words(store: Store, north, david):
    action_id = factories.action_due(store, david, 2, description="Hostile <b>words</b>")
    actions_due.due_for_team(store, by=north)
    with store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == AuditObject.ACTIONS_DUE.value)
        ).one()
    assert str(action_id) in event.detail
    assert "David" not in event.detail and "Hostile" not in event.detail


def test_today_can_be_given_so_the_boundary_moves_with_it(store: Store, north, david):
    action_id = factories.action_due(store, david, 8)
    assert actions_due.due_for_team(store, by=north) == []
    tomorrow = TODAY + timedelta(days=1)
    [due] = actions_due.due_for_team(store, by=north, today=tomorrow)
    assert (due.action.id, due.days_to_go) == (action_id, 7)

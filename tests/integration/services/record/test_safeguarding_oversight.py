"""Oversight of safeguarding concerns: decisions waiting with working days left, open enquiries,
and the safeguarding lead's counts without names or content."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from risk_app.adapters.tables import AuditEventRow, SafeguardingConcernRow
from risk_app.domain.errors import NotPermitted
from risk_app.domain.record.concern_lifecycle import ConcernState, EnquiryKind
from risk_app.domain.record.working_days import decision_due, working_days_left
from risk_app.domain.roles import Role
from risk_app.services.record import safeguarding_oversight as oversight
from tests import factories


@pytest.fixture
def manager(store):
    return factories.actor(store, Role.TEAM_MANAGER, username="manager")


@pytest.fixture
def lead(store):
    return factories.actor(store, Role.SAFEGUARDING_LEAD, username="lead")


def _age(store, concern_id: int, days: int) -> None:
    with store.write() as session:
        row = session.get(SafeguardingConcernRow, concern_id)
        assert row is not None
        row.raised_at = row.raised_at - timedelta(days=days)


def test_a_manager_sees_their_teams_decisions_waiting_oldest_first_with_working_days_left(
    store, manager
):
    north_person = factories.person(store, "Margaret Hughes")
    south_person = factories.person(store, "Bob Smith", team=factories.SOUTH)
    newer = factories.concern_at(store, north_person, "raised")
    older = factories.concern_at(store, north_person, "raised")
    _age(store, older.id, 10)
    factories.concern_at(store, south_person, "raised")
    factories.concern_at(store, north_person, "enquiry")
    waiting = oversight.waiting_s42_decisions(store, by=manager)
    assert [w.concern_id for w in waiting] == [older.id, newer.id]
    first = waiting[0]
    assert first.person_name == "Margaret Hughes" and first.team == factories.NORTH
    assert first.due == decision_due(first.raised_on, 2)
    assert first.working_days_left < 0
    assert waiting[1].working_days_left == working_days_left(waiting[1].due, factories.TODAY)


def test_the_lead_sees_every_team_by_record_number_and_counts_without_names(store, lead):
    north_person = factories.person(store, "Margaret Hughes")
    south_person = factories.person(store, "Bob Smith", team=factories.SOUTH)
    factories.concern_at(store, north_person, "raised")
    late = factories.concern_at(store, south_person, "raised")
    _age(store, late.id, 10)
    enquiry = factories.concern_at(store, south_person, "enquiry")
    factories.concern_at(store, north_person, "closed")
    waiting = oversight.waiting_s42_decisions(store, by=lead)
    assert {w.team for w in waiting} == {factories.NORTH, factories.SOUTH}
    assert all(w.person_name is None for w in waiting)
    [open_] = oversight.open_enquiries(store, by=lead)
    assert open_.concern_id == enquiry.id and open_.kind is EnquiryKind.SECTION_42
    assert open_.person_name is None and open_.days_open == 0
    counts = {c.state: c for c in oversight.concern_counts(store, by=lead)}
    assert (
        counts[ConcernState.RAISED].count == 2 and counts[ConcernState.RAISED].late_decisions == 1
    )
    assert counts[ConcernState.RAISED].oldest_days == 10
    assert counts[ConcernState.ENQUIRY].count == 1 and counts[ConcernState.CLOSED].count == 1
    assert counts[ConcernState.CLOSED].oldest_days is None
    with store.read() as session:
        logged = session.scalars(
            select(AuditEventRow.detail).where(
                AuditEventRow.object_type == "safeguarding_concern_counts"
            )
        ).one()
    assert "Hughes" not in str(logged) and "raised:2" in str(logged)


def test_a_manager_sees_open_enquiries_of_their_team_only(store, manager):
    north_person = factories.person(store, "Margaret Hughes")
    south_person = factories.person(store, "Bob Smith", team=factories.SOUTH)
    mine = factories.concern_at(store, north_person, "enquiry", duty=False)
    factories.concern_at(store, south_person, "enquiry")
    [open_] = oversight.open_enquiries(store, by=manager)
    assert open_.concern_id == mine.id and open_.kind is EnquiryKind.OTHER
    assert open_.lead == "Sam Lee, social worker" and open_.person_name == "Margaret Hughes"


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.INDIVIDUAL])
def test_accounts_without_a_caseload_or_the_leads_role_see_no_oversight(store, role):
    person = factories.person(store)
    if role is Role.INDIVIDUAL:
        who = factories.actor(store, role, person=person)
    else:
        who = factories.actor(store, role)
    for listing in (
        oversight.waiting_s42_decisions,
        oversight.open_enquiries,
        oversight.concern_counts,
    ):
        with pytest.raises(NotPermitted):
            listing(store, by=who)


def test_only_the_lead_sees_the_organisations_counts(store, manager):
    with pytest.raises(NotPermitted):
        oversight.concern_counts(store, by=manager)

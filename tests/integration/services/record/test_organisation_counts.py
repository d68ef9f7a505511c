"""The safeguarding lead's counts across the organisation, on SQLite and PostgreSQL: numbers and
ages per team, the same rules as the teams' own lists, no names anywhere, and nobody else may ask."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.roles import Role
from risk_app.services.record import organisation_counts, reviews
from tests import factories

TODAY = factories.TODAY


@pytest.fixture
def lead(store: Store):
    return factories.actor(store, Role.SAFEGUARDING_LEAD)


def test_the_lead_sees_late_and_soon_actions_and_reviews_per_team_with_how_late(store: Store, lead):
    david = factories.person(store, "David Price")
    ravi = factories.person(
        store,
        "Ravi Shah",
        team=factories.SOUTH,
        budget_option="BO-DP",
        direct_payment_start=TODAY - timedelta(days=200),
    )
    for days in (-3, -40, 0, 7):
        factories.action_due(store, david, days)
    factories.action_due(store, david, 8)
    factories.action_due(store, david, None)
    factories.action_due(store, david, -10, status="done")
    factories.action_due(store, ravi, -12)
    counts = organisation_counts.organisation_counts(store, by=lead)
    north, south = counts.teams
    assert (north.team, south.team) == (factories.NORTH, factories.SOUTH)
    assert (north.actions.overdue, north.actions.due_soon) == (2, 2)
    assert north.actions.longest_late_days == 40
    assert north.actions.by_band == {
        "1 to 7 days late": 1,
        "8 to 28 days late": 0,
        "More than 28 days late": 1,
    }
    assert (south.actions.overdue, south.actions.longest_late_days) == (1, 12)
    review_due = reviews.review_plan(store, by=factories.accounts.SYSTEM, person_id=ravi.id).due
    assert review_due is not None
    assert (south.reviews.overdue, south.reviews.longest_late_days) == (
        1,
        (TODAY - review_due).days,
    )
    assert (north.reviews.overdue, north.reviews.due_soon) == (0, 0)
    assert counts.total.actions.overdue == 3 and counts.total.actions.due_soon == 2
    assert counts.total.actions.longest_late_days == 40
    assert counts.total.reviews.overdue == 1


def test_a_team_with_people_but_nothing_late_still_has_its_row_of_noughts(store: Store, lead):
    factories.person(store, "Grace Bennett", team=factories.SOUTH)
    [south] = organisation_counts.organisation_counts(store, by=lead).teams
    assert (south.team, south.actions.overdue, south.reviews.overdue) == (factories.SOUTH, 0, 0)
    assert south.actions.longest_late_days is None


def test_nothing_the_lead_receives_or_the_log_keeps_names_a_person_or_an_action(store: Store, lead):
    david = factories.person(store, "David Price")
    factories.action_due(store, david, -2, description="Visit David at home")
    counts = organisation_counts.organisation_counts(store, by=lead)
    shown = repr(asdict(counts))
    assert "David" not in shown and "Visit" not in shown and "person" not in shown
    with store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.object_type == AuditObject.ORGANISATION_COUNTS.value
            )
        ).one()
    assert event.action == AuditAction.VIEW.value
    assert event.object_id == "" and "David" not in event.detail


@pytest.mark.parametrize(
    "role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.ADMINISTRATOR, Role.INDIVIDUAL]
)
def test_anyone_but_the_lead_is_refused_the_organisations_counts_and_it_is_logged(
    store: Store, role: Role
):
    person = factories.person(store, "Samuel Osei")
    someone = factories.actor(store, role, person=person if role is Role.INDIVIDUAL else None)
    with pytest.raises(NotPermitted):
        organisation_counts.organisation_counts(store, by=someone)
    with store.read() as session:
        refused = session.scalars(
            select(AuditEventRow.object_type).where(
                AuditEventRow.action == AuditAction.ACCESS_DENIED.value,
                AuditEventRow.actor == someone.username,
            )
        ).all()
    assert refused == [AuditObject.ORGANISATION_COUNTS.value]

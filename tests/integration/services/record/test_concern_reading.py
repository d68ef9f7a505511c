"""The safeguarding lead opens a concern on its own and acts on it, on SQLite and PostgreSQL: a
concern in any team, with the person's name and team and nothing else of the record; every read
audited as a view of the person's record; everyone else refused."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.audit import AuditAction, AuditObject
from risk_app.domain.errors import NotPermitted
from risk_app.domain.record.concern_lifecycle import ConcernState, Step
from risk_app.domain.record.safeguarding import S42Result
from risk_app.domain.roles import Role
from risk_app.services.record import (
    checks,
    concern_reading,
    concern_steps,
    decisions,
    meetings,
    panels,
    people,
    plan_validation,
    risks,
    safeguarding,
)
from tests import factories


@pytest.fixture
def lead(store: Store):
    return factories.actor(store, Role.SAFEGUARDING_LEAD, username="lead")


@pytest.fixture
def ravi(store: Store):
    """A person in the South team, with a risk recorded and a concern raised about him."""
    person = factories.person(store, "Ravi Shah", team=factories.SOUTH)
    factories.risk(store, person)
    return person


def _events(store: Store, what: AuditObject) -> list[AuditEventRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.object_type == what.value)
                .order_by(AuditEventRow.seq)
            )
        )


def test_the_lead_opens_a_concern_in_another_team_with_the_name_and_team_and_the_read_is_audited(
    store, lead, ravi
):
    raised = factories.concern(store, ravi, person_wants=factories.HOSTILE)
    case = concern_reading.concern_case(store, by=lead, concern_id=raised.id)
    assert (case.person_name, case.team) == ("Ravi Shah", factories.SOUTH)
    assert case.concern.person_wants == factories.HOSTILE
    assert case.concern.state is ConcernState.RAISED
    assert case.steps == (Step.DECIDE,)
    [viewed] = [
        e
        for e in _events(store, AuditObject.PERSON)
        if e.action == AuditAction.VIEW.value and e.actor == "lead"
    ]
    assert viewed.object_id == str(ravi.id)
    detail = json.loads(viewed.detail)
    assert detail["part"] == "safeguarding_concern" and detail["concern"] == raised.id


def test_the_lead_decides_a_concern_in_another_team_and_takes_it_to_closed(store, lead, ravi):
    c = factories.concern(store, ravi)
    c = concern_steps.decide_s42(
        store,
        by=lead,
        concern_id=c.id,
        expected_version=c.version,
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=True,
        reasons="His brother takes his money; he cannot stop him",
    )
    assert c.s42 is not None and c.s42.result is S42Result.DUTY_TO_ENQUIRE
    assert c.decided_by == "lead"
    case = concern_reading.concern_case(store, by=lead, concern_id=c.id)
    assert case.steps == (Step.START_ENQUIRY,), "no closing without an enquiry once the duty arises"
    c = concern_steps.start_enquiry(
        store, by=lead, concern_id=c.id, expected_version=c.version, kind="section_42", lead="Jo"
    )
    c = concern_steps.record_outcome(
        store,
        by=lead,
        concern_id=c.id,
        expected_version=c.version,
        outcomes_asked=True,
        desired_outcomes="To keep his money",
        achieved="fully",
        risk_after="removed",
    )
    c = concern_steps.close_concern(
        store,
        by=lead,
        concern_id=c.id,
        expected_version=c.version,
        follow_up="next_review",
        note="Look at his banking",
    )
    assert c.state is ConcernState.CLOSED
    assert [e.by for e in c.history] == ["system", "lead", "lead", "lead", "lead"]


def test_the_lead_cannot_read_any_other_part_of_that_persons_record(store, lead, ravi):
    factories.concern(store, ravi)
    for read in (
        people.get_person,
        risks.assessments_for,
        decisions.decisions_for,
        panels.panels_for,
        meetings.meetings_for,
        plan_validation.validations_for,
        checks.checks_for,
        safeguarding.concerns_for,
        safeguarding.plan_warning,
    ):
        with pytest.raises(NotPermitted):
            read(store, by=lead, person_id=ravi.id)


def test_a_manager_of_another_team_can_neither_read_nor_decide_the_concern(store, ravi):
    c = factories.concern(store, ravi)
    north_manager = factories.actor(store, Role.TEAM_MANAGER, username="manager.north")
    with pytest.raises(NotPermitted):
        concern_reading.concern_case(store, by=north_manager, concern_id=c.id)
    with pytest.raises(NotPermitted):
        concern_reading.concerns_to_act_on(store, by=north_manager)
    south_manager = factories.actor(store, Role.TEAM_MANAGER, team=factories.SOUTH)
    assert concern_reading.concern_case(store, by=south_manager, concern_id=c.id).steps == (
        Step.DECIDE,
    )


@pytest.mark.parametrize("role", [Role.INDIVIDUAL, Role.ADMINISTRATOR])
def test_an_individual_or_an_administrator_is_refused_the_concern_and_the_refusal_is_logged(
    store, ravi, role
):
    c = factories.concern(store, ravi)
    who = factories.actor(store, role, person=ravi if role is Role.INDIVIDUAL else None)
    with pytest.raises(NotPermitted):
        concern_reading.concern_case(store, by=who, concern_id=c.id)
    refused = _events(store, AuditObject.SAFEGUARDING_CONCERN)
    assert any(e.action == AuditAction.ACCESS_DENIED.value for e in refused)


def test_a_concern_that_does_not_exist_is_refused_like_one_the_reader_may_not_see(store, lead):
    with pytest.raises(NotPermitted):
        concern_reading.concern_case(store, by=lead, concern_id=999_999)


def test_the_leads_list_holds_every_open_concern_by_number_and_team_with_its_next_steps(
    store, lead, ravi
):
    amina = factories.person(store, "Amina Okafor")
    waiting = factories.concern(store, ravi)
    decided = factories.concern_at(store, amina, "s42_decided", duty=False)
    factories.concern_at(store, amina, "closed")
    listed = concern_reading.concerns_to_act_on(store, by=lead)
    assert [(c.concern_id, c.team, c.state) for c in listed] == [
        (waiting.id, factories.SOUTH, ConcernState.RAISED),
        (decided.id, factories.NORTH, ConcernState.S42_DECIDED),
    ]
    assert listed[1].steps == (Step.START_ENQUIRY, Step.CLOSE_WITHOUT_ENQUIRY)
    [logged] = _events(store, AuditObject.SAFEGUARDING_CONCERNS_OPEN)
    assert json.loads(logged.detail)["concerns"] == f"{waiting.id},{decided.id}"

"""A safeguarding concern through its lifecycle on SQLite and PostgreSQL: raised by a practitioner,
decided by a manager or the safeguarding lead, enquired into, its outcome recorded and closed into
the person's review; every step audited, stale-safe and refused out of turn."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text

from risk_app.adapters import migrate
from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, ReviewRow, SafeguardingConcernRow
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.concern_lifecycle import ConcernState, Step
from risk_app.domain.record.plan import ReviewTrigger
from risk_app.domain.record.safeguarding import S42Result
from risk_app.domain.roles import Role
from risk_app.services.record import concern_steps, reviews, safeguarding
from tests import factories

WANTS = "To keep seeing her nephew, but for him to stop taking her money"


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def manager(store: Store):
    return factories.actor(store, Role.TEAM_MANAGER, username="manager")


@pytest.fixture
def lead(store: Store):
    return factories.actor(store, Role.SAFEGUARDING_LEAD, username="lead")


def _raise(store, by, person):
    return safeguarding.raise_concern(
        store, by=by, person_id=person.id, abuse_types=["AB-FIN"], person_wants=WANTS
    )


def _decide(store, by, c, *, unable: bool = True):
    return concern_steps.decide_s42(
        store,
        by=by,
        concern_id=c.id,
        expected_version=c.version,
        needs=True,
        abuse_or_risk=True,
        unable_to_protect=unable,
        reasons="Dementia; she cannot refuse him",
    )


def test_a_concern_goes_from_raised_to_closed_and_closing_asks_for_an_early_review(
    store, north, manager
):
    person = factories.person(store, "Margaret Hughes")
    c = _raise(store, north, person)
    c = _decide(store, manager, c)
    assert c.state is ConcernState.S42_DECIDED and c.s42 is not None
    assert c.s42.result is S42Result.DUTY_TO_ENQUIRE and c.decided_by == "manager"
    c = concern_steps.start_enquiry(
        store,
        by=manager,
        concern_id=c.id,
        expected_version=c.version,
        kind="section_42",
        lead="Sam Lee, social worker",
    )
    c = concern_steps.record_outcome(
        store,
        by=north,
        concern_id=c.id,
        expected_version=c.version,
        outcomes_asked=True,
        desired_outcomes="He stops taking money; she still sees him",
        achieved="partly",
        risk_after="remains",
    )
    c = concern_steps.close_concern(
        store,
        by=manager,
        concern_id=c.id,
        expected_version=c.version,
        follow_up="early_review",
        note="Look again at who handles her money",
    )
    assert c.state is ConcernState.CLOSED and c.review_request_id is not None
    assert [e.step for e in c.history] == [
        Step.RAISE,
        Step.DECIDE,
        Step.START_ENQUIRY,
        Step.RECORD_OUTCOME,
        Step.CLOSE,
    ]
    assert [e.by for e in c.history] == [
        "practitioner",
        "manager",
        "manager",
        "practitioner",
        "manager",
    ]
    plan = reviews.review_plan(store, by=north, person_id=person.id)
    assert ReviewTrigger.SAFETY_OR_WELFARE_COMPROMISED in plan.open_requests
    with store.read() as session:
        request = session.get(ReviewRow, c.review_request_id)
        assert request is not None and request.notes == "Look again at who handles her money"
    [listed] = safeguarding.concerns_for(store, by=north, person_id=person.id)
    assert listed.state is ConcernState.CLOSED and listed.next_steps == ()


def test_each_step_is_audited_by_its_name_without_what_was_typed(store, north, manager):
    person = factories.person(store)
    c = _raise(store, north, person)
    _decide(store, manager, c)
    with store.read() as session:
        rows = list(
            session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.object_type == "safeguarding_concern")
                .order_by(AuditEventRow.seq)
            )
        )
    assert [r.object_version for r in rows] == [1, 2]
    details = " ".join(str(r.detail) for r in rows)
    assert "decide" in details and "s42_decided" in details and "duty_to_enquire" in details
    assert "nephew" not in details and "Dementia" not in details


def test_without_the_duty_a_concern_closes_with_another_response_and_no_enquiry(
    store, north, manager
):
    person = factories.person(store)
    c = _decide(store, manager, _raise(store, north, person), unable=False)
    assert c.next_steps == (Step.START_ENQUIRY, Step.CLOSE_WITHOUT_ENQUIRY)
    c = concern_steps.close_without_enquiry(
        store,
        by=manager,
        concern_id=c.id,
        expected_version=c.version,
        response="care_plan_change",
        note="Her plan now has a weekly visit from the bank's support team",
    )
    assert c.state is ConcernState.CLOSED and [e.step for e in c.history][-1] is (
        Step.CLOSE_WITHOUT_ENQUIRY
    )


def test_without_the_duty_an_enquiry_is_an_other_enquiry(store, north, manager):
    person = factories.person(store)
    c = _decide(store, manager, _raise(store, north, person), unable=False)
    with pytest.raises(InvalidInput, match="non-statutory"):
        concern_steps.start_enquiry(
            store,
            by=manager,
            concern_id=c.id,
            expected_version=c.version,
            kind="section_42",
            lead="Sam",
        )
    c = concern_steps.start_enquiry(
        store, by=manager, concern_id=c.id, expected_version=c.version, kind="other", lead="Sam"
    )
    assert c.state is ConcernState.ENQUIRY


def test_a_practitioner_cannot_decide_and_the_refusal_is_logged(store, north):
    person = factories.person(store)
    c = _raise(store, north, person)
    with pytest.raises(NotPermitted):
        _decide(store, north, c)
    with store.read() as session:
        row = session.get(SafeguardingConcernRow, c.id)
        assert row is not None and row.state == "raised" and row.s42_result is None
        refused = session.scalars(
            select(AuditEventRow).where(AuditEventRow.action == "access_denied")
        ).all()
    assert [r.object_id for r in refused] == [str(c.id)]


def test_a_manager_of_another_team_cannot_decide_but_the_safeguarding_lead_can(store, north, lead):
    person = factories.person(store)
    c = _raise(store, north, person)
    south_manager = factories.actor(
        store, Role.TEAM_MANAGER, team=factories.SOUTH, username="manager.south"
    )
    with pytest.raises(NotPermitted):
        _decide(store, south_manager, c)
    decided = _decide(store, lead, c)
    assert decided.decided_by == "lead"


def test_a_step_out_of_turn_is_refused_and_nothing_changes(store, north, manager):
    person = factories.person(store)
    c = _raise(store, north, person)
    with pytest.raises(InvalidInput, match="decide on the section 42 duty"):
        concern_steps.start_enquiry(
            store, by=manager, concern_id=c.id, expected_version=c.version, kind="other", lead="Sam"
        )
    with pytest.raises(InvalidInput, match="cannot be done now"):
        concern_steps.close_concern(
            store,
            by=manager,
            concern_id=c.id,
            expected_version=c.version,
            follow_up="next_review",
            note="x",
        )
    [again] = safeguarding.concerns_for(store, by=north, person_id=person.id)
    assert again.state is ConcernState.RAISED and again.version == c.version


def test_a_duty_to_enquire_cannot_be_closed_without_an_enquiry(store, north, manager):
    c = _decide(store, manager, _raise(store, north, factories.person(store)))
    with pytest.raises(InvalidInput, match="without an enquiry"):
        concern_steps.close_without_enquiry(
            store,
            by=manager,
            concern_id=c.id,
            expected_version=c.version,
            response="no_further_action",
            note="x",
        )


def test_a_stale_step_is_refused_and_the_first_decision_is_kept(store, north, manager, lead):
    c = _raise(store, north, factories.person(store))
    _decide(store, manager, c)
    with pytest.raises(StaleEdit):
        _decide(store, lead, c, unable=False)
    with store.read() as session:
        row = session.get(SafeguardingConcernRow, c.id)
        assert (
            row is not None and row.decided_by == "manager" and row.s42_result == "duty_to_enquire"
        )


def test_the_decision_needs_every_answer_and_nothing_is_stored_without_them(store, north, manager):
    c = _raise(store, north, factories.person(store))
    with pytest.raises(InvalidInput, match="abuse or neglect"):
        concern_steps.decide_s42(
            store,
            by=manager,
            concern_id=c.id,
            expected_version=c.version,
            needs=True,
            abuse_or_risk=None,
            unable_to_protect=True,
            reasons="Reasons",
        )


def test_a_closed_concern_with_the_risk_remaining_must_ask_for_an_early_review(
    store, north, manager
):
    person = factories.person(store)
    c = factories.concern_at(store, person, "outcome", by=manager, risk_after="remains")
    with pytest.raises(InvalidInput, match="early review"):
        concern_steps.close_concern(
            store,
            by=manager,
            concern_id=c.id,
            expected_version=c.version,
            follow_up="next_review",
            note="x",
        )


def test_the_factory_puts_a_concern_at_any_state(store, manager):
    person = factories.person(store)
    for state in ConcernState:
        made = factories.concern_at(store, person, state.value, by=manager)
        assert made.state is state
    closed = factories.concern_at(store, person, "closed", by=manager, duty=False)
    assert closed.history[-1].step is Step.CLOSE_WITHOUT_ENQUIRY


def test_the_decision_is_due_in_the_configured_working_days(store, north, monkeypatch):
    monkeypatch.setenv("RISK_APP_S42_DECISION_WORKING_DAYS", "5")
    c = _raise(store, north, factories.person(store))
    assert c.decision_due > c.raised_at.date()
    assert (c.decision_due - c.raised_at.date()).days >= 5


def test_old_concerns_become_decided_when_their_three_answers_were_recorded_else_raised(
    store, north
):
    person = factories.person(store)
    migrate.downgrade(store, "0010")
    at = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    insert = text(
        "INSERT INTO safeguarding_concerns (person_id, abuse_types, route, needs, abuse_or_risk,"
        " unable_to_protect, s42_result, person_wants, immediate_action, raised_at, raised_by,"
        " framework_version) VALUES (:p, '[\"AB-FIN\"]', '[]', :n, :a, :u, :r, 'Safe', '', :at,"
        " 'old.worker', '2026.11.0')"
    )
    rows = [
        (True, True, True, "duty_to_enquire"),
        (True, True, False, "not_met"),
        (True, None, True, "incomplete"),
        (False, None, None, "not_met"),
    ]
    with store.write() as session:
        for n, a, u, r in rows:
            session.execute(insert, {"p": person.id, "n": n, "a": a, "u": u, "r": r, "at": at})
    migrate.upgrade(store)
    views = sorted(
        safeguarding.concerns_for(store, by=north, person_id=person.id), key=lambda v: v.id
    )
    assert [v.state for v in views] == [
        ConcernState.S42_DECIDED,
        ConcernState.S42_DECIDED,
        ConcernState.RAISED,
        ConcernState.RAISED,
    ]
    first, second, third, _ = views
    assert first.s42 is not None and first.s42.result is S42Result.DUTY_TO_ENQUIRE
    assert second.s42 is not None and second.s42.result is S42Result.NOT_MET
    assert first.decided_by == "old.worker" and "migration 0013" in first.decision_reasons
    assert [e.step for e in first.history] == [Step.RAISE, Step.DECIDE]
    assert third.s42 is None and [e.step for e in third.history] == [Step.RAISE]
    assert first.decision_due == date(2026, 11, 4)


def test_the_safeguarding_lead_may_raise_a_concern_for_anyone_and_an_administrator_may_not(
    store, lead
):
    person = factories.person(store, team=factories.SOUTH)
    raised = _raise(store, lead, person)
    assert raised.raised_by == "lead" and raised.state is ConcernState.RAISED
    admin = factories.actor(store, Role.ADMINISTRATOR, username="admin")
    with pytest.raises(NotPermitted):
        _raise(store, admin, person)

"""Agreeing a plan while a safeguarding concern about the person is open (waiting for its Section 42
decision, or in an enquiry) warns, needs the practitioner's reason and keeps it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.plan import PlanOutcome, ValidationCheck
from risk_app.domain.roles import Role
from risk_app.services.record import plan_validation, safeguarding
from tests import factories

REASON = "Her support at home cannot wait for the enquiry; the enquiry lead agreed"


@pytest.fixture
def manager(store):
    return factories.actor(store, Role.TEAM_MANAGER, username="manager")


def _checks():
    return {check: (True, f"{check.value} checked") for check in ValidationCheck}


def test_agreeing_a_plan_during_an_open_enquiry_is_refused_without_a_reason(store, manager):
    person = factories.person(store, stage="ST4")
    factories.concern_at(store, person, "enquiry", by=manager)
    warning = safeguarding.plan_warning(store, by=manager, person_id=person.id)
    assert warning is not None and "enquiry open" in warning
    with pytest.raises(InvalidInput, match="give the reason"):
        plan_validation.validate_plan(
            store,
            by=manager,
            person_id=person.id,
            checks=_checks(),
            requested=PlanOutcome.AGREED,
            went_on_reason="   ",
        )
    assert plan_validation.validations_for(store, by=manager, person_id=person.id) == []


def test_the_reason_for_going_on_is_kept_with_the_validation_and_the_audit_names_the_concern(
    store, manager
):
    person = factories.person(store, stage="ST4")
    concern = factories.concern_at(store, person, "raised", by=manager)
    made = factories.agreed_plan(store, person, by=manager, went_on_reason=REASON)
    assert made.went_on_reason == REASON
    [listed] = plan_validation.validations_for(store, by=manager, person_id=person.id)
    assert listed.went_on_reason == REASON
    with store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == "plan_validation")
        ).one()
    assert str(concern.id) in str(event.detail) and "went_on_reason" in str(event.detail)
    assert "cannot wait" not in str(event.detail)


def test_no_reason_is_asked_once_the_enquiry_has_its_outcome_or_for_a_referral(store, manager):
    person = factories.person(store, stage="ST4")
    factories.concern_at(store, person, "outcome", by=manager)
    assert safeguarding.plan_warning(store, by=manager, person_id=person.id) is None
    made = factories.agreed_plan(store, person, by=manager, went_on_reason="Not needed")
    assert made.went_on_reason == ""
    other = factories.person(store, "Bob Smith", stage="ST4")
    factories.concern_at(store, other, "enquiry", by=manager)
    referred = plan_validation.validate_plan(
        store,
        by=manager,
        person_id=other.id,
        checks=_checks(),
        requested=PlanOutcome.REFERRED_TO_PANEL,
    )
    assert referred.outcome is PlanOutcome.REFERRED_TO_PANEL and referred.went_on_reason == ""

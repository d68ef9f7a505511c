"""The council's local policies through the services, on SQLite and PostgreSQL: only the
safeguarding lead changes them, a stale change is refused, every change is kept and audited, and
each policy bites where it should, always shown as local policy."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow
from risk_app.domain.assurance.conformance_check import DeviationType
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.local_policy import PolicyId
from risk_app.domain.record.plan import PlanOutcome, ValidationCheck
from risk_app.domain.record.working_days import day_in_england, decision_due
from risk_app.domain.roles import Role
from risk_app.services.assurance import case_audit
from risk_app.services.record import journey, local_policy, plan_validation
from risk_app.ui.record.touchpoint_views import required_words
from tests import factories

GATE = PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE.value
DBS = PolicyId.DBS_CONDITION_OF_DIRECT_PAYMENT.value
S42 = PolicyId.S42_DECISION_WORKING_DAYS.value
HOSTILE = "<script>alert(1)</script> **bold**"


@pytest.fixture
def lead(store: Store):
    return factories.actor(store, Role.SAFEGUARDING_LEAD, display_name="Chris Morgan")


@pytest.fixture
def practitioner(store: Store):
    return factories.actor(store)


def _policy_events(store: Store) -> list[AuditEventRow]:
    with store.read() as session:
        return list(
            session.scalars(
                select(AuditEventRow)
                .where(AuditEventRow.object_type == "local_policy")
                .order_by(AuditEventRow.seq)
            )
        )


def test_everyone_reads_the_policies_and_a_fresh_organisation_shows_defaults(store, practitioner):
    settings = local_policy.policies(store, by=practitioner)
    assert list(settings) == list(PolicyId)
    assert all(s.is_default for s in settings.values())
    assert settings[PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE].on
    assert not settings[PolicyId.DBS_CONDITION_OF_DIRECT_PAYMENT].on


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.ADMINISTRATOR])
def test_only_the_safeguarding_lead_may_change_a_policy_and_a_refusal_is_logged(store, role):
    someone = factories.actor(store, role)
    with pytest.raises(NotPermitted):
        local_policy.set_policy(store, by=someone, policy=GATE, on=False, expected_version=0)
    assert local_policy.policies(store, by=someone)[PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE].on
    [refusal] = _policy_events(store)
    assert refusal.action == "access_denied"


def test_a_stale_change_is_refused_and_the_newer_setting_is_kept(store, lead):
    other = factories.actor(store, Role.SAFEGUARDING_LEAD)
    local_policy.set_policy(store, by=other, policy=GATE, on=False, expected_version=0)
    with pytest.raises(StaleEdit, match="changed by someone else"):
        local_policy.set_policy(store, by=lead, policy=GATE, on=True, expected_version=0)
    now = local_policy.policies(store, by=lead)[PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE]
    assert (now.on, now.version, now.set_by) == (False, 1, other.username)


def test_every_change_is_kept_newest_first_and_audited_without_typed_text(store, lead):
    local_policy.set_policy(store, by=lead, policy=S42, on=True, value=3, expected_version=0)
    local_policy.set_policy(store, by=lead, policy=S42, on=True, value=5, expected_version=1)
    past = local_policy.history(store, by=lead, policy=S42)
    assert [(p.version, p.value) for p in past] == [(2, 5), (1, 3)]
    events = _policy_events(store)
    assert [(e.action, e.object_id, e.object_version) for e in events] == [
        ("change", S42, 1),
        ("change", S42, 2),
    ]
    detail = json.loads(events[-1].detail)
    assert detail == {
        "on": True,
        "value": 5,
        "was_on": True,
        "was_value": 3,
        "was_default": False,
    }


@pytest.mark.parametrize(
    ("policy", "value", "problem"),
    [
        (S42, 0, "from 1 to 30"),
        (GATE, 4, "takes no number"),
        ("no_visits_after_dark", None, "Choose a local"),
        ("<b>", None, "lower-case"),
    ],
)
def test_a_change_that_cannot_apply_is_refused_and_nothing_is_stored(
    store, lead, policy, value, problem
):
    with pytest.raises(InvalidInput, match=problem):
        local_policy.set_policy(
            store, by=lead, policy=policy, on=True, value=value, expected_version=0
        )
    assert all(s.is_default for s in local_policy.policies(store, by=lead).values())


def test_the_operators_s42_figure_is_the_starting_value_until_the_lead_sets_one(
    store, lead, monkeypatch
):
    monkeypatch.setenv("RISK_APP_S42_DECISION_WORKING_DAYS", "4")
    starting = local_policy.policies(store, by=lead)[PolicyId.S42_DECISION_WORKING_DAYS]
    assert (starting.value, starting.is_default) == (4, True)
    local_policy.set_policy(store, by=lead, policy=S42, on=True, value=6, expected_version=0)
    assert local_policy.policies(store, by=lead)[PolicyId.S42_DECISION_WORKING_DAYS].value == 6


# ------------------------------------------------------------------------------ where they bite
def test_the_s42_decision_is_due_in_the_working_days_the_lead_set_and_the_screen_says_so(
    store, lead
):
    local_policy.set_policy(store, by=lead, policy=S42, on=True, value=7, expected_version=0)
    raised = factories.concern(store, factories.person(store))
    assert raised.decision_due == decision_due(day_in_england(raised.raised_at), 7)
    assert raised.decision_due_policy.startswith("Local policy: we decide whether")
    assert "(7 working days)" in raised.decision_due_policy
    assert f"set by {lead.username}" in raised.decision_due_policy


def _high_risk_at_st4(store: Store):
    person = factories.person(store, "Ravi Shah", stage="ST4")
    high = factories.risk(
        store,
        person,
        activity="Cycling to work on the ring road",
        likelihood=4,
        impact=5,
        residual_likelihood=3,
        residual_impact=5,
    )
    return person, high


def test_with_the_gate_off_a_high_residual_plan_is_agreed_after_a_warning_and_the_record_says_so(
    store, lead
):
    person, high = _high_risk_at_st4(store)
    local_policy.set_policy(store, by=lead, policy=GATE, on=False, expected_version=0)
    agreed = factories.agreed_plan(store, person)
    assert agreed.outcome is PlanOutcome.AGREED
    [warning] = agreed.warnings
    assert str(high) in warning and "was off at the time" in warning
    [kept] = plan_validation.validations_for(store, by=factories.actor(store), person_id=person.id)
    assert warning in kept.reasons  # the record says the policy was off when it was agreed
    with store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(AuditEventRow.object_type == "plan_validation")
        ).one()
    detail = json.loads(event.detail)
    assert detail["route_policy_on"] is False and detail["agreed_despite_unrouted"] is True


def test_with_the_gate_on_the_refusal_names_local_policy_and_interim_support(store, lead):
    person, high = _high_risk_at_st4(store)
    local_policy.set_policy(store, by=lead, policy=GATE, on=True, expected_version=0)
    with pytest.raises(InvalidInput) as refused:
        factories.agreed_plan(store, person)
    message = str(refused.value)
    assert "Local policy: a plan with a high residual risk" in message
    assert f"set by {lead.username}" in message
    assert "Care Act 2014 section 18" in message and "section 19(3)" in message
    assert f"no suitable route is recorded for {high}" in message


def _dp_person_with_a_pa(store: Store, *, jurisdiction: str = "england", option: str = "BO-DP"):
    person = factories.person(store, stage="ST6", jurisdiction=jurisdiction, budget_option=option)
    factories.action(store, person, owner_name="Sam Assistant", owner_kind="personal_assistant")
    return person


def test_turning_the_dbs_policy_on_makes_tp13_required_by_local_policy_for_a_pa_employer(
    store, lead
):
    person = _dp_person_with_a_pa(store)
    someone = factories.actor(store)

    def tp13():
        view = journey.journey(store, by=someone, person_id=person.id, stage="ST6")
        return next(t for t in view.current.touchpoints if t.node.id == "TP13")

    assert not tp13().required_by_local_policy
    local_policy.set_policy(store, by=lead, policy=DBS, on=True, expected_version=0)
    line = tp13()
    assert line.required and line.required_by_local_policy
    words = required_words(line)
    assert words.startswith("Required by local policy: TP13")
    assert f"set by {lead.username}" in words and "law" not in words.replace("not by", "")


def test_a_direct_payment_without_a_pa_or_a_council_managed_budget_gets_no_local_requirement(
    store, lead
):
    local_policy.set_policy(store, by=lead, policy=DBS, on=True, expected_version=0)
    no_pa = factories.person(store, stage="ST6", budget_option="BO-DP")
    managed = factories.person(store, stage="ST6", budget_option="BO-PRO")
    factories.action(store, managed, owner_name="Sam Assistant", owner_kind="personal_assistant")
    someone = factories.actor(store)
    for person in (no_pa, managed):
        view = journey.journey(store, by=someone, person_id=person.id, stage="ST6")
        assert not any(t.required_by_local_policy for t in view.current.touchpoints)


def test_the_case_audit_labels_a_missing_touchpoint_as_required_by_local_policy(store, lead):
    person = _dp_person_with_a_pa(store)
    other = factories.person(store, stage="ST6", budget_option="BO-PRO")
    local_policy.set_policy(store, by=lead, policy=DBS, on=True, expected_version=0)
    done = case_audit.audit_recorded_journeys(store, by=lead)
    found = {(d.case_id, d.touchpoint): d for d in done.report.deviations if d.touchpoint == "TP13"}
    local = found[(str(person.id), "TP13")]
    assert local.type is DeviationType.MISSING_LOCAL_POLICY_TOUCHPOINT
    assert "required by local policy (not by the framework or the law)" in local.message
    assert local.local_policy is not None and f"set by {lead.username}" in local.local_policy
    plain = found.get((str(other.id), "TP13"))
    assert plain is None or plain.type is not DeviationType.MISSING_LOCAL_POLICY_TOUCHPOINT


def test_hostile_text_in_a_record_never_reaches_a_policy_caption(store, lead):
    person = factories.person(store, HOSTILE, stage="ST6", budget_option="BO-DP")
    factories.action(store, person, owner_name=HOSTILE, owner_kind="personal_assistant")
    local_policy.set_policy(store, by=lead, policy=DBS, on=True, expected_version=0)
    for setting in local_policy.policies(store, by=lead).values():
        assert HOSTILE not in setting.caption


def test_a_plan_without_high_risks_is_unaffected_by_the_gate(store, lead):
    person = factories.person(store, stage="ST4")
    local_policy.set_policy(store, by=lead, policy=GATE, on=True, expected_version=0)
    agreed = factories.agreed_plan(store, person)
    assert agreed.outcome is PlanOutcome.AGREED and agreed.warnings == ()
    assert ValidationCheck.SAFE in agreed.checks

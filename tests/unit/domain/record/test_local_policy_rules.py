"""The council's local policies as pure rules: defaults captioned as defaults, changes checked,
the plan gate and the disclosure condition applied as local policy (never as the law)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from framework import load_framework
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.local_policy import (
    CATALOGUE,
    PolicyId,
    PolicySetting,
    checked_change,
    default_setting,
    employs_personal_assistant,
    local_conditions,
    locally_required_touchpoints,
    parse_policy,
    s42_working_days,
    settings_in_force,
)
from risk_app.domain.record.plan import (
    INTERIM_SUPPORT,
    CheckResult,
    PlanOutcome,
    ValidationCheck,
    plan_decision,
)

GRAPH = load_framework()
PASSED = {c: CheckResult(True, f"{c.label} checked with the person") for c in ValidationCheck}
SET_AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
GATE = PolicyId.HIGH_RESIDUAL_RISK_NEEDS_ROUTE
DBS = PolicyId.DBS_CONDITION_OF_DIRECT_PAYMENT


def _set(policy: PolicyId, on: bool, value: int | None = None) -> PolicySetting:
    return PolicySetting(policy, on, value, 1, "Chris Morgan", SET_AT)


def _with(*changed: PolicySetting) -> dict[PolicyId, PolicySetting]:
    return settings_in_force(changed)


# ------------------------------------------------------------------------------ the catalogue
def test_a_fresh_organisation_has_the_route_gate_on_captioned_as_a_local_policy_default():
    gate = settings_in_force(())[GATE]
    assert gate.on and gate.is_default
    assert gate.caption.startswith("Local policy (default): a plan with a high residual risk")
    assert "not yet set by the safeguarding lead" in gate.caption


def test_a_fresh_organisation_makes_no_disclosure_check_a_condition_of_a_direct_payment():
    assert not settings_in_force(())[DBS].on


def test_the_s42_working_days_start_at_two_or_at_the_operators_figure():
    assert s42_working_days(settings_in_force(())) == 2
    assert s42_working_days(settings_in_force((), s42_days=5)) == 5
    assert s42_working_days(_with(_set(PolicyId.S42_DECISION_WORKING_DAYS, True, 3))) == 3


def test_a_policy_set_by_the_lead_names_who_set_it_and_when_and_never_the_law():
    caption = _set(GATE, True).caption
    assert caption.startswith("Local policy: a plan with a high residual risk")
    assert caption.endswith("— set by Chris Morgan on 1 December 2026.")
    for setting in settings_in_force(()).values():
        assert "law requires" not in setting.caption.lower()


def test_every_policy_says_in_plain_words_what_it_affects():
    assert {d.id for d in CATALOGUE} == set(PolicyId)
    for definition in CATALOGUE:
        assert definition.words.strip() and definition.affects.label


@pytest.mark.parametrize(
    ("policy", "on", "value", "problem"),
    [
        ("high_residual_risk_needs_route", True, 3, "takes no number"),
        ("s42_decision_working_days", True, None, "Give the number"),
        ("s42_decision_working_days", True, 0, "from 1 to 30"),
        ("s42_decision_working_days", True, 31, "from 1 to 30"),
        ("s42_decision_working_days", False, 2, "cannot be turned off"),
    ],
)
def test_a_change_that_cannot_apply_is_refused_with_what_to_fix(policy, on, value, problem):
    with pytest.raises(InvalidInput, match=problem):
        checked_change(parse_policy(policy), on, value)


def test_an_unknown_policy_is_refused_listing_the_choices():
    with pytest.raises(InvalidInput, match="Choose a local policy"):
        parse_policy("no_visits_after_dark")


# ------------------------------------------------------------------------------ the plan gate
def test_with_the_gate_on_an_unrouted_high_risk_blocks_agreement_as_local_policy_with_interim_support():
    with pytest.raises(InvalidInput) as refused:
        plan_decision(PASSED, ["R2"], {}, PlanOutcome.AGREED, route_policy=_set(GATE, True))
    message = str(refused.value)
    assert "Local policy: a plan with a high residual risk" in message
    assert "set by Chris Morgan on 1 December 2026" in message
    assert "section 18" in message and "section 19(3)" in message
    assert "https://www.legislation.gov.uk/ukpga/2014/23/section/18" in message
    assert "https://www.legislation.gov.uk/ukpga/2014/23/section/19" in message
    assert "law requires" not in message.lower()


def test_with_the_gate_off_an_unrouted_high_risk_is_agreed_after_a_warning_kept_in_the_reasons():
    decision = plan_decision(PASSED, ["R2"], {}, PlanOutcome.AGREED, route_policy=_set(GATE, False))
    assert decision.outcome is PlanOutcome.AGREED
    [warning] = decision.warnings
    assert "R2" in warning and "was off at the time" in warning
    assert warning in decision.reasons


def test_without_a_policy_given_the_gate_is_at_its_default_and_blocks():
    with pytest.raises(InvalidInput, match=r"Local policy \(default\)"):
        plan_decision(PASSED, ["R2"], {}, PlanOutcome.AGREED)


def test_referring_on_says_support_continues_meanwhile():
    assert "does not pause" in INTERIM_SUPPORT
    assert "waits on" not in (PlanOutcome.REFERRED_TO_SAFEGUARDING.__doc__ or "")


# ------------------------------------------------------------------- the disclosure condition
def _required(option, *, pa=True, jurisdiction="england", on=True):
    settings = _with(_set(DBS, on))
    return locally_required_touchpoints(
        GRAPH,
        settings,
        budget_option=option,
        employs_personal_assistant=pa,
        jurisdiction=jurisdiction,
    )


def test_with_the_disclosure_policy_on_tp13_is_required_for_an_english_direct_payment_with_a_pa():
    found = _required("BO-DP")
    assert set(found) == {"TP13"}
    assert found["TP13"].caption.startswith("Local policy: we make a disclosure check")


@pytest.mark.parametrize(
    ("option", "pa", "on"),
    [
        pytest.param("BO-DP", False, True, id="no personal assistant employed"),
        pytest.param("BO-PRO", True, True, id="council-managed budget is not a direct payment"),
        pytest.param(None, True, True, id="no budget option chosen"),
        pytest.param("BO-DP", True, False, id="the policy is off"),
    ],
)
def test_the_disclosure_policy_requires_nothing_outside_its_condition(option, pa, on):
    assert _required(option, pa=pa, on=on) == {}


def test_a_scottish_option_1_person_gets_no_english_dbs_touchpoint_and_absent_ids_are_skipped():
    """The PVG touchpoint may be absent from an older framework: it is skipped, not an error;
    TP13 is required only where the framework says it applies in the person's jurisdiction."""
    found = _required("SC-OPT1", jurisdiction="scotland")
    for tp in found:
        assert GRAPH.node(tp).applies_in("scotland")


def test_the_welsh_direct_payment_counts_once_the_framework_holds_it():
    """WA-DP (Wales, Social Services and Well-being (Wales) Act 2014 s50) is a direct payment."""
    assert set(_required("WA-DP", jurisdiction="wales")) <= {"TP13"}


@pytest.mark.parametrize(
    ("answers", "pa_action", "check", "employs"),
    [
        ({}, False, False, False),
        ({"RM03": "no"}, False, False, False),
        ({"RM03": "yes"}, False, False, True),
        ({}, True, False, True),
        ({}, False, True, True),
    ],
)
def test_employing_a_pa_is_read_from_the_record_and_never_assumed(
    answers, pa_action, check, employs
):
    assert (
        employs_personal_assistant(
            answers, pa_owns_an_action=pa_action, recruitment_check_recorded=check
        )
        is employs
    )


def test_the_process_audit_words_name_local_policy_not_the_framework():
    conditions = local_conditions(GRAPH, _with(_set(DBS, True)))
    assert "TP13" in conditions and set(conditions) <= {"TP13", "TP20", "TP-PVG"}
    for words in conditions.values():
        assert words.startswith("required by local policy (not by the framework")
    assert local_conditions(GRAPH, _with(_set(DBS, False))) == {}


def test_a_default_setting_has_version_zero_and_a_change_counts_from_there():
    assert default_setting(GATE).version == 0
    assert replace(_set(GATE, True), version=2).version == 2

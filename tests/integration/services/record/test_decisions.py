"""Supported decisions with capacity and best interests, panel referrals and plan validation,
on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest
from sqlalchemy import select

from risk_app.adapters.db import Store
from risk_app.adapters.tables import AuditEventRow, PersonRow
from risk_app.domain.errors import InvalidInput, NotPermitted, StaleEdit
from risk_app.domain.record.capacity import (
    UNWISE_DECISION_REMINDER,
    BestInterestsItem,
    CapacityOutcome,
)
from risk_app.domain.record.council_response import CouncilResponse
from risk_app.domain.record.dissent import Dissent
from risk_app.domain.record.plan import PlanOutcome, ValidationCheck
from risk_app.domain.record.who_decides import Authority, DecisionMaker
from risk_app.domain.roles import Role
from risk_app.services.record import decisions, panels, plan_validation, risks, sharing
from risk_app.services.record.decisions import (
    AuthorityInput,
    BestInterestsInput,
    CapacityInput,
    DecisionInput,
    DecisionOption,
)
from risk_app.services.record.risks import RiskInput
from risk_app.ui.record import decision_records
from tests import factories

CHOICE = "I want to go to the pub on my own on Friday nights, like I always have."
OPTIONS = [
    {"option": "Go alone, as now", "less_restrictive": True, "notes": "What Dave wants"},
    {"option": "Go with a support worker", "less_restrictive": False, "notes": ""},
]
SUPPORT = ["Talked it through at home over two visits", "Easy-read sheet about the risks"]
UNABLE_TO_WEIGH = {
    "understand": "able",
    "retain": "able",
    "use_or_weigh": "unable",
    "communicate": "able",
}
WEIGH_EVIDENCE = {
    "use_or_weigh": "Could repeat the risks back but said each time they could not happen to him."
}
DECIDED = "I will go to the pub on my own on Friday nights."
RELEVANT = (
    "The walk home along the ring road at night; that he could be hurt by traffic; that not "
    "going means missing his friends."
)
ASSESSED = {
    "relevant_information": RELEVANT,
    "balance_of_probabilities": True,
    "assessor_name": "Sam Carter",
    "assessor_role": "Social worker",
}
"""The parts of a capacity record beyond the test itself: s3(4), s2(4) and who assessed."""
FULL_CHECKLIST = {
    item.value: f"Considered: {item.value.replace('_', ' ')}" for item in BestInterestsItem
}
ALL_PASS = {check: (True, f"{check.value} checked with Ravi") for check in ValidationCheck}

HIGH_AFTER_MITIGATION = RiskInput(
    activity="Cycling to work on the ring road",
    likelihood=4,
    impact=5,
    benefits="Keeps my job and my fitness",
    residual_likelihood=3,
    residual_impact=5,
)
LOW_AFTER_MITIGATION = RiskInput(
    activity="Cooking my own meals",
    likelihood=3,
    impact=3,
    residual_likelihood=1,
    residual_impact=2,
)


@pytest.fixture
def north(store: Store):
    return factories.actor(store, username="practitioner")


@pytest.fixture
def south(store: Store):
    return factories.actor(store, team=factories.SOUTH, username="practitioner.south")


@pytest.fixture
def david(store: Store):
    return factories.person(store, "David Price", preferred="Dave", stage="ST6")


@pytest.fixture
def ravi(store: Store):
    return factories.person(store, "Ravi Shah", team=factories.SOUTH, stage="ST4")


def _lacking_capacity(**overrides) -> DecisionInput:
    """A decision for someone who lacks capacity for it, with any field of the decision, of its
    capacity assessment or of its best-interests record replaced."""
    capacity = CapacityInput(
        reason_to_doubt="Recent brain injury; he has twice not recognised the risk on the road.",
        functional=UNABLE_TO_WEIGH,
        evidence=WEIGH_EVIDENCE,
        impairment="acquired brain injury",
        inability_because_of_impairment=True,
        relevant_information=RELEVANT,
        balance_of_probabilities=True,
        assessor_name="Sam Carter",
        assessor_role="Social worker",
    )
    best_interests = BestInterestsInput(
        decider_name="Sam Carter", decider_role="Social worker", answers=FULL_CHECKLIST
    )
    authority = AuthorityInput(covers=False)
    values = {
        "decision": CHOICE,
        "options": OPTIONS,
        "support_given": SUPPORT,
        "decided": "Dave goes to the pub with a friend for the first month.",
        "outcome": "agreed_with_conditions",
        "conditions": "Goes with a friend for the first month, then reviewed.",
    }
    for name, value in overrides.items():
        if name in {f.name for f in fields(CapacityInput)}:
            capacity = replace(capacity, **{name: value})
        elif name in {f.name for f in fields(BestInterestsInput)}:
            best_interests = replace(best_interests, **{name: value})
        elif name == "authority":
            authority = value
        else:
            values[name] = value
    return DecisionInput(
        **values, capacity=capacity, best_interests=best_interests, authority=authority
    )


# ---------------------------------------------------------------------- decisions
def test_capacity_presumed_records_an_agreed_decision(store: Store, north, david):
    recorded = decisions.record_decision(
        store,
        by=north,
        person_id=david.id,
        data=DecisionInput(
            decision=CHOICE,
            options=[DecisionOption("Go alone, as now")],  # no less restrictive option is needed
            support_given=[],
            decided=DECIDED,
            outcome=PlanOutcome.AGREED,
        ),
    )
    assert recorded.capacity_outcome is CapacityOutcome.PRESUMED
    assert recorded.outcome is CouncilResponse.AGREED
    assert recorded.decider_name is None and recorded.best_interests == {}
    [listed] = decisions.decisions_for(store, by=north, person_id=david.id)
    assert (listed.id, listed.decision, listed.version) == (recorded.id, CHOICE, 1)
    assert "s1(2)" in listed.capacity_reasons[0]


def test_an_unwise_choice_with_no_reason_to_doubt_is_just_recorded(store: Store, north, david):
    recorded = decisions.record_decision(
        store,
        by=north,
        person_id=david.id,
        data=DecisionInput(
            decision="Carry on riding my motorbike, even though my family are frightened for me.",
            options=[{"option": "Keep riding", "less_restrictive": True, "notes": ""}],
            support_given=["Talked through the risks with his grandson there"],
            capacity=CapacityInput(reason_to_doubt="   "),  # blank: no reason to doubt
            decided=DECIDED,
            outcome="agreed",
        ),
    )
    assert recorded.capacity_outcome is CapacityOutcome.PRESUMED
    assert recorded.reason_to_doubt is None
    assert recorded.reminder == UNWISE_DECISION_REMINDER
    assert recorded.best_interests == {}


def test_capacity_assessed_as_present_is_recorded_with_the_unwise_decision_reminder(
    store: Store, north, david
):
    recorded = decisions.record_decision(
        store,
        by=north,
        person_id=david.id,
        data=DecisionInput(
            decision=CHOICE,
            options=OPTIONS,
            support_given=SUPPORT,
            decided=DECIDED,
            outcome="agreed",
            capacity=CapacityInput(
                reason_to_doubt="His daughter worries he forgets what was said.",
                functional={a: "able" for a in UNABLE_TO_WEIGH},
                **ASSESSED,
            ),
        ),
    )
    assert recorded.capacity_outcome is CapacityOutcome.HAS_CAPACITY
    assert recorded.reminder == UNWISE_DECISION_REMINDER
    assert UNWISE_DECISION_REMINDER in recorded.capacity_reasons


def test_capacity_answers_without_a_reason_to_doubt_are_refused_and_nothing_is_stored(
    store: Store, north, david
):
    contradicting = replace(_lacking_capacity(reason_to_doubt=""), best_interests=None)
    with pytest.raises(InvalidInput, match="No reason to doubt capacity is written") as refused:
        decisions.record_decision(store, by=north, person_id=david.id, data=contradicting)
    assert "the impairment" in str(refused.value)
    assert decisions.decisions_for(store, by=north, person_id=david.id) == []


def test_doubt_without_a_completed_functional_test_refuses_the_outcome_listing_what_is_missing(
    store: Store, north, david
):
    with pytest.raises(InvalidInput) as refused:
        decisions.record_decision(
            store,
            by=north,
            person_id=david.id,
            data=DecisionInput(
                decision=CHOICE,
                options=OPTIONS,
                support_given=[],
                decided=DECIDED,
                outcome="agreed",
                capacity=CapacityInput(
                    reason_to_doubt="Seems confused today.", functional={"understand": "unable"}
                ),
            ),
        )
    message = str(refused.value)
    assert "not finished" in message
    assert "practicable steps" in message  # s1(3)
    assert "evidence" in message
    assert "impairment" in message
    assert decisions.decisions_for(store, by=north, person_id=david.id) == []


def test_lacking_capacity_requires_a_complete_best_interests_checklist_and_a_decider(
    store: Store, north, david
):
    def record(**overrides):
        return decisions.record_decision(
            store, by=north, person_id=david.id, data=_lacking_capacity(**overrides)
        )

    with pytest.raises(InvalidInput, match="record who is making it"):
        record(decider_name=None)
    partial = {k: v for k, v in FULL_CHECKLIST.items() if k != "regaining_capacity"}
    with pytest.raises(InvalidInput, match="Still to answer: regaining capacity"):
        record(answers=partial)
    with pytest.raises(InvalidInput, match=r"s1\(6\)"):
        record(options=[{"option": "Go with a support worker", "less_restrictive": False}])

    recorded = record()
    assert recorded.capacity_outcome is CapacityOutcome.LACKS_CAPACITY
    assert (recorded.decider_name, recorded.decider_role) == ("Sam Carter", "Social worker")
    assert recorded.best_interests[BestInterestsItem.REGAINING_CAPACITY]
    assert recorded.reminder is None
    assert "acquired brain injury" in recorded.capacity_reasons[0]
    assert recorded.conditions.startswith("Goes with a friend")


def test_best_interests_is_refused_when_the_person_has_capacity(store: Store, north, david):
    with pytest.raises(InvalidInput, match="best interests does not apply"):
        decisions.record_decision(
            store,
            by=north,
            person_id=david.id,
            data=DecisionInput(
                decision=CHOICE,
                options=OPTIONS,
                support_given=SUPPORT,
                decided=DECIDED,
                outcome="agreed",
                best_interests=BestInterestsInput(answers=FULL_CHECKLIST),
            ),
        )
    with pytest.raises(InvalidInput, match="best interests does not apply"):
        decisions.record_decision(
            store,
            by=north,
            person_id=david.id,
            data=_lacking_capacity(inability_because_of_impairment=False),  # s2(1) not met
        )


def test_dissent_is_stored_in_each_partys_words(store: Store, north, david):
    decisions.record_decision(
        store,
        by=north,
        person_id=david.id,
        data=DecisionInput(
            decision=CHOICE,
            options=OPTIONS,
            support_given=SUPPORT,
            decided=DECIDED,
            outcome="agreed",
            dissent=[
                {
                    "party": "Leo Price (grandson)",
                    "words": "I think he should not go alone at night.",
                },
                Dissent("Dr Shah (GP)", "His new tablets make him drowsy after 9pm."),
            ],
        ),
    )
    [listed] = decisions.decisions_for(store, by=north, person_id=david.id)
    assert listed.dissent == (
        Dissent("Leo Price (grandson)", "I think he should not go alone at night."),
        Dissent("Dr Shah (GP)", "His new tablets make him drowsy after 9pm."),
    )
    with pytest.raises(InvalidInput, match="in their own words"):
        decisions.record_decision(
            store,
            by=north,
            person_id=david.id,
            data=DecisionInput(
                decision=CHOICE,
                options=OPTIONS,
                support_given=SUPPORT,
                decided=DECIDED,
                outcome="agreed",
                dissent=[{"party": "Leo Price", "words": "  "}],
            ),
        )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"decision": "  "}, "in the person's own words"),
        ({"options": []}, "at least one option"),
        ({"outcome": "agreed_with_conditions"}, "Write down the conditions"),
        ({"decided": "  "}, "what the person decided"),
        ({"conditions": "Only on Fridays"}, "choose 'agreed with conditions'"),
        ({"outcome": "maybe"}, "Choose the council's response"),
        ({"capacity": CapacityInput("x", functional={"juggle": "able"})}, "Unknown ability"),
        (
            {"best_interests": BestInterestsInput(decider_name="Sam Carter")},
            "Do not name a best-interests decider",
        ),
    ],
)
def test_a_bad_decision_gets_a_clear_message(store: Store, north, david, change, message):
    values = {
        "decision": CHOICE,
        "options": OPTIONS,
        "support_given": SUPPORT,
        "decided": DECIDED,
        "outcome": "agreed",
    }
    values.update(change)
    with pytest.raises(InvalidInput, match=message):
        decisions.record_decision(store, by=north, person_id=david.id, data=DecisionInput(**values))


def test_a_decision_about_another_persons_risk_is_refused(store: Store, north, david):
    amina = factories.person(store, "Amina Okafor", preferred="Amina", stage="ST3")
    assessment = risks.start_assessment(store, by=north, person_id=amina.id)
    her_risk = risks.add_risk(store, by=north, assessment_id=assessment, data=LOW_AFTER_MITIGATION)
    with pytest.raises(InvalidInput, match="does not belong to this person"):
        decisions.record_decision(
            store,
            by=north,
            person_id=david.id,
            risk_id=her_risk,
            data=DecisionInput(
                decision=CHOICE,
                options=OPTIONS,
                support_given=SUPPORT,
                decided=DECIDED,
                outcome="agreed",
            ),
        )
    linked = decisions.record_decision(
        store,
        by=north,
        person_id=amina.id,
        risk_id=her_risk,
        data=DecisionInput(
            decision="I will cook for myself.",
            options=[DecisionOption("Cook for myself", True)],
            support_given=[],
            decided=DECIDED,
            outcome="agreed",
        ),
    )
    assert linked.risk_id == her_risk


def test_another_team_cannot_record_or_read_decisions(store: Store, north, south, david):
    with pytest.raises(NotPermitted):
        decisions.record_decision(
            store,
            by=south,
            person_id=david.id,
            data=DecisionInput(
                decision=CHOICE,
                options=OPTIONS,
                support_given=SUPPORT,
                decided=DECIDED,
                outcome="agreed",
            ),
        )
    with pytest.raises(NotPermitted):
        decisions.decisions_for(store, by=south, person_id=david.id)
    with pytest.raises(NotPermitted):
        panels.panels_for(store, by=south, person_id=david.id)
    with pytest.raises(NotPermitted):
        plan_validation.validations_for(store, by=south, person_id=david.id)
    with store.read() as session:
        denied = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.actor == "practitioner.south",
                AuditEventRow.action == "access_denied",
            )
        ).all()
    assert len(denied) == 4


def test_the_person_can_read_their_own_decisions_but_not_record_them(store: Store, north):
    amina = factories.person(store, "Amina Okafor", preferred="Amina", stage="ST3")
    amina_account = factories.actor(store, Role.INDIVIDUAL, person=amina)
    decisions.record_decision(
        store,
        by=north,
        person_id=amina.id,
        data=DecisionInput(
            decision="I want to manage my own direct payment.",
            options=OPTIONS,
            support_given=[],
            decided=DECIDED,
            outcome="agreed",
        ),
    )
    # A decision carries its capacity record, so the person reads it once it is shared (ADR 0010).
    with pytest.raises(NotPermitted):
        decisions.decisions_for(store, by=amina_account, person_id=amina.id)
    [recorded] = decisions.decisions_for(store, by=north, person_id=amina.id)
    sharing.share(
        store,
        by=north,
        part="capacity_assessment",
        item_id=recorded.id,
        reason="Her own decision",
    )
    [mine] = decisions.decisions_for(store, by=amina_account, person_id=amina.id)
    assert mine.decision == "I want to manage my own direct payment."
    with pytest.raises(NotPermitted):
        decisions.record_decision(
            store,
            by=amina_account,
            person_id=amina.id,
            data=DecisionInput(
                decision="x", options=OPTIONS, support_given=[], decided=DECIDED, outcome="agreed"
            ),
        )


def test_audit_events_name_fields_never_the_persons_words(store: Store, north, david):
    recorded = decisions.record_decision(
        store, by=north, person_id=david.id, data=_lacking_capacity()
    )
    with store.read() as session:
        event = session.scalars(
            select(AuditEventRow).where(
                AuditEventRow.object_type == "decision",
                AuditEventRow.object_id == str(recorded.id),
            )
        ).one()
    assert event.action == "create"
    assert "best_interests" in event.detail and "decision" in event.detail
    for words in (CHOICE, "brain injury", "Sam Carter", "Goes with a friend", "Easy-read"):
        assert words not in event.detail


def test_a_person_in_scotland_is_not_assessed_under_the_english_act(store: Store, south):
    eilidh = factories.person(
        store, "Eilidh MacLeod", team=factories.SOUTH, stage="ST5", jurisdiction="scotland"
    )
    with pytest.raises(InvalidInput, match="Adults with Incapacity"):
        decisions.record_decision(store, by=south, person_id=eilidh.id, data=_lacking_capacity())
    presumed = decisions.record_decision(
        store,
        by=south,
        person_id=eilidh.id,
        data=DecisionInput(
            decision="I want to live on the island.",
            options=OPTIONS,
            support_given=[],
            decided=DECIDED,
            outcome="agreed",
        ),
    )
    assert presumed.capacity_outcome is CapacityOutcome.PRESUMED
    said = " ".join((*presumed.capacity_reasons, presumed.reminder or ""))
    assert "Adults with Incapacity (Scotland) Act 2000" in said
    assert "Mental Capacity Act" not in said and "best interests" not in said.lower()


def test_a_person_in_wales_is_assessed_under_the_mental_capacity_act_2005(store: Store, south):
    """MCA 2005 extends to Wales: the capacity record (s2, s3) and best interests (s4) apply."""
    beth = factories.person(store, "Bethan Griffiths", team=factories.SOUTH, jurisdiction="wales")
    recorded = decisions.record_decision(
        store, by=south, person_id=beth.id, data=_lacking_capacity()
    )
    assert recorded.capacity_outcome is CapacityOutcome.LACKS_CAPACITY
    assert recorded.decider_name == "Sam Carter"


def test_a_stale_decision_update_is_refused_and_the_newer_kept(store: Store, north, david):
    recorded = decisions.record_decision(
        store, by=north, person_id=david.id, data=_lacking_capacity()
    )
    newer = decisions.update_decision(
        store,
        by=north,
        decision_id=recorded.id,
        expected_version=recorded.version,
        data=_lacking_capacity(conditions="Goes with a friend for two weeks."),
    )
    assert newer.version == recorded.version + 1
    with pytest.raises(StaleEdit):
        decisions.update_decision(
            store,
            by=north,
            decision_id=recorded.id,
            expected_version=recorded.version,
            data=_lacking_capacity(conditions="Older text"),
        )
    [kept] = decisions.decisions_for(store, by=north, person_id=david.id)
    assert (kept.conditions, kept.version) == ("Goes with a friend for two weeks.", newer.version)
    assert kept.decided_at == recorded.decided_at
    with pytest.raises(InvalidInput, match="Still to answer"):
        decisions.update_decision(
            store,
            by=north,
            decision_id=recorded.id,
            expected_version=newer.version,
            data=_lacking_capacity(answers={}),
        )


# ---------------------------------------------------------------------- plan validation
def test_plan_validation_at_st4_with_a_failed_safe_check_cannot_be_agreed(
    store: Store, south, ravi
):
    checks = {**ALL_PASS, ValidationCheck.SAFE: (False, "No plan for the night-time falls")}
    with pytest.raises(InvalidInput, match="safe: No plan for the night-time falls"):
        plan_validation.validate_plan(
            store, by=south, person_id=ravi.id, checks=checks, requested="agreed"
        )
    assert plan_validation.validations_for(store, by=south, person_id=ravi.id) == []
    referred = plan_validation.validate_plan(
        store,
        by=south,
        person_id=ravi.id,
        checks={k.value: v for k, v in checks.items()},
        requested=PlanOutcome.REFERRED_TO_PANEL,
    )
    assert referred.outcome is PlanOutcome.REFERRED_TO_PANEL
    assert referred.checks[ValidationCheck.SAFE].passed is False
    assert "safe" in referred.reasons[0]
    assert plan_validation.validations_for(store, by=south, person_id=ravi.id) == [referred]


def test_a_missing_check_is_refused(store: Store, south, ravi):
    checks = {k: v for k, v in ALL_PASS.items() if k is not ValidationCheck.CONTINGENCY}
    with pytest.raises(InvalidInput, match="Still to record: contingency"):
        plan_validation.validate_plan(
            store, by=south, person_id=ravi.id, checks=checks, requested="agreed"
        )


def test_a_high_residual_risk_without_a_recorded_route_blocks_agreement_and_with_rt2_it_can_be_agreed(
    store: Store, south, ravi
):
    assessment = risks.start_assessment(store, by=south, person_id=ravi.id)
    high = risks.add_risk(store, by=south, assessment_id=assessment, data=HIGH_AFTER_MITIGATION)
    low = risks.add_risk(store, by=south, assessment_id=assessment, data=LOW_AFTER_MITIGATION)

    def validate(routes, requested="agreed", conditions=""):
        return plan_validation.validate_plan(
            store,
            by=south,
            person_id=ravi.id,
            checks=ALL_PASS,
            requested=requested,
            conditions=conditions,
            routes=routes,
        )

    with pytest.raises(InvalidInput, match=f"no suitable route is recorded for {high}"):
        validate({})
    with pytest.raises(InvalidInput, match=f"no suitable route is recorded for {high}"):
        validate({high: "RT1"})  # a light-touch agreement does not stand in for escalation
    with pytest.raises(InvalidInput, match="not a route"):
        validate({high: "TP09"})
    agreed = validate({high: "RT2"}, "agreed_with_conditions", "Helmet camera fitted first")
    assert agreed.outcome is PlanOutcome.AGREED_WITH_CONDITIONS
    assert agreed.routes == {high: "RT2"}
    assert agreed.conditions == "Helmet camera fitted first"
    assert any(f"Risk {high}" in r and "RT2" in r for r in agreed.reasons)
    assert all(f"Risk {low}" not in r for r in agreed.reasons)
    assert plan_validation.validations_for(store, by=south, person_id=ravi.id) == [agreed]


def test_only_the_latest_assessment_counts_for_high_residual_risks(store: Store, south, ravi):
    old = risks.start_assessment(store, by=south, person_id=ravi.id)
    risks.add_risk(store, by=south, assessment_id=old, data=HIGH_AFTER_MITIGATION)
    new = risks.start_assessment(store, by=south, person_id=ravi.id)
    risks.add_risk(store, by=south, assessment_id=new, data=LOW_AFTER_MITIGATION)
    agreed = plan_validation.validate_plan(
        store, by=south, person_id=ravi.id, checks=ALL_PASS, requested="agreed"
    )
    assert agreed.outcome is PlanOutcome.AGREED


def test_plan_validation_outside_st4_is_refused(store: Store, north, south, david):
    with pytest.raises(InvalidInput, match=r"ST4 \(Agreeing the plan\).*at ST6"):
        plan_validation.validate_plan(
            store, by=north, person_id=david.id, checks=ALL_PASS, requested="agreed"
        )
    with pytest.raises(NotPermitted):
        plan_validation.validate_plan(
            store, by=south, person_id=david.id, checks=ALL_PASS, requested="agreed"
        )


# ---------------------------------------------------------------------- issue 13 (rows 7, 18, 25)
def test_an_unanswered_balance_of_probabilities_confirmation_refuses_to_save(
    store: Store, north, david
):
    """MCA 2005 s2(4): the assessor confirms the standard; unanswered, nothing is stored."""
    with pytest.raises(InvalidInput, match=r"balance of probabilities.*s2\(4\).*not been answered"):
        decisions.record_decision(
            store,
            by=north,
            person_id=david.id,
            data=_lacking_capacity(balance_of_probabilities=None),
        )
    with pytest.raises(InvalidInput, match="cannot be recorded"):
        decisions.record_decision(
            store,
            by=north,
            person_id=david.id,
            data=_lacking_capacity(balance_of_probabilities=False),
        )
    assert decisions.decisions_for(store, by=north, person_id=david.id) == []


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"relevant_information": "   "}, r"information relevant to the decision.*s3\(4\)"),
        ({"assessor_name": ""}, "who assessed"),
        ({"assessor_role": None}, "who assessed"),
    ],
    ids=["s3(4) relevant information", "assessor name", "assessor role"],
)
def test_a_capacity_assessment_without_its_relevant_information_or_assessor_is_refused(
    store: Store, north, david, missing, message
):
    with pytest.raises(InvalidInput, match=message):
        decisions.record_decision(
            store, by=north, person_id=david.id, data=_lacking_capacity(**missing)
        )


def test_a_capacity_record_keeps_its_relevant_information_standard_and_assessor(
    store: Store, north, david
):
    recorded = decisions.record_decision(
        store, by=north, person_id=david.id, data=_lacking_capacity(assessor_name="Dr Ana Ruiz")
    )
    assert recorded.relevant_information == RELEVANT
    assert recorded.balance_of_probabilities is True
    assert (recorded.assessor_name, recorded.assessor_role) == ("Dr Ana Ruiz", "Social worker")


def test_the_assessor_is_filled_in_from_the_signed_in_user_as_a_default(store: Store, north):
    name, role = decisions.assessor_default(store, by=north)
    assert name and role == north.role.label


def test_a_best_interests_decision_cannot_be_saved_while_the_authority_question_is_unanswered(
    store: Store, north, david
):
    """MCA 2005 s6(6), ss9-11, s16, ss24-26: ask whether an attorney, deputy or advance decision
    covers the decision before anyone decides in the person's best interests."""
    with pytest.raises(InvalidInput, match=r"has not been answered") as refused:
        decisions.record_decision(
            store, by=north, person_id=david.id, data=_lacking_capacity(authority=None)
        )
    assert "s6(6)" in str(refused.value)
    assert decisions.decisions_for(store, by=north, person_id=david.id) == []
    recorded = decisions.record_decision(
        store, by=north, person_id=david.id, data=_lacking_capacity()
    )
    assert recorded.decided_by is DecisionMaker.BEST_INTERESTS
    assert recorded.authority_covers is False


def test_when_an_attorney_covers_the_decision_their_decision_is_recorded_not_best_interests(
    store: Store, north, david
):
    """MCA 2005 s6(6) and ss9-11: a registered health and welfare attorney decides."""
    attorney = AuthorityInput(
        covers=True,
        kind="lpa_health_welfare",
        holder="Leo Price (grandson)",
        scope="Health and welfare LPA registered with the OPG; checked on the register today.",
    )
    with pytest.raises(InvalidInput, match="their decision is recorded, not a best-interests"):
        decisions.record_decision(
            store, by=north, person_id=david.id, data=_lacking_capacity(authority=attorney)
        )
    no_best_interests = {"decider_name": None, "decider_role": None, "answers": {}}
    with pytest.raises(InvalidInput, match="what the attorney or deputy decided"):
        decisions.record_decision(
            store,
            by=north,
            person_id=david.id,
            data=_lacking_capacity(authority=attorney, decided=" ", **no_best_interests),
        )
    recorded = decisions.record_decision(
        store,
        by=north,
        person_id=david.id,
        data=_lacking_capacity(
            authority=attorney, decided="Dave goes with Leo on Fridays.", **no_best_interests
        ),
    )
    assert recorded.decided_by is DecisionMaker.AUTHORITY
    assert recorded.authority_kind is Authority.LPA_HEALTH_WELFARE
    assert recorded.authority_holder == "Leo Price (grandson)"
    assert recorded.decided == "Dave goes with Leo on Fridays."
    assert recorded.best_interests == {} and recorded.decider_name is None


def test_a_no_answer_to_the_authority_question_refuses_authority_details(
    store: Store, north, david
):
    half = AuthorityInput(covers=False, holder="Leo Price")
    with pytest.raises(InvalidInput, match="clear the details of the authority"):
        decisions.record_decision(
            store, by=north, person_id=david.id, data=_lacking_capacity(authority=half)
        )


def test_the_authority_question_is_refused_for_a_person_who_decides_for_themselves(
    store: Store, north, david
):
    with pytest.raises(InvalidInput, match="best interests does not apply"):
        factories.decision(store, david, by=north, authority=AuthorityInput(covers=True))


def test_the_persons_own_decision_and_the_councils_response_are_both_kept_and_shown(
    store: Store, north, david
):
    recorded = factories.decision(
        store,
        david,
        by=north,
        decided="I am going to the match on my own.",
        outcome="not_funded",
    )
    assert recorded.decided_by is DecisionMaker.PERSON
    assert recorded.decided == "I am going to the match on my own."
    assert recorded.outcome is CouncilResponse.NOT_FUNDED
    [listed] = decisions.decisions_for(store, by=north, person_id=david.id)
    assert (listed.decided, listed.outcome) == (recorded.decided, CouncilResponse.NOT_FUNDED)
    shown = dict(decision_records.decision_fields(listed))
    assert shown["What the person decided, in their words"] == "I am going to the match on my own."
    assert shown["The council's response"] == "Not funded"


def test_a_welsh_person_is_assessed_under_the_mental_capacity_act(store: Store, north):
    """MCA 2005 s2 and s3 extend to England and Wales."""
    cerys = factories.person(store, "Cerys Jones", stage="ST5")
    with store.write() as session:  # recording a Welsh person is another part of issue 13
        session.get(PersonRow, cerys.id).jurisdiction = "wales"
    recorded = decisions.record_decision(
        store, by=north, person_id=cerys.id, data=_lacking_capacity()
    )
    assert recorded.capacity_outcome is CapacityOutcome.LACKS_CAPACITY

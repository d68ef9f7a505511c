"""Issue 13's missing safeguarding rules, from the framework graph and the concern's lifecycle:
the self-neglect route to the high-risk forum (CSSG 14.17), "other, or not sure" (CSSG 14.16) and
the enquiry's objectives without a consent condition (CSSG chapter 14)."""

from __future__ import annotations

import pytest

from framework import LinkType, load_framework
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.concern_lifecycle import (
    ConcernFacts,
    ConcernState,
    OutcomesAchieved,
    RiskAfter,
    Step,
    check_forum_referral,
    check_outcome,
    check_step,
    may_act,
    next_steps,
    plan_warning,
)
from risk_app.domain.record.safeguarding import screen_concern, with_other_or_not_sure
from risk_app.domain.roles import Role

GRAPH = load_framework()


def _ids(items):
    return [i.id for i in items]


def test_a_self_neglect_concern_can_reach_the_high_risk_forum_cssg_14_17():
    screening = screen_concern(GRAPH, ["AB-SN"])
    assert "TP23" in _ids(screening.touchpoints)
    assert {"RT3", "RT4"} <= set(_ids(screening.route))


def test_the_map_draws_the_self_neglect_route_to_the_forum():
    links = GRAPH.links(source="TP23", type=LinkType.ESCALATES_TO)
    assert [link.target for link in links] == ["RT4"]
    assert "CSSG-14" in links[0].provenance.refs
    assert "AB-SN" in _ids(GRAPH.abuse_types_for("TP23"))


def test_a_concern_about_something_else_does_not_reach_the_forum():
    assert "RT4" not in _ids(screen_concern(GRAPH, ["AB-FIN"]).route)


def test_other_or_not_sure_alone_leads_to_raising_a_concern_cssg_14_16():
    screening = screen_concern(GRAPH, ["AB-OTHER"])
    assert _ids(screening.touchpoints) == ["TP11"]
    assert _ids(screening.route)[:2] == ["RT3", "SG1"]


def test_other_or_not_sure_needs_a_description():
    with pytest.raises(InvalidInput, match="describe what may be happening"):
        with_other_or_not_sure(GRAPH, ["AB-OTHER"], " ")


def test_a_description_adds_other_or_not_sure_once():
    assert with_other_or_not_sure(GRAPH, [], "Not sure") == ["AB-OTHER"]
    assert with_other_or_not_sure(GRAPH, ["AB-OTHER", "AB-OTHER"], "x") == ["AB-OTHER"]
    assert with_other_or_not_sure(GRAPH, ["AB-FIN"], "") == ["AB-FIN"]


def test_a_raised_self_neglect_concern_may_go_to_the_decision_or_the_forum():
    facts = ConcernFacts(ConcernState.RAISED, None, self_neglect=True)
    assert next_steps(facts) == (Step.DECIDE, Step.REFER_TO_FORUM)
    assert check_step(Step.REFER_TO_FORUM, facts) is ConcernState.FORUM


def test_any_other_concern_is_refused_the_forum_and_pointed_to_the_decision():
    facts = ConcernFacts(ConcernState.RAISED, None)
    assert next_steps(facts) == (Step.DECIDE,)
    with pytest.raises(InvalidInput, match="decide on the Section 42 duty"):
        check_step(Step.REFER_TO_FORUM, facts)


def test_from_the_forum_the_decision_may_follow_or_the_concern_may_close():
    facts = ConcernFacts(ConcernState.FORUM, None, self_neglect=True)
    assert next_steps(facts) == (Step.DECIDE_AFTER_FORUM, Step.CLOSE_AFTER_FORUM)
    assert check_step(Step.DECIDE_AFTER_FORUM, facts) is ConcernState.S42_DECIDED
    assert check_step(Step.CLOSE_AFTER_FORUM, facts) is ConcernState.CLOSED


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.PRACTITIONER, False), (Role.TEAM_MANAGER, True), (Role.SAFEGUARDING_LEAD, True)],
)
def test_only_a_manager_or_the_safeguarding_lead_sends_a_concern_to_the_forum(role, allowed):
    actor = Actor(user_id=1, username=role.value, role=role, team_id=1)
    assert may_act(actor, Step.REFER_TO_FORUM, 1) is allowed


def test_a_concern_at_the_forum_still_warns_before_the_plan_is_agreed():
    warning = plan_warning([(7, ConcernState.FORUM)])
    assert warning is not None and "concern 7" in warning


def test_the_forum_needs_reasons():
    with pytest.raises(InvalidInput, match="give the reasons"):
        check_forum_referral("  ")


def test_the_enquiry_step_states_its_objectives_and_no_consent_condition():
    """CSSG chapter 14: the enquiry's objectives; consent is not a condition of the s42 duty."""
    sg3 = GRAPH.node("SG3")
    assert "seek consent" not in sg3.summary
    for objective in ("establish the facts", "views and wishes", "resolution and recovery"):
        assert objective in sg3.summary.lower()
    assert "CSSG-14" in sg3.provenance.refs
    assert GRAPH.reference("CSSG-14").kind is not None
    assert GRAPH.reference("CSSG-14").kind.value == "statutory_guidance"


@pytest.mark.parametrize("ref", ["CA-2014-S11", "CA-2014-S67", "CA-2014-S68"])
def test_the_new_rules_cite_the_act_on_legislation_gov_uk(ref):
    reference = GRAPH.reference(ref)
    assert reference.kind is not None and reference.kind.value == "legislation"
    assert reference.url is not None
    assert reference.url.startswith("https://www.legislation.gov.uk/ukpga/2014/23/section/")


@pytest.mark.parametrize("item", ["TP21", "TP22", "TP23", "RA11", "RA12"])
def test_the_english_rules_apply_in_england_only(item):
    node = GRAPH.node(item)
    assert node.applies_in("england")
    assert not node.applies_in("scotland") and not node.applies_in("wales")


# ------------------------------------------------------------------ Making Safeguarding Personal
def test_outcomes_expressed_are_recorded_by_their_words():
    assert check_outcome(True, "To feel safe", OutcomesAchieved.PARTLY, RiskAfter.REDUCED) is True


def test_a_person_asked_may_express_no_outcome_and_then_nothing_is_achieved():
    assert check_outcome(True, "", None, RiskAfter.REMAINS, expressed=False) is False
    with pytest.raises(InvalidInput, match="did not say"):
        check_outcome(True, "", OutcomesAchieved.FULLY, RiskAfter.REMAINS, expressed=False)
    with pytest.raises(InvalidInput, match="did not say"):
        check_outcome(True, "Words", None, RiskAfter.REMAINS, expressed=False)


def test_asked_with_nothing_said_either_way_is_refused_naming_what_is_missing():
    with pytest.raises(InvalidInput, match="whether they said what outcomes they wanted"):
        check_outcome(True, " ", None, RiskAfter.REMOVED)


def test_not_asked_leaves_expressed_and_achieved_unanswered():
    assert check_outcome(False, "", None, RiskAfter.REDUCED) is None
    with pytest.raises(InvalidInput, match="not asked"):
        check_outcome(False, "", None, RiskAfter.REDUCED, expressed=True)


def test_the_risk_after_is_always_needed():
    with pytest.raises(InvalidInput, match="removed, reduced or remains"):
        check_outcome(False, "", None, None)

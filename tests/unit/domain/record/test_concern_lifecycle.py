"""The safeguarding concern's lifecycle: one transition table, complete, and who may take each step."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework import Jurisdiction
from framework.law import law_book
from risk_app.domain.access import Actor
from risk_app.domain.errors import InvalidInput
from risk_app.domain.record.concern_lifecycle import (
    FINAL,
    INITIAL,
    TRANSITIONS,
    ConcernFacts,
    ConcernState,
    EnquiryKind,
    OtherResponse,
    OutcomesAchieved,
    ReviewFollowUp,
    RiskAfter,
    Step,
    check_closure,
    check_decision,
    check_enquiry,
    check_other_response,
    check_outcome,
    check_step,
    check_went_on,
    may_act,
    next_steps,
    plan_warning,
    state_diagram,
    steps_for,
    words_table,
)
from risk_app.domain.record.concern_words import ENGLAND, WORDS
from risk_app.domain.record.safeguarding import S42Result
from risk_app.domain.roles import Role

DUTY = S42Result.DUTY_TO_ENQUIRE
NOT_MET = S42Result.NOT_MET


def _actor(role: Role, team: int | None = 1) -> Actor:
    return Actor(user_id=1, username=role.value, role=role, team_id=team)


# ------------------------------------------------------------------ completeness of the table
def test_every_state_is_reachable_from_raising():
    reached = {INITIAL}
    grew = True
    while grew:
        more = {t.target for t in TRANSITIONS if t.source in reached}
        grew = not more <= reached
        reached |= more
    assert reached == set(ConcernState)


def test_every_state_but_closed_has_a_way_out_and_closed_has_none():
    for state in ConcernState:
        ways_out = [t for t in TRANSITIONS if t.source is state]
        assert bool(ways_out) is (state not in FINAL), state


def test_every_step_appears_once_in_the_table_with_someone_allowed_to_take_it():
    steps = [t.step for t in TRANSITIONS]
    assert sorted(steps) == sorted(Step)
    assert all(t.roles for t in TRANSITIONS)


def test_only_raising_starts_a_concern():
    assert [t.step for t in TRANSITIONS if t.source is None] == [Step.RAISE]


def test_every_state_and_step_has_words():
    assert all(s.label for s in ConcernState) and all(s.label for s in Step)


def test_whatever_the_decision_every_open_concern_has_a_next_step():
    for state in set(ConcernState) - FINAL:
        for result in (DUTY, NOT_MET):
            assert next_steps(ConcernFacts(state, result)), (state, result)


# ------------------------------------------------------------------ what may follow what
def test_a_raised_concern_waits_for_its_decision_only():
    assert next_steps(ConcernFacts(ConcernState.RAISED, None)) == (Step.DECIDE,)


def test_a_duty_to_enquire_leads_only_to_an_enquiry():
    assert next_steps(ConcernFacts(ConcernState.S42_DECIDED, DUTY)) == (Step.START_ENQUIRY,)


def test_without_the_duty_there_is_an_other_enquiry_or_another_response():
    assert next_steps(ConcernFacts(ConcernState.S42_DECIDED, NOT_MET)) == (
        Step.START_ENQUIRY,
        Step.CLOSE_WITHOUT_ENQUIRY,
    )


def test_skipping_the_decision_is_refused_naming_the_next_step():
    with pytest.raises(InvalidInput, match="decide on the section 42 duty"):
        check_step(Step.START_ENQUIRY, ConcernFacts(ConcernState.RAISED, None))


def test_a_duty_to_enquire_cannot_be_closed_without_an_enquiry():
    with pytest.raises(InvalidInput, match="cannot be closed without an enquiry"):
        check_step(Step.CLOSE_WITHOUT_ENQUIRY, ConcernFacts(ConcernState.S42_DECIDED, DUTY))


def test_nothing_follows_a_closed_concern():
    with pytest.raises(InvalidInput, match="raise a new one"):
        check_step(Step.DECIDE, ConcernFacts(ConcernState.CLOSED, DUTY))


def test_each_step_leads_to_its_state():
    assert (
        check_step(Step.DECIDE, ConcernFacts(ConcernState.RAISED, None)) is ConcernState.S42_DECIDED
    )
    assert check_step(Step.CLOSE, ConcernFacts(ConcernState.OUTCOME, DUTY)) is ConcernState.CLOSED


# ------------------------------------------------------------------ who may take each step
@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD])
def test_a_team_manager_or_the_safeguarding_lead_decides(role: Role):
    assert may_act(_actor(role), Step.DECIDE, 1)


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.INDIVIDUAL, Role.ADMINISTRATOR])
def test_nobody_else_decides(role: Role):
    assert not may_act(_actor(role), Step.DECIDE, 1)


def test_any_staff_member_of_the_team_raises_and_the_individual_does_not():
    assert may_act(_actor(Role.PRACTITIONER), Step.RAISE, 1)
    assert may_act(_actor(Role.TEAM_MANAGER), Step.RAISE, 1)
    assert not may_act(_actor(Role.INDIVIDUAL), Step.RAISE, 1)
    assert not may_act(_actor(Role.ADMINISTRATOR), Step.RAISE, 1)


def test_a_manager_of_another_team_cannot_decide_but_the_lead_decides_for_any_team():
    assert not may_act(_actor(Role.TEAM_MANAGER, team=2), Step.DECIDE, 1)
    assert not may_act(_actor(Role.TEAM_MANAGER, team=None), Step.DECIDE, None)
    assert may_act(_actor(Role.SAFEGUARDING_LEAD, team=None), Step.DECIDE, 1)


def test_the_enquiry_lead_may_record_the_outcome_but_only_a_manager_closes():
    assert may_act(_actor(Role.PRACTITIONER), Step.RECORD_OUTCOME, 1)
    assert not may_act(_actor(Role.PRACTITIONER), Step.CLOSE, 1)
    assert not may_act(_actor(Role.PRACTITIONER), Step.START_ENQUIRY, 1)


def test_a_practitioner_is_offered_no_step_on_a_raised_concern():
    assert steps_for(_actor(Role.PRACTITIONER), ConcernFacts(ConcernState.RAISED, None), 1) == ()


# ------------------------------------------------------------------ what each step must contain
ENG = law_book().law_for("england").safeguarding
SCO = law_book().law_for("scotland").safeguarding


def test_a_decision_needs_every_question_and_the_reasons_naming_each_missing_part():
    """Care Act 2014 s42(1)(a)-(c): each unanswered condition is named with its section."""
    with pytest.raises(InvalidInput) as refused:
        check_decision(ENG, ENGLAND, {"ENG-SG-NEEDS": True}, "  ")
    message = str(refused.value)
    assert "abuse or neglect (s42(1)(b))" in message and "unable to protect" in message
    assert "reasons" in message and "care and support" not in message


def test_a_no_does_not_excuse_the_other_answers_of_the_decision():
    with pytest.raises(InvalidInput, match="abuse or neglect"):
        check_decision(
            ENG, ENGLAND, {"ENG-SG-NEEDS": False, "ENG-SG-PROTECT": True}, "No care needs"
        )
    check_decision(
        ENG,
        ENGLAND,
        dict.fromkeys(("ENG-SG-NEEDS", "ENG-SG-ABUSE", "ENG-SG-PROTECT"), False),
        "None",
    )


def test_a_scottish_decision_names_the_three_point_test_and_never_section_42():
    """ASP(S)A 2007 s3(1)(a)-(c), s4: refused while any point is unanswered, in Scotland's words."""
    with pytest.raises(InvalidInput) as refused:
        check_decision(SCO, WORDS[Jurisdiction.SCOTLAND], {"SCO-ASP-HARM": True}, "Reasons")
    message = str(refused.value)
    assert "decision to inquire (s4)" in message
    assert "unable to safeguard themselves (s3(1)(a))" in message and "s3(1)(c)" in message
    assert "Section 42" not in message


def test_the_enquiry_kind_follows_the_decision_and_needs_a_lead():
    check_enquiry(EnquiryKind.SECTION_42, DUTY, "Sam")
    check_enquiry(EnquiryKind.OTHER, NOT_MET, "Sam")
    with pytest.raises(InvalidInput, match=r"statutory one \(Section 42 enquiry\)"):
        check_enquiry(EnquiryKind.OTHER, DUTY, "Sam")
    with pytest.raises(InvalidInput, match=r"the inquiry is a statutory one \(Inquiry under s4\)"):
        check_enquiry(EnquiryKind.OTHER, DUTY, "Sam", WORDS[Jurisdiction.SCOTLAND])
    with pytest.raises(InvalidInput, match="non-statutory"):
        check_enquiry(EnquiryKind.SECTION_42, NOT_MET, "Sam")
    with pytest.raises(InvalidInput, match="who leads"):
        check_enquiry(EnquiryKind.SECTION_42, DUTY, " ")


def test_the_outcome_asks_making_safeguarding_personal_questions_first():
    with pytest.raises(InvalidInput) as refused:
        check_outcome(None, "", None, None)
    assert "asked what outcomes" in str(refused.value) and "risk" in str(refused.value)
    with pytest.raises(InvalidInput, match="how far those outcomes"):
        check_outcome(True, "To be safe", None, RiskAfter.REDUCED)
    with pytest.raises(InvalidInput, match="they wanted"):
        check_outcome(True, " ", OutcomesAchieved.FULLY, RiskAfter.REDUCED)
    check_outcome(True, "To be safe", OutcomesAchieved.PARTLY, RiskAfter.REDUCED)
    check_outcome(False, "", None, RiskAfter.REMAINS)


def test_outcomes_nobody_asked_for_cannot_be_recorded_as_achieved():
    with pytest.raises(InvalidInput, match="not asked"):
        check_outcome(False, "", OutcomesAchieved.FULLY, RiskAfter.REMOVED)


def test_closing_says_how_the_review_takes_it_up_and_a_remaining_risk_asks_for_an_early_review():
    with pytest.raises(InvalidInput, match="review takes this up"):
        check_closure(None, "note", RiskAfter.REDUCED)
    with pytest.raises(InvalidInput, match="early review"):
        check_closure(ReviewFollowUp.NEXT_REVIEW, "note", RiskAfter.REMAINS)
    check_closure(ReviewFollowUp.EARLY_REVIEW, "note", RiskAfter.REMAINS)
    check_closure(ReviewFollowUp.NEXT_REVIEW, "note", RiskAfter.REMOVED)


def test_closing_without_an_enquiry_needs_the_response_and_a_note():
    with pytest.raises(InvalidInput, match="other response"):
        check_other_response(None, "note")
    with pytest.raises(InvalidInput, match="closing note"):
        check_other_response(OtherResponse.ANOTHER_AGENCY, " ")


# ------------------------------------------------------------------ a plan agreed meanwhile
def test_a_plan_agreed_while_a_concern_waits_or_is_in_enquiry_warns_and_needs_a_reason():
    open_ = [(3, ConcernState.ENQUIRY), (4, ConcernState.OUTCOME)]
    warning = plan_warning(open_)
    assert warning is not None and "concern 3" in warning and "concern 4" not in warning
    with pytest.raises(InvalidInput, match="give the reason"):
        check_went_on(open_, " ")
    check_went_on(open_, "Her support cannot wait")


def test_no_warning_once_the_enquiry_has_its_outcome():
    assert plan_warning([(4, ConcernState.OUTCOME)]) is None
    check_went_on([(4, ConcernState.OUTCOME), (5, ConcernState.CLOSED)], "")


def test_the_documented_state_diagram_is_the_transition_table():
    doc = Path(__file__).resolve().parents[4] / "docs" / "safeguarding-lifecycle.md"
    assert f"```mermaid\n{state_diagram()}\n```" in doc.read_text(encoding="utf-8")


def test_the_documented_words_by_nation_are_the_lifecycles_words():
    doc = Path(__file__).resolve().parents[4] / "docs" / "safeguarding-lifecycle.md"
    assert words_table() in doc.read_text(encoding="utf-8")

"""The decisions tab through AppTest: supported decisions, capacity, agreeing the plan (panels:
test_panel_section.py)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from risk_app.domain.record.council_response import CouncilResponse
from risk_app.domain.record.plan import PlanOutcome
from risk_app.domain.record.who_decides import Authority
from tests.ui import shown
from tests.ui.record.test_person_page import button
from tests.ui.records import open_record, open_section, person_id


def open_as(
    at: AppTest,
    name: str,
    *,
    manager: str = "manager",
    password: str = "demo-team-manager",
    section: str = "decisions",
) -> AppTest:
    return open_record(at, person_id(name, username=manager, password=password), section)


def area(at: AppTest, label: str):
    return next(t for t in at.text_area if t.label.startswith(label))


def table_with(at: AppTest, column: str):
    return next(t for t in shown.tables(at) if column in t.columns)


def decision_outcome(at: AppTest):
    """The council's response to the supported decision (kept apart from what was decided)."""
    return next(s for s in at.selectbox if s.label == "The council's response")


def radio(at: AppTest, start: str):
    return next(r for r in at.radio if r.label.startswith(start))


def test_a_decision_with_capacity_presumed_is_recorded_with_dissent_in_their_words(signed_in):
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    area(at, "The choice, in the person's words").set_value("Take the bus to college on my own")
    next(t for t in at.text_input if t.label == "Option 1 considered").set_value("Bus alone")
    next(t for t in at.text_input if t.label == "Who disagrees (if anyone)").set_value("Her mother")
    area(at, "What they said").set_value("I worry about the late bus home")
    area(at, "What the person decided").set_value("I will take the bus on my own.")
    decision_outcome(at).set_value(CouncilResponse.AGREED)
    button(at, "Record decision").click().run()
    assert not shown.errors(at), shown.errors(at)
    recorded = table_with(at, "Capacity")
    assert recorded["Capacity"].iloc[0] == "Presumed"
    assert "Her mother" in recorded["Dissent"].iloc[0]


def test_doubt_opens_the_functional_test_and_lacking_capacity_asks_best_interests(signed_in):
    at = open_as(signed_in("practitioner"), "Margaret Hughes")
    area(at, "The choice, in the person's words").set_value(
        "Let her nephew manage the direct payment"
    )
    next(t for t in at.text_input if t.label == "Option 1 considered").set_value(
        "Nephew manages it"
    )
    next(t for t in at.text_input if t.label == "Option 2 considered").set_value(
        "Prepaid card with a daily limit"
    )
    next(c for c in at.checkbox if c.key and c.key.endswith("less_1")).check()
    next(m for m in at.multiselect if m.label == "Support given to decide").select(
        "Someone the person trusts present"
    )
    assert not any(r.label.startswith("Can they") for r in at.radio)
    area(at, "Is there a reason to doubt capacity").set_value(
        "Forgot last week's conversation"
    ).run()
    assert sum(r.label.startswith("Can they") for r in at.radio) == 4
    next(r for r in at.radio if "use or weigh" in r.label).set_value("unable").run()
    area(at, "Evidence they cannot use or weigh").set_value(
        "Could repeat the risks but not weigh them"
    )
    next(t for t in at.text_input if t.label.startswith("The impairment")).set_value("Dementia")
    area(at, "The information relevant to the decision").set_value(
        "Who pays the carers, what happens if the money runs out, what if nobody manages it"
    )
    assert radio(at, "Is your conclusion reached on the balance").value is None
    radio(at, "Is your conclusion reached on the balance").set_value("Yes")
    radio(at, "Is the inability").set_value("Yes").run()
    wishes = "What are the person's past and present wishes"
    authority = radio(at, "Does a registered lasting power of attorney")
    assert authority.value is None, "who decides starts unanswered"
    assert not any(t.label.startswith(wishes) for t in at.text_area), "no best interests yet"
    authority.set_value("No").run()
    assert any(t.label.startswith(wishes) for t in at.text_area)
    button(at, "Record decision").click().run()
    assert shown.errors(at), "an empty best-interests checklist must be refused"
    for t in at.text_area:
        if t.label.endswith("?") and not t.value:
            t.set_value("Considered with her sister and the GP")
    next(t for t in at.text_input if t.label == "Who decides (name)").set_value("Sam Carter")
    next(t for t in at.text_input if t.label == "Their role").set_value("Social worker")
    area(at, "What was decided in the person's best interests").set_value("A prepaid card")
    decision_outcome(at).set_value(CouncilResponse.AGREED)
    button(at, "Record decision").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert table_with(at, "Capacity")["Capacity"].iloc[0] == "Lacks capacity"


def test_a_doubt_leaves_every_capacity_question_unanswered_and_recording_names_each_one(signed_in):
    at = open_as(signed_in("practitioner"), "Tomasz Nowak")  # no decision in the demo
    area(at, "The choice, in the person's words").set_value("Move into the flat with her friend")
    next(t for t in at.text_input if t.label == "Option 1 considered").set_value("Move in")
    doubt = "Mixed up the rent and the deposit twice this week"
    area(at, "Is there a reason to doubt capacity").set_value(doubt).run()
    questions = [r for r in at.radio if r.label.startswith("Can they")]
    assert len(questions) == 4 and all(r.value is None for r in questions)
    assert [o for r in questions for o in r.options if o == "Not assessed"] == []
    assert radio(at, "Is your conclusion reached on the balance").value is None
    decision_outcome(at).set_value(CouncilResponse.AGREED)
    button(at, "Record decision").click().run()
    [problem] = shown.errors(at)
    for part in ("understand", "retain", "use or weigh", "communicate", "s2(4)", "s3(4)"):
        assert part in problem, f"the refusal does not name '{part}': {problem}"
    assert "Capacity" not in {c for t in shown.tables(at) for c in t.columns}, "nothing recorded"
    assert area(at, "Is there a reason to doubt capacity").value == doubt  # nothing typed is lost
    next(r for r in at.radio if "use or weigh" in r.label).set_value("unable").run()
    link = next(r for r in at.radio if r.label.startswith("Is the inability"))
    assert link.value is None and list(link.options) == ["Yes", "No"]


def test_answers_hidden_when_the_doubt_is_cleared_are_not_recorded_with_presumed_capacity(
    signed_in,
):
    at = open_as(signed_in("practitioner"), "Margaret Hughes")
    area(at, "The choice, in the person's words").set_value("Keep the cat")
    next(t for t in at.text_input if t.label == "Option 1 considered").set_value("Keep her")
    area(at, "Is there a reason to doubt capacity").set_value("Unsure after the fall").run()
    next(r for r in at.radio if "use or weigh" in r.label).set_value("unable").run()
    area(at, "Evidence they cannot use or weigh").set_value("Could not say what happens next")
    area(at, "Is there a reason to doubt capacity").set_value("").run()
    assert not any(r.label.startswith("Can they") for r in at.radio)
    area(at, "What the person decided").set_value("I am keeping her.")
    decision_outcome(at).set_value(CouncilResponse.AGREED)
    button(at, "Record decision").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert table_with(at, "Capacity")["Capacity"].iloc[0] == "Presumed"


def test_agreeing_the_plan_needs_every_check_with_a_reason(signed_in, data_dir):
    at = open_as(
        signed_in("practitioner.south"),
        "Ravi Shah",
        manager="practitioner.south",
        password="demo-practitioner-2",
    )
    button(at, "Record the validation").click().run()
    assert any("reason" in e.lower() or "missing" in e.lower() for e in shown.errors(at))
    for check in at.checkbox:
        if check.label.endswith(": met"):
            check.check()
    for field in at.text_input:
        if field.label.startswith("Why ("):
            field.set_value("Checked with Ravi and his support planner")
    button(at, "Record the validation").click().run()
    assert any("Choose the outcome" in e for e in shown.errors(at)), shown.errors(at)
    assert not shown.successes(at)
    [*_, outcome] = (s for s in at.selectbox if s.label == "Outcome")  # the plan's
    assert outcome.value is None
    outcome.select(PlanOutcome.AGREED)
    button(at, "Record the validation").click().run()
    assert any("Recorded: Agreed" in s for s in shown.successes(at)), shown.errors(at)
    # The form starts blank again, so a second click cannot record the same validation twice.
    assert not any(c.value for c in at.checkbox if c.label.endswith(": met"))
    assert not any(f.value for f in at.text_input if f.label.startswith("Why ("))
    [*_, outcome] = (s for s in at.selectbox if s.label == "Outcome")
    assert outcome.value is None


def test_screening_shows_the_route_and_a_concern_is_raised_waiting_for_its_section_42_decision(
    signed_in,
):
    at = open_as(signed_in("practitioner"), "Margaret Hughes", section="concern")
    at.multiselect(
        key=next(m.key for m in at.multiselect if m.label == "What may be happening")
    ).select("AB-FIN").run()
    # The screening's steps (her concerns' histories have a "Step" column too, without ids).
    steps = next(t for t in shown.tables(at) if {"Step", "ID"} <= set(t.columns))
    assert "TP11" in set(steps["ID"]) and "RT3" in set(steps["ID"])
    area(at, "What does the person want to happen?").set_value("Keep seeing her nephew, but safely")
    assert not [r for r in at.radio if r.label.startswith("…")], "no Section 42 question at raising"
    button(at, "Raise the concern").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert shown.successes(at) and "decision is due by" in shown.successes(at)[0]


def test_a_half_written_decision_survives_a_new_session_and_is_gone_once_recorded(signed_in):
    first = open_as(signed_in("practitioner"), "Amina Okafor")
    area(first, "The choice, in the person's words").set_value("Go to the gig in town").run()
    decision_outcome(first).set_value(CouncilResponse.AGREED_WITH_CONDITIONS).run()
    area(first, "Conditions").set_value("Text her sister when she is home").run()
    # The connection drops; a new session opens the same person and finds the typing.
    second = open_as(signed_in("practitioner"), "Amina Okafor")
    assert area(second, "The choice, in the person's words").value == "Go to the gig in town"
    assert decision_outcome(second).value == CouncilResponse.AGREED_WITH_CONDITIONS
    assert area(second, "Conditions").value == "Text her sister when she is home"
    assert any("has been restored" in i for i in shown.infos(second))
    next(t for t in second.text_input if t.label == "Option 1 considered").set_value("Go").run()
    area(second, "What the person decided").set_value("I am going.").run()
    button(second, "Record decision").click().run()
    assert not shown.errors(second), shown.errors(second)
    third = open_as(signed_in("practitioner"), "Amina Okafor")
    assert area(third, "The choice, in the person's words").value == ""
    assert not any("has been restored" in i for i in shown.infos(third))


def test_a_decisions_outcome_starts_unchosen_and_recording_without_one_names_it_keeping_the_typing(
    signed_in,
):
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    outcome = decision_outcome(at)
    assert outcome.value is None, "no outcome is assumed"
    choice = "Take the **bus** to college <b>alone</b>"
    area(at, "The choice, in the person's words").set_value(choice)
    next(t for t in at.text_input if t.label == "Option 1 considered").set_value("Bus alone")
    button(at, "Record decision").click().run()
    [problem] = shown.errors(at)
    assert "Choose the council's response" in problem
    assert "Capacity" not in {c for t in shown.tables(at) for c in t.columns}, "nothing recorded"
    assert area(at, "The choice, in the person's words").value == choice
    assert decision_outcome(at).value is None
    decision_outcome(at).set_value(CouncilResponse.REFERRED_TO_PANEL)
    area(at, "What the person decided").set_value("I will take the bus alone.")
    button(at, "Record decision").click().run()
    assert not shown.errors(at), shown.errors(at)
    listed = table_with(at, "Capacity")
    assert listed["The council's response"].iloc[0] == CouncilResponse.REFERRED_TO_PANEL.label
    assert listed["Decided"].iloc[0] == "I will take the bus alone."


def test_a_validation_recorded_shows_at_once_as_tp09_done_and_in_the_validations_listed(
    signed_in,
):
    at = open_as(
        signed_in("practitioner.south"),
        "Ravi Shah",
        manager="practitioner.south",
        password="demo-practitioner-2",
    )
    for check in at.checkbox:
        if check.label.endswith(": met"):
            check.check()
    for field in at.text_input:
        if field.label.startswith("Why ("):
            field.set_value("Checked with Ravi and his support planner")
    [*_, plan_outcome] = (s for s in at.selectbox if s.label == "Outcome")
    plan_outcome.set_value(PlanOutcome.AGREED)
    button(at, "Record the validation").click().run()
    assert any("Recorded: Agreed" in s for s in shown.successes(at)), shown.errors(at)
    assert any(e.label.startswith("Plan validation recorded") for e in at.expander)
    touchpoints = table_with(open_section(at, "journey"), "How we know")
    tp09 = touchpoints[touchpoints["Touchpoint"].str.startswith("TP09")].iloc[0]
    assert tp09["Status"] == "Done by a record"
    assert "A plan validation was recorded" in tp09["How we know"]


def test_when_an_attorney_covers_the_decision_the_form_records_their_decision_not_best_interests(
    signed_in,
):
    """MCA 2005 s6(6), ss9-11: a "yes" asks who, their authority and what they decided."""
    at = open_as(signed_in("practitioner"), "Tomasz Nowak")
    area(at, "The choice, in the person's words").set_value("Move into the flat with his friend")
    next(t for t in at.text_input if t.label == "Option 1 considered").set_value("Move in")
    next(m for m in at.multiselect if m.label == "Support given to decide").select(
        "Someone the person trusts present"
    )
    area(at, "Is there a reason to doubt capacity").set_value("Confused about the tenancy").run()
    assessor = next(t for t in at.text_input if t.label == "Who assessed (name)")
    assert assessor.value, "the signed-in user is filled in as the assessor"
    assert any("filled in for you" in c.value for c in at.caption)
    for ability in ("understand", "retain", "communicate"):
        next(r for r in at.radio if ability in r.label).set_value("able")
    next(r for r in at.radio if "use or weigh" in r.label).set_value("unable").run()
    area(at, "Evidence they cannot use or weigh").set_value("Could not weigh the rent")
    area(at, "The information relevant to the decision").set_value("Rent, bills, the lease")
    radio(at, "Is your conclusion reached on the balance").set_value("Yes")
    next(t for t in at.text_input if t.label.startswith("The impairment")).set_value("Dementia")
    radio(at, "Is the inability").set_value("Yes").run()
    radio(at, "Does a registered lasting power of attorney").set_value("Yes").run()
    assert not any(t.label.startswith("What are the person's") for t in at.text_area)
    next(s for s in at.selectbox if s.label == "Which authority").set_value(
        Authority.LPA_HEALTH_WELFARE
    )
    next(t for t in at.text_input if t.label.startswith("Who holds it")).set_value("Ewa Nowak")
    area(at, "Their authority").set_value("Registered health and welfare LPA, seen on the register")
    area(at, "What the attorney or deputy decided").set_value("He moves in after a trial week")
    decision_outcome(at).set_value(CouncilResponse.AGREED)
    button(at, "Record decision").click().run()
    assert not shown.errors(at), shown.errors(at)
    listed = table_with(at, "Capacity")
    assert listed["Decided"].iloc[0] == "He moves in after a trial week"

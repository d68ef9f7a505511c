"""The risks tab and overdue actions through AppTest."""

from __future__ import annotations

from datetime import date, timedelta

from risk_app.adapters.tables import ActionRow
from risk_app.config import Settings
from risk_app.domain.record.ownership import AckMethod
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people, risks
from risk_app.services.record.risks import RiskInput
from tests.ui import shown
from tests.ui.record.test_person_page import button, open_person
from tests.ui.records import open_expanders


def _seed_risk_for_david(*, overdue: bool) -> int:
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    david = next(p for p in people.caseload(store, by=manager) if p.display_name == "David Price")
    assessment = risks.start_assessment(store, by=manager, person_id=david.id)
    risk_id = risks.add_risk(
        store,
        by=manager,
        assessment_id=assessment,
        data=RiskInput(
            activity="Riding my motorbike on Sundays",
            likelihood=4,
            impact=5,
            residual_likelihood=3,
            residual_impact=5,
            person_likelihood=1,
            person_impact=3,
            benefits="Seeing my grandson",
        ),
    )
    due = date.today() - timedelta(days=2) if overdue else date.today() + timedelta(days=20)
    action = risks.add_action(
        store,
        by=manager,
        person_id=david.id,
        risk_id=risk_id,
        description="Service the brakes",
        owner_name="Leo Price",
        owner_kind="family_or_friend",
        due=due,
    )
    store.dispose()
    return action


def _owner_member(action_id: int) -> int:
    store = open_store(Settings.from_env())
    with store.read() as session:
        row = session.get(ActionRow, action_id)
        assert row is not None and row.circle_member_id is not None
        member = row.circle_member_id
    store.dispose()
    return member


def test_starting_an_assessment_and_adding_a_risk_in_the_persons_words(signed_in):
    at = open_person(signed_in("practitioner"), "Tomasz Nowak", "risks")
    button(at, "Start a risk assessment at this stage").click().run()
    assert any("Assessment started" in c for c in shown.texts(at, "text"))
    next(t for t in at.text_area if t.label.startswith("The activity or choice")).set_value(
        "Cooking on the gas hob by myself"
    )
    next(t for t in at.text_area if t.label == "What the person gains from it").set_value(
        "Eating what I like, when I like"
    )
    next(s for s in at.selectbox if s.label == "Likelihood (practitioner)").set_value(3)
    next(s for s in at.selectbox if s.label == "Impact (practitioner)").set_value(4)
    button(at, "Add risk").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert any(h.startswith("Risk 1: Cooking") for h in shown.texts(at, "heading"))
    matrix_table = next(t for t in shown.tables(at) if "Before mitigation" in t.columns)
    assert matrix_table["Before mitigation"].iloc[0] == "12 (Medium)"


def test_a_risk_starts_not_rated_and_is_refused_until_both_parts_are_rated(signed_in):
    at = open_person(signed_in("practitioner"), "Tomasz Nowak", "risks")
    button(at, "Start a risk assessment at this stage").click().run()
    activity = "Cycling to the day centre"
    next(t for t in at.text_area if t.label.startswith("The activity or choice")).set_value(
        activity
    )
    likelihood = next(s for s in at.selectbox if s.label == "Likelihood (practitioner)")
    impact = next(s for s in at.selectbox if s.label == "Impact (practitioner)")
    assert likelihood.value is None and impact.value is None
    button(at, "Add risk").click().run()
    [problem] = shown.errors(at)
    assert "likelihood and the impact" in problem
    next(s for s in at.selectbox if s.label == "Likelihood (practitioner)").set_value(3)
    button(at, "Add risk").click().run()
    [problem] = shown.errors(at)
    assert "impact" in problem and "likelihood" not in problem
    kept = next(t for t in at.text_area if t.label.startswith("The activity or choice"))
    assert kept.value == activity  # nothing typed is lost
    next(s for s in at.selectbox if s.label == "Impact (practitioner)").set_value(2)
    button(at, "Add risk").click().run()
    assert not shown.errors(at), shown.errors(at)


def test_a_risk_high_after_mitigation_and_a_different_view_are_flagged(signed_in):
    _seed_risk_for_david(overdue=False)
    at = open_person(signed_in("practitioner"), "David Price", "risks")
    assert any("stays high after mitigation" in w for w in shown.warnings(at))
    assert any("rates this risk differently" in i for i in shown.infos(at))


def test_an_owner_without_an_account_acknowledges_their_action(signed_in):
    action_id = _seed_risk_for_david(overdue=False)
    leo_id = _owner_member(action_id)
    at = open_person(signed_in("practitioner"), "David Price", "risks")
    owners = next(t for t in shown.tables(at) if "Owner" in t.columns)
    assert owners["Acknowledged"].iloc[0] == "No"
    open_expanders(at, "Add an action or acknowledgement")
    action = next(s for s in at.selectbox if s.label == "Action")
    assert action.value is None  # which action is not assumed either
    action.set_value(action_id)
    how = next(s for s in at.selectbox if s.label == "How")
    assert how.value is None  # no way of acknowledging is assumed
    leo = next(s for s in at.selectbox if s.label == "Acknowledged by")
    assert leo.value is None and "Leo Price (Family or friend)" in leo.options
    leo.set_value(leo_id)
    how.set_value(AckMethod.IN_PERSON)
    button(at, "Record").click().run()
    owners = next(t for t in shown.tables(at) if "Owner" in t.columns)
    assert owners["Acknowledged"].iloc[0] == "Leo Price (in person)"  # who, and how


def test_someone_not_in_the_circle_acknowledges_by_name(signed_in):
    action_id = _seed_risk_for_david(overdue=False)
    at = open_expanders(
        open_person(signed_in("practitioner"), "David Price", "risks"),
        "Add an action or acknowledgement",
    )
    next(s for s in at.selectbox if s.label == "Action").set_value(action_id)
    typed = next(t for t in at.text_input if t.label.startswith("Or their name"))
    typed.set_value("Mia Price")
    next(s for s in at.selectbox if s.label == "How").set_value(AckMethod.PHONE)
    button(at, "Record").click().run()
    owners = next(t for t in shown.tables(at) if "Owner" in t.columns)
    assert owners["Acknowledged"].iloc[0] == "Mia Price (phone)"


def test_overdue_actions_surface_on_the_practitioners_home_page(signed_in):
    _seed_risk_for_david(overdue=True)
    at = signed_in("practitioner")
    # With the demo's own overdue action for Peggy (5 days late, so listed first).
    assert any("2 actions are overdue" in w for w in shown.warnings(at))
    overdue = next(t for t in shown.tables(at) if "Person" in t.columns and "Owner" in t.columns)
    assert list(overdue["Person"])[:2] == ["Margaret Hughes", "David Price"]


def test_a_half_finished_risk_survives_a_reload(signed_in):
    first = open_person(signed_in("practitioner"), "Tomasz Nowak", "risks")
    button(first, "Start a risk assessment at this stage").click().run()
    activity = next(t for t in first.text_area if t.label.startswith("The activity or choice"))
    activity.set_value("Going to the football with my brother").run()
    # The tab closes or the connection drops; a new session opens the same person.
    second = open_person(signed_in("practitioner"), "Tomasz Nowak", "risks")
    restored = next(t for t in second.text_area if t.label.startswith("The activity or choice"))
    assert restored.value == "Going to the football with my brother"
    assert any("has been restored" in i for i in shown.infos(second))
    next(s for s in second.selectbox if s.label == "Likelihood (practitioner)").set_value(2).run()
    next(s for s in second.selectbox if s.label == "Impact (practitioner)").set_value(2).run()
    button(second, "Add risk").click().run()
    assert not shown.errors(second), shown.errors(second)
    third = open_person(signed_in("practitioner"), "Tomasz Nowak", "risks")
    assert not [t for t in third.text_area if t.key and t.key.startswith("riskform_")]  # shut
    add_form = [
        t
        for t in open_expanders(third, "Add a risk").text_area
        if t.key and t.key.startswith("riskform_")
    ]
    assert next(t for t in add_form if t.label.startswith("The activity or choice")).value == ""
    assert not any("has been restored" in i for i in shown.infos(third))


def test_a_risk_without_an_activity_is_refused_and_the_draft_kept(signed_in):
    at = open_person(signed_in("practitioner"), "Tomasz Nowak", "risks")
    button(at, "Start a risk assessment at this stage").click().run()
    next(t for t in at.text_area if t.label == "What the person gains from it").set_value(
        "Company"
    ).run()
    button(at, "Add risk").click().run()
    assert any("in the person's words" in e for e in shown.errors(at))
    assert (
        next(t for t in at.text_area if t.label == "What the person gains from it").value
        == "Company"
    )


def test_a_risk_is_changed_on_the_page_and_a_stale_change_is_refused_keeping_the_typing(signed_in):
    _seed_risk_for_david(overdue=False)
    at = open_expanders(
        open_person(signed_in("practitioner"), "David Price", "risks"), "Change risk"
    )
    strengths = next(
        t
        for t in at.text_area
        if t.label == "Strengths and natural support" and t.key and t.key.startswith("riskedit_")
    )
    strengths.set_value("Grandson rides with me; bike serviced monthly")
    button(at, "Save changes to this risk").click().run()
    assert not shown.errors(at), shown.errors(at)
    # Someone else changes the risk; our next edit was made on the older version.
    store = open_store(Settings.from_env())
    manager = accounts.authenticate(store, "manager", "demo-team-manager")
    david = next(p for p in people.caseload(store, by=manager) if p.display_name == "David Price")
    [risk] = risks.assessments_for(store, by=manager, person_id=david.id)[0].risks
    from dataclasses import replace

    newer = RiskInput(
        activity=risk.activity, likelihood=4, impact=5, residual_likelihood=2, residual_impact=5
    )
    risks.update_risk(
        store, by=manager, risk_id=risk.id, expected_version=risk.version, data=replace(newer)
    )
    store.dispose()
    view = next(
        t
        for t in at.text_area
        if t.label == "The person's own view" and t.key and t.key.startswith("riskedit_")
    )
    view.set_value("I ride only in daylight now")
    button(at, "Save changes to this risk").click().run()
    assert any("changed by someone else" in e for e in shown.errors(at))
    kept = next(
        t
        for t in at.text_area
        if t.label == "The person's own view" and t.key and t.key.startswith("riskedit_")
    )
    assert kept.value == "I ride only in daylight now"

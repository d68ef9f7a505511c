"""A safeguarding concern on the person's page (AppTest): where it stands, its history, and only the
next step's form for the roles that may take it, every question unanswered at first."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from risk_app.config import Settings
from risk_app.domain.record.concern_lifecycle import EnquiryKind
from risk_app.domain.record.plan import PlanOutcome
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import people, safeguarding
from tests.ui import shown
from tests.ui.record.test_decision_page import area
from tests.ui.record.test_decision_page import open_as as open_in_section
from tests.ui.record.test_person_page import button


def open_as(at: AppTest, name: str, **options: Any) -> AppTest:
    """Open the person's record at the concern section (only the chosen section is drawn)."""
    return open_in_section(at, name, **{"section": "concern", **options})


def _raise_for(name: str, username: str = "practitioner", password: str = "demo-practitioner-1"):
    store = open_store(Settings.from_env())
    try:
        who = accounts.authenticate(store, username, password)
        pid = next(p.id for p in people.caseload(store, by=who) if p.display_name == name)
        return safeguarding.raise_concern(
            store, by=who, person_id=pid, abuse_types=["AB-FIN"], person_wants="To stay safe"
        )
    finally:
        store.dispose()


def test_a_raised_concern_is_listed_at_once_with_when_its_decision_is_due(signed_in):
    at = open_as(signed_in("practitioner"), "Margaret Hughes")
    at.multiselect(
        key=next(m.key for m in at.multiselect if m.label == "What may be happening")
    ).select("AB-FIN").run()
    area(at, "What does the person want to happen?").set_value("To keep her money safe")
    button(at, "Raise the concern").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert any("decision is due by" in s for s in shown.successes(at)), shown.successes(at)
    assert any(e.label.startswith("Concern ") for e in at.expander)
    assert "To keep her money safe" in shown.all_text(at)


def test_other_or_not_sure_raises_a_concern_with_no_listed_type(signed_in):
    at = open_as(signed_in("practitioner"), "Margaret Hughes")
    button(at, "Raise the concern").click().run()
    assert any("other / not sure" in e for e in shown.errors(at)), shown.errors(at)
    area(at, "Other / not sure").set_value("Unexplained *bruises*")
    area(at, "What does the person want to happen?").set_value("To be asked first")
    button(at, "Raise the concern").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert "Other / not sure: Unexplained *bruises*" in shown.all_text(at)


def _s42_radios(at):
    """The decision's condition radios (one per condition of the nation's test)."""
    return [r for r in at.radio if "_condition_" in (r.key or "")]


def test_a_practitioner_sees_the_concern_waiting_for_a_managers_decision_and_no_decision_form(
    signed_in,
):
    concern = _raise_for("Amina Okafor")  # Amina has no concern in the demo: this is her only one
    at = open_as(signed_in("practitioner"), "Amina Okafor")
    page = shown.all_text(at)
    assert f"Concern {concern.id}" in " ".join(e.label for e in at.expander)
    assert "Raised: Section 42 decision waiting" in page
    assert any("safeguarding lead does this" in i for i in shown.infos(at))
    assert _s42_radios(at) == []
    history = shown.table_with(at, "Step")
    assert list(history["Step"]) == ["Raise the concern"]


def test_a_manager_decides_with_every_question_unanswered_at_first_then_starts_the_enquiry(
    signed_in,
):
    _raise_for("Amina Okafor")  # Amina has no concern in the demo: this is her only one
    at = open_as(signed_in("manager"), "Amina Okafor")
    radios = _s42_radios(at)
    assert len(radios) == 3 and all(r.value is None for r in radios)
    button(at, "Record the Section 42 decision").click().run()
    [error] = shown.errors(at)
    assert "care and support" in error and "abuse or neglect" in error and "reasons" in error
    for radio in _s42_radios(at):
        radio.set_value(True)
    area(at, "Reasons for the decision").set_value("Her dementia means she cannot refuse him")
    button(at, "Record the Section 42 decision").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert "Section 42 decision made" in shown.all_text(at)
    kind = next(r for r in at.radio if r.label == "Kind of enquiry")
    assert kind.value is None and list(kind.options) == ["Section 42 enquiry"]
    button(at, "Start the enquiry").click().run()
    assert any("kind of enquiry" in e for e in shown.errors(at))
    kind = next(r for r in at.radio if r.label == "Kind of enquiry")
    kind.set_value(EnquiryKind.SECTION_42)
    next(t for t in at.text_input if t.label.startswith("Who leads")).set_value("Sam Lee")
    button(at, "Start the enquiry").click().run()
    assert not shown.errors(at), shown.errors(at)
    assert "Enquiry open" in shown.all_text(at)
    outcome = [
        r for r in at.radio if r.label.startswith(("Was the person", "How far", "Where does"))
    ]
    assert len(outcome) == 3 and all(r.value is None for r in outcome)


def test_agreeing_a_plan_while_a_concern_is_open_warns_before_saving_and_needs_the_reason(
    signed_in,
):
    _raise_for("Ravi Shah", "practitioner.south", "demo-practitioner-2")
    at = open_as(
        signed_in("practitioner.south"),
        "Ravi Shah",
        manager="practitioner.south",
        password="demo-practitioner-2",
        section="decisions",  # the plan is validated there
    )
    assert any("still open" in w for w in shown.warnings(at)), shown.warnings(at)
    for check in at.checkbox:
        if check.label.endswith(": met"):
            check.check()
    for field in at.text_input:
        if field.label.startswith("Why ("):
            field.set_value("Checked with Ravi and his support planner")
    [*_, plan_outcome] = (
        s for s in at.selectbox if s.label == "Outcome"
    )  # the plan's, not a decision's
    plan_outcome.set_value(PlanOutcome.AGREED)
    button(at, "Record the validation").click().run()
    assert any("give the reason" in e for e in shown.errors(at)), shown.errors(at)
    area(at, "Why agree the plan now").set_value("His support cannot wait; the lead agreed")
    button(at, "Record the validation").click().run()
    assert any("Recorded: Agreed" in s for s in shown.successes(at)), shown.errors(at)

"""The meeting screen through AppTest: each risk's section files what is typed in it under that
risk, forms clear once something is added, anything can be withdrawn with a reason (kept, marked
and audited), and closing shows Closed at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from risk_app.adapters.tables import AuditEventRow
from risk_app.config import Settings
from risk_app.domain.record.meetings import ItemKind
from risk_app.services import accounts
from risk_app.services.bootstrap import open_store
from risk_app.services.record import circle, meetings, people, risks
from tests.ui import shown
from tests.ui.record.test_decision_page import open_as
from tests.ui.record.test_person_page import button


@dataclass(frozen=True)
class Held:
    meeting_id: int
    first_risk: int
    second_risk: int
    grace: int


def _held(*, circle_too: bool = True) -> Held:
    """Amina's meeting, open, with two risks to discuss and her sister in her circle."""
    store = open_store(Settings.from_env())
    try:
        actor = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
        amina = next(
            p.id for p in people.caseload(store, by=actor) if p.display_name == "Amina Okafor"
        )
        assessment = risks.start_assessment(store, by=actor, person_id=amina)
        first, second = (
            risks.add_risk(
                store,
                by=actor,
                assessment_id=assessment,
                data=risks.RiskInput(activity=activity, likelihood=3, impact=3),
            )
            for activity in ("Travelling to college alone", "Cooking on her own")
        )
        grace = circle.add_member(
            store, by=actor, person_id=amina, name="Grace Okafor", kind="family_or_friend",
            relationship="sister",
        )  # fmt: skip
        made = meetings.open_meeting(
            store,
            by=actor,
            person_id=amina,
            held_on=date.today(),
            title="Risk meeting",
            purpose="Agree how Amina travels and cooks safely",
            chair="Sam Carter",
            attendees=[
                {"name": "Amina Okafor", "agency": "", "role": "person", "present": True},
                {"member_id": grace.id, "present": True},
            ],
        )
        return Held(made.id, first, second, grace.id)
    finally:
        store.dispose()


def _view(held: Held):
    store = open_store(Settings.from_env())
    try:
        actor = accounts.authenticate(store, "practitioner", "demo-practitioner-1")
        return meetings.meeting(store, by=actor, meeting_id=held.meeting_id)
    finally:
        store.dispose()


def _in_section(at: AppTest, held: Held, risk: int | None, kind: str, name: str):
    """The widget `name` of a section's form (risk None: the general section)."""
    part = f"meeting_{held.meeting_id}_section_{risk or 'general'}_"
    widgets = {"area": at.text_area, "input": at.text_input, "select": at.selectbox}[kind]
    return next(w for w in widgets if (w.key or "").startswith(part) and w.key.endswith(name))


def _add_in(at: AppTest, held: Held, risk: int | None) -> None:
    part = f"meeting_{held.meeting_id}_section_{risk or 'general'}_"
    form_button = next(
        b for b in at.button if b.label == "Add to the record" and part in (b.form_id or "")
    )
    form_button.click().run()


def _meeting_page(signed_in) -> AppTest:
    return open_as(signed_in("practitioner"), "Amina Okafor", section="meetings")


def test_a_decision_under_one_risk_and_a_note_under_another_are_each_filed_under_their_own(
    signed_in,
):
    held = _held()
    at = _meeting_page(signed_in)
    _in_section(at, held, held.first_risk, "area", "_decision").set_value("Amina travels alone")
    _in_section(at, held, held.first_risk, "select", "_owner").set_value(f"m{held.grace}")
    _in_section(at, held, held.first_risk, "area", "_action").set_value("Ring after each trip")
    _add_in(at, held, held.first_risk)
    assert not shown.errors(at), shown.errors(at)
    _in_section(at, held, held.second_risk, "area", "_note").set_value("She uses the microwave")
    _add_in(at, held, held.second_risk)
    assert not shown.errors(at), shown.errors(at)
    _in_section(at, held, None, "input", "_party").set_value("Grace Okafor")
    _in_section(at, held, None, "area", "_dissent").set_value("I would rather she stayed in")
    _add_in(at, held, None)
    assert not shown.errors(at), shown.errors(at)

    view = _view(held)
    assert [(i.kind, i.risk_id, i.text) for i in view.items] == [
        (ItemKind.DECISION, held.first_risk, "Amina travels alone"),
        (ItemKind.NOTE, held.second_risk, "She uses the microwave"),
        (ItemKind.DISSENT, None, "I would rather she stayed in"),
    ]
    (action,) = view.actions
    assert (action.owner_name, view.action_risks[int(action.id)]) == (
        "Grace Okafor",
        held.first_risk,
    )
    # Every section's form is empty again, and nothing in one was carried into the next.
    for risk in (held.first_risk, held.second_risk, None):
        for name in ("_decision", "_dissent", "_note", "_action"):
            assert _in_section(at, held, risk, "area", name).value == ""
        assert _in_section(at, held, risk, "select", "_owner").value is None
    # A second click on an empty form adds nothing twice: it asks for something to add.
    _add_in(at, held, held.first_risk)
    assert any("Write a decision" in e for e in shown.errors(at))
    assert len(_view(held).items) == 3


def test_a_form_with_a_mistake_stores_nothing_and_keeps_what_was_typed(signed_in):
    held = _held()
    at = _meeting_page(signed_in)
    _in_section(at, held, held.first_risk, "area", "_decision").set_value("Amina travels alone")
    _in_section(at, held, held.first_risk, "area", "_action").set_value("Ring after each trip")
    _add_in(at, held, held.first_risk)
    assert any("Choose who will do it" in e for e in shown.errors(at))
    assert _view(held).items == ()
    decision = _in_section(at, held, held.first_risk, "area", "_decision")
    assert decision.value == "Amina travels alone"


def test_something_withdrawn_stays_on_screen_marked_with_its_reason_and_is_audited(signed_in):
    held = _held()
    at = _meeting_page(signed_in)
    _in_section(at, held, held.first_risk, "area", "_decision").set_value("Amina travels alone")
    _add_in(at, held, held.first_risk)
    (item,) = _view(held).items
    what = next(s for s in at.selectbox if s.label == "What to withdraw")
    assert what.value is None  # nothing chosen for the user
    what.set_value(f"i{item.id}")
    next(t for t in at.text_area if t.label == "Why it is withdrawn").set_value("Wrong risk")
    button(at, "Withdraw").click().run()
    assert not shown.errors(at), shown.errors(at)
    recorded = next(t for t in shown.tables(at) if {"No.", "Recorded"} <= set(t.columns))
    assert list(recorded["Recorded"]) == ["Amina travels alone"]
    assert list(recorded["Note"]) == ["Withdrawn: Wrong risk"]
    assert next(s for s in at.selectbox if s.label == "What to withdraw").value is None
    assert _view(held).items[0].withdrawn is not None
    store = open_store(Settings.from_env())
    try:
        with store.read() as session:
            events = session.scalars(
                select(AuditEventRow).where(
                    AuditEventRow.object_type == "meeting_item", AuditEventRow.action == "change"
                )
            ).all()
    finally:
        store.dispose()
    assert [e.object_id for e in events] == [str(item.id)]
    assert "Wrong risk" not in events[0].detail


def test_withdrawing_without_a_reason_is_refused_and_nothing_is_withdrawn(signed_in):
    held = _held()
    at = _meeting_page(signed_in)
    attendee = _view(held).attendees[1]
    next(s for s in at.selectbox if s.label == "What to withdraw").set_value(f"a{attendee.id}")
    button(at, "Withdraw").click().run()
    assert any("Say why it is being withdrawn" in e for e in shown.errors(at))
    assert _view(held).attendees[1].withdrawn is None


def test_closing_shows_closed_at_once_in_the_header_and_the_list(signed_in):
    _held()
    at = _meeting_page(signed_in)
    at.date_input(key=next(d.key for d in at.date_input if d.label == "Next meeting")).set_value(
        date.today() + timedelta(weeks=6)
    )
    button(at, "Close the meeting").click().run()
    assert not shown.errors(at), shown.errors(at)
    listed = next(t for t in shown.tables(at) if "Open actions" in t.columns)
    assert list(listed["Status"]) == ["Closed"]
    assert any(h.endswith("(Closed)") for h in shown.texts(at, "heading"))
    assert any("Closed." in s for s in shown.successes(at))
    assert not [b for b in at.button if b.label == "Add to the record"]
    assert [s for s in at.selectbox if s.label == "Which entry does this correct"] == []


def test_an_action_without_an_owner_is_refused_with_nothing_stored_and_every_word_kept(
    signed_in,
):
    held = _held()
    at = _meeting_page(signed_in)
    _in_section(at, held, held.first_risk, "area", "_decision").set_value("Amina travels alone")
    _in_section(at, held, held.first_risk, "area", "_action").set_value("Ring after each trip")
    _add_in(at, held, held.first_risk)
    assert any("Choose who will do it" in e for e in shown.errors(at)), shown.errors(at)
    view = _view(held)
    assert (view.items, view.actions) == ((), ())  # not the decision without its action
    decision = _in_section(at, held, held.first_risk, "area", "_decision")
    assert decision.value == "Amina travels alone"
    assert _in_section(at, held, held.first_risk, "area", "_action").value == (
        "Ring after each trip"
    )
    # Said again with the owner chosen, it is recorded once: nothing of the refusal is left over.
    _in_section(at, held, held.first_risk, "select", "_owner").set_value(f"m{held.grace}")
    _add_in(at, held, held.first_risk)
    assert not shown.errors(at), shown.errors(at)
    view = _view(held)
    assert [i.text for i in view.items] == ["Amina travels alone"]
    assert [a.description for a in view.actions] == ["Ring after each trip"]
